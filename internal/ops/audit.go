package ops

import (
	"context"

	"github.com/kehoach/kehoach"
)

// PlanAudit returns the newest limit entries of plan id's audit trail, to
// the Office that keeps the plan and the Director who decides on it.
func (s *Service) PlanAudit(ctx context.Context, a *kehoach.Actor, id string, limit int) ([]*kehoach.AuditEntry, error) {
	p, err := s.Plan(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) {
		return nil, Forbidden()
	}
	entries, err := s.store.FindAuditEntries(ctx, kehoach.AuditFilter{PlanID: &p.ID, Limit: limit})
	if entries == nil {
		entries = []*kehoach.AuditEntry{}
	}
	return entries, err
}

// AuditCheck is the result of verifying the audit chain.
type AuditCheck struct {
	// Checked is how many entries were read.
	Checked int
	// BrokenAt is the first entry altered, inserted or following a removed
	// one; 0 when the chain is intact.
	BrokenAt int64
}

// VerifyAudit walks the whole audit chain and recomputes every hash.
func (s *Service) VerifyAudit(ctx context.Context, a *kehoach.Actor) (AuditCheck, error) {
	if !a.CanAdminister() {
		return AuditCheck{}, Forbidden()
	}
	n, bad, err := s.store.VerifyAudit(ctx)
	return AuditCheck{Checked: n, BrokenAt: bad}, err
}
