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

// OpenDB returns a fresh, migrated database on engine "sqlite" or
// "postgres", closed when the test ends.
func OpenDB(t testing.TB, engine string) *sqlstore.DB {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "kehoach.db")
	if engine == "postgres" {
		dsn = PostgresURL(t)
	}
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.PasswordCost = sqlstore.PasswordCheap
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
	plan, err := demo.Load(context.Background(), ops.New(db, nil), DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	return db, plan
}

// DraftDB returns a fresh database with the demo organisation and people
// and the seed plan imported as a draft, which it also returns.
func DraftDB(t testing.TB, engine string) (*sqlstore.DB, *kehoach.Plan) {
	t.Helper()
	db := OpenDB(t, engine)
	plan, err := demo.LoadDraft(context.Background(), ops.New(db, nil), DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	return db, plan
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
