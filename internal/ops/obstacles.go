package ops

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
)

// The operations on obstacles ("khó khăn, vướng mắc"): a person raises one
// on a plan or a task; the Office of the agency merges duplicates, assesses,
// answers within its remit or escalates to the Director; the Director
// decides, with effects on the plan applied all or nothing; the raiser
// confirms the answer solved it or reopens it. Who may see an obstacle is
// [kehoach.Actor.CanSeeObstacle]; anything else is not found.

// ObstacleEntry is an obstacle as lists show it: with its task and the
// obstacles merged into it.
type ObstacleEntry struct {
	*kehoach.Obstacle
	// Task is the task it was raised on, or nil.
	Task *kehoach.Task
	// Duplicates are the visible obstacles merged into this one.
	Duplicates []*kehoach.Obstacle
}

// TaskNoteEntry is what a decision changed on a task, with the task.
type TaskNoteEntry struct {
	Task *kehoach.Task
	kehoach.TaskNote
}

// visibleObstacles returns the obstacles matching f that a may see.
func (s *Service) visibleObstacles(ctx context.Context, a *kehoach.Actor, f kehoach.ObstacleFilter) ([]*kehoach.Obstacle, error) {
	all, err := s.store.FindObstacles(ctx, f)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(o *kehoach.Obstacle) bool { return !a.CanSeeObstacle(o) }), nil
}

// obstacleEntries groups a list: a duplicate is listed under its primary
// when both are in the list.
func obstacleEntries(all []*kehoach.Obstacle, tasks map[string]*kehoach.Task) []ObstacleEntry {
	in := map[string]bool{}
	for _, o := range all {
		in[o.ID] = true
	}
	out := []ObstacleEntry{}
	for _, o := range all {
		if o.State == kehoach.ObstacleMerged && in[o.PrimaryID] {
			continue
		}
		e := ObstacleEntry{Obstacle: o, Task: tasks[o.TaskID]}
		for _, d := range all {
			if d.State == kehoach.ObstacleMerged && d.PrimaryID == o.ID {
				e.Duplicates = append(e.Duplicates, d)
			}
		}
		out = append(out, e)
	}
	return out
}

// planTasks returns the tasks of a plan, in order and by id.
func (s *Service) planTasks(ctx context.Context, planID string) ([]*kehoach.Task, map[string]*kehoach.Task, error) {
	tasks, err := s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &planID})
	if err != nil {
		return nil, nil, err
	}
	return tasks, tasksByID(tasks), nil
}

// PlanObstacles is what a person sees of a plan's obstacles.
type PlanObstacles struct {
	Plan *kehoach.Plan
	// Obstacles are those the person may see, oldest first; Entries the
	// same with duplicates under their primary.
	Obstacles []*kehoach.Obstacle
	Entries   []ObstacleEntry
	// CanRaise says whether the person may raise one now; RaiseTasks are
	// the open tasks they may raise it on, and CanRaiseForUnit whether they
	// may raise it on behalf of their unit.
	CanRaise        bool
	CanRaiseForUnit bool
	RaiseTasks      []*kehoach.Task
	// Notes are what decisions changed on the tasks the person may follow.
	Notes []TaskNoteEntry
}

// PlanObstacles returns the obstacles of plan planID that a may see, with
// what decisions changed on its tasks.
func (s *Service) PlanObstacles(ctx context.Context, a *kehoach.Actor, planID string) (*PlanObstacles, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	list, err := s.visibleObstacles(ctx, a, kehoach.ObstacleFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	tasks, byID, err := s.planTasks(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	notes, err := s.store.FindTaskNotes(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	d := &PlanObstacles{Plan: p, Obstacles: list, Entries: obstacleEntries(list, byID),
		CanRaise: a.CanRaiseObstacle(p) && p.Status != kehoach.PlanClosed, CanRaiseForUnit: a.Has(kehoach.RoleUnitHead)}
	for _, t := range tasks {
		if d.CanRaise && t.Status == kehoach.TaskOpen {
			d.RaiseTasks = append(d.RaiseTasks, t)
		}
		if !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) && !a.CanReadUnitWork(t.LeadUnitID) && !slices.ContainsFunc(t.SupportUnitIDs, a.CanReadUnitWork) {
			continue
		}
		for _, n := range notes[t.ID] {
			d.Notes = append(d.Notes, TaskNoteEntry{Task: t, TaskNote: n})
		}
	}
	return d, nil
}

// ObstacleStateFilters are the Office's filters of its list: "open" (the
// default), "decided" (answered, closed or resolved) and "all".
var ObstacleStateFilters = []string{"open", "decided", "all"}

// inStateFilter reports whether an obstacle of state st is listed under f.
func inStateFilter(f string, st kehoach.ObstacleState) bool {
	switch f {
	case "all":
		return true
	case "decided":
		return st == kehoach.ObstacleAnswered || st == kehoach.ObstacleClosed || st == kehoach.ObstacleResolved
	}
	return st == kehoach.ObstacleOpen
}

// ObstacleBoard is the obstacles of a person's agency as their page lists
// them: the Office's list by state (by age when open), the Director's
// queue, and the person's own.
type ObstacleBoard struct {
	// Office and Director say which of the lists the person has.
	Office, Director bool
	// State is the Office's filter in force, one of [ObstacleStateFilters];
	// Counts how many obstacles each filter lists.
	State  string
	Counts map[string]int
	// Open is the Office's list under State, the oldest first when open.
	Open []ObstacleEntry
	// Queue is what waits for the Director.
	Queue []ObstacleEntry
	// Mine is what the person raised (everything they see, for a unit).
	Mine []ObstacleEntry
	// PlanTitles names the plans of the obstacles listed.
	PlanTitles map[string]string
	// Notices are the person's latest notices about obstacles.
	Notices []*kehoach.Notice
}

// ObstacleBoard returns the obstacles of a's agency that a may see, as
// lists; state is the Office's filter (empty or unknown: "open").
func (s *Service) ObstacleBoard(ctx context.Context, a *kehoach.Actor, state string) (*ObstacleBoard, error) {
	ag := a.AgencyID()
	b := &ObstacleBoard{Office: ag != "" && a.CanConsolidate(ag), Director: a.CanDecide(ag), State: "open",
		Counts: map[string]int{}, PlanTitles: map[string]string{}}
	if slices.Contains(ObstacleStateFilters, state) {
		b.State = state
	}
	f := kehoach.ObstacleFilter{}
	if ag != "" {
		f.AgencyID = &ag
	}
	list, err := s.visibleObstacles(ctx, a, f)
	if err != nil {
		return nil, err
	}
	tasks := map[string]*kehoach.Task{}
	for _, o := range list {
		if _, ok := b.PlanTitles[o.PlanID]; ok {
			continue
		}
		p, err := s.store.FindPlanByID(ctx, o.PlanID)
		if err != nil {
			return nil, err
		}
		b.PlanTitles[o.PlanID] = p.FullTitle()
		_, byID, err := s.planTasks(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for id, t := range byID {
			tasks[id] = t
		}
	}
	for _, e := range obstacleEntries(list, tasks) {
		if b.Office {
			for _, f := range ObstacleStateFilters {
				if inStateFilter(f, e.State) {
					b.Counts[f]++
				}
			}
			if inStateFilter(b.State, e.State) {
				b.Open = append(b.Open, e)
			}
		}
		if (b.Office || b.Director) && e.State == kehoach.ObstacleEscalated {
			b.Queue = append(b.Queue, e)
		}
		if e.RaisedByID == a.ID() || (!b.Office && !b.Director) {
			b.Mine = append(b.Mine, e)
		}
	}
	if b.State == "open" {
		// Oldest first: they have waited longest.
		slices.SortStableFunc(b.Open, func(x, y ObstacleEntry) int { return x.CreatedAt.Compare(y.CreatedAt) })
	}
	if a.Person != nil {
		if b.Notices, err = s.store.FindNotices(ctx, a.ID(), 20); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Obstacle returns obstacle id when a may see it; any other is not found,
// so that its existence does not leak.
func (s *Service) Obstacle(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
	o, err := s.store.FindObstacleByID(ctx, id)
	return allowed(o, err, a.CanSeeObstacle, notFound("khó khăn, vướng mắc"))
}

// obstacleFor returns obstacle id when a may see it and may(obstacle)
// holds; an obstacle a may see but for which may fails is refused.
func (s *Service) obstacleFor(ctx context.Context, a *kehoach.Actor, id string, may func(*kehoach.Obstacle) bool, refused error) (*kehoach.Obstacle, error) {
	o, err := s.Obstacle(ctx, a, id)
	return allowed(o, err, may, refused)
}

// ObstacleDetail is one obstacle's page: the obstacle, where it stands and
// what the person may do on it, with what their forms offer.
type ObstacleDetail struct {
	ObstacleEntry
	Plan *kehoach.Plan
	// Primary is the obstacle this one was merged into, when visible.
	Primary *kehoach.Obstacle
	// Tasks are the plan's tasks.
	Tasks []*kehoach.Task
	// CanOffice, CanDecide and CanConfirm say which steps the person may
	// take: consolidate (the Office), decide (the Director), confirm or
	// reopen (the raiser).
	CanOffice, CanDecide, CanConfirm bool
	// Candidates are the pending obstacles of the plan it may be merged
	// into (for the Office).
	Candidates []*kehoach.Obstacle
	// Units, Indicators and Targets fill the Director's effects.
	Units []*kehoach.OrgUnit
	IndicatorTargets
}

// ObstacleDetail returns obstacle id with what its page shows to a.
func (s *Service) ObstacleDetail(ctx context.Context, a *kehoach.Actor, id string) (*ObstacleDetail, error) {
	o, err := s.Obstacle(ctx, a, id)
	if err != nil {
		return nil, err
	}
	p, err := s.store.FindPlanByID(ctx, o.PlanID)
	if err != nil {
		return nil, err
	}
	d := &ObstacleDetail{Plan: p, CanOffice: a.CanConsolidate(o.AgencyID), CanDecide: a.CanDecide(o.AgencyID), CanConfirm: a.CanConfirmObstacle(o)}
	var byID map[string]*kehoach.Task
	if d.Tasks, byID, err = s.planTasks(ctx, p.ID); err != nil {
		return nil, err
	}
	d.ObstacleEntry = ObstacleEntry{Obstacle: o, Task: byID[o.TaskID]}
	if o.PrimaryID != "" {
		d.Primary, _ = s.Obstacle(ctx, a, o.PrimaryID)
	}
	others, err := s.visibleObstacles(ctx, a, kehoach.ObstacleFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	for _, x := range others {
		if x.PrimaryID == o.ID && x.State == kehoach.ObstacleMerged {
			d.Duplicates = append(d.Duplicates, x)
		}
		if d.CanOffice && x.ID != o.ID && x.State.Pending() {
			d.Candidates = append(d.Candidates, x)
		}
	}
	if d.CanDecide {
		tree, err := s.store.OrgTree(ctx)
		if err != nil {
			return nil, err
		}
		d.Units = agencyUnits(tree, o.AgencyID)
		if d.IndicatorTargets, err = s.indicatorTargets(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// ObstacleFile returns a file attached to an obstacle a may see, with its
// content.
func (s *Service) ObstacleFile(ctx context.Context, a *kehoach.Actor, fileID string) (*kehoach.ObstacleFile, []byte, error) {
	f, data, err := s.store.ObstacleFileData(ctx, fileID)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.Obstacle(ctx, a, f.ObstacleID); err != nil {
		return nil, nil, notFound("tệp đính kèm")
	}
	return f, data, nil
}

// ObstacleInput is a new obstacle as its raiser types it.
type ObstacleInput struct {
	TaskID   string `json:"taskId"`
	ForUnit  bool   `json:"forUnit"`
	What     string `json:"what"`
	Why      string `json:"why"`
	Proposal string `json:"proposal"`
	// UnitID is the unit raised for, when ForUnit: empty for the raiser's
	// own unit. A person raising as an individual raises for their unit.
	UnitID string `json:"-"`
	// Files are attached to it (through the web form).
	Files []kehoach.Upload `json:"-"`
}

// addFields records the field problems of err, an [kehoach.EINVALID]
// error of the domain, and returns any other error.
func (p Problems) addFields(err error) error {
	if err == nil {
		return nil
	}
	fields := kehoach.ErrorFields(err)
	if kehoach.ErrorCode(err) != kehoach.EINVALID || len(fields) == 0 {
		return err
	}
	for k, v := range fields {
		p.Add(k, v)
	}
	return nil
}

// RaiseObstacle records a difficulty that a raises on plan planID or one of
// its open tasks: as an individual, or for their unit when they head it.
func (s *Service) RaiseObstacle(ctx context.Context, a *kehoach.Actor, planID string, in ObstacleInput) (*kehoach.Obstacle, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.planFor(ctx, a, planID, a.CanRaiseObstacle,
		kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn không thể nêu khó khăn, vướng mắc cho kế hoạch này."))
	if err != nil {
		return nil, err
	}
	if p.Status == kehoach.PlanClosed {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch đã kết thúc.")
	}
	unit := in.UnitID
	if unit == "" || !in.ForUnit {
		unit = a.UnitID()
	}
	if in.ForUnit && !a.CanRaiseForUnit(unit) {
		return nil, kehoach.Errorf(kehoach.EFORBIDDEN, "Chỉ lãnh đạo đơn vị được nêu khó khăn thay mặt đơn vị.")
	}
	o := &kehoach.Obstacle{PlanID: p.ID, TaskID: in.TaskID, UnitID: unit, ForUnit: in.ForUnit, What: in.What, Why: in.Why, Proposal: in.Proposal}
	pr := Problems{}
	if err := pr.addFields(o.Validate()); err != nil {
		return nil, err
	}
	if _, err := kehoach.CheckUploads(in.Files); pr.addFields(err) != nil {
		return nil, err
	}
	if o.TaskID != "" {
		if t, err := s.store.FindTaskByID(ctx, o.TaskID); err != nil || t.PlanID != p.ID {
			pr.Add("taskId", "Nhiệm vụ không thuộc kế hoạch này.")
		} else if t.Status != kehoach.TaskOpen {
			pr.Add("taskId", "Nhiệm vụ không còn đang thực hiện.")
		}
	}
	if unit == "" || a.Tree == nil || a.Tree.Unit(unit) == nil || !a.Tree.IsWithin(unit, p.AgencyID) {
		pr.Add("unitId", "Đơn vị không thuộc cơ quan ban hành kế hoạch.")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return committed(s, o, s.store.RaiseObstacle(as(ctx, a), o, in.Files))
}

// consolidatable returns obstacle id when a may see it and is its agency's
// Office.
func (s *Service) consolidatable(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
	return s.obstacleFor(ctx, a, id, func(o *kehoach.Obstacle) bool { return a.CanConsolidate(o.AgencyID) },
		kehoach.Errorf(kehoach.EFORBIDDEN, "Chỉ Văn phòng tổng hợp, xử lý khó khăn, vướng mắc."))
}

// stepDone ends a step on obstacle id: on success it delivers the notices
// the step queued and returns the obstacle as it now stands.
func (s *Service) stepDone(ctx context.Context, id string, err error) (*kehoach.Obstacle, error) {
	if err := s.commit(err); err != nil {
		return nil, err
	}
	return s.store.FindObstacleByID(ctx, id)
}

// MergeInput names the obstacle a duplicate is merged into.
type MergeInput struct {
	PrimaryID string `json:"primaryId"`
}

// MergeObstacle marks obstacle id a duplicate of another pending obstacle
// of the same plan, which carries it from then on (the Office).
func (s *Service) MergeObstacle(ctx context.Context, a *kehoach.Actor, id string, in MergeInput) (*kehoach.Obstacle, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	dup, err := s.consolidatable(ctx, a, id)
	if err != nil {
		return nil, err
	}
	pr := Problems{}
	switch in.PrimaryID = strings.TrimSpace(in.PrimaryID); in.PrimaryID {
	case "":
		pr.Add("primaryId", "Chọn khó khăn chính để gộp vào.")
	case dup.ID:
		pr.Add("primaryId", "Không thể gộp một khó khăn vào chính nó.")
	default:
		if prim, err := s.Obstacle(ctx, a, in.PrimaryID); err != nil {
			pr.Add("primaryId", "Không tìm thấy khó khăn chính.")
		} else if prim.PlanID != dup.PlanID {
			pr.Add("primaryId", "Khó khăn chính phải thuộc cùng kế hoạch.")
		}
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return s.stepDone(ctx, id, s.store.MergeObstacle(as(ctx, a), id, in.PrimaryID))
}

// AssessObstacle records the Office's assessment, proposal, group and
// whether every unit of the agency may see the obstacle.
func (s *Service) AssessObstacle(ctx context.Context, a *kehoach.Actor, id string, in kehoach.ObstacleAssessment) (*kehoach.Obstacle, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	return s.assess(ctx, a, id, in, false)
}

// EscalateObstacle records the Office's assessment, which it needs, and
// sends the obstacle with its duplicates to the Director.
func (s *Service) EscalateObstacle(ctx context.Context, a *kehoach.Actor, id string, in kehoach.ObstacleAssessment) (*kehoach.Obstacle, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	return s.assess(ctx, a, id, in, true)
}

// assess records the Office's assessment of obstacle id and, when
// escalate, sends the obstacle to the Director, which needs the assessment.
func (s *Service) assess(ctx context.Context, a *kehoach.Actor, id string, in kehoach.ObstacleAssessment, escalate bool) (*kehoach.Obstacle, error) {
	if _, err := s.consolidatable(ctx, a, id); err != nil {
		return nil, err
	}
	if err := in.Validate(escalate); err != nil {
		return nil, err
	}
	record := s.store.AssessObstacle
	if escalate {
		record = s.store.EscalateObstacle
	}
	return s.stepDone(ctx, id, record(as(ctx, a), id, in))
}

// AnswerInput is the Office's own answer.
type AnswerInput struct {
	Text          string `json:"text"`
	NotActionable bool   `json:"notActionable"`
}

// AnswerObstacle records the Office's answer to an obstacle within its
// remit, or closes it as not actionable; the raisers are notified.
func (s *Service) AnswerObstacle(ctx context.Context, a *kehoach.Actor, id string, in AnswerInput) (*kehoach.Obstacle, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	if _, err := s.consolidatable(ctx, a, id); err != nil {
		return nil, err
	}
	d := &kehoach.Decision{Text: in.Text, NotActionable: in.NotActionable}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	_, err := s.store.AnswerObstacle(as(ctx, a), id, d.Text, d.NotActionable)
	return s.stepDone(ctx, id, err)
}

// DecisionInput is the Director's decision and the changes to the plan it
// makes.
type DecisionInput struct {
	Text          string           `json:"text"`
	NotActionable bool             `json:"notActionable"`
	Effects       []kehoach.Effect `json:"effects"`
}

// DecideObstacle records the Director's decision on a pending obstacle and
// applies its effects in the same transaction: an effect that cannot apply
// refuses the whole decision, naming it, and nothing changes.
func (s *Service) DecideObstacle(ctx context.Context, a *kehoach.Actor, id string, in DecisionInput) (*kehoach.Obstacle, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	o, err := s.obstacleFor(ctx, a, id, func(o *kehoach.Obstacle) bool { return a.CanDecide(o.AgencyID) },
		kehoach.Errorf(kehoach.EFORBIDDEN, "Chỉ Giám đốc quyết định xử lý khó khăn, vướng mắc."))
	if err != nil {
		return nil, err
	}
	d := &kehoach.Decision{Text: in.Text, NotActionable: in.NotActionable, Effects: slices.Clone(in.Effects)}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	p, err := s.store.FindPlanByID(ctx, o.PlanID)
	if err != nil {
		return nil, err
	}
	if err := s.checkEffects(ctx, p, d.Effects); err != nil {
		return nil, err
	}
	_, err = s.store.DecideObstacle(as(ctx, a), id, d)
	return s.stepDone(ctx, id, err)
}

// checkEffects checks each effect of a decision against plan p: its task
// is an open task of the plan, its unit a unit of the agency, its indicator
// in the list, and the task it changes or adds still valid. Problems are
// named "effects.i.field", i counting from 0.
func (s *Service) checkEffects(ctx context.Context, p *kehoach.Plan, effects []kehoach.Effect) error {
	if len(effects) == 0 {
		return nil
	}
	_, tasks, err := s.planTasks(ctx, p.ID)
	if err != nil {
		return err
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return err
	}
	indicators, err := s.store.FindIndicators(ctx)
	if err != nil {
		return err
	}
	pr := Problems{}
	for i, e := range effects {
		add := func(field, msg string) {
			if len(effects) > 1 {
				msg = fmt.Sprintf("Thay đổi thứ %d: %s", i+1, msg)
			}
			pr.Add(fmt.Sprintf("effects.%d.%s", i, field), msg)
		}
		// taskProblems names what is wrong with the task the effect
		// leaves, by the effect's fields.
		taskProblems := func(t *kehoach.Task) {
			for k, v := range kehoach.ErrorFields(t.Validate(p)) {
				if k == "leadUnitId" {
					k = "unitId"
				}
				add(k, v)
			}
		}
		openTask := func() *kehoach.Task {
			t := tasks[e.TaskID]
			switch {
			case t == nil:
				add("taskId", "Nhiệm vụ không thuộc kế hoạch này.")
			case t.Status == kehoach.TaskCancelled:
				add("taskId", fmt.Sprintf("Nhiệm vụ %d đã bị hủy.", t.Number))
			case t.Status == kehoach.TaskDone:
				add("taskId", fmt.Sprintf("Nhiệm vụ %d đã hoàn thành.", t.Number))
			default:
				c := *t
				return &c
			}
			return nil
		}
		unitOK := func() bool {
			if tree.Unit(e.UnitID) == nil || !tree.IsWithin(e.UnitID, p.AgencyID) || e.UnitID == p.AgencyID {
				add("unitId", "Đơn vị được giao không tồn tại hoặc không thuộc cơ quan.")
				return false
			}
			return true
		}
		switch e.Kind {
		case kehoach.EffectExtendDue:
			if t := openTask(); t != nil {
				t.Due = e.Due
				taskProblems(t)
			}
		case kehoach.EffectReassign:
			if t := openTask(); t != nil && unitOK() {
				t.LeadUnitID = e.UnitID
				t.SupportUnitIDs = slices.DeleteFunc(slices.Clone(t.SupportUnitIDs), func(u string) bool { return u == e.UnitID })
				taskProblems(t)
			}
		case kehoach.EffectTarget:
			if !slices.ContainsFunc(indicators, func(x kehoach.Indicator) bool { return x.Code == e.IndicatorCode }) {
				add("indicatorCode", "Chỉ tiêu "+e.IndicatorCode+" không có trong danh mục.")
			}
			if *e.Value < 0 {
				add("value", "Chỉ tiêu kế hoạch không được âm.")
			}
		case kehoach.EffectAddTask:
			if unitOK() {
				taskProblems(&kehoach.Task{PlanID: p.ID, TaskFields: kehoach.TaskFields{Title: e.Title, LeadUnitID: e.UnitID, Due: e.Due, Section: "QĐ"}})
			}
		}
	}
	if len(pr) == 0 {
		return nil
	}
	keys := make([]string, 0, len(pr))
	for k := range pr {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return &kehoach.Error{Code: kehoach.EINVALID, Fields: pr,
		Message: "Quyết định chưa được ghi nhận, không có thay đổi nào được áp dụng: " + pr[keys[0]]}
}

// ConfirmInput is the raiser's word on the answer.
type ConfirmInput struct {
	Resolved bool   `json:"resolved"`
	Feedback string `json:"feedback"`
}

// ConfirmObstacle records whether the answer solved the obstacle (its
// raiser, or the head of the unit it was raised for); when it did not, the
// obstacle goes back to the Office, and the reason is required.
func (s *Service) ConfirmObstacle(ctx context.Context, a *kehoach.Actor, id string, in ConfirmInput) (*kehoach.Obstacle, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	if _, err := s.obstacleFor(ctx, a, id, a.CanConfirmObstacle,
		kehoach.Errorf(kehoach.EFORBIDDEN, "Chỉ người hoặc đơn vị đã nêu khó khăn được xác nhận kết quả xử lý.")); err != nil {
		return nil, err
	}
	in.Feedback = strings.TrimSpace(in.Feedback)
	pr := Problems{}
	if n := utf8.RuneCountInString(in.Feedback); !in.Resolved && n < 5 {
		pr.Add("feedback", "Nêu vì sao vướng mắc chưa được giải quyết (ít nhất 5 ký tự).")
	} else if n > 2000 {
		pr.Add("feedback", "Ý kiến dài quá 2000 ký tự.")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return s.stepDone(ctx, id, s.store.ConfirmObstacle(as(ctx, a), id, in.Resolved, in.Feedback))
}
