package ops_test

import (
	"context"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

// eachEngine runs fn on SQLite and PostgreSQL, each with a fresh database
// holding the demo organisation, people and draft plan.
func eachEngine(t *testing.T, fn func(t *testing.T, svc *ops.Service, plan *kehoach.Plan)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db, plan := kehoachtest.DraftDB(t, engine)
			fn(t, ops.New(db, nil), plan)
		})
	}
}

// actor returns the demo person username as logged in.
func actor(t *testing.T, svc *ops.Service, username string) *kehoach.Actor {
	t.Helper()
	a, err := svc.ActAs(context.Background(), username)
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

// demoOps runs fn on each engine with the operations over a fresh demo
// database, its seed plan and a function returning a demo person's actor.
func demoOps(t *testing.T, fn func(t *testing.T, svc *ops.Service, db *sqlstore.DB, plan *kehoach.Plan, actor func(string) *kehoach.Actor)) {
	t.Helper()
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db, plan := kehoachtest.DemoDB(t, engine)
			actor := func(username string) *kehoach.Actor {
				return kehoach.ActorFromContext(kehoachtest.ActorCtx(t, db, username))
			}
			fn(t, ops.New(db, nil), db, plan, actor)
		})
	}
}
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if c := kehoach.ErrorCode(err); c != code {
		t.Fatalf("got %s (%v), want %s", c, err, code)
	}
}
