package sqlstore_test

import (
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// previousRelease is a demo database made by the release before the keyed
// audit trail (commit 336e96f: "kehoach demo", stopped, vacuumed).
const previousRelease = "testdata/release-336e96f.db.gz"

func oldDatabase(t *testing.T) string {
	t.Helper()
	f, err := os.Open(previousRelease)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kehoach.db")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, gz); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestUpgradePreviousRelease opens a database the previous release made,
// migrates it, and requires its trail to verify: the old unkeyed chain is
// checked once and sealed with the key, and the rows the old release wrote
// are recorded by one entry, so that an edit made after the upgrade shows.
func TestUpgradePreviousRelease(t *testing.T) {
	ctx := context.Background()
	db := kehoachtest.OpenDSN(t, oldDatabase(t))
	r, err := db.VerifyAuditReport(ctx, nil)
	if err != nil || !r.OK() || r.Checked < 150 || r.Rows < 50 {
		t.Fatalf("upgraded demo: %+v %v", r, err)
	}
	last, err := db.FindAuditEntries(ctx, kehoach.AuditFilter{Limit: 1})
	if err != nil || len(last) != 1 || last[0].Action != "schema.migrate" || len(last[0].Rows) != r.Rows {
		t.Fatalf("no entry recording the old rows: %+v %v", last, err)
	}
	plans, _, err := db.FindPlans(ctx, kehoach.PlanFilter{})
	if err != nil || len(plans) == 0 {
		t.Fatalf("plans of the old release: %v", err)
	}
	if err := db.ExecForTest(ctx, `UPDATE plans SET title = 'Sửa lén' WHERE id = ?`, plans[0].ID); err != nil {
		t.Fatal(err)
	}
	if r, err := db.VerifyAuditReport(ctx, nil); err != nil || len(r.RowProblems) != 1 {
		t.Fatalf("an edit after the upgrade: %+v %v", r, err)
	}
}

// TestUpgradeKeepsOldTampering alters an entry of the old release's chain
// before the upgrade: the upgrade must not seal it as genuine.
func TestUpgradeKeepsOldTampering(t *testing.T) {
	ctx := context.Background()
	path := oldDatabase(t)
	raw, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.ExecForTest(ctx, `UPDATE audit_log SET summary = 'sửa lén' WHERE seq = 40`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db := kehoachtest.OpenDSN(t, path)
	if _, bad, err := db.VerifyAudit(ctx); err != nil || bad != 40 {
		t.Fatalf("old tampering: bad=%d %v, want 40", bad, err)
	}
}
