package sqlstore_test

import (
	"context"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestAuditCatchesTampering makes each change someone with database access
// could make behind kehoach's back, on a fresh demo on SQLite and on
// PostgreSQL, and requires verification to name it: a task title, a report,
// a person's roles edited in place; the last entries deleted (the chain
// rewound); the whole chain recomputed with plain SHA-256; the whole trail
// deleted; an entry inserted for an edited row.
func TestAuditCatchesTampering(t *testing.T) {
	ctx := context.Background()
	scenarios := []struct {
		name string
		// tamper changes the database; anchor is the head kept before.
		tamper func(t *testing.T, db *sqlstore.DB)
		// want tells what verification must report.
		want func(r *kehoach.AuditReport) bool
	}{
		{"task title edited", func(t *testing.T, db *sqlstore.DB) {
			exec(t, db, `UPDATE tasks SET title = title || ' (sửa lén)' WHERE id = (SELECT MIN(id) FROM tasks)`)
		}, rowsDiffer},
		{"report edited", func(t *testing.T, db *sqlstore.DB) {
			exec(t, db, `UPDATE reports SET return_reason = 'sửa lén' WHERE id = (SELECT MIN(id) FROM reports)`)
		}, rowsDiffer},
		{"person's roles edited", func(t *testing.T, db *sqlstore.DB) {
			exec(t, db, `UPDATE people SET roles = 'admin,office,director' WHERE username = 'vanphong'`)
		}, rowsDiffer},
		{"unit inserted", func(t *testing.T, db *sqlstore.DB) {
			exec(t, db, `INSERT INTO org_units (id, kind, name, created_at) VALUES ('lén', 'division', 'Phòng ma', CURRENT_TIMESTAMP)`)
		}, rowsDiffer},
		{"last entries deleted", func(t *testing.T, db *sqlstore.DB) {
			exec(t, db, `DELETE FROM audit_log WHERE chain_seq > (SELECT MAX(chain_seq) - 3 FROM audit_log)`)
		}, anchorMissed},
		{"chain recomputed with SHA-256", func(t *testing.T, db *sqlstore.DB) {
			rechainSHA256(t, db)
		}, chainBroken},
		{"whole trail deleted", func(t *testing.T, db *sqlstore.DB) {
			exec(t, db, `DELETE FROM audit_log`)
		}, func(r *kehoach.AuditReport) bool { return anchorMissed(r) && rowsDiffer(r) }},
		{"entry forged for an edited row", func(t *testing.T, db *sqlstore.DB) {
			// The forger writes an unsealed entry claiming the edit, hoping
			// the sequencer seals it as genuine.
			exec(t, db, `UPDATE tasks SET title = 'Sửa lén' WHERE id = (SELECT MIN(id) FROM tasks)`)
			exec(t, db, `INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, summary) VALUES (CURRENT_TIMESTAMP, '', 'x', 'task.update', 'task', 'x', 'x')`)
		}, chainBroken},
		{"sealed entry edited", func(t *testing.T, db *sqlstore.DB) {
			exec(t, db, `UPDATE audit_log SET summary = summary || 'x' WHERE chain_seq = 5`)
		}, chainBroken},
	}
	eachEngine(t, func(t *testing.T, engine string) {
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				db, _ := kehoachtest.DemoDB(t, engine)
				anchor, err := db.AuditAnchor(ctx)
				if err != nil || anchor.ChainSeq < 20 {
					t.Fatalf("anchor: %+v %v", anchor, err)
				}
				if r, err := db.VerifyAuditReport(ctx, anchor); err != nil || !r.OK() || r.Rows < 50 {
					t.Fatalf("clean demo: %+v %v", r, err)
				}
				sc.tamper(t, db)
				r, err := db.VerifyAuditReport(ctx, anchor)
				if err != nil {
					t.Fatal(err)
				}
				if r.OK() || !sc.want(r) {
					t.Fatalf("not caught as it should be: %+v", r)
				}
			})
		}
	})
}

func rowsDiffer(r *kehoach.AuditReport) bool   { return len(r.RowProblems) > 0 }
func anchorMissed(r *kehoach.AuditReport) bool { return r.AnchorProblem != "" }
func chainBroken(r *kehoach.AuditReport) bool  { return r.BrokenAt != 0 }

func exec(t *testing.T, db *sqlstore.DB, q string) {
	t.Helper()
	if err := db.ExecForTest(context.Background(), q); err != nil {
		t.Fatal(err)
	}
}

// rechainSHA256 rewrites every entry's links as an unkeyed SHA-256 chain,
// what a forger without the key could compute.
func rechainSHA256(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	entries, err := db.FindAuditEntries(ctx, kehoach.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		e.PrevHash = prev
		e.Hash = e.LegacyHash()
		if err := db.ExecForTest(ctx, `UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?`, e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
}

// TestAuditKeepsRowStates checks that the trail keeps, for an edit made
// through kehoach, the new state of the row, and that a legitimate edit
// verifies.
func TestAuditKeepsRowStates(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		db, plan := kehoachtest.DemoDB(t, engine)
		ctx := kehoachtest.ActorCtx(t, db, "vanphong")
		tasks, err := db.FindTasks(ctx, kehoach.TaskFilter{PlanID: &plan.ID})
		if err != nil || len(tasks) == 0 {
			t.Fatal(err)
		}
		tk := tasks[0]
		tk.Title += " (sửa đúng cách)"
		if err := db.UpdateTask(ctx, tk); err != nil {
			t.Fatal(err)
		}
		entries, err := db.FindAuditEntries(ctx, kehoach.AuditFilter{EntityID: &tk.ID, Limit: 1})
		if err != nil || len(entries) != 1 {
			t.Fatal(err)
		}
		found := false
		for _, r := range entries[0].Rows {
			found = found || (r.Table == "tasks" && r.ID == tk.ID && r.Hash != "")
		}
		if !found {
			t.Fatalf("entry %+v keeps no state of the task row", entries[0])
		}
		if r, err := db.VerifyAuditReport(ctx, nil); err != nil || !r.OK() {
			t.Fatalf("%+v %v", r, err)
		}
	})
}

// A report draft saved over an earlier one keeps the state its UPDATE
// returned (not read back): verification finds it equal to the row, and
// an edit of the draft behind kehoach's back is caught.
func TestAuditKeepsDraftState(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		db, plan := kehoachtest.DemoDB(t, engine)
		ctx := sysCtx()
		o := openReportObligation(t, db, plan)
		saved, err := db.SaveReportDraft(ctx, o.ID, &kehoach.Report{ReportContent: kehoach.ReportContent{Results: "Bản nháp lần hai"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := db.VerifyAuditReport(ctx, nil); err != nil || !r.OK() {
			t.Fatalf("after the drafts: %+v %v", r, err)
		}
		// Submitted and returned: the row has every column set.
		if _, err := db.SubmitReport(ctx, saved.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewReport(ctx, saved.ID, false, "Bổ sung số liệu."); err != nil {
			t.Fatal(err)
		}
		if saved, err = db.SaveReportDraft(ctx, saved.ObligationID, &kehoach.Report{ReportContent: kehoach.ReportContent{Results: "Bản nháp sau khi trả lại"}}, nil); err != nil {
			t.Fatal(err)
		}
		if saved.SubmittedAt == nil || saved.ReviewedAt == nil || saved.State != kehoach.ReportReturned {
			t.Fatalf("the returned report is not what the test needs: %+v", saved)
		}
		if r, err := db.VerifyAuditReport(ctx, nil); err != nil || !r.OK() {
			t.Fatalf("after a draft over a returned report: %+v %v", r, err)
		}
		exec(t, db, `UPDATE reports SET content = '{"results":"sửa lén"}' WHERE id = '`+saved.ID+`'`)
		if r, err := db.VerifyAuditReport(ctx, nil); err != nil || r.OK() || !rowsDiffer(r) {
			t.Fatalf("an edited draft is not caught: %+v %v", r, err)
		}
	})
}

// A draft saved alone answers with the report's evidence list: empty
// when it has none, the files when it has some.
func TestDraftAnswersWithEvidence(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		db, plan := kehoachtest.DemoDB(t, engine)
		ctx := sysCtx()
		o := openReportObligation(t, db, plan)
		draft := func(o *kehoach.Obligation, text string) (*kehoach.Report, error) {
			return db.SaveReportDraft(ctx, o.ID, &kehoach.Report{ReportContent: kehoach.ReportContent{Results: text}}, nil)
		}
		r, err := draft(o, "Bản nháp thứ hai")
		if err != nil || r.Evidence == nil || len(r.Evidence) != 0 || r.Results != "Bản nháp thứ hai" {
			t.Fatalf("draft without evidence: %+v %v", r, err)
		}
		file := sqlstore.EvidenceFile{Name: "anh.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n minh chứng")}
		if _, err := db.SaveReport(ctx, o.ID, &kehoach.Report{ReportContent: kehoach.ReportContent{Results: "Có minh chứng"}}, nil, []sqlstore.EvidenceFile{file}, false); err != nil {
			t.Fatal(err)
		}
		r, err = draft(o, "Bản nháp thứ ba")
		if err != nil || len(r.Evidence) != 1 || r.Evidence[0].Name != "anh.png" {
			t.Fatalf("draft over evidence: %+v %v", r, err)
		}
	})
}

// openReportObligation returns the first final-report obligation of plan
// whose report takes a draft, with a first draft saved.
func openReportObligation(t *testing.T, db *sqlstore.DB, plan *kehoach.Plan) *kehoach.Obligation {
	t.Helper()
	ctx := sysCtx()
	kind := kehoach.KindFinal
	obls, err := db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &plan.ID, Kind: &kind})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obls {
		_, err := db.SaveReportDraft(ctx, o.ID, &kehoach.Report{ReportContent: kehoach.ReportContent{Results: "Bản nháp đầu"}}, nil)
		if err == nil {
			return o
		}
		if kehoach.ErrorCode(err) != kehoach.ECONFLICT { // submitted or accepted: another
			t.Fatal(err)
		}
	}
	t.Fatal("no open report obligation")
	return nil
}
