package ops

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// The communications of a plan: news items, messages and contacts, events
// with their attendance and photos, and the publication of the public
// campaign page. The rules: a unit's head (or the Office on its behalf)
// records the unit's news items; the Office writes the messages and
// contacts, plans the events and publishes the page; the unit taking part
// in an event records its attendance and photos.

// merge adds the problems of err (an [kehoach.EINVALID] error) to p.
func (p Problems) merge(err error) {
	for k, v := range kehoach.ErrorFields(err) {
		p.Add(k, v)
	}
}

// commsUnit checks that unitID names a unit of the plan's agency.
func commsUnit(a *kehoach.Actor, p *kehoach.Plan, unitID string, bad Problems) {
	if unitID == "" || a.Tree == nil {
		return
	}
	if a.Tree.Unit(unitID) == nil || !a.Tree.IsWithin(unitID, p.AgencyID) {
		bad.Add("unitId", "Đơn vị không tồn tại hoặc không thuộc cơ quan của kế hoạch.")
	}
}

// CommsUnits are the units of the plan's agency that a may record news
// items or events for.
func CommsUnits(a *kehoach.Actor, p *kehoach.Plan) []*kehoach.OrgUnit {
	if a == nil || a.Tree == nil {
		return nil
	}
	return keep(agencyUnits(a.Tree, p.AgencyID), func(u *kehoach.OrgUnit) bool { return a.CanChangeUnitWork(u.ID) })
}

// AddCommsIndicators adds to the catalogue, when missing, the indicators
// that communications feed, ahead of the others: the administrator's work.
// (The first event recorded adds them too, after the others.)
func (s *Service) AddCommsIndicators(ctx context.Context, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return Forbidden()
	}
	return s.commit(s.store.EnsureIndicators(as(ctx, a), kehoach.CommsIndicators))
}

// ---- news items ----

// PostInput is a news item as a unit records or changes it; its JSON names
// are those of the API.
type PostInput struct {
	UnitID      string           `json:"unitId"`
	TaskID      string           `json:"taskId"`
	Title       string           `json:"title"`
	URL         string           `json:"url"`
	Kind        kehoach.PostKind `json:"kind"`
	PublishedOn string           `json:"publishedOn"`
	Minutes     *float64         `json:"minutes"`
	// Unread names the fields a door could not read (see SetMinutesText).
	Unread Problems `json:"-"`
}

// SetMinutesText reads a length typed "12", "12,5" or "12.5" (empty for
// none); text that is no number becomes a problem of the field.
func (in *PostInput) SetMinutesText(s string) {
	s = strings.TrimSpace(s)
	in.Minutes = nil
	if s == "" {
		return
	}
	v, _, err := ReadNumber(s, false)
	if err != nil {
		in.unread("minutes", "Thời lượng phải là một số phút, ví dụ 12 hoặc 12,5.")
		return
	}
	in.Minutes = &v
}

func (in *PostInput) unread(field, msg string) {
	if in.Unread == nil {
		in.Unread = Problems{}
	}
	in.Unread.Add(field, msg)
}

// PostsView is what the news items page of a plan shows.
type PostsView struct {
	Plan  *kehoach.Plan
	Posts []*kehoach.Post
	// UnitNames names the units of the items.
	UnitNames map[string]string
	// Editable holds the ids of the items a may change or delete.
	Editable map[string]bool
	// Minutes is the total length of the items.
	Minutes   float64
	Published bool
	// CanEdit: a is the Office of the plan's agency.
	CanEdit bool
	// Units a may record items for, and the plan's tasks, for the form.
	Units []*kehoach.OrgUnit
	Tasks []*kehoach.Task
}

// Posts returns the news items of a plan a may read, newest first.
func (s *Service) Posts(ctx context.Context, a *kehoach.Actor, planID string) ([]*kehoach.Post, error) {
	return ofPlan(ctx, a, planID, s.Plan, func(ctx context.Context, id string) ([]*kehoach.Post, error) {
		return s.store.FindPosts(ctx, kehoach.PostFilter{PlanID: id})
	})
}

// PostsView returns the news items page of a plan a may read.
func (s *Service) PostsView(ctx context.Context, a *kehoach.Actor, planID string) (*PostsView, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	v := &PostsView{Plan: p, UnitNames: map[string]string{}, Editable: map[string]bool{}, CanEdit: a.CanEditPlan(p.AgencyID), Units: CommsUnits(a, p)}
	if v.Posts, err = s.store.FindPosts(ctx, kehoach.PostFilter{PlanID: p.ID}); err != nil {
		return nil, err
	}
	for _, x := range v.Posts {
		if u := a.Tree.Unit(x.UnitID); u != nil {
			v.UnitNames[x.UnitID] = u.Name
		}
		v.Editable[x.ID] = a.CanChangeUnitWork(x.UnitID)
		if x.Minutes != nil {
			v.Minutes += *x.Minutes
		}
	}
	pub, err := s.store.FindPublication(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	v.Published = pub.Published
	if v.Tasks, err = s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID}); err != nil {
		return nil, err
	}
	return v, nil
}

// post returns the news item id when a may read its plan and, when planID
// is set, it belongs to that plan.
func (s *Service) post(ctx context.Context, a *kehoach.Actor, planID, id string) (*kehoach.Post, *kehoach.Plan, error) {
	return inPlan(ctx, s, a, planID, id, "tin, bài", s.store.FindPostByID, func(x *kehoach.Post) string { return x.PlanID })
}

// inPlan returns thing id (what), found by find, and its plan, planOf(it),
// when a may read the plan and, when planID is set, it is that plan;
// otherwise the thing is not found.
func inPlan[T any](ctx context.Context, s *Service, a *kehoach.Actor, planID, id, what string,
	find func(context.Context, string) (T, error), planOf func(T) string) (T, *kehoach.Plan, error) {
	var none T
	x, err := find(ctx, id)
	if err != nil {
		return none, nil, err
	}
	if of := planOf(x); planID == "" || of == planID {
		if p, err := s.Plan(ctx, a, of); err == nil {
			return x, p, nil
		}
	}
	return none, nil, notFound(what)
}

// EditablePost returns the news item id of plan planID ("" for any plan)
// when a may change it: the head of its unit or the Office.
func (s *Service) EditablePost(ctx context.Context, a *kehoach.Actor, planID, id string) (*kehoach.Post, error) {
	post, _, err := s.post(ctx, a, planID, id)
	if err != nil {
		return nil, err
	}
	if !a.CanChangeUnitWork(post.UnitID) {
		return nil, kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn chỉ sửa, xóa tin, bài của đơn vị mình.")
	}
	return post, nil
}

// checkPost checks a news item of plan p that a records: the rights to its
// unit, then every problem by field.
func (s *Service) checkPost(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, in PostInput) (*kehoach.Post, error) {
	if len(CommsUnits(a, p)) == 0 && !a.CanEditPlan(p.AgencyID) {
		return nil, kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn không có quyền ghi nhận tin, bài.")
	}
	post := &kehoach.Post{PlanID: p.ID, UnitID: in.UnitID, TaskID: in.TaskID, Title: in.Title, URL: in.URL, Kind: in.Kind,
		PublishedOn: strings.TrimSpace(in.PublishedOn), Minutes: in.Minutes}
	bad := Problems{}
	for k, v := range in.Unread {
		bad.Add(k, v)
	}
	if err := post.Validate(p, s.Now()); err != nil {
		bad.merge(err)
	}
	if _, ok := bad["minutes"]; ok && in.Unread["minutes"] != "" {
		// What was typed is not a number: keep that message.
		bad["minutes"] = in.Unread["minutes"]
	}
	commsUnit(a, p, post.UnitID, bad)
	if post.TaskID != "" {
		t, err := s.store.FindTaskByID(ctx, post.TaskID)
		if err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			return nil, err
		}
		if t == nil || t.PlanID != p.ID {
			bad.Add("taskId", "Nhiệm vụ không thuộc kế hoạch này.")
		}
	}
	if _, err := kehoach.NormalizeURL(post.URL); err != nil {
		bad.Add("url", "Đường dẫn không hợp lệ.")
	}
	if _, ok := bad["unitId"]; !ok && post.UnitID != "" && !a.CanChangeUnitWork(post.UnitID) {
		return nil, kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn chỉ ghi nhận tin, bài cho đơn vị của mình.")
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	if !post.Kind.Timed() {
		post.Minutes = nil
	}
	return post, nil
}

// CreatePost records a news item of plan planID for its unit. The same
// link (written differently) twice in a plan is a conflict naming the
// item that has it.
func (s *Service) CreatePost(ctx context.Context, a *kehoach.Actor, planID string, in PostInput) (*kehoach.Post, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	post, err := s.checkPost(ctx, a, p, in)
	if err != nil {
		return nil, err
	}
	return committed(s, post, s.store.CreatePost(as(ctx, a), post))
}

// UpdatePost changes news item id of plan planID ("" for any plan): a
// needs the right to both its old and its new unit.
func (s *Service) UpdatePost(ctx context.Context, a *kehoach.Actor, planID, id string, in PostInput) (*kehoach.Post, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	old, err := s.EditablePost(ctx, a, planID, id)
	if err != nil {
		return nil, err
	}
	p, err := s.Plan(ctx, a, old.PlanID)
	if err != nil {
		return nil, err
	}
	post, err := s.checkPost(ctx, a, p, in)
	if err != nil {
		return nil, err
	}
	post.ID = old.ID
	return committed(s, post, s.store.UpdatePost(as(ctx, a), post))
}

// DeletePost removes news item id of plan planID ("" for any plan); its
// figures leave the indicator table. It returns the removed item.
func (s *Service) DeletePost(ctx context.Context, a *kehoach.Actor, planID, id string) (*kehoach.Post, error) {
	post, err := s.EditablePost(ctx, a, planID, id)
	if err != nil {
		return nil, err
	}
	return committed(s, post, s.store.DeletePost(as(ctx, a), post.ID))
}

// ---- messages, slogans and contacts ----

// PublicityInput replaces a plan's messages and contacts. Both lists are
// required: a missing (or null) list is refused rather than taken for an
// empty one, so that a request that lost its body cannot wipe what the
// public page shows; send [] to empty a list on purpose.
type PublicityInput struct {
	Messages []kehoach.Message `json:"messages"`
	Contacts []kehoach.Contact `json:"contacts"`
}

// PublicityView is the messages and contacts page.
type PublicityView struct {
	Plan      *kehoach.Plan
	Publicity *kehoach.Publicity
	Published bool
	CanEdit   bool
}

// Publicity returns the messages and contacts of a plan a may read.
func (s *Service) Publicity(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Publicity, error) {
	return ofPlan(ctx, a, planID, s.Plan, s.store.FindPublicity)
}

// PublicityView returns the messages and contacts page of a plan a may read.
func (s *Service) PublicityView(ctx context.Context, a *kehoach.Actor, planID string) (*PublicityView, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	v := &PublicityView{Plan: p, CanEdit: a.CanEditPlan(p.AgencyID)}
	if v.Publicity, err = s.store.FindPublicity(ctx, p.ID); err != nil {
		return nil, err
	}
	pub, err := s.store.FindPublication(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	v.Published = pub.Published
	return v, nil
}

// SavePublicity replaces the messages and contacts of a plan: the Office's
// work. Blank lines and contacts are dropped.
func (s *Service) SavePublicity(ctx context.Context, a *kehoach.Actor, planID string, in PublicityInput) (*kehoach.Publicity, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	bad := Problems{}
	if in.Messages == nil {
		bad.Add("messages", "Thiếu danh sách thông điệp, khẩu hiệu (gửi danh sách rỗng nếu muốn xóa hết).")
	}
	if in.Contacts == nil {
		bad.Add("contacts", "Thiếu danh sách thông tin liên hệ (gửi danh sách rỗng nếu muốn xóa hết).")
	}
	pub := &kehoach.Publicity{PlanID: p.ID, Messages: in.Messages, Contacts: in.Contacts}
	if err := pub.Validate(); err != nil {
		bad.merge(err)
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return committed(s, pub, s.store.SavePublicity(as(ctx, a), pub))
}

// ---- publication of the public page ----

// PublicationInput publishes or withdraws the public page. Published is
// required: nil (not given) is refused rather than taken for false.
type PublicationInput struct {
	Published *bool `json:"published"`
	// Unread names the fields a door could not read (see SetPublishedText).
	Unread Problems `json:"-"`
}

// SetPublishedText reads the choice as a form sends it: "1" or "true" to
// publish, "0" or "false" to withdraw, empty for not given; other text
// becomes a problem of the field.
func (in *PublicationInput) SetPublishedText(s string) {
	in.Published, in.Unread = nil, nil
	switch yes := true; strings.TrimSpace(s) {
	case "":
	case "1", "true":
		in.Published = &yes
	case "0", "false":
		yes = false
		in.Published = &yes
	default:
		in.Unread = Problems{"published": "Trường published phải là true hoặc false."}
	}
}

// Publication returns whether the public page of a plan a may read is
// published.
func (s *Service) Publication(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Publication, error) {
	return ofPlan(ctx, a, planID, s.Plan, s.store.FindPublication)
}

// SetPublished publishes or withdraws the public campaign page of a plan:
// the Office's decision. A draft is never published.
func (s *Service) SetPublished(ctx context.Context, a *kehoach.Actor, planID string, in PublicationInput) (*kehoach.Publication, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if err := in.Unread.Err(); err != nil {
		return nil, err
	}
	if in.Published == nil {
		return nil, Problems{"published": "Thiếu trường published (true hoặc false)."}.Err()
	}
	if *in.Published && p.Status == kehoach.PlanDraft {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch còn là dự thảo: ban hành trước khi công bố trang tuyên truyền.")
	}
	if err := s.commit(s.store.SetPublished(as(ctx, a), p.ID, *in.Published)); err != nil {
		return nil, err
	}
	return s.store.FindPublication(ctx, p.ID)
}

// ---- events ----

// EventInput is an event as the Office plans it or a unit records its
// attendance; its JSON names are those of the API.
type EventInput struct {
	kehoach.EventFields
	// Unread names the fields a door could not read (see SetTimesText).
	Unread Problems `json:"-"`
}

func (in *EventInput) unread(field, msg string) {
	if in.Unread == nil {
		in.Unread = Problems{}
	}
	in.Unread.Add(field, msg)
}

// SetTimesText reads the day (YYYY-MM-DD) and the start and end times
// (HH:MM, in Vietnam; no start time is midnight, no end time none) as a
// form types them.
func (in *EventInput) SetTimesText(date, start, end string) {
	date, start, end = strings.TrimSpace(date), strings.TrimSpace(start), strings.TrimSpace(end)
	if start == "" {
		start = "00:00"
	}
	st, err := time.ParseInLocation("2006-01-02 15:04", date+" "+start, kehoach.Zone)
	if err != nil {
		in.unread("start", "Ngày, giờ bắt đầu không hợp lệ (ngày YYYY-MM-DD, giờ HH:MM).")
		return
	}
	in.Start, in.End = st, nil
	if end != "" {
		en, err := time.ParseInLocation("2006-01-02 15:04", date+" "+end, kehoach.Zone)
		if err != nil {
			in.unread("end", "Giờ kết thúc không hợp lệ (HH:MM).")
			return
		}
		in.End = &en
	}
}

// SetAttendanceText reads the attendance typed as a whole number (empty
// for none).
func (in *EventInput) SetAttendanceText(s string) {
	in.Attendance = nil
	if s = strings.TrimSpace(s); s == "" {
		return
	}
	n, ok := readWhole(s)
	if !ok {
		in.unread("attendance", "Số người tham dự phải là số nguyên.")
		return
	}
	in.Attendance = &n
}

// EventsView is the events page of a plan.
type EventsView struct {
	Plan   *kehoach.Plan
	Events []*kehoach.CampaignEvent
	// Units a may record events for.
	Units   []*kehoach.OrgUnit
	CanEdit bool
	// FromPlan counts the dated events the plan names that are not
	// recorded yet.
	FromPlan int
}

// Events returns the events of a plan a may read, in time order.
func (s *Service) Events(ctx context.Context, a *kehoach.Actor, planID string) ([]*kehoach.CampaignEvent, error) {
	return ofPlan(ctx, a, planID, s.Plan, s.store.FindEvents)
}

// EventsView returns the events page of a plan a may read.
func (s *Service) EventsView(ctx context.Context, a *kehoach.Actor, planID string) (*EventsView, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	v := &EventsView{Plan: p, Units: CommsUnits(a, p), CanEdit: a.CanEditPlan(p.AgencyID)}
	if v.Events, err = s.store.FindEvents(ctx, p.ID); err != nil {
		return nil, err
	}
	v.FromPlan = len(missingPlanEvents(p, v.Events))
	return v, nil
}

// event returns event id when a may read its plan and, when planID is
// set, it belongs to that plan.
func (s *Service) event(ctx context.Context, a *kehoach.Actor, planID, id string) (*kehoach.CampaignEvent, *kehoach.Plan, error) {
	return inPlan(ctx, s, a, planID, id, "sự kiện", s.store.FindEventByID, func(x *kehoach.CampaignEvent) string { return x.PlanID })
}

// checkEvent names every problem of an event of plan p.
func (s *Service) checkEvent(a *kehoach.Actor, p *kehoach.Plan, in EventInput) (*kehoach.CampaignEvent, error) {
	e := &kehoach.CampaignEvent{PlanID: p.ID, EventFields: in.EventFields, Photos: []kehoach.EventPhoto{}}
	bad := Problems{}
	for k, v := range in.Unread {
		bad.Add(k, v)
	}
	if err := e.Validate(s.Now()); err != nil {
		bad.merge(err)
	}
	commsUnit(a, p, e.UnitID, bad)
	return e, bad.Err()
}

// CreateEvent plans an event of a plan: the Office's work.
func (s *Service) CreateEvent(ctx context.Context, a *kehoach.Actor, planID string, in EventInput) (*kehoach.CampaignEvent, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.planFor(ctx, a, planID, func(p *kehoach.Plan) bool { return a.CanEditPlan(p.AgencyID) },
		kehoach.Errorf(kehoach.EFORBIDDEN, "Chỉ Văn phòng lập và sửa sự kiện; đơn vị ghi số người tham dự."))
	if err != nil {
		return nil, err
	}
	e, err := s.checkEvent(a, p, in)
	if err != nil {
		return nil, err
	}
	return committed(s, e, s.store.CreateEvents(as(ctx, a), e))
}

// onlyAttendance reports whether e changes nothing of before but its end
// and attendance: what the unit taking part records after the event.
func onlyAttendance(before, e *kehoach.CampaignEvent) bool {
	return before.UnitID == e.UnitID && before.Name == e.Name && before.Start.Equal(e.Start) && before.Place == e.Place &&
		before.Organiser == e.Organiser && before.Status == e.Status
}

// UpdateEvent changes event id of plan planID ("" for any plan): the
// Office changes anything; the unit taking part records only its end and
// attendance.
func (s *Service) UpdateEvent(ctx context.Context, a *kehoach.Actor, planID, id string, in EventInput) (*kehoach.CampaignEvent, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	old, p, err := s.event(ctx, a, planID, id)
	if err != nil {
		return nil, err
	}
	office := a.CanEditPlan(p.AgencyID)
	refused := kehoach.Errorf(kehoach.EFORBIDDEN, "Chỉ Văn phòng lập và sửa sự kiện; đơn vị ghi số người tham dự.")
	if !office && !a.CanChangeUnitWork(old.UnitID) {
		return nil, refused
	}
	e, err := s.checkEvent(a, p, in)
	if err != nil {
		return nil, err
	}
	if !office && !onlyAttendance(old, e) {
		return nil, refused
	}
	e.ID, e.Photos = old.ID, old.Photos
	return committed(s, e, s.store.UpdateEvent(as(ctx, a), e))
}

// EventDay returns the day (midnight in Vietnam) of an event a plan names,
// and false when the plan gives it no valid date.
func EventDay(ev kehoach.Event) (time.Time, bool) {
	if ev.Date == nil {
		return time.Time{}, false
	}
	day, err := time.ParseInLocation(time.DateOnly, *ev.Date, kehoach.Zone)
	return day, err == nil
}

// missingPlanEvents are the dated events the plan names that are not
// recorded yet (by name).
func missingPlanEvents(p *kehoach.Plan, have []*kehoach.CampaignEvent) []kehoach.Event {
	return keep(p.Events, func(pe kehoach.Event) bool {
		recorded := slices.ContainsFunc(have, func(e *kehoach.CampaignEvent) bool {
			return strings.EqualFold(strings.TrimSpace(e.Name), strings.TrimSpace(pe.Name))
		})
		return !recorded && pe.Date != nil
	})
}

// CreatePlanEvents records, in one change, the dated events the plan names
// that are not recorded yet, at 07:30 of their day, tentative when the
// plan says so: the Office's work, refused to others even when nothing is
// missing. It returns the events created.
func (s *Service) CreatePlanEvents(ctx context.Context, a *kehoach.Actor, planID string) ([]*kehoach.CampaignEvent, error) {
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	have, err := s.store.FindEvents(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	var out []*kehoach.CampaignEvent
	for _, pe := range missingPlanEvents(p, have) {
		day, ok := EventDay(pe)
		if !ok {
			continue
		}
		in := EventInput{EventFields: kehoach.EventFields{UnitID: a.UnitID(), Name: pe.Name, Start: day.Add(7*time.Hour + 30*time.Minute), Status: kehoach.EventConfirmed}}
		if in.UnitID == "" || a.Tree == nil || a.Tree.Unit(in.UnitID) == nil {
			in.UnitID = p.AgencyID
		}
		if pe.Tentative {
			in.Status = kehoach.EventTentative
		}
		if pe.Place != nil {
			in.Place = *pe.Place
		}
		e, err := s.checkEvent(a, p, in)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		return out, nil
	}
	return committed(s, out, s.store.CreateEvents(as(ctx, a), out...))
}

// MaxPhotoSize is the largest photo accepted as evidence of an event.
const MaxPhotoSize = 10 << 20

// AddEventPhoto keeps a photo of event id of plan planID ("" for any plan),
// from the Office or the unit taking part. Its type is judged by content:
// only PNG, JPEG, GIF and WebP images are accepted. Empty data means no
// file could be read.
func (s *Service) AddEventPhoto(ctx context.Context, a *kehoach.Actor, planID, id, name string, data []byte) (*kehoach.EventPhoto, error) {
	if err := cleanInput(named{"name", &name}); err != nil {
		return nil, err
	}
	e, p, err := s.event(ctx, a, planID, id)
	if err != nil {
		return nil, err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.CanChangeUnitWork(e.UnitID) {
		return nil, kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn không có quyền thêm ảnh cho sự kiện này.")
	}
	ct := http.DetectContentType(data)
	switch {
	case len(data) == 0:
		return nil, Problems{"photo": "Chọn một tệp ảnh (tối đa 10 MB)."}.Err()
	case len(data) > MaxPhotoSize:
		return nil, Problems{"photo": "Ảnh lớn quá 10 MB."}.Err()
	case ct != "image/png" && ct != "image/jpeg" && ct != "image/gif" && ct != "image/webp":
		return nil, Problems{"photo": "Tệp không phải ảnh PNG, JPEG, GIF hoặc WebP (kiểm tra theo nội dung tệp)."}.Err()
	}
	if name = strings.TrimSpace(name); name == "" {
		name = "anh"
	}
	ph := &kehoach.EventPhoto{Name: name, ContentType: ct, Size: len(data)}
	return committed(s, ph, s.store.AddEventPhoto(as(ctx, a), e, ph, data))
}

// EventPhoto returns a photo of an event of plan planID, which a may read,
// with its bytes.
func (s *Service) EventPhoto(ctx context.Context, a *kehoach.Actor, planID, id string) (*kehoach.EventPhoto, []byte, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, nil, err
	}
	ph, of, data, err := s.store.EventPhotoData(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if of != p.ID {
		return nil, nil, notFound("ảnh")
	}
	return ph, data, nil
}
