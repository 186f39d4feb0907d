package ops

import (
	"context"

	"github.com/kehoach/kehoach"
)

// Plan returns the plan id when a may read it; any other plan is not found,
// so that its existence does not leak.
func (s *Service) Plan(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Plan, error) {
	p, err := s.store.FindPlanByID(ctx, id)
	return allowed(p, err, a.CanReadPlan, notFound("kế hoạch"))
}

// EditablePlan returns the plan id when a may change it (the Office of its
// agency); a plan a may read but not change is forbidden.
func (s *Service) EditablePlan(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Plan, error) {
	return s.planFor(ctx, a, id, func(p *kehoach.Plan) bool { return a.CanEditPlan(p.AgencyID) }, Forbidden())
}

// planFor returns the plan id when a may read it and may(plan) holds; a
// plan a may read but for which may fails is refused.
func (s *Service) planFor(ctx context.Context, a *kehoach.Actor, id string, may func(*kehoach.Plan) bool, refused error) (*kehoach.Plan, error) {
	p, err := s.Plan(ctx, a, id)
	return allowed(p, err, may, refused)
}

// planCheck is one of the checks above: it returns the plan id when the
// actor may see it as the operation needs.
type planCheck func(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Plan, error)

// ofPlan returns what read finds of plan planID when check gives the plan
// to a.
func ofPlan[T any](ctx context.Context, a *kehoach.Actor, planID string, check planCheck, read func(context.Context, string) (T, error)) (T, error) {
	p, err := check(ctx, a, planID)
	if err != nil {
		var none T
		return none, err
	}
	return read(ctx, p.ID)
}

// Plans returns the plans matching f that a may read.
func (s *Service) Plans(ctx context.Context, a *kehoach.Actor, f kehoach.PlanFilter) ([]*kehoach.Plan, error) {
	all, _, err := s.store.FindPlans(ctx, f)
	if err != nil {
		return nil, err
	}
	return keep(all, a.CanReadPlan), nil
}

// UpdatePlan replaces what a draft plan says (its period, its parts) before
// it is issued; the Office of its agency only. An issued plan changes
// through its tasks and decisions, not by rewriting it.
func (s *Service) UpdatePlan(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) error {
	if err := cleanInput(p); err != nil {
		return err
	}
	cur, err := s.EditablePlan(ctx, a, p.ID)
	if err != nil {
		return err
	}
	if cur.Status != kehoach.PlanDraft {
		return kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch đã ban hành: không sửa được nội dung.")
	}
	if p.AgencyID != cur.AgencyID || p.Status != cur.Status {
		return kehoach.Invalid(map[string]string{"agencyId": "Không đổi được cơ quan hoặc trạng thái của kế hoạch ở đây."})
	}
	return s.savePlan(ctx, a, p, s.store.UpdatePlan)
}

// savePlan checks p and stores it with save; the caller checked the rights.
func (s *Service) savePlan(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, save func(context.Context, *kehoach.Plan) error) error {
	if err := s.checkParent(ctx, a, p); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.commit(save(as(ctx, a), p))
}
