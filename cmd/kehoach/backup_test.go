package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestBackupRestoreRoundTrip backs up the demo with "kehoach backup",
// restores it with "kehoach restore" into an empty place, and requires the
// same plans, tasks and trail there, "kehoach audit verify" to pass on the
// copy, the data folder's files (the audit key among them, still 0600) to
// come along, and a second restore over it to be refused; on SQLite and on
// PostgreSQL (pg_dump and psql).
func TestBackupRestoreRoundTrip(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			src, dst := filepath.Join(t.TempDir(), "src"), filepath.Join(t.TempDir(), "dst")
			srcDSN, dstDSN := filepath.Join(src, "kehoach.db"), filepath.Join(dst, "kehoach.db")
			if engine == "postgres" {
				srcDSN, dstDSN = kehoachtest.PostgresURL(t), kehoachtest.PostgresURL(t)
			}
			if err := os.MkdirAll(filepath.Join(src, "files"), 0o755); err != nil {
				t.Fatal(err)
			}
			db, plan := demoDB(t, srcDSN, "mat-khau-sao-luu")
			want := counts(t, db.FindTasks, plan)
			db.Close()
			if err := os.WriteFile(filepath.Join(src, "audit.key"), []byte(kehoachtest.AuditKey+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src, "files", "minh-chung.txt"), []byte("minh chứng"), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "kehoach.backup.tar.gz")
			if o, e, err := runCLI("", "", "backup", "--out", out, "--data", src, "--db", srcDSN); err != nil {
				t.Fatalf("backup: %v %s%s", err, o, e)
			}
			if o, e, err := runCLI("", "", "restore", out, "--data", dst, "--db", dstDSN); err != nil {
				t.Fatalf("restore: %v %s%s", err, o, e)
			}
			o, e, err := runCLI("", "", "audit", "verify", "--data", dst, "--db", dstDSN)
			if err != nil || !strings.Contains(o, "chain intact") {
				t.Fatalf("verify after restore: %v %s%s", err, o, e)
			}
			copyDB := kehoachtest.OpenDSN(t, dstDSN)
			if got := counts(t, copyDB.FindTasks, plan); got != want {
				t.Errorf("restored tasks %d, want %d", got, want)
			}
			if p, err := copyDB.FindPlanByID(ctx, plan.ID); err != nil || p.Title != plan.Title {
				t.Errorf("restored plan: %v", err)
			}
			copyDB.Close()
			if st, err := os.Stat(filepath.Join(dst, "audit.key")); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("audit key not restored as 0600: %v", err)
			}
			if b, err := os.ReadFile(filepath.Join(dst, "files", "minh-chung.txt")); err != nil || string(b) != "minh chứng" {
				t.Errorf("files folder not restored: %v", err)
			}
			_, _, err = runCLI("", "", "restore", out, "--data", dst, "--db", dstDSN)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != 1 {
				t.Errorf("restore over a non-empty folder: want refusal, got %v", err)
			}
		})
	}
}

func counts(t *testing.T, find func(context.Context, kehoach.TaskFilter) ([]*kehoach.Task, error), plan *kehoach.Plan) int {
	t.Helper()
	tasks, err := find(context.Background(), kehoach.TaskFilter{PlanID: &plan.ID})
	if err != nil || len(tasks) == 0 {
		t.Fatalf("tasks: %d %v", len(tasks), err)
	}
	return len(tasks)
}
