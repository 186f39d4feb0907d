package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

type inboxData struct {
	Items []*notify.Notification
	Feeds []feedRow
	Plans []*kehoach.Plan
	// NewFeed is the address of a feed just created (shown once).
	NewFeed string
}

type feedRow struct {
	Feed  *notify.CalendarFeed
	Label string
}

func (s *server) inbox(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	items, err := s.DB.FindNotifications(r.Context(), a.ID(), false, 100)
	if err != nil {
		return err
	}
	feeds, err := s.DB.FindCalendarFeeds(r.Context(), a.ID())
	if err != nil {
		return err
	}
	plans, err := s.readablePlans(r, a, kehoach.PlanFilter{})
	if err != nil {
		return err
	}
	d := inboxData{Items: items, Plans: plans}
	for _, f := range feeds {
		if f.RevokedAt != nil {
			continue
		}
		label := s.feedLabel(r, a, f)
		d.Feeds = append(d.Feeds, feedRow{Feed: f, Label: label})
	}
	if tok := r.URL.Query().Get("feed"); tok != "" {
		d.NewFeed = s.baseURL(r) + "/calendar/" + tok + ".ics"
	}
	s.render(w, r, http.StatusOK, "inbox", s.newPage(r, Translate(langOf(r), "Thông báo và lịch"), d))
	return nil
}

func (s *server) feedLabel(r *http.Request, a *kehoach.Actor, f *notify.CalendarFeed) string {
	if f.Scope == notify.ScopeUnit {
		if u := a.Tree.Unit(f.ScopeID); u != nil {
			return u.Name
		}
	}
	if p, err := s.DB.FindPlanByID(r.Context(), f.ScopeID); err == nil {
		return p.FullTitle()
	}
	return f.ScopeID
}

func (s *server) markRead(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	items, err := s.DB.FindNotifications(r.Context(), a.ID(), false, 500)
	if err != nil {
		return err
	}
	for _, n := range items {
		if n.ID == r.PathValue("id") {
			if n.ReadAt == nil {
				if err := s.DB.MarkNotificationRead(r.Context(), n.ID); err != nil {
					return err
				}
			}
			next := "/notifications"
			if n.Link != "" && strings.HasPrefix(n.Link, "/") {
				next = n.Link
			}
			http.Redirect(w, r, localNext(next), http.StatusSeeOther)
			return nil
		}
	}
	return notFound()
}

// createFeed makes a secret calendar address for the actor's unit or for a
// plan the actor may read.
func (s *server) createFeed(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := &notify.CalendarFeed{PersonID: a.ID()}
	switch r.PostFormValue("scope") {
	case "unit":
		f.Scope, f.ScopeID = notify.ScopeUnit, a.UnitID()
		if f.ScopeID == "" || !a.CanReadUnitWork(f.ScopeID) {
			return forbidden()
		}
	case "plan":
		p, err := s.DB.FindPlanByID(r.Context(), r.PostFormValue("plan"))
		if err != nil || !a.CanReadPlan(p) {
			return kehoach.Invalid(map[string]string{"plan": "Chọn một kế hoạch."})
		}
		f.Scope, f.ScopeID = notify.ScopePlan, p.ID
	default:
		return kehoach.Invalid(map[string]string{"scope": "Chọn lịch của đơn vị hoặc của một kế hoạch."})
	}
	tok, err := s.DB.CreateCalendarFeed(r.Context(), f)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/notifications?feed="+urlQueryEscape(tok), http.StatusSeeOther)
	return nil
}

func (s *server) revokeFeed(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	feeds, err := s.DB.FindCalendarFeeds(r.Context(), a.ID())
	if err != nil {
		return err
	}
	for _, f := range feeds {
		if f.ID == r.PathValue("id") {
			if err := s.DB.RevokeCalendarFeed(r.Context(), f.ID); err != nil {
				return err
			}
			http.Redirect(w, r, "/notifications", http.StatusSeeOther)
			return nil
		}
	}
	return notFound()
}

// calendar serves a feed by its secret: due dates of the unit's (or the
// plan's) obligations and the plan's dated events. The secret is the only
// credential, so the feed holds no more than the person could see.
func (s *server) calendar(w http.ResponseWriter, r *http.Request) {
	tok := strings.TrimSuffix(r.PathValue("file"), ".ics")
	f, err := s.DB.FindCalendarFeedByToken(r.Context(), tok)
	if err != nil || f.RevokedAt != nil {
		s.renderError(w, r, notFound())
		return
	}
	ctx := r.Context()
	person, err := s.DB.FindPersonByID(ctx, f.PersonID)
	if err != nil || !person.Active {
		s.renderError(w, r, notFound())
		return
	}
	tree, err := s.DB.OrgTree(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a := &kehoach.Actor{Person: person, Tree: tree, Via: "calendar"}
	filter := kehoach.ObligationFilter{}
	name := "kehoach"
	switch f.Scope {
	case notify.ScopeUnit:
		filter.UnitID = &f.ScopeID
		if u := tree.Unit(f.ScopeID); u != nil {
			name = u.Name
		}
	default:
		filter.PlanID = &f.ScopeID
	}
	obls, err := s.DB.FindObligations(ctx, filter)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	now := s.DB.Clock.Now()
	plans := map[string]*kehoach.Plan{}
	var dues []notify.Due
	for _, o := range obls {
		p, ok := plans[o.PlanID]
		if !ok {
			if p, err = s.DB.FindPlanByID(ctx, o.PlanID); err != nil {
				continue
			}
			plans[o.PlanID] = p
		}
		if !a.CanReadPlan(p) || !a.CanReadUnitWork(o.UnitID) {
			continue
		}
		label := obligationKindName(Vietnamese, o.Kind) + " – " + p.FullTitle()
		if f.Scope == notify.ScopePlan {
			label = obligationKindName(Vietnamese, o.Kind) + " – " + a.Tree.Unit(o.UnitID).Name
		}
		dues = append(dues, notify.DueFromObligation(o, label, now))
	}
	cal := notify.Calendar{Name: name, Stamp: now, Items: notify.DueItems(dues, "")}
	if f.Scope == notify.ScopePlan {
		if p, err := s.DB.FindPlanByID(ctx, f.ScopeID); err == nil && a.CanReadPlan(p) {
			cal.Name = p.FullTitle()
			for i, ev := range p.Events {
				if ev.Date == nil {
					continue
				}
				d, err := time.ParseInLocation(time.DateOnly, *ev.Date, kehoach.Zone)
				if err != nil {
					continue
				}
				item := notify.CalendarItem{UID: p.ID + "-event-" + strconv.Itoa(i) + "@kehoach", Summary: ev.Name, Date: d}
				if ev.Place != nil {
					item.Location = *ev.Place
				}
				if ev.Tentative {
					item.Description = "Dự kiến"
				}
				cal.Items = append(cal.Items, item)
			}
		}
	}
	var buf bytes.Buffer
	if err := notify.WriteICS(&buf, cal); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	_, _ = w.Write(buf.Bytes())
}

// remind sends the Office's manual reminder to a unit from the monitoring
// page.
func (s *server) remind(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if s.Reminders == nil {
		return kehoach.Errorf(kehoach.ECONFLICT, "Chức năng nhắc việc đang tắt trên máy chủ này.")
	}
	if err := parseForm(r); err != nil {
		return err
	}
	unit := r.PostFormValue("unit")
	if unit == "" || !a.CanReadUnitWork(unit) {
		return kehoach.Invalid(map[string]string{"unit": "Chọn đơn vị cần đôn đốc."})
	}
	m := notify.Manual{PlanID: p.ID, UnitID: unit, ObligationID: r.PostFormValue("obligation"), Label: p.FullTitle(),
		Message: r.PostFormValue("message"), Key: r.PostFormValue("key")}
	if _, err := s.Reminders.SendManual(r.Context(), m); err != nil {
		if kehoach.ErrorCode(err) == kehoach.EINVALID {
			d, derr := s.monitorData(r, a, p)
			if derr != nil {
				return derr
			}
			d.RemindUnit, d.RemindMessage = unit, m.Message
			d.RemindProblem = kehoach.ErrorMessage(err)
			for _, v := range kehoach.ErrorFields(err) {
				d.RemindProblem = v
			}
			d.RemindProblem = Translate(langOf(r), d.RemindProblem)
			s.render(w, r, http.StatusBadRequest, "monitoring", s.newPage(r, Translate(langOf(r), "Theo dõi thực hiện"), d))
			return nil
		}
		return err
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/monitoring?reminded="+urlQueryEscape(unit), http.StatusSeeOther)
	return nil
}
