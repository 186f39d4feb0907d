package ops

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

// Inbox is what a person's inbox shows: a page of notifications, the live
// calendar addresses and the plans a new address may be made for.
type Inbox struct {
	NotificationPage
	Feeds []Feed
	Plans []*kehoach.Plan
}

// NotificationsPerPage is how many notifications a page lists.
const NotificationsPerPage = 50

// NotificationPage is one page of a person's notifications, newest first.
type NotificationPage struct {
	Items []*notify.Notification
	// Page is the page shown, from 1; Pages how many there are (at least 1).
	Page, Pages int
	// Unread is how many of all the person's notifications are unread.
	Unread int
	// Groups groups the page's items per plan, then per unit: the plan and
	// the unit with the newest notice first, newest first within.
	Groups []NoticePlanGroup
}

// NoticePlanGroup is a plan's notices on a page, per unit.
type NoticePlanGroup struct {
	PlanID string
	// Title names the plan; "" for notices about no plan.
	Title         string
	Count, Unread int
	Units         []NoticeUnitGroup
}

// NoticeUnitGroup is the notices about one unit of a plan, newest first.
type NoticeUnitGroup struct {
	UnitID string
	// Name names the unit; "" for notices about no unit.
	Name          string
	Count, Unread int
	Items         []*notify.Notification
}

// groupNotices groups items (newest first) per plan and unit, naming each
// plan a may read and each unit.
func (s *Service) groupNotices(ctx context.Context, a *kehoach.Actor, items []*notify.Notification) []NoticePlanGroup {
	var out []NoticePlanGroup
	plans := map[string]int{}
	for _, n := range items {
		pi, ok := plans[n.PlanID]
		if !ok {
			g := NoticePlanGroup{PlanID: n.PlanID}
			if n.PlanID != "" {
				if p, err := s.Plan(ctx, a, n.PlanID); err == nil {
					g.Title = p.FullTitle()
				}
			}
			pi, plans[n.PlanID] = len(out), len(out)
			out = append(out, g)
		}
		g := &out[pi]
		ui := -1
		for i := range g.Units {
			if g.Units[i].UnitID == n.UnitID {
				ui = i
			}
		}
		if ui < 0 {
			u := NoticeUnitGroup{UnitID: n.UnitID}
			if unit := a.Tree.Unit(n.UnitID); unit != nil && n.UnitID != "" {
				u.Name = unit.Name
			}
			ui = len(g.Units)
			g.Units = append(g.Units, u)
		}
		u := &g.Units[ui]
		u.Items = append(u.Items, n)
		g.Count++
		u.Count++
		if n.ReadAt == nil {
			g.Unread++
			u.Unread++
		}
	}
	return out
}

// Notifications returns page (from 1; the last when beyond it) of a's
// notifications.
func (s *Service) Notifications(ctx context.Context, a *kehoach.Actor, page int) (*NotificationPage, error) {
	if a == nil || a.Person == nil {
		return nil, Forbidden()
	}
	total, err := s.store.CountNotifications(ctx, a.ID())
	if err != nil {
		return nil, err
	}
	out := &NotificationPage{Pages: max(1, (total+NotificationsPerPage-1)/NotificationsPerPage)}
	out.Page = min(max(page, 1), out.Pages)
	if out.Items, err = s.store.FindNotificationsPage(ctx, a.ID(), (out.Page-1)*NotificationsPerPage, NotificationsPerPage); err != nil {
		return nil, err
	}
	if out.Unread, err = s.store.CountUnreadNotifications(ctx, a.ID()); err != nil {
		return nil, err
	}
	out.Groups = s.groupNotices(ctx, a, out.Items)
	return out, nil
}

// ReadAllNotifications marks all of a's notifications read and returns how
// many were unread.
func (s *Service) ReadAllNotifications(ctx context.Context, a *kehoach.Actor) (int, error) {
	if a == nil || a.Person == nil {
		return 0, Forbidden()
	}
	n, err := s.store.MarkAllNotificationsRead(as(ctx, a))
	a.Unread = nil // the count read with the session is past
	return n, s.commit(err)
}

// Feed is a calendar address with the name of what it covers.
type Feed struct {
	Feed  *notify.CalendarFeed
	Label string
}

// Inbox returns page (from 1) of a's inbox.
func (s *Service) Inbox(ctx context.Context, a *kehoach.Actor, page int) (*Inbox, error) {
	np, err := s.Notifications(ctx, a, page)
	if err != nil {
		return nil, err
	}
	out := &Inbox{NotificationPage: *np}
	feeds, err := s.store.FindCalendarFeeds(ctx, a.ID())
	if err != nil {
		return nil, err
	}
	if out.Plans, err = s.Plans(ctx, a, kehoach.PlanFilter{}); err != nil {
		return nil, err
	}
	for _, f := range feeds {
		if f.RevokedAt == nil {
			out.Feeds = append(out.Feeds, Feed{Feed: f, Label: s.feedLabel(ctx, a, f)})
		}
	}
	return out, nil
}

func (s *Service) feedLabel(ctx context.Context, a *kehoach.Actor, f *notify.CalendarFeed) string {
	if f.Scope == notify.ScopeUnit {
		if u := a.Tree.Unit(f.ScopeID); u != nil {
			return u.Name
		}
	}
	if p, err := s.Plan(ctx, a, f.ScopeID); err == nil {
		return p.FullTitle()
	}
	return f.ScopeID
}

// UnreadNotifications returns how many of a's notifications are unread.
func (s *Service) UnreadNotifications(ctx context.Context, a *kehoach.Actor) (int, error) {
	if a == nil || a.Person == nil {
		return 0, nil
	}
	if a.Unread != nil {
		return *a.Unread, nil // read with the session, in the same statement
	}
	return s.store.CountUnreadNotifications(ctx, a.ID())
}

// ReadNotification marks one of a's notifications read and returns it (its
// link is where the person goes next). Someone else's is not found.
func (s *Service) ReadNotification(ctx context.Context, a *kehoach.Actor, id string) (*notify.Notification, error) {
	n, err := s.store.FindNotification(ctx, id)
	if err != nil {
		return nil, err
	}
	if a == nil || a.Person == nil || n.PersonID != a.ID() {
		return nil, notFound("thông báo")
	}
	if n.ReadAt == nil {
		a.Unread = nil // the count read with the session is past
		if err := s.commit(s.store.MarkNotificationRead(as(ctx, a), n.ID)); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// Notices returns a's latest notices about obstacles, newest first.
func (s *Service) Notices(ctx context.Context, a *kehoach.Actor, limit int) ([]*kehoach.Notice, error) {
	if a == nil || a.Person == nil {
		return nil, Forbidden()
	}
	return s.store.FindNotices(ctx, a.ID(), limit)
}

// MarkNoticesRead marks all of a's notices about obstacles read.
func (s *Service) MarkNoticesRead(ctx context.Context, a *kehoach.Actor) error {
	if a == nil || a.Person == nil {
		return Forbidden()
	}
	return s.store.MarkNoticesRead(as(ctx, a))
}

// FeedInput asks for a secret calendar address: of a's own unit (Scope
// "unit") or of a plan a may read (Scope "plan" with PlanID).
type FeedInput struct {
	Scope  string `json:"scope"`
	PlanID string `json:"planId"`
}

// CreateCalendarFeed makes a secret calendar address for a and returns its
// token, which is shown once.
func (s *Service) CreateCalendarFeed(ctx context.Context, a *kehoach.Actor, in FeedInput) (string, error) {
	if err := cleanInput(&in); err != nil {
		return "", err
	}
	if a == nil || a.Person == nil {
		return "", Forbidden()
	}
	f := &notify.CalendarFeed{PersonID: a.ID()}
	switch notify.FeedScope(in.Scope) {
	case notify.ScopeUnit:
		f.Scope, f.ScopeID = notify.ScopeUnit, a.UnitID()
		if f.ScopeID == "" || !a.CanReadUnitWork(f.ScopeID) {
			return "", Forbidden()
		}
	case notify.ScopePlan:
		p, err := s.Plan(ctx, a, in.PlanID)
		if err != nil {
			if kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
				return "", err
			}
			return "", kehoach.Invalid(map[string]string{"plan": "Chọn một kế hoạch."})
		}
		f.Scope, f.ScopeID = notify.ScopePlan, p.ID
	default:
		return "", kehoach.Invalid(map[string]string{"scope": "Chọn lịch của đơn vị hoặc của một kế hoạch."})
	}
	tok, err := s.store.CreateCalendarFeed(as(ctx, a), f)
	return committed(s, tok, err)
}

// RevokeCalendarFeed turns one of a's calendar addresses off for good.
// Others' addresses are not found: only the owner knows of one.
func (s *Service) RevokeCalendarFeed(ctx context.Context, a *kehoach.Actor, id string) error {
	f, err := s.store.FindCalendarFeed(ctx, id)
	if err != nil {
		return err
	}
	if a == nil || a.Person == nil || f.PersonID != a.ID() {
		return notFound("lịch")
	}
	return s.commit(s.store.RevokeCalendarFeed(as(ctx, a), f.ID))
}

// Calendar returns the calendar of a secret address: the due dates of the
// unit's (or the plan's) obligations and the plan's dated events. The
// secret is the only credential, so the calendar holds no more than its
// owner could see now; a revoked address, or one whose owner left, is not
// found.
func (s *Service) Calendar(ctx context.Context, token string) (*notify.Calendar, error) {
	ctx = readOnly(ctx)
	f, err := s.store.FindCalendarFeedByToken(ctx, token)
	if err != nil || f.RevokedAt != nil {
		return nil, notFound("lịch")
	}
	person, err := s.store.FindPersonByID(ctx, f.PersonID)
	if err != nil || !person.Active {
		return nil, notFound("lịch")
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	a := &kehoach.Actor{Person: person, Tree: tree, Via: "calendar"}
	filter := kehoach.ObligationFilter{}
	now := s.Now()
	cal := &notify.Calendar{Name: "kehoach", Stamp: now}
	switch f.Scope {
	case notify.ScopeUnit:
		filter.UnitID = &f.ScopeID
		if u := tree.Unit(f.ScopeID); u != nil {
			cal.Name = u.Name
		}
	default:
		filter.PlanID = &f.ScopeID
	}
	obls, err := s.store.FindObligations(ctx, filter)
	if err != nil {
		return nil, err
	}
	plans := map[string]*kehoach.Plan{}
	var dues []notify.Due
	for _, o := range obls {
		p, ok := plans[o.PlanID]
		if !ok {
			if p, err = s.Plan(ctx, a, o.PlanID); err != nil {
				p = nil
			}
			plans[o.PlanID] = p
		}
		if p == nil || !a.CanReadUnitWork(o.UnitID) {
			continue
		}
		// The item says the kind of obligation; the label says whose.
		label := p.FullTitle()
		if f.Scope == notify.ScopePlan {
			if u := tree.Unit(o.UnitID); u != nil {
				label = u.Name
			}
		}
		dues = append(dues, notify.DueFromObligation(o, label, now))
	}
	cal.Items = notify.DueItems(dues, "")
	if f.Scope == notify.ScopePlan {
		if p, err := s.Plan(ctx, a, f.ScopeID); err == nil {
			cal.Name = p.FullTitle()
			cal.Items = append(cal.Items, eventItems(p)...)
		}
	}
	return cal, nil
}

// eventItems returns the plan's dated events as calendar items.
func eventItems(p *kehoach.Plan) []notify.CalendarItem {
	var out []notify.CalendarItem
	for i, ev := range p.Events {
		d, ok := EventDay(ev)
		if !ok {
			continue
		}
		item := notify.CalendarItem{UID: p.ID + "-event-" + strconv.Itoa(i) + "@kehoach", Summary: ev.Name, Date: d}
		if ev.Place != nil {
			item.Location = *ev.Place
		}
		if ev.Tentative {
			item.Description = "Dự kiến"
		}
		out = append(out, item)
	}
	return out
}

// ReminderInput is the Office's own reminder to a unit about a plan.
type ReminderInput struct {
	UnitID       string `json:"unitId"`
	ObligationID string `json:"obligationId"`
	Message      string `json:"message"`
	// Key makes the request idempotent: the same key queues one reminder.
	Key string `json:"key"`
}

// SendReminder queues the Office's reminder to a unit's people, in the app
// and by e-mail, and delivers it at once. It returns the reminders queued.
func (s *Service) SendReminder(ctx context.Context, a *kehoach.Actor, planID string, in ReminderInput) ([]*notify.Reminder, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if s.reminders == nil {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Chức năng nhắc việc đang tắt trên máy chủ này.")
	}
	m := notify.Manual{PlanID: p.ID, UnitID: strings.TrimSpace(in.UnitID), ObligationID: in.ObligationID, Label: p.FullTitle(),
		Message: in.Message, Key: in.Key}
	pr := Problems{}
	if m.UnitID == "" || !a.CanReadUnitWork(m.UnitID) {
		pr.Add("unitId", "Chọn đơn vị cần đôn đốc.")
	}
	if err := m.Validate(); err != nil {
		for k, v := range kehoach.ErrorFields(err) {
			pr.Add(k, v)
		}
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return s.reminders.SendManual(as(ctx, a), m)
}

// SentReminders returns the reminders queued for the plan, newest first,
// at most limit of them (0 for all), for whoever may read the plan.
func (s *Service) SentReminders(ctx context.Context, a *kehoach.Actor, planID string, limit int) ([]*notify.Reminder, error) {
	return ofPlan(ctx, a, planID, s.Plan, func(ctx context.Context, id string) ([]*notify.Reminder, error) {
		return s.store.FindReminders(ctx, notify.ReminderFilter{PlanID: &id, Limit: limit})
	})
}

// NotificationItem is a notification as the API lists it.
type NotificationItem struct {
	ID string `json:"id"`
	// PlanID and UnitID say what the notice is about ("" when nothing).
	PlanID    string    `json:"planId"`
	UnitID    string    `json:"unitId"`
	Text      string    `json:"text"`
	Detail    string    `json:"detail"`
	Link      string    `json:"link"`
	CreatedAt time.Time `json:"createdAt"`
	Read      bool      `json:"read"`
}

// NotificationList is a page of a person's notifications as the API
// answers it.
type NotificationList struct {
	Notifications []NotificationItem `json:"notifications"`
	Unread        int                `json:"unread"`
	Page          int                `json:"page"`
	Pages         int                `json:"pages"`
}

// NotificationList returns page (from 1) of a's notifications for the API.
func (s *Service) NotificationList(ctx context.Context, a *kehoach.Actor, page int) (*NotificationList, error) {
	np, err := s.Notifications(ctx, a, page)
	if err != nil {
		return nil, err
	}
	out := &NotificationList{Notifications: make([]NotificationItem, 0, len(np.Items)), Unread: np.Unread, Page: np.Page, Pages: np.Pages}
	for _, n := range np.Items {
		out.Notifications = append(out.Notifications, NotificationItem{ID: n.ID, PlanID: n.PlanID, UnitID: n.UnitID, Text: n.Title, Detail: n.Body, Link: n.Link, CreatedAt: n.CreatedAt, Read: n.ReadAt != nil})
	}
	return out, nil
}
