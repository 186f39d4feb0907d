package sqlstore

import "context"

// MigrateDownForTest undoes every migration.
func (db *DB) MigrateDownForTest(ctx context.Context) error {
	p, err := db.migrator()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, 0)
	return err
}

// MigrateDownToForTest undoes the migrations after version.
func (db *DB) MigrateDownToForTest(ctx context.Context, version int64) error {
	p, err := db.migrator()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}
