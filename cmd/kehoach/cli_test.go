package main

import (
	"context"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// runCLI runs "kehoach args..." as main does, with stdin as its input and
// KEHOACH_DATA set to dataDir (no other variable set); it returns what the
// command wrote to standard output and to standard error.
func runCLI(dataDir, stdin string, args ...string) (stdout, stderr string, err error) {
	var out, errb strings.Builder
	err = run(context.Background(), append([]string{"kehoach"}, args...), func(k string) string {
		switch k {
		case "KEHOACH_DATA":
			return dataDir
		case "KEHOACH_AUDIT_KEY":
			return kehoachtest.AuditKey
		}
		return ""
	}, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

// demoDB brings the database at dsn up to date with the migrate command and
// loads the demo into it; it returns the database, for the caller to close
// before another command opens it, and the seed plan.
func demoDB(t *testing.T, dsn, password string) (*sqlstore.DB, *kehoach.Plan) {
	t.Helper()
	if out, errOut, err := runCLI("", "", "migrate", "--db", dsn); err != nil {
		t.Fatalf("migrate: %v\n%s%s", err, out, errOut)
	}
	db := kehoachtest.OpenDSN(t, dsn)
	plan, err := demo.Load(context.Background(), ops.New(db, nil), password)
	if err != nil {
		t.Fatal(err)
	}
	return db, plan
}
