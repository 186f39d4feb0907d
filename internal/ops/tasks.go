package ops

import (
	"context"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TaskInput is what the Office types for a task; the JSON names are the
// API's.
type TaskInput struct {
	kehoach.TaskFields
	// Status changes the task's status when set (open, done, cancelled).
	Status string `json:"status"`
}

// apply copies the input onto t.
func (in TaskInput) apply(t *kehoach.Task) {
	t.TaskFields = in.TaskFields
	if in.Status != "" {
		t.Status = kehoach.TaskStatus(in.Status)
	}
	if t.SupportUnitIDs == nil {
		t.SupportUnitIDs = []string{}
	}
	if t.IndicatorCodes == nil {
		t.IndicatorCodes = []string{}
	}
}

// Tasks returns the tasks of a plan a may read.
func (s *Service) Tasks(ctx context.Context, a *kehoach.Actor, planID string) ([]*kehoach.Task, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	tasks, err := s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	if tasks == nil {
		tasks = []*kehoach.Task{}
	}
	return tasks, err
}

// Task returns a task of a plan a may read, with its plan.
func (s *Service) Task(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Task, *kehoach.Plan, error) {
	t, err := s.store.FindTaskByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.Plan(ctx, a, t.PlanID)
	if err != nil {
		return nil, nil, notFound("nhiệm vụ")
	}
	return t, p, nil
}

// editableTask returns a task whose plan a may change, with the plan.
func (s *Service) editableTask(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Task, *kehoach.Plan, error) {
	t, p, err := s.Task(ctx, a, id)
	if err != nil {
		return nil, nil, err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return nil, nil, Forbidden()
	}
	return t, p, nil
}

// TaskForm is what the task form offers: the plan, the task (a new one with
// the plan's end as due date, or the task being edited), the units of the
// agency and the indicator catalogue.
type TaskForm struct {
	Plan       *kehoach.Plan
	Task       *kehoach.Task
	Units      []*kehoach.OrgUnit
	Indicators []kehoach.Indicator
}

// NewTaskForm returns the form for a new task of a plan a may change.
func (s *Service) NewTaskForm(ctx context.Context, a *kehoach.Actor, planID string) (*TaskForm, error) {
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	t := &kehoach.Task{PlanID: p.ID}
	if e := p.EndDate(); e != nil {
		t.Due = e.Format(time.DateOnly)
	}
	return s.taskForm(ctx, a, p, t)
}

// EditTaskForm returns the form for a task of a plan a may change.
func (s *Service) EditTaskForm(ctx context.Context, a *kehoach.Actor, taskID string) (*TaskForm, error) {
	t, p, err := s.editableTask(ctx, a, taskID)
	if err != nil {
		return nil, err
	}
	return s.taskForm(ctx, a, p, t)
}

// TaskFormWith returns the form of plan planID showing t as typed, for
// showing it again with its problems.
func (s *Service) TaskFormWith(ctx context.Context, a *kehoach.Actor, planID string, t *kehoach.Task) (*TaskForm, error) {
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	return s.taskForm(ctx, a, p, t)
}

func (s *Service) taskForm(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, t *kehoach.Task) (*TaskForm, error) {
	inds, err := s.store.FindIndicators(ctx)
	if err != nil {
		return nil, err
	}
	return &TaskForm{Plan: p, Task: t, Units: agencyUnits(a.Tree, p.AgencyID), Indicators: inds}, nil
}

// agencyUnits returns the units inside an agency, the agency left out.
func agencyUnits(tree *kehoach.OrgTree, agencyID string) []*kehoach.OrgUnit {
	return keep(tree.Units(), func(u *kehoach.OrgUnit) bool { return u.ID != agencyID && tree.IsWithin(u.ID, agencyID) })
}

// CreateTask adds a task to a plan a may change.
func (s *Service) CreateTask(ctx context.Context, a *kehoach.Actor, planID string, in TaskInput) (*kehoach.Task, error) {
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	t := &kehoach.Task{PlanID: p.ID}
	cleaned := cleanInput(&in)
	if err := s.takeTaskInput(ctx, t, in, cleaned); err != nil {
		return t, err
	}
	// The tasks the import proposed with a lead unit become tasks first: a
	// plan with tasks no longer issues its proposals.
	return t, s.commit(s.store.PromoteProposals(as(ctx, a), p.ID, sqlstore.ProposalLead{Index: -1}, t))
}

// AssignProposal gives the task proposed at index of draft plan planID,
// whose text the Office saw as text, a lead unit and supporting units; it
// becomes a task with the other proposals that have a lead.
func (s *Service) AssignProposal(ctx context.Context, a *kehoach.Actor, planID string, index int, text, lead string, support []string) error {
	if err := cleanInput(named{"text", &text}, named{"leadUnitId", &lead}, &support); err != nil {
		return err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return err
	}
	if p.Status != kehoach.PlanDraft {
		return kehoach.Errorf(kehoach.ECONFLICT, "Chỉ giao được nhiệm vụ đề xuất khi kế hoạch còn là dự thảo.")
	}
	if lead == "" {
		return kehoach.Invalid(map[string]string{"leadUnitId": "Chọn đơn vị chủ trì."})
	}
	support = keep(support, func(id string) bool { return id != "" && id != lead })
	return s.commit(s.store.PromoteProposals(as(ctx, a), p.ID, sqlstore.ProposalLead{Index: index, Text: text, LeadUnitID: lead, SupportUnitIDs: support}, nil))
}

// takeTaskInput writes in, cleaned with the outcome err, into t, as typed
// even when it is refused, then checks the indicators it names.
func (s *Service) takeTaskInput(ctx context.Context, t *kehoach.Task, in TaskInput, err error) error {
	in.apply(t)
	if err != nil {
		return err
	}
	return s.checkIndicators(ctx, t.IndicatorCodes)
}

// checkIndicators names under indicatorCodes the codes a task would feed
// that are not in the catalogue.
func (s *Service) checkIndicators(ctx context.Context, codes []string) error {
	if len(codes) == 0 {
		return nil
	}
	inds, err := s.store.FindIndicators(ctx)
	if err != nil {
		return err
	}
	pr := Problems{}
	for _, code := range codes {
		if kehoach.IndicatorByCode(inds, code) == nil {
			pr.Add("indicatorCodes", "Chỉ tiêu không có trong danh mục.")
		}
	}
	return pr.Err()
}

// UpdateTask changes a task (text, units, due date, indicators, status) of a
// plan a may change. On a problem it returns the task as typed with the error.
func (s *Service) UpdateTask(ctx context.Context, a *kehoach.Actor, id string, in TaskInput) (*kehoach.Task, error) {
	t, _, err := s.editableTask(ctx, a, id)
	if err != nil {
		return nil, err
	}
	cleaned := cleanInput(&in)
	if err := s.takeTaskInput(ctx, t, in, cleaned); err != nil {
		return t, err
	}
	return t, s.commit(s.store.UpdateTask(as(ctx, a), t))
}

// SplitTask replaces a task by one part per unit, each led by it, with the
// task's text, due date, expected output and indicators.
func (s *Service) SplitTask(ctx context.Context, a *kehoach.Actor, id string, unitIDs []string) error {
	if err := cleanInput(&unitIDs); err != nil {
		return err
	}
	t, _, err := s.editableTask(ctx, a, id)
	if err != nil {
		return err
	}
	if len(unitIDs) < 2 {
		return kehoach.Invalid(map[string]string{"parts": "Tách nhiệm vụ cần ít nhất hai phần."})
	}
	var parts []*kehoach.Task
	for _, u := range unitIDs {
		parts = append(parts, &kehoach.Task{TaskFields: kehoach.TaskFields{Title: t.Title, Text: t.Text, LeadUnitID: u,
			Due: t.Due, ExpectedOutput: t.ExpectedOutput, IndicatorCodes: t.IndicatorCodes}})
	}
	return s.commit(s.store.SplitTask(as(ctx, a), t.ID, parts))
}
