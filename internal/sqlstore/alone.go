package sqlstore

import (
	"context"
	"hash/fnv"

	"github.com/kehoach/kehoach/internal/notify"
)

// The reminder runner ticks through [DB.RunAlone].
var _ notify.Alone = (*DB)(nil)

// RunAlone runs fn unless another process sharing the database runs the
// background work named name at the same time, and tells whether fn ran.
// On PostgreSQL, where several kehoach processes may serve one database,
// a session advisory lock (pg_try_advisory_lock) is held on one connection
// while fn runs: the lock goes with the connection if the process dies. On
// SQLite fn simply runs; one process serves a database file.
func (db *DB) RunAlone(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error) {
	if db.dialect != Postgres {
		return true, fn(ctx)
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	key := aloneKey(name)
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil || !got {
		return false, err
	}
	// Unlocked even when ctx has ended, so that the connection goes back
	// to the pool without the lock.
	defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key) }()
	return true, fn(ctx)
}

// aloneKey is the advisory lock key of the work named name, apart from
// the audit sequencer's [sealLock].
func aloneKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("kehoach:" + name))
	k := int64(h.Sum64())
	if k == sealLock {
		k++
	}
	return k
}
