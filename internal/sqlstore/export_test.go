package sqlstore

import "context"

// ExecForTest runs a statement directly, bypassing the audit trail, so that
// tests can simulate tampering.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.w.ExecContext(ctx, db.rebind(q), args...)
	return err
}

// CleanStoredTextForTest runs the cleaning of migration 17 again.
func (db *DB) CleanStoredTextForTest(ctx context.Context) error { return db.cleanStoredText(ctx) }
