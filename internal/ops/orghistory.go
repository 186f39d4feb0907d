package ops

import (
	"context"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// SuccessorsInput replaces a unit's successors: none, one (a merger or a
// rename) or several (a split).
type SuccessorsInput struct {
	Successors []SuccessorInput `json:"successors"`
}

// SuccessorInput is one successor of a unit.
type SuccessorInput struct {
	SuccessorID string                 `json:"successorId"`
	Kind        kehoach.SuccessionKind `json:"kind"`
	OnDate      string                 `json:"onDate"`
	Note        string                 `json:"note"`
}

// UnitSuccessions returns the links from unit id to its successors and
// from its predecessors to it.
func (s *Service) UnitSuccessions(ctx context.Context, a *kehoach.Actor, id string) (succ, pred []kehoach.Succession, err error) {
	if !a.CanSeeOrganisation() {
		return nil, nil, Forbidden()
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, nil, err
	}
	if tree.Unit(id) == nil {
		return nil, nil, notFound("đơn vị")
	}
	return tree.Successions(id), tree.Predecessions(id), nil
}

// SetSuccessors replaces the successors of unit id; the administrator's.
func (s *Service) SetSuccessors(ctx context.Context, a *kehoach.Actor, id string, in SuccessorsInput) ([]kehoach.Succession, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	if _, err := s.EditableUnit(ctx, a, id); err != nil {
		return nil, err
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]kehoach.Succession, 0, len(in.Successors))
	for _, x := range in.Successors {
		list = append(list, kehoach.Succession{UnitID: id, SuccessorID: strings.TrimSpace(x.SuccessorID), Kind: x.Kind,
			OnDate: strings.TrimSpace(x.OnDate), Note: strings.TrimSpace(x.Note)})
	}
	var others []kehoach.Succession
	for _, u := range tree.Units() {
		if u.ID != id {
			others = append(others, tree.Successions(u.ID)...)
		}
	}
	if err := kehoach.ValidateSuccessions(tree.WithSuccessions(others), id, list); err != nil {
		return nil, err
	}
	return committed(s, list, s.store.SetSuccessors(as(ctx, a), id, list))
}

// UnitsOn returns the units that exist on the day on (YYYY-MM-DD; empty is
// every unit, as [Service.Units]).
func (s *Service) UnitsOn(ctx context.Context, a *kehoach.Actor, on string) ([]*kehoach.OrgUnit, error) {
	tree, err := s.OrgOn(ctx, a, on)
	if err != nil {
		return nil, err
	}
	return tree.Units(), nil
}

// OrgOn returns the organisation tree as it stood on the day on
// (YYYY-MM-DD), or the whole tree when on is empty.
func (s *Service) OrgOn(ctx context.Context, a *kehoach.Actor, on string) (*kehoach.OrgTree, error) {
	if !a.CanSeeOrganisation() {
		return nil, Forbidden()
	}
	var day time.Time
	if on = strings.TrimSpace(on); on != "" {
		d, err := time.ParseInLocation(time.DateOnly, on, kehoach.Zone)
		if err != nil {
			return nil, kehoach.Invalid(map[string]string{"on": "Ngày không hợp lệ (định dạng YYYY-MM-DD)."})
		}
		day = d.Add(12 * time.Hour)
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil || on == "" {
		return tree, err
	}
	return tree.On(day), nil
}

// CopyablePlan returns plan id when a may make next year's copy of it.
func (s *Service) CopyablePlan(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Plan, error) {
	return s.planFor(ctx, a, id, a.CanCopyPlan, Forbidden())
}
