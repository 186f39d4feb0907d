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

// ServerPortForTest reads the port of the server that answers a read made
// with ctx.
func (db *DB) ServerPortForTest(ctx context.Context) (string, error) {
	var port string
	err := db.queryRow(ctx, `SELECT current_setting('port')`).Scan(&port)
	return port, err
}
