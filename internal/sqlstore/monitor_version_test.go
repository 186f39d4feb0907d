package sqlstore_test

import (
	"database/sql"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestMonitorVersionSeesLateCommit makes, on PostgreSQL, an audit entry of
// a plan commit after an entry with a higher number was already visible
// (numbers are taken before commit): the plan's highest number stays the
// same, but its monitoring version still moves.
func TestMonitorVersionSeesLateCommit(t *testing.T) {
	dsn := kehoachtest.DSN(t, "postgres")
	db := kehoachtest.OpenDSN(t, dsn)
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ctx := sysCtx()
	const insert = `INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, plan_id, summary)
		VALUES (now(), 'test', 'test', 'report.submit', 'report', $1, 'p-late', 'test') RETURNING seq`
	maxSeq := func() int64 {
		var n int64
		if err := raw.QueryRow(`SELECT MAX(seq) FROM audit_log WHERE plan_id = 'p-late'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	late, err := raw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer late.Rollback()
	var lateSeq, earlySeq int64
	if err := late.QueryRow(insert, "r-late").Scan(&lateSeq); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(insert, "r-early").Scan(&earlySeq); err != nil {
		t.Fatal(err)
	}
	before, err := db.MonitorVersion(ctx, "p-late")
	if err != nil {
		t.Fatal(err)
	}
	highest := maxSeq()
	if err := late.Commit(); err != nil {
		t.Fatal(err)
	}
	if lateSeq >= earlySeq || maxSeq() != highest {
		t.Fatalf("not a late commit: %d then %d, highest %d then %d", lateSeq, earlySeq, highest, maxSeq())
	}
	after, err := db.MonitorVersion(ctx, "p-late")
	if err != nil {
		t.Fatal(err)
	}
	if after == before {
		t.Errorf("the version stayed %s after a late commit", before)
	}
	// Once sealed, it stands while nothing changes.
	if _, err := db.SealAudit(ctx); err != nil {
		t.Fatal(err)
	}
	sealed, _ := db.MonitorVersion(ctx, "p-late")
	again, _ := db.MonitorVersion(ctx, "p-late")
	if again != sealed {
		t.Errorf("versions after sealing: %s then %s", sealed, again)
	}
}
