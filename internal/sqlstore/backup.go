package sqlstore

import (
	"context"
	"errors"
	"fmt"
)

// SnapshotTo writes a consistent copy of an SQLite database to the new
// file path while the database stays in use (VACUUM INTO reads one
// snapshot). The audit trail is sealed first, so that the copy verifies.
// PostgreSQL is copied with pg_dump instead.
func (db *DB) SnapshotTo(ctx context.Context, path string) error {
	if db.dialect != SQLite {
		return errors.New("snapshot: only SQLite; PostgreSQL is copied with pg_dump")
	}
	if len(db.auditKey) > 0 {
		if _, err := db.SealAudit(ctx); err != nil {
			return err
		}
	}
	if _, err := db.r.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
