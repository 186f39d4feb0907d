package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
)

// A streaming standby of a PostgreSQL primary may serve the reads of
// read-only pages. A read marked with [ReadStandby] goes to the standby
// while it answers and replays the primary's changes within the bound
// set; otherwise, and when a query there fails, it goes to the primary.
// Writes never go there.

type standby struct {
	db     *sql.DB
	maxLag time.Duration
	// ok tells whether the standby was usable at the last check, taken
	// at checked (unix nanoseconds); checking is set while a check runs.
	ok       atomic.Bool
	checked  atomic.Int64
	checking atomic.Bool
}

// standbyCheckEvery is how often the standby's state is looked at again.
const standbyCheckEvery = time.Second

// SetStandby opens the standby at url (a postgres:// URL) for the reads
// marked with [ReadStandby], used while it lags the primary by at most
// maxLag (5 seconds when zero). A standby down at start is not an error:
// the reads go to the primary until it answers.
func (db *DB) SetStandby(ctx context.Context, url string, maxLag time.Duration) error {
	if db.dialect != Postgres {
		return errors.New("sqlstore: a read standby needs PostgreSQL")
	}
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return fmt.Errorf("sqlstore: the read standby must be a postgres:// URL")
	}
	p, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(10)
	p.SetConnMaxIdleTime(5 * time.Minute)
	if maxLag <= 0 {
		maxLag = 5 * time.Second
	}
	s := &standby{db: p, maxLag: maxLag}
	s.check(ctx)
	db.standby = s
	return nil
}

// StandbyInUse tells whether reads marked for the standby go there now.
func (db *DB) StandbyInUse(ctx context.Context) bool {
	return db.standbyFor(ReadStandby(ctx)) != nil
}

type standbyKey struct{}

// ReadStandby marks ctx so that the reads made with it may be served by
// the standby, when one is set and usable.
func ReadStandby(ctx context.Context) context.Context {
	return context.WithValue(ctx, standbyKey{}, true)
}

// standbyFor returns the standby to read from with ctx, or nil.
func (db *DB) standbyFor(ctx context.Context) *standby {
	s := db.standby
	if s == nil || ctx.Value(standbyKey{}) == nil {
		return nil
	}
	if time.Since(time.Unix(0, s.checked.Load())) > standbyCheckEvery && s.checking.CompareAndSwap(false, true) {
		go func() {
			defer s.checking.Store(false)
			cctx, cancel := context.WithTimeout(context.Background(), standbyCheckEvery)
			defer cancel()
			s.check(cctx)
		}()
	}
	if !s.ok.Load() {
		return nil
	}
	return s
}

// check asks the standby how far behind the primary it is: nothing when
// it has replayed all it received, else the age of the last transaction
// replayed. A server not in recovery (the primary itself, or a promoted
// standby) is current.
func (s *standby) check(ctx context.Context) {
	var lag float64
	err := s.db.QueryRowContext(ctx, `SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
		ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END`).Scan(&lag)
	s.ok.Store(err == nil && time.Duration(lag*float64(time.Second)) <= s.maxLag)
	s.checked.Store(time.Now().UnixNano())
}

// failed notes that a query on the standby failed: reads go to the
// primary until the next check finds it usable.
func (s *standby) failed() {
	s.ok.Store(false)
	s.checked.Store(time.Now().UnixNano())
}

func (s *standby) close() error {
	if s == nil {
		return nil
	}
	return s.db.Close()
}
