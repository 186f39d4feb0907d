package sqlstore

import "context"

// ExecForTest runs a statement directly, bypassing the audit trail, so that
// tests can simulate tampering.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, db.rebind(q), args...)
	return err
}
