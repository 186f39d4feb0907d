package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestAuditVerifyNamesAlteredEntry runs "kehoach audit verify" on a clean
// database (exit 0 with the count), then alters one entry directly in the
// database and expects exit code 1 and a message naming that entry, on
// SQLite and on PostgreSQL.
func TestAuditVerifyNamesAlteredEntry(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn, driver := filepath.Join(t.TempDir(), "kehoach.db"), "sqlite"
			if engine == "postgres" {
				dsn, driver = kehoachtest.PostgresURL(t), "pgx"
			}
			db, _ := demoDB(t, dsn, "mat-khau-kiem-tra")
			total, bad, err := db.VerifyAudit(ctx)
			db.Close()
			if err != nil || bad != 0 || total < 20 {
				t.Fatalf("demo trail: %d entries, bad %d, %v", total, bad, err)
			}
			verify := func() (string, error) {
				out, errOut, err := runCLI("", "", "audit", "verify", "--db", dsn)
				return out + errOut, err
			}
			out, err := verify()
			if err != nil || !strings.Contains(out, fmt.Sprintf("%d entries checked, chain intact", total)) {
				t.Fatalf("clean database: %v %q", err, out)
			}

			// Someone with database access rewrites an obstacle's summary.
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			q := `SELECT MIN(seq) FROM audit_log WHERE action = 'obstacle.decide'`
			var seq int64
			if err := raw.QueryRowContext(ctx, q).Scan(&seq); err != nil || seq == 0 {
				t.Fatalf("no decision in the demo trail: %v", err)
			}
			upd := `UPDATE audit_log SET summary = 'Giám đốc không quyết định gì' WHERE seq = ?`
			if engine == "postgres" {
				upd = strings.Replace(upd, "?", "$1", 1)
			}
			if _, err := raw.ExecContext(ctx, upd, seq); err != nil {
				t.Fatal(err)
			}
			out, err = verify()
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != 1 {
				t.Fatalf("altered database: want exit code 1, got %v (%q)", err, out)
			}
			if msg := ee.Error(); !strings.Contains(msg, fmt.Sprintf("chain broken at entry %d ", seq)) {
				t.Errorf("message %q does not name entry %d", msg, seq)
			}
		})
	}
}
