package ops_test

import (
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

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

// wantFields fails unless err is invalid input naming exactly fields.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	if kehoach.ErrorCode(err) != kehoach.EINVALID {
		t.Fatalf("want invalid input naming %v, got %v", fields, err)
	}
	got := kehoach.ErrorFields(err)
	for _, f := range fields {
		if got[f] == "" {
			t.Errorf("problems %v lack %q", got, f)
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
