package kehoachtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// DemoPassword is the password of every demo account in tests.
const DemoPassword = "mat-khau-demo"

// AuditKey is the audit key of test databases; the command-line tests give
// it as KEHOACH_AUDIT_KEY.
const AuditKey = "kehoach-test-audit-key-0123456789"

// DSN returns where a fresh database on engine "sqlite" or "postgres"
// lives: a file in the test's temporary folder, or a throwaway PostgreSQL
// database.
func DSN(t testing.TB, engine string) string {
	t.Helper()
	if engine == "postgres" {
		return PostgresURL(t)
	}
	return filepath.Join(t.TempDir(), "kehoach.db")
}

// OpenDB returns a fresh, migrated database on engine "sqlite" or
// "postgres", closed when the test ends.
func OpenDB(t testing.TB, engine string) *sqlstore.DB {
	t.Helper()
	return OpenDSN(t, DSN(t, engine))
}

// OpenDSN opens and migrates the database at dsn, with cheap password
// hashing, and closes it when the test ends.
func OpenDSN(t testing.TB, dsn string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.PasswordCost = sqlstore.PasswordCheap
	db.SetAuditKey([]byte(AuditKey))
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// DemoDB returns a fresh database loaded with the demo organisation, people
// and the seed plan, which it also returns.
func DemoDB(t testing.TB, engine string) (*sqlstore.DB, *kehoach.Plan) {
	t.Helper()
	db := OpenDB(t, engine)
	return db, LoadDemo(t, db, demo.Load)
}

// DraftDB returns a fresh database with the demo organisation and people
// and the seed plan imported as a draft, which it also returns.
func DraftDB(t testing.TB, engine string) (*sqlstore.DB, *kehoach.Plan) {
	t.Helper()
	db := OpenDB(t, engine)
	return db, LoadDemo(t, db, demo.LoadDraft)
}

// LoadDemo loads the demo into db with load ([demo.Load] or
// [demo.LoadDraft]) and returns the seed plan.
func LoadDemo(t testing.TB, db *sqlstore.DB, load func(context.Context, *ops.Service, string) (*kehoach.Plan, error)) *kehoach.Plan {
	t.Helper()
	plan, err := load(context.Background(), ops.New(db, nil), DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// ActorCtx returns a context acting as the demo person with username.
func ActorCtx(t testing.TB, db *sqlstore.DB, username string) context.Context {
	t.Helper()
	ctx := context.Background()
	p, err := db.FindPersonByUsername(ctx, username)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := db.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return kehoach.NewContextWithActor(ctx, &kehoach.Actor{Person: p, Tree: tree, Via: "session"})
}

// OpenTask returns the first open task of plan planID led by unit.
func OpenTask(t testing.TB, db *sqlstore.DB, planID, unit string) *kehoach.Task {
	t.Helper()
	tasks, err := db.FindTasks(context.Background(), kehoach.TaskFilter{PlanID: &planID})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tasks {
		if tk.LeadUnitID == unit && tk.Status == kehoach.TaskOpen {
			return tk
		}
	}
	t.Fatalf("no open task led by %s", unit)
	return nil
}
