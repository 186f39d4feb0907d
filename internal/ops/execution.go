package ops

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// Issue limits: how many days units may be given to acknowledge a plan and
// to confirm its briefing.
const (
	MaxAckDays   = 60
	MaxBriefDays = 120
)

// IssueInput are the Office's choices when issuing a plan; the JSON names
// are the API's. Every field is required.
type IssueInput struct {
	// RecipientUnitIDs are the units of the agency that must acknowledge
	// and brief.
	RecipientUnitIDs []string `json:"recipientUnitIds"`
	// AckDays (1–60) and BriefDays (1–120) are how long units have to
	// acknowledge and to confirm the briefing, from the issue date.
	AckDays   int `json:"ackDays"`
	BriefDays int `json:"briefDays"`
	// IssuedOn is the issue date, YYYY-MM-DD.
	IssuedOn string `json:"issuedOn"`
	// Confirmed, when not nil, is whether the person ticked the box that
	// confirms issuing (forms ask for it; the API does not): issuing
	// without it is refused by name under "confirm".
	Confirmed *bool `json:"-"`
}

// IssueForm is what the issue form offers and proposes.
type IssueForm struct {
	Plan *kehoach.Plan
	// Units are the units of the agency that may receive the plan.
	Units []*kehoach.OrgUnit
	// Proposed are the proposed choices: the agency's divisions, offices,
	// affiliated units and unions, 2 and 7 days, today — or the plan's own
	// document date when today is past the plan's first deadline.
	Proposed IssueInput
	// Warnings name, by field (issuedOn, ackDays), the plan's deadlines
	// that the proposed choices would leave overdue at once.
	Warnings map[string]string
	// TaskCount is how many tasks issuing gives; Unassigned how many of the
	// document's duties have no lead unit and become no task.
	TaskCount, Unassigned int
}

// draftPlan returns a plan a may change that is still a draft.
func (s *Service) draftPlan(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Plan, error) {
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if p.Status != kehoach.PlanDraft {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch đã được ban hành.")
	}
	return p, nil
}

// IssueForm returns the issue form of a draft plan a may change.
func (s *Service) IssueForm(ctx context.Context, a *kehoach.Actor, planID string) (*IssueForm, error) {
	return s.issueForm(ctx, a, planID, nil)
}

// IssueFormWith returns the issue form showing the choices typed, with the
// warnings about them, for showing it again with its problems.
func (s *Service) IssueFormWith(ctx context.Context, a *kehoach.Actor, planID string, typed IssueInput) (*IssueForm, error) {
	return s.issueForm(ctx, a, planID, &typed)
}

func (s *Service) issueForm(ctx context.Context, a *kehoach.Actor, planID string, typed *IssueInput) (*IssueForm, error) {
	p, err := s.draftPlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	f := &IssueForm{Plan: p, Units: agencyUnits(a.Tree, p.AgencyID), Proposed: IssueInput{
		RecipientUnitIDs: kehoach.DefaultRecipients(a.Tree, p.AgencyID), AckDays: 2, BriefDays: 7,
		IssuedOn: s.Now().In(kehoach.Zone).Format(time.DateOnly)}}
	tasks, err := s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	if first, _ := firstDeadline(p, tasks); first != "" && f.Proposed.IssuedOn > first {
		if d, _ := planDay(p); d != "" && d < f.Proposed.IssuedOn {
			f.Proposed.IssuedOn = d
		}
	}
	if typed != nil {
		f.Warnings = issueWarnings(p, tasks, *typed)
	} else {
		f.Warnings = issueWarnings(p, tasks, f.Proposed)
	}
	f.TaskCount = len(tasks)
	if len(tasks) == 0 {
		for _, t := range p.Tasks {
			if t.LeadUnitID == "" {
				f.Unassigned++
			} else {
				f.TaskCount++
			}
		}
	}
	return f, nil
}

// firstDeadline returns plan p's earliest deadline — a task's due date (the
// stored tasks, or the proposed ones before issuing), or the end of its
// period when no task has one — and what it is; "" when it has none.
func firstDeadline(p *kehoach.Plan, tasks []*kehoach.Task) (day, what string) {
	consider := func(d, w string) {
		if validDay(d) && (day == "" || d < day) {
			day, what = d, w
		}
	}
	for _, t := range tasks {
		consider(t.Due, "hạn nhiệm vụ "+strconv.Itoa(t.Number))
	}
	if len(tasks) == 0 {
		for _, t := range p.Tasks {
			if t.Due != nil {
				consider(*t.Due, "hạn một nhiệm vụ đề xuất")
			}
		}
	}
	if day == "" && p.Period != nil && p.Period.End != nil {
		consider(*p.Period.End, "ngày kết thúc kế hoạch")
	}
	return day, what
}

// planDay returns the plan's own date and what it is: the document's date,
// or when the document gives none, that of the latest document it is based
// on (the plan cannot be older); "" when neither is known.
func planDay(p *kehoach.Plan) (day, what string) {
	if p.Date != nil && validDay(*p.Date) {
		return *p.Date, "ngày của văn bản kế hoạch"
	}
	for _, b := range p.Basis {
		if b.Date != nil && validDay(*b.Date) && *b.Date > day {
			day, what = *b.Date, "ngày của văn bản căn cứ"
		}
	}
	return day, what
}

// validDay tells whether d is a date written YYYY-MM-DD.
func validDay(d string) bool {
	_, err := time.Parse(time.DateOnly, d)
	return err == nil
}

// issueWarnings names, by field, what issuing p with in would leave overdue
// at once: a deadline before the issue date, or one before the date units
// must acknowledge by.
func issueWarnings(p *kehoach.Plan, tasks []*kehoach.Task, in IssueInput) map[string]string {
	w := map[string]string{}
	first, what := firstDeadline(p, tasks)
	issued, err := time.Parse(time.DateOnly, in.IssuedOn)
	if first == "" || err != nil {
		return w
	}
	if in.IssuedOn > first {
		msg := "Ngày ban hành " + viDate(in.IssuedOn) + " sau " + what + " (" + viDate(first) + "): các đơn vị sẽ quá hạn ngay khi nhận kế hoạch."
		if d, what := planDay(p); d != "" {
			msg += " Đề xuất: " + what + " " + viDate(d) + "."
		}
		w["issuedOn"] = msg
	} else if ack := issued.AddDate(0, 0, in.AckDays).Format(time.DateOnly); in.AckDays > 0 && ack > first {
		w["ackDays"] = "Hạn xác nhận đã nhận (" + viDate(ack) + ") sau " + what + " (" + viDate(first) + ")."
	}
	return w
}

// viDate writes a YYYY-MM-DD date as dd/mm/yyyy.
func viDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}

// check names every problem of the choices for issuing plan p.
func (in IssueInput) check(tree *kehoach.OrgTree, p *kehoach.Plan) error {
	pr := Problems{}
	if len(in.RecipientUnitIDs) == 0 {
		pr.Add("recipientUnitIds", "Chọn ít nhất một đơn vị nhận kế hoạch.")
	}
	for _, id := range in.RecipientUnitIDs {
		if tree.Unit(id) == nil || id == p.AgencyID || !tree.IsWithin(id, p.AgencyID) {
			pr.Add("recipientUnitIds", "Đơn vị nhận không tồn tại hoặc không thuộc cơ quan.")
		}
	}
	if in.AckDays < 1 || in.AckDays > MaxAckDays {
		pr.Add("ackDays", "Số ngày xác nhận phải từ 1 đến 60.")
	}
	if in.BriefDays < 1 || in.BriefDays > MaxBriefDays {
		pr.Add("briefDays", "Số ngày quán triệt phải từ 1 đến 120.")
	}
	if d, err := time.Parse(time.DateOnly, in.IssuedOn); err != nil || d.Year() < 2000 || d.Year() > 2100 {
		pr.Add("issuedOn", "Ngày ban hành không hợp lệ.")
	}
	if in.Confirmed != nil && !*in.Confirmed {
		pr.Add("confirm", "Đánh dấu ô xác nhận trước khi ban hành kế hoạch.")
	}
	return pr.Err()
}

// IssuePlan issues a draft plan a may change to the chosen units: their
// acknowledgement and briefing obligations, the tasks' report obligations,
// and a notice to each recipient. It returns the recipients.
func (s *Service) IssuePlan(ctx context.Context, a *kehoach.Actor, planID string, in IssueInput) ([]string, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.draftPlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if err := in.check(a.Tree, p); err != nil {
		return nil, err
	}
	recipients, err := s.store.IssuePlan(as(ctx, a), p.ID, sqlstore.IssueOptions{RecipientUnitIDs: in.RecipientUnitIDs,
		AckDays: in.AckDays, BriefDays: in.BriefDays, IssuedOn: in.IssuedOn})
	return committed(s, recipients, err)
}

// actingUnit returns the unit a acts for: unitID, or a's own unit when
// empty, when a may change its work. A unit that does not exist is a
// problem of unitId; one a may not act for is forbidden.
func actingUnit(a *kehoach.Actor, unitID string) (string, error) {
	if unitID == "" {
		unitID = a.UnitID()
	}
	if a != nil && a.Tree != nil && a.Tree.Unit(unitID) == nil {
		return "", kehoach.Invalid(map[string]string{"unitId": "Đơn vị không tồn tại."})
	}
	if !a.CanChangeUnitWork(unitID) {
		return "", Forbidden()
	}
	return unitID, nil
}

// ActingUnits returns the units of plan p's agency whose work a may
// change: those a may acknowledge the plan and confirm its briefing for.
func ActingUnits(a *kehoach.Actor, p *kehoach.Plan) []*kehoach.OrgUnit {
	if a == nil || a.Tree == nil {
		return nil
	}
	return keep(agencyUnits(a.Tree, p.AgencyID), func(u *kehoach.OrgUnit) bool { return a.CanChangeUnitWork(u.ID) })
}

// Acknowledge records that a unit received a plan; unitID empty means a's
// own unit. It returns the unit.
func (s *Service) Acknowledge(ctx context.Context, a *kehoach.Actor, planID, unitID string) (string, error) {
	if err := cleanInput(named{"unitId", &unitID}); err != nil {
		return "", err
	}
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return "", err
	}
	unit, err := actingUnit(a, unitID)
	if err != nil {
		return "", err
	}
	return committed(s, unit, s.store.Acknowledge(as(ctx, a), p.ID, unit))
}

// NewBriefing returns the briefing form's start: the plan, the unit a acts
// for (unitID, or a's own unit) and today's date.
func (s *Service) NewBriefing(ctx context.Context, a *kehoach.Actor, planID, unitID string) (*kehoach.Plan, *kehoach.Briefing, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, nil, err
	}
	unit, err := actingUnit(a, unitID)
	if err != nil {
		return nil, nil, err
	}
	return p, &kehoach.Briefing{PlanID: p.ID, UnitID: unit, Date: s.Now().In(kehoach.Zone).Format(time.DateOnly)}, nil
}

// BriefingInput is a unit's briefing on a plan; the JSON names are the
// API's.
type BriefingInput struct {
	kehoach.Briefing
	// ParticipantsText is the number of participants as typed on a form;
	// when not blank it replaces Participants.
	ParticipantsText string `json:"-"`
}

// RecordBriefing records a unit's briefing on a plan and fulfils its
// obligation; an empty unit means a's own unit.
func (s *Service) RecordBriefing(ctx context.Context, a *kehoach.Actor, planID string, in BriefingInput) (*kehoach.Briefing, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	b := in.Briefing
	if b.UnitID, err = actingUnit(a, b.UnitID); err != nil {
		return nil, err
	}
	b.PlanID = p.ID
	b.Method, b.Note = strings.TrimSpace(b.Method), strings.TrimSpace(b.Note)
	pr := Problems{}
	if t := strings.TrimSpace(in.ParticipantsText); t != "" {
		var ok bool
		if b.Participants, ok = readWhole(t); !ok {
			pr.Add("participants", "Số người phải là số nguyên.")
		}
	}
	if err := b.Validate(p, s.Now()); err != nil {
		for k, msg := range kehoach.ErrorFields(err) {
			pr.Add(k, msg)
		}
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return committed(s, &b, s.store.RecordBriefing(as(ctx, a), &b))
}

// Execution is a plan's execution as its page shows it to a.
type Execution struct {
	Tasks []*kehoach.Task
	// Obligations are a's unit's, for acting on them.
	Obligations []*kehoach.Obligation
	// CanEdit tells whether a may change the plan (its Office).
	CanEdit    bool
	CanIssue   bool
	CanMonitor bool
	Now        time.Time
	// Acks and Briefings are listed to those who monitor the plan.
	Acks      []*kehoach.Acknowledgement
	Briefings []*kehoach.Briefing
	IndicatorTargets
	// Progress is shown to those who monitor an issued plan.
	Progress *Progress
}

// Progress is a plan's execution at a glance: each unit's rates over what
// is due and the indicators' totals against their targets.
type Progress struct {
	M      *kehoach.Monitoring
	Values *kehoach.IndicatorTable
}

// PlanExecution returns the execution part of the page of a plan a may read.
func (s *Service) PlanExecution(ctx context.Context, a *kehoach.Actor, planID string) (*Execution, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	tasks, err := s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	d := &Execution{Tasks: tasks, CanEdit: a.CanEditPlan(p.AgencyID), CanIssue: a.CanEditPlan(p.AgencyID) && p.Status == kehoach.PlanDraft,
		CanMonitor: canMonitor(a, p), Now: s.Now()}
	if p.Status != kehoach.PlanDraft && a.UnitID() != "" && a.CanReadUnitWork(a.UnitID()) {
		unit := a.UnitID()
		if d.Obligations, err = s.store.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID, UnitID: &unit}); err != nil {
			return nil, err
		}
	}
	if d.CanMonitor {
		if d.Acks, err = s.store.FindAcknowledgements(ctx, p.ID); err != nil {
			return nil, err
		}
		if d.Briefings, err = s.store.FindBriefings(ctx, p.ID); err != nil {
			return nil, err
		}
		if p.Status != kehoach.PlanDraft {
			if d.Progress, err = s.progress(ctx, a, p, tasks); err != nil {
				return nil, err
			}
		}
	}
	if d.IndicatorTargets, err = s.indicatorTargets(ctx, p.ID); err != nil {
		return nil, err
	}
	return d, nil
}

// canMonitor tells whether a follows the execution of p: its Office and
// its board.
func canMonitor(a *kehoach.Actor, p *kehoach.Plan) bool {
	return a.CanEditPlan(p.AgencyID) || a.CanDecide(p.AgencyID)
}

// monitoredPlan returns a plan a may read and monitor.
func (s *Service) monitoredPlan(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Plan, error) {
	p, err := s.store.FindPlanByID(ctx, planID)
	return s.mayMonitor(a, p, err)
}

// mayMonitor returns p, read with err, when a may read and monitor it:
// not found when a may not read it, forbidden when a may not monitor it.
func (s *Service) mayMonitor(a *kehoach.Actor, p *kehoach.Plan, err error) (*kehoach.Plan, error) {
	p, err = allowed(p, err, a.CanReadPlan, notFound("kế hoạch"))
	return allowed(p, err, func(p *kehoach.Plan) bool { return canMonitor(a, p) }, Forbidden())
}

// Todo is one thing a unit owes.
type Todo struct {
	Plan       *kehoach.Plan
	Obligation *kehoach.Obligation
	Task       *kehoach.Task
	Status     kehoach.ObligationStatus
}

// Home is the home page: the plans a may read under way and in draft, and
// what a's unit owes, most urgent first.
type Home struct {
	Active, Drafts []*kehoach.Plan
	Todos          []Todo
	// Queue is the work waiting for a, oldest first.
	Queue []QueueItem
}

// Home returns the home page of a.
func (s *Service) Home(ctx context.Context, a *kehoach.Actor) (*Home, error) {
	plans, err := s.Plans(ctx, a, kehoach.PlanFilter{})
	if err != nil {
		return nil, err
	}
	h := &Home{}
	for _, p := range plans {
		switch p.Status {
		case kehoach.PlanDraft:
			h.Drafts = append(h.Drafts, p)
		case kehoach.PlanIssued, kehoach.PlanInProgress, kehoach.PlanReporting:
			h.Active = append(h.Active, p)
		}
	}
	if h.Todos, err = s.unitTodos(ctx, a, plans); err != nil {
		return nil, err
	}
	q, err := s.Queue(ctx, a)
	if err != nil {
		return nil, err
	}
	h.Queue = q.Items
	return h, nil
}

// unitTodos returns what a's unit owes on plans, most urgent first; only
// unit heads and staff have a to-do list.
func (s *Service) unitTodos(ctx context.Context, a *kehoach.Actor, plans []*kehoach.Plan) ([]Todo, error) {
	if !a.Has(kehoach.RoleUnitHead) && !a.Has(kehoach.RoleStaff) {
		return nil, nil
	}
	unit := a.UnitID()
	obls, err := s.store.FindObligations(ctx, kehoach.ObligationFilter{UnitID: &unit})
	if err != nil {
		return nil, err
	}
	byID := map[string]*kehoach.Plan{}
	for _, p := range plans {
		byID[p.ID] = p
	}
	now := s.Now()
	var out []Todo
	for _, o := range obls {
		p := byID[o.PlanID]
		if p == nil {
			continue
		}
		t := Todo{Plan: p, Obligation: o, Status: o.Status(now)}
		if o.TaskID != "" {
			if t.Task, err = s.store.FindTaskByID(ctx, o.TaskID); err != nil {
				return nil, err
			}
		}
		out = append(out, t)
	}
	rank := map[kehoach.ObligationStatus]int{kehoach.StatusLate: 0, kehoach.StatusReturned: 1, kehoach.StatusDueSoon: 2, kehoach.StatusNotDue: 3, kehoach.StatusSubmitted: 4, kehoach.StatusAccepted: 5}
	slices.SortStableFunc(out, func(x, y Todo) int {
		if rank[x.Status] != rank[y.Status] {
			return rank[x.Status] - rank[y.Status]
		}
		return strings.Compare(x.Obligation.Due, y.Obligation.Due)
	})
	return out, nil
}

// Obligations are the obligations of a plan that a may read, with the
// plan's tasks by id and the time their status is judged at.
type Obligations struct {
	Items []*kehoach.Obligation
	Tasks map[string]*kehoach.Task
	Now   time.Time
}

// PlanObligations returns the obligations of a plan a may read, limited to
// the units whose work a may read.
func (s *Service) PlanObligations(ctx context.Context, a *kehoach.Actor, planID string) (*Obligations, error) {
	_, obls, tasks, err := s.planWork(ctx, a, planID, s.Plan)
	if err != nil {
		return nil, err
	}
	mine := keep(obls, func(o *kehoach.Obligation) bool { return a.CanReadUnitWork(o.UnitID) })
	return &Obligations{Items: mine, Tasks: tasksByID(tasks), Now: s.Now()}, nil
}

// History is a plan's change history.
type History struct {
	Plan    *kehoach.Plan
	Entries []*kehoach.AuditEntry
	// WithReminders tells whether reminders sent are listed; Reminders is
	// how many entries are about reminders.
	WithReminders bool
	Reminders     int
}

// PlanHistory returns the history of a plan a monitors: the work on the
// plan (the latest 500 entries) and, withReminders, what was sent.
func (s *Service) PlanHistory(ctx context.Context, a *kehoach.Actor, planID string, withReminders bool) (*History, error) {
	p, err := s.monitoredPlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	all, err := s.store.FindAuditEntries(ctx, kehoach.AuditFilter{PlanID: &p.ID, Limit: 2000})
	if err != nil {
		return nil, err
	}
	h := &History{Plan: p, WithReminders: withReminders}
	for _, e := range all {
		if strings.HasPrefix(e.Action, "reminder.") || strings.HasPrefix(e.Action, "notification.") {
			h.Reminders++
			if !withReminders || e.Action == "reminder.queue" {
				continue
			}
		}
		if len(h.Entries) < 500 {
			h.Entries = append(h.Entries, e)
		}
	}
	return h, nil
}

// planWork returns plan planID, when check gives it to a, with its
// obligations and its tasks.
func (s *Service) planWork(ctx context.Context, a *kehoach.Actor, planID string, check planCheck) (*kehoach.Plan, []*kehoach.Obligation, []*kehoach.Task, error) {
	p, err := check(ctx, a, planID)
	if err != nil {
		return nil, nil, nil, err
	}
	obls, err := s.store.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID})
	if err != nil {
		return nil, nil, nil, err
	}
	tasks, err := s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	return p, obls, tasks, err
}

// tasksByID indexes tasks by id.
func tasksByID(tasks []*kehoach.Task) map[string]*kehoach.Task {
	m := make(map[string]*kehoach.Task, len(tasks))
	for _, t := range tasks {
		m[t.ID] = t
	}
	return m
}
