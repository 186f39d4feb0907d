// Package ops holds kehoach's operations: one exported method of [Service]
// per user action (issue a plan, save a report, decide an obstacle, …) and
// per query that a page or the API shows. Each takes the acting person and a
// typed input and does, in this order and here only: the rights check, the
// validation that names every problem by field, one transaction in the store
// (which writes the audit entry and the notices it causes), and the delivery
// of those notices after commit.
//
// The doors (internal/web, internal/public, internal/api, cmd/kehoach and
// internal/demo) only translate requests into calls of this package and its
// answers into pages, JSON or lines of text; they never import the store.
package ops

import (
	"context"
	"log/slog"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// Service runs the operations against one store.
type Service struct {
	store  *sqlstore.DB
	logger *slog.Logger
	// reminders delivers queued notices; nil when reminders are off.
	reminders *notify.Runner
	// monitors keeps computed monitorings (monitorcache.go).
	monitors monitorCache
	// rollups keeps computed roll-ups (rollupcache.go).
	rollups rollupCache
	// tallies keeps the obligations of each plan implementing another, as
	// its roll-up reads them (tallies.go).
	tallies tallyCache
}

// New returns the operations over db. Call [Service.SetReminders] to have
// notices delivered right after the change that caused them.
func New(db *sqlstore.DB, logger *slog.Logger) *Service {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Service{store: db, logger: logger}
}

// Open opens (and migrates) the database named by dsn: a postgres:// URL or
// an SQLite file path. auditKey, when given, seals the audit trail (see
// [AuditKey]).
func Open(ctx context.Context, dsn string, logger *slog.Logger, auditKey ...[]byte) (*Service, error) {
	var opt OpenOptions
	if len(auditKey) > 0 {
		opt.AuditKey = auditKey[0]
	}
	return OpenWith(ctx, dsn, logger, opt)
}

// OpenWith is [Open] with options.
func OpenWith(ctx context.Context, dsn string, logger *slog.Logger, opt OpenOptions) (*Service, error) {
	db, err := sqlstore.OpenWith(ctx, dsn, opt.store())
	if err != nil {
		return nil, err
	}
	if len(opt.AuditKey) > 0 {
		db.SetAuditKey(opt.AuditKey)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if opt.ReadDSN != "" {
		if err := db.SetStandby(ctx, opt.ReadDSN, opt.ReadMaxLag); err != nil {
			db.Close()
			return nil, err
		}
	}
	return New(db, logger), nil
}

// Close closes the database.
func (s *Service) Close() error { return s.store.Close() }

// Ping checks that the database answers.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// Dialect names the database engine ("sqlite" or "postgres").
func (s *Service) Dialect() string { return string(s.store.Dialect()) }

// Now is the time of the service's clock (tests set it).
func (s *Service) Now() time.Time { return s.store.Clock.Now() }

// SetClock replaces the clock (tests and the demo's replayed dates).
func (s *Service) SetClock(c kehoach.Clock) { s.store.Clock = c }

// Clock returns the service's clock.
func (s *Service) Clock() kehoach.Clock { return s.store.Clock }

// SetReminders sets the runner that delivers notices after each change.
func (s *Service) SetReminders(r *notify.Runner) { s.reminders = r }

// Reminders returns the runner that delivers notices, or nil.
func (s *Service) Reminders() *notify.Runner { return s.reminders }

// as returns ctx carrying a, so that the store writes a's name in the
// audit trail. A nil actor acts as kehoach itself.
func as(ctx context.Context, a *kehoach.Actor) context.Context {
	if a == nil {
		a = kehoach.SystemActor("hệ thống")
	}
	return kehoach.NewContextWithActor(ctx, a)
}

// changed is called after every committed change: notices the change
// queued are delivered now rather than at the next tick.
func (s *Service) changed() {
	if s.reminders == nil {
		return
	}
	go func() {
		ctx := kehoach.NewContextWithActor(context.Background(), kehoach.SystemActor("nhắc việc"))
		if err := s.reminders.Deliver(ctx, s.Now()); err != nil {
			s.logger.Warn("deliver after change", "err", err)
		}
	}()
}

// commit follows a change of the store whose outcome is err: when it
// succeeded, the notices it queued are delivered now. It returns err.
func (s *Service) commit(err error) error {
	if err == nil {
		s.changed()
	}
	return err
}

// committed returns x, which a change of the store with outcome err saved,
// after [Service.commit]; when the change failed, only err.
func committed[T any](s *Service, x T, err error) (T, error) {
	if err = s.commit(err); err != nil {
		var none T
		return none, err
	}
	return x, nil
}

// Forbidden is the error of an action the actor may not take.
func Forbidden() error {
	return kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này.")
}

// notFound is the error for something that does not exist or that the actor
// may not know of: the two are not told apart, so nothing leaks.
func notFound(what string) error {
	return kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy %s.", what)
}

// allowed returns x, found with err, when may(x) holds, and otherwise the
// error refused: where what an operation fetched meets the actor's right to
// it.
func allowed[T any](x T, err error, may func(T) bool, refused error) (T, error) {
	var none T
	if err != nil {
		return none, err
	}
	if !may(x) {
		return none, refused
	}
	return x, nil
}

// keep returns the elements of xs for which ok holds, in their order; nil
// when none does.
func keep[T any](xs []T, ok func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

// Problems collects the problems of an input, field by field, so that an
// operation names every problem at once.
type Problems map[string]string

// Add records msg for field unless the field already has a problem.
func (p Problems) Add(field, msg string) {
	if _, ok := p[field]; !ok {
		p[field] = msg
	}
}

// Err returns the problems as an [kehoach.EINVALID] error, or nil.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return kehoach.Invalid(map[string]string(p))
}
