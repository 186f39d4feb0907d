package ops

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// NextYearInput is what is asked to copy a plan into a later year; a nil
// Year is the year after the plan's.
type NextYearInput struct {
	Year *int `json:"year"`
}

// NextYearResult is the new draft and what the Office has to confirm in it.
type NextYearResult struct {
	ID       string   `json:"id"`
	Warnings []string `json:"warnings"`
}

// warningNextYear is the code of the warnings a next year's copy carries.
const warningNextYear = "next_year"

// NextYear copies plan planID into a later year as a draft: its tasks,
// targets, reminder rule, publicity and events, with dates moved by the
// years between (events to the nearest day of the same weekday), the year
// replaced in the title and period, and every unit that no longer exists on
// the new dates replaced by its successor. Each replacement, and each unit
// with no successor or several, is a warning, kept in the new plan's
// warnings too; a plan whose units all vanished is still saved.
func (s *Service) NextYear(ctx context.Context, a *kehoach.Actor, planID string, in NextYearInput) (*NextYearResult, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	src, err := s.planFor(ctx, a, planID, a.CanCopyPlan, Forbidden())
	if err != nil {
		return nil, err
	}
	from := planYear(src)
	to := from + 1
	switch {
	case in.Year != nil && from != 0 && *in.Year <= from:
		return nil, kehoach.Invalid(map[string]string{"year": fmt.Sprintf("Năm của kế hoạch mới phải sau năm %d.", from)})
	case in.Year != nil && (*in.Year < 1945 || *in.Year > 2100):
		return nil, kehoach.Invalid(map[string]string{"year": "Năm không hợp lệ."})
	case in.Year != nil:
		to = *in.Year
	case from == 0:
		return nil, kehoach.Invalid(map[string]string{"year": "Kế hoạch không ghi năm: nhập năm của kế hoạch mới."})
	}
	if from == 0 {
		from = to - 1
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	c := &planCopier{years: to - from, from: from, to: to, tree: tree, uses: map[string][]string{}}
	cp := &sqlstore.PlanCopy{Plan: c.plan(src), Summary: fmt.Sprintf("Tạo kế hoạch năm %d từ kế hoạch năm %d: %s", to, from, src.Title)}
	tasks, err := s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &src.ID})
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		if t.Status != kehoach.TaskCancelled {
			cp.Tasks = append(cp.Tasks, c.task(t, cp.Plan.AgencyID))
		}
	}
	if cp.Targets, err = s.store.FindTargets(ctx, src.ID); err != nil {
		return nil, err
	}
	rule, err := s.store.ReminderRule(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	if !reflect.DeepEqual(rule, notify.DefaultRule) {
		cp.Rule = &rule
	}
	pub, err := s.store.FindPublicity(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	if len(pub.Messages) > 0 || len(pub.Contacts) > 0 {
		for i := range pub.Messages {
			pub.Messages[i].Text = c.replaceYear(pub.Messages[i].Text)
		}
		cp.Publicity = pub
	}
	events, err := s.store.FindEvents(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		if e.Status != kehoach.EventCancelled {
			cp.Events = append(cp.Events, c.event(e, cp.Plan.AgencyID))
		}
	}
	cp.Plan.Warnings = c.warnings()
	if err := cp.Plan.Validate(); err != nil {
		return nil, err
	}
	if err := s.commit(s.store.CreatePlanCopy(as(ctx, a), cp)); err != nil {
		return nil, err
	}
	out := &NextYearResult{ID: cp.Plan.ID, Warnings: []string{}}
	for _, w := range cp.Plan.Warnings {
		out.Warnings = append(out.Warnings, w.Message)
	}
	return out, nil
}

// planYear returns the plan's year: its own, else the year its period or
// date starts; 0 when nothing says.
func planYear(p *kehoach.Plan) int {
	if p.Year != nil {
		return *p.Year
	}
	if d := p.StartDate(); d != nil {
		return d.Year()
	}
	return 0
}

// planCopier moves a plan's dates and units into a later year, noting
// where each replaced unit was used.
type planCopier struct {
	years, from, to int
	tree            *kehoach.OrgTree
	// agency is the new plan's agency.
	agency string
	// day is the first day of the new plan, when its units must exist.
	day time.Time
	// order and uses list the units that did not exist on day, in the order
	// met, with where each was used.
	order []string
	uses  map[string][]string
	// slip is the year the source's period was written in when it is not
	// the plan's year; its dates move to the new year.
	slip int
	// extra are warnings about anything but units.
	extra []string
}

var yearWord = regexp.MustCompile(`\b\d{4}\b`)

// replaceYear replaces the plan's year in s by the new year.
func (c *planCopier) replaceYear(s string) string {
	from := strconv.Itoa(c.from)
	return yearWord.ReplaceAllStringFunc(s, func(w string) string {
		if w == from {
			return strconv.Itoa(c.to)
		}
		return w
	})
}

// shiftDay moves a day YYYY-MM-DD by the years; 29 February becomes the
// 28th in a common year. A text that is not a day is kept.
func (c *planCopier) shiftDay(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return shiftYears(d, c.by(d.Year())).Format(time.DateOnly)
}

// by returns how many years a date of the year moves: the plans' years
// apart, or to the new year for a date of the period's slipped year.
func (c *planCopier) by(year int) int {
	if c.slip != 0 && year == c.slip {
		return c.to - c.slip
	}
	return c.years
}

func shiftYears(d time.Time, years int) time.Time {
	n := d.AddDate(years, 0, 0)
	if n.Month() != d.Month() {
		n = n.AddDate(0, 0, -n.Day())
	}
	return n
}

// sameWeekday moves t by the years and then to the nearest day of its
// weekday, so that a Thursday ceremony stays on a Thursday.
func sameWeekday(t time.Time, years int) time.Time {
	n := shiftYears(t, years)
	diff := (int(t.Weekday()) - int(n.Weekday()) + 7) % 7
	if diff > 3 {
		diff -= 7
	}
	return n.AddDate(0, 0, diff)
}

func (c *planCopier) shiftPtr(s *string) *string {
	if s == nil {
		return nil
	}
	v := c.shiftDay(*s)
	return &v
}

// period moves the implementation period into the new year. A period
// written in another year than the plan's (a slip of the document) is put
// in the new year all the same, and said.
func (c *planCopier) period(per *kehoach.Period) *kehoach.Period {
	out := &kehoach.Period{Start: c.shiftPtr(per.Start), End: c.shiftPtr(per.End), Text: c.replaceYear(per.Text)}
	if per.Start == nil {
		return out
	}
	d, err := time.Parse(time.DateOnly, *per.Start)
	if err != nil || d.Year() == c.from {
		return out
	}
	c.slip = d.Year()
	was := strconv.Itoa(d.Year())
	out.Start, out.End = c.shiftPtr(per.Start), c.shiftPtr(per.End)
	out.Text = yearWord.ReplaceAllStringFunc(out.Text, func(w string) string {
		if w == was {
			return strconv.Itoa(c.to)
		}
		return w
	})
	c.extra = append(c.extra, fmt.Sprintf("Thời gian thực hiện của kế hoạch năm %d ghi năm %s: đã đặt vào năm %d, cần kiểm tra lại.", c.from, was, c.to))
	return out
}

// plan returns the new draft of p with its agency and superior mapped.
func (c *planCopier) plan(p *kehoach.Plan) *kehoach.Plan {
	n := *p
	n.ID, n.Status, n.Number, n.Symbol, n.Date, n.SourceText = "", kehoach.PlanDraft, nil, nil, nil, ""
	n.Title = c.replaceYear(p.Title)
	year := c.to
	n.Year = &year
	pred := p.ID
	n.PredecessorID = &pred
	// The superior's plan, its report request and its reporting regime are
	// those of the old year: next year's come with next year's documents.
	if p.ParentPlanID != nil {
		c.extra = append(c.extra, fmt.Sprintf("Kế hoạch năm %d thực hiện một kế hoạch của cấp trên năm %d: liên kết với kế hoạch cấp trên năm %d khi nhận được.", c.from, c.from, c.to))
	}
	n.ParentPlanID, n.ReportDue, n.ReportingPeriods = nil, nil, nil
	if p.Period != nil {
		n.Period = c.period(p.Period)
	}
	c.day = time.Date(c.to, time.January, 1, 12, 0, 0, 0, kehoach.Zone)
	if d := n.StartDate(); d != nil {
		c.day = time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, kehoach.Zone)
	}
	n.Events = make([]kehoach.Event, len(p.Events))
	for i, e := range p.Events {
		if d, ok := e.Day(); ok {
			v := sameWeekday(d, c.by(d.Year())).Format(time.DateOnly)
			e.Date = &v
		}
		n.Events[i] = e
	}
	n.AgencyID = c.unit(p.AgencyID, "cơ quan ban hành", func(u *kehoach.OrgUnit) bool { return u.Kind == kehoach.UnitAgency })
	c.agency = n.AgencyID
	if p.ReportToUnitID != "" {
		n.ReportToUnitID = c.unit(p.ReportToUnitID, "nơi nhận báo cáo", nil)
	}
	n.Tasks = make([]kehoach.ProposedTask, len(p.Tasks))
	for i, t := range p.Tasks {
		t.Due = c.shiftPtr(t.Due)
		where := fmt.Sprintf("nhiệm vụ đề xuất %d", i+1)
		if t.LeadUnitID != "" {
			t.LeadUnitID = c.within(t.LeadUnitID, where, n.AgencyID)
		}
		t.SupportUnitIDs = c.support(t.SupportUnitIDs, where)
		n.Tasks[i] = t
	}
	return &n
}

// task returns the new year's copy of t, in agency.
func (c *planCopier) task(t *kehoach.Task, agency string) *kehoach.Task {
	where := fmt.Sprintf("nhiệm vụ %d", t.Number)
	n := &kehoach.Task{TaskFields: t.TaskFields, Status: kehoach.TaskOpen}
	n.Due = c.shiftDay(t.Due)
	n.LeadUnitID = c.within(t.LeadUnitID, where, agency)
	n.SupportUnitIDs = c.support(t.SupportUnitIDs, where)
	if n.LeadUnitID != "" {
		n.SupportUnitIDs = slices.DeleteFunc(n.SupportUnitIDs, func(u string) bool { return u == n.LeadUnitID })
	}
	return n
}

// event returns the new year's copy of e, on the same weekday, expected.
func (c *planCopier) event(e *kehoach.CampaignEvent, agency string) *kehoach.CampaignEvent {
	n := &kehoach.CampaignEvent{EventFields: e.EventFields}
	start := e.Start.In(kehoach.Zone)
	n.Start = sameWeekday(start, c.by(start.Year()))
	if e.End != nil {
		end := n.Start.Add(e.End.Sub(e.Start))
		n.End = &end
	}
	n.Status, n.Attendance = kehoach.EventTentative, nil
	n.UnitID = c.within(e.UnitID, "sự kiện “"+e.Name+"”", agency)
	return n
}

// one returns the unit carrying id's work on the new plan's first day
// that keep accepts (nil accepts any): id itself, its one successor, or the
// first of several; "" when there is none.
func (c *planCopier) one(id, where string, keep func(*kehoach.OrgUnit) bool) string {
	ok := func(u *kehoach.OrgUnit) bool { return keep == nil || keep(u) }
	if c.tree.ExistsOn(id, c.day) && ok(c.tree.Unit(id)) {
		return id
	}
	c.note(id, where)
	for _, u := range c.tree.SuccessorsOn(id, c.day) {
		if ok(u) {
			return u.ID
		}
	}
	return ""
}

// unit maps the plan's own agency or superior: a successor that prefer
// accepts, else any; the unit itself when it has none.
func (c *planCopier) unit(id, where string, prefer func(*kehoach.OrgUnit) bool) string {
	if got := c.one(id, where, prefer); got != "" {
		return got
	}
	if got := c.one(id, where, nil); got != "" {
		return got
	}
	return id
}

// within maps a unit of a task or event, which must lie in the agency; a
// unit with no successor there is replaced by the agency itself.
func (c *planCopier) within(id, where, agency string) string {
	if id == "" {
		return ""
	}
	if got := c.one(id, where, func(u *kehoach.OrgUnit) bool { return c.tree.IsWithin(u.ID, agency) }); got != "" {
		return got
	}
	return agency
}

// support maps supporting units; one with no successor is dropped.
func (c *planCopier) support(ids []string, where string) []string {
	out := []string{}
	for _, id := range ids {
		got := c.one(id, where, nil)
		if got != "" && !slices.Contains(out, got) {
			out = append(out, got)
		}
	}
	return out
}

func (c *planCopier) note(id, where string) {
	if _, ok := c.uses[id]; !ok {
		c.order = append(c.order, id)
	}
	if !slices.Contains(c.uses[id], where) {
		c.uses[id] = append(c.uses[id], where)
	}
}

// warnings says, for each unit that did not exist on the new dates, what
// took its place and where it was used.
func (c *planCopier) warnings() []kehoach.Warning {
	out := []kehoach.Warning{}
	for _, msg := range c.extra {
		out = append(out, kehoach.Warning{Code: warningNextYear, Message: msg})
	}
	for _, id := range c.order {
		name := c.name(id)
		succ := c.tree.SuccessorsOn(id, c.day)
		var names []string
		for _, u := range succ {
			names = append(names, u.Name)
		}
		where := strings.Join(c.uses[id], ", ")
		var msg string
		switch {
		case c.tree.ExistsOn(id, c.day):
			msg = fmt.Sprintf("%s không thuộc %s (%s): đã giao tạm cho %s, cần chọn lại.", name, c.name(c.agency), where, c.name(c.agency))
		case len(succ) == 0:
			msg = fmt.Sprintf("%s không còn vào ngày %s và không có đơn vị kế thừa (%s): cần chọn đơn vị khác.", name, c.day.Format("02/01/2006"), where)
		case len(succ) == 1:
			msg = fmt.Sprintf("%s %s: thay bằng %s (%s).", name, c.since(id), names[0], where)
		default:
			msg = fmt.Sprintf("%s %s, có %d đơn vị kế thừa: %s; đã chọn tạm %s, cần xác nhận (%s).", name, c.since(id), len(succ), strings.Join(names, "; "), names[0], where)
		}
		out = append(out, kehoach.Warning{Code: warningNextYear, Message: msg})
	}
	return out
}

// since says how and when unit id ended: its first succession, or the end
// of its validity.
func (c *planCopier) since(id string) string {
	kinds := map[kehoach.SuccessionKind]string{kehoach.SuccessionMerger: "đã sáp nhập", kehoach.SuccessionSplit: "đã chia tách", kehoach.SuccessionRename: "đã đổi tên"}
	if l := c.tree.Successions(id); len(l) > 0 {
		d, _ := time.Parse(time.DateOnly, l[0].OnDate)
		return kinds[l[0].Kind] + " từ " + d.Format("02/01/2006")
	}
	if u := c.tree.Unit(id); u != nil && u.ValidTo != nil {
		return "hết hiệu lực từ " + u.ValidTo.AddDate(0, 0, 1).Format("02/01/2006")
	}
	return "không còn"
}

func (c *planCopier) name(id string) string {
	if u := c.tree.Unit(id); u != nil {
		return u.Name
	}
	return id
}
