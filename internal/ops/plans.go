package ops

import (
	"context"

	"github.com/kehoach/kehoach"
)

// Plan returns the plan id when a may read it; any other plan is not found,
// so that its existence does not leak.
func (s *Service) Plan(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Plan, error) {
	p, err := s.store.FindPlanByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !a.CanReadPlan(p) {
		return nil, notFound("kế hoạch")
	}
	return p, nil
}

// EditablePlan returns the plan id when a may change it (the Office of its
// agency); a plan a may read but not change is forbidden.
func (s *Service) EditablePlan(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Plan, error) {
	p, err := s.Plan(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return nil, Forbidden()
	}
	return p, nil
}

// Plans returns the plans matching f that a may read.
func (s *Service) Plans(ctx context.Context, a *kehoach.Actor, f kehoach.PlanFilter) ([]*kehoach.Plan, error) {
	all, _, err := s.store.FindPlans(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []*kehoach.Plan
	for _, p := range all {
		if a.CanReadPlan(p) {
			out = append(out, p)
		}
	}
	return out, nil
}
