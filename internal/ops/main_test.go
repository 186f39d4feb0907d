package ops_test

import (
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

// engines are the database engines every test runs on.
var engines = []string{"sqlite", "postgres"}

// fixture is a fresh database on one engine, its seed plan and the
// operations over it.
type fixture struct {
	t    *testing.T
	db   *sqlstore.DB
	svc  *ops.Service
	plan *kehoach.Plan
}

// onDemo runs test on each engine with a fresh database holding the demo
// organisation, people and issued seed plan.
func onDemo(t *testing.T, test func(t *testing.T, f *fixture)) {
	onEngines(t, kehoachtest.DemoDB, test)
}

// onDraft runs test on each engine with a fresh database holding the demo
// organisation, people and the seed plan as a draft.
func onDraft(t *testing.T, test func(t *testing.T, f *fixture)) {
	onEngines(t, kehoachtest.DraftDB, test)
}

func onEngines(t *testing.T, open func(testing.TB, string) (*sqlstore.DB, *kehoach.Plan), test func(t *testing.T, f *fixture)) {
	t.Helper()
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			db, plan := open(t, engine)
			test(t, &fixture{t: t, db: db, svc: ops.New(db, nil), plan: plan})
		})
	}
}

// as returns the demo person username as an actor logged in, with their
// own rights (not kehoach's, as [ops.Service.ActAs] gives).
func (f *fixture) as(username string) *kehoach.Actor {
	f.t.Helper()
	return kehoach.ActorFromContext(kehoachtest.ActorCtx(f.t, f.db, username))
}

// actor returns the demo person username as logged in.
func actor(t *testing.T, svc *ops.Service, username string) *kehoach.Actor {
	t.Helper()
	a, err := svc.ActAs(t.Context(), username)
	if err != nil {
		t.Fatal(err)
	}
	a.Via = "session"
	return a
}

// wantFields fails unless err is invalid and names exactly the fields.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	if kehoach.ErrorCode(err) != kehoach.EINVALID {
		t.Fatalf("got %v, want invalid %v", err, fields)
	}
	got := kehoach.ErrorFields(err)
	for _, f := range fields {
		if got[f] == "" {
			t.Errorf("no problem for %q in %v", f, got)
		}
	}
	if len(got) != len(fields) {
		t.Errorf("problems %v, want only %v", got, fields)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if c := kehoach.ErrorCode(err); c != code {
		t.Fatalf("got %s (%v), want %s", c, err, code)
	}
}

// noErr stops the test at an unexpected error.
func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
