package ops

import (
	"context"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
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

// AuditKey returns the key that seals the audit trail: fromEnv
// (KEHOACH_AUDIT_KEY) when set, else the file audit.key in the data folder
// dir, made on first use (mode 0600).
func AuditKey(dir, fromEnv string) ([]byte, error) { return sqlstore.LoadAuditKey(dir, fromEnv) }

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

// VerifyAuditReport seals the trail, walks its chain, compares every row of
// the audited tables with the last entry that wrote it and, given an
// anchor, checks that the chain still holds it.
func (s *Service) VerifyAuditReport(ctx context.Context, a *kehoach.Actor, anchor *kehoach.AuditAnchor) (*kehoach.AuditReport, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	return s.store.VerifyAuditReport(ctx, anchor)
}

// AuditAnchor seals the trail and returns its head signed with the key, for
// an auditor to keep outside the database.
func (s *Service) AuditAnchor(ctx context.Context, a *kehoach.Actor) (*kehoach.AuditAnchor, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	return s.store.AuditAnchor(ctx)
}

// AuditedTables names the tables whose rows verification compares with
// the trail.
func AuditedTables() []string { return sqlstore.AuditedTables() }

// Snapshot writes a consistent copy of the SQLite database, its audit
// trail sealed, to the new file path, while kehoach may keep serving.
func (s *Service) Snapshot(ctx context.Context, a *kehoach.Actor, path string) error {
	if !a.CanAdminister() {
		return Forbidden()
	}
	return s.store.SnapshotTo(ctx, path)
}

// SealAudit seals the audit entries not yet sealed.
func (s *Service) SealAudit(ctx context.Context, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return Forbidden()
	}
	_, err := s.store.SealAudit(ctx)
	return err
}
