// Package sqlstore keeps kehoach's data in SQLite (the embedded default) or
// PostgreSQL, through database/sql with hand-written SQL. The two differ only
// in a small seam: placeholders, a few column types in the migrations, and
// how writes are serialised.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/kehoach/kehoach"
)

// Dialect tells which database engine a [DB] talks to.
type Dialect string

// The supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open kehoach database. Reads go through a pool; on SQLite, writes
// go through a single connection that takes the write lock when a
// transaction begins, so that concurrent requests queue instead of failing
// with "database is locked".
type DB struct {
	dialect Dialect
	w       *sql.DB // writes (one connection on SQLite)
	r       *sql.DB // reads
	// Clock tells the time recorded in rows; tests set it.
	Clock kehoach.Clock
	// PasswordCost is the argon2id cost for new password hashes.
	PasswordCost PasswordCost
	// Mail tells whether a mail server is set: notices are queued for
	// e-mail only then; without one, e-mail is simply off.
	Mail bool
	dsn  string
	// auditKey keys the audit chain; seal runs the sequencer (sealer.go).
	auditKey []byte
	seal     *sealer
	// group, when set, commits the writes of concurrent requests together
	// (groupcommit.go).
	group *groupWriter
	// standby, when set, serves the reads marked for it (standby.go).
	standby *standby
	// stmts caches prepared statements on SQLite (see stmtcache.go); nil
	// on PostgreSQL, whose driver caches them per connection itself.
	stmts *stmtCache
	// org keeps the organisation tree and people in memory (orgcache.go).
	org orgCache
	// queries counts the statements sent to the database (see Queries).
	queries atomic.Int64
}

// Queries returns how many statements this handle has sent to the
// database so far, transactions' begin and commit not counted. Tests use
// it to hold each page to a budget of queries.
func (db *DB) Queries() int64 { return db.queries.Load() }

// PasswordCost selects the argon2id parameters for new passwords.
type PasswordCost int

// The password costs: Default for real use, Cheap for tests and the demo.
const (
	PasswordDefault PasswordCost = iota
	PasswordCheap
)

// Open opens the database named by dsn: a postgres:// or postgresql:// URL
// selects PostgreSQL; anything else is an SQLite file path (or a file: URI).
// It does not migrate; call [DB.Migrate].
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenWith(ctx, dsn, Options{})
}

// OpenWith is [Open] with options.
func OpenWith(ctx context.Context, dsn string, opt Options) (*DB, error) {
	db := &DB{Clock: kehoach.SystemClock, dsn: dsn}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.dialect = Postgres
		p, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		n := pgPoolSize()
		p.SetMaxOpenConns(n)
		// As many idle connections as open ones: a connection closed
		// for being idle-surplus costs a new server process and loses
		// its prepared statements.
		p.SetMaxIdleConns(n)
		p.SetConnMaxIdleTime(5 * time.Minute)
		db.w, db.r = p, p
	} else {
		db.dialect = SQLite
		path := strings.TrimPrefix(dsn, "file:")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create database folder: %w", err)
			}
		}
		q := url.Values{}
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "busy_timeout(10000)")
		if opt.Durable {
			q.Add("_pragma", "synchronous(FULL)")
		} else {
			q.Add("_pragma", "synchronous(NORMAL)")
		}
		q.Set("_time_format", "sqlite")
		wq := url.Values{}
		for k, v := range q {
			wq[k] = v
		}
		wq.Set("_txlock", "immediate")
		w, err := sql.Open("sqlite", "file:"+path+"?"+wq.Encode())
		if err != nil {
			return nil, err
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxLifetime(0)
		r, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
		if err != nil {
			w.Close()
			return nil, err
		}
		// As many idle readers as open ones: a reader closed for being
		// idle-surplus loses its prepared statements and must parse the
		// schema again when it is reopened.
		r.SetMaxOpenConns(8)
		r.SetMaxIdleConns(8)
		w.SetMaxIdleConns(1)
		db.w, db.r = w, r
		db.stmts = newStmtCache(w, r)
	}
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if db.dialect == SQLite && opt.groupCommit() {
		db.startGroupWriter()
	}
	return db, nil
}

// Dialect returns the engine.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close seals what the trail holds unsealed and closes both pools.
func (db *DB) Close() error {
	db.stopSealer()
	db.stopGroupWriter()
	db.stmts.close()
	err := db.w.Close()
	if e := db.standby.close(); err == nil {
		err = e
	}
	if db.r != db.w {
		if e := db.r.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.r.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// rebind turns ? placeholders into $1, $2 … for PostgreSQL. Queries here
// never hold a literal question mark.
func (db *DB) rebind(q string) string {
	if db.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (db *DB) now() time.Time {
	return db.Clock.Now().UTC().Truncate(time.Microsecond)
}

// NewID returns a new time-ordered unique id.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// Tx is a writing transaction. It carries the time of the change and the
// actor, so that every row written and every audit entry agree.
type Tx struct {
	db    *DB
	tx    *sql.Tx
	Now   time.Time
	Actor *kehoach.Actor
	ctx   context.Context
	// The audit entries of the change and the audited rows it writes,
	// written just before commit (audit.go).
	entries []*kehoach.AuditEntry
	touched map[rowRef]int
	// kept holds the hashes of rows as the last statement that wrote them
	// returned them (see [Tx.execKept]).
	kept       map[rowRef]string
	order      []rowRef
	wroteAudit bool
	// evidenceRead: the report a draft save returns has its evidence
	// list (known empty), so that it is not read after commit.
	evidenceRead bool
	// leftUnsealed: some of its entries wait for the sequencer.
	leftUnsealed bool
	// chain is the head of the audit chain its entries are linked to as
	// they are written (SQLite with a key; nil otherwise, see
	// chaininline.go); the writes of one group share it.
	chain *chainState
	// orgChanged is set when the transaction wrote units or people; the
	// version of the organisation is then bumped before commit.
	orgChanged bool
	// org keeps the units and active people this transaction read, for
	// the notices of many changes in one transaction; any write to units
	// or people drops it.
	org *txOrg
}

func (tx *Tx) exec(q string, args ...any) (sql.Result, error) {
	if err := badArgs(args); err != nil {
		return nil, err
	}
	if err := tx.noteWrite(q, args); err != nil {
		return nil, err
	}
	tx.db.queries.Add(1)
	if (!tx.orgChanged || tx.org != nil) && changesOrg(q) {
		tx.orgChanged, tx.org = true, nil
	}
	if st := tx.stmt(q); st != nil {
		return st.ExecContext(tx.ctx, args...)
	}
	return tx.tx.ExecContext(tx.ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) query(q string, args ...any) (*sql.Rows, error) {
	tx.db.queries.Add(1)
	args = safeArgs(args)
	if st := tx.stmt(q); st != nil {
		return st.QueryContext(tx.ctx, args...)
	}
	return tx.tx.QueryContext(tx.ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) queryRow(q string, args ...any) *sql.Row {
	tx.db.queries.Add(1)
	args = safeArgs(args)
	if st := tx.stmt(q); st != nil {
		return st.QueryRowContext(tx.ctx, args...)
	}
	return tx.tx.QueryRowContext(tx.ctx, tx.db.rebind(q), args...)
}

// stmt returns q prepared for this transaction, or nil when it is not
// prepared yet (it is then prepared after the transaction ends).
func (tx *Tx) stmt(q string) *sql.Stmt {
	st := tx.db.stmts.writer(q)
	if st == nil {
		return nil
	}
	return tx.tx.StmtContext(tx.ctx, st)
}

// InTx runs fn in a writing transaction, committing when fn returns nil.
// The actor is taken from ctx (the system when none).
//
// On SQLite with group commit (see [Options]), fn runs on the writer
// goroutine in a transaction shared with the requests that arrived
// together, under a savepoint of its own; InTx returns once that
// transaction has committed, or with fn's error after only fn's changes
// were rolled back.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	if db.group != nil {
		return db.group.do(ctx, fn)
	}
	sqltx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := db.newTx(ctx, sqltx)
	if err := tx.run(fn); err != nil {
		_ = sqltx.Rollback()
		db.stmts.prepareWanted(ctx)
		return err
	}
	err = sqltx.Commit()
	if tx.orgChanged {
		db.org.forget()
	}
	db.stmts.prepareWanted(ctx)
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if tx.leftUnsealed {
		db.pokeSealer()
	}
	return nil
}

// newTx returns the Tx of one request over sqltx, acting as the actor
// ctx carries (the system when none).
func (db *DB) newTx(ctx context.Context, sqltx *sql.Tx) *Tx {
	actor := kehoach.ActorFromContext(ctx)
	if actor == nil {
		actor = kehoach.SystemActor("hệ thống")
	}
	tx := &Tx{db: db, tx: sqltx, Now: db.now(), Actor: actor, ctx: ctx}
	if db.dialect != Postgres && len(db.auditKey) > 0 {
		tx.chain = &chainState{}
	}
	return tx
}

// run runs fn, writes the audit entries of the change and, when it
// changed the organisation, moves its version on; the caller commits or
// rolls back.
func (tx *Tx) run(fn func(tx *Tx) error) error {
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.flushAudit(); err != nil {
		return err
	}
	if tx.orgChanged {
		return tx.bumpOrg()
	}
	return nil
}

func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	db.queries.Add(1)
	args = safeArgs(args)
	if s := db.standbyFor(ctx); s != nil {
		rows, err := s.db.QueryContext(ctx, db.rebind(q), args...)
		if err == nil || ctx.Err() != nil {
			return rows, err
		}
		s.failed()
	}
	if st := db.stmts.reader(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.r.QueryContext(ctx, db.rebind(q), args...)
}

func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	db.queries.Add(1)
	args = safeArgs(args)
	if s := db.standbyFor(ctx); s != nil {
		row := s.db.QueryRowContext(ctx, db.rebind(q), args...)
		if row.Err() == nil || ctx.Err() != nil {
			return row
		}
		s.failed()
	}
	if st := db.stmts.reader(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.r.QueryRowContext(ctx, db.rebind(q), args...)
}

// badText tells whether s is text PostgreSQL refuses (a NUL byte or
// invalid UTF-8) or too long to be a key (a btree entry holds about
// 2,700 bytes).
func badText(s string, key bool) bool {
	return !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 || (key && len(s) > maxKeyBytes)
}

// maxKeyBytes is the longest text looked up: longer ones match nothing.
const maxKeyBytes = 2000

// notStored stands in a lookup for a text that no row can hold, so that it
// finds nothing on either engine instead of failing on PostgreSQL.
const notStored = "\uFFFD(không hợp lệ)"

// safeArgs returns args with every text no row can hold replaced by one
// that matches nothing: the operations refuse such texts before they are
// stored, so a lookup of one (an id typed in a path) finds nothing, the
// same on SQLite and PostgreSQL.
func safeArgs(args []any) []any {
	for i, a := range args {
		if s, ok := a.(string); ok && badText(s, true) {
			out := slices.Clone(args)
			for j := i; j < len(out); j++ {
				if s, ok := out[j].(string); ok && badText(s, true) {
					out[j] = notStored
				}
			}
			return out
		}
	}
	return args
}

// badArgs refuses a write of a text PostgreSQL would refuse, the same on
// SQLite: the operations check every text typed by field first, so this
// is the last guard.
func badArgs(args []any) error {
	for _, a := range args {
		if s, ok := a.(string); ok && badText(s, false) {
			return kehoach.Errorf(kehoach.EINVALID, "Dữ liệu có ký tự không hợp lệ (byte NUL hoặc không phải UTF-8).")
		}
	}
	return nil
}

// nullTime scans a nullable timestamp from either driver.
type nullTime struct {
	T     time.Time
	Valid bool
}

func (n *nullTime) Scan(v any) error {
	n.Valid = false
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		n.T, n.Valid = x.UTC(), true
		return nil
	case string:
		return n.parse(x)
	case []byte:
		return n.parse(string(x))
	}
	return fmt.Errorf("sqlstore: cannot scan %T into a time", v)
}

func (n *nullTime) parse(s string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			n.T, n.Valid = t.UTC(), true
			return nil
		}
	}
	return fmt.Errorf("sqlstore: cannot parse time %q", s)
}

func (n nullTime) ptr() *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.T
	return &t
}

func timeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// notFound wraps sql.ErrNoRows into the domain's not-found error.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy %s.", what)
	}
	return err
}

// isUniqueViolation reports whether err is a unique-constraint failure on
// either engine.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505") || strings.Contains(s, "duplicate key value")
}

// pointCtx is ctx for a statement that reads a few rows by index (a
// session, a version, a save's subject): one that a request gone away
// need not interrupt, since it ends in microseconds. The driver otherwise
// starts a goroutine per statement to watch the request's cancellation.
func pointCtx(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }
