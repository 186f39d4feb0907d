package ops_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// pngStart is the start of a PNG image: enough for its type to be judged by
// content.
var pngStart = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")

// demoWithRaw returns the demo database and a second, plain connection to
// the same database, for changing it behind the store's back.
func demoWithRaw(t *testing.T, engine string) (*sqlstore.DB, *sql.DB) {
	t.Helper()
	dsn := kehoachtest.DSN(t, engine)
	driver, raw := "pgx", dsn
	if engine == "sqlite" {
		driver, raw = "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)"
	}
	db := kehoachtest.OpenDSN(t, dsn)
	kehoachtest.LoadDemo(t, db, demo.Load)
	conn, err := sql.Open(driver, raw)
	noErr(t, err)
	t.Cleanup(func() { conn.Close() })
	return db, conn
}

// refuseSubmissions makes the database refuse to record a submitted
// version of any report: the last write of the submit step fails.
func refuseSubmissions(t *testing.T, conn *sql.DB, engine string) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER refuse_submit BEFORE INSERT ON report_versions BEGIN SELECT RAISE(ABORT, 'submission refused by test'); END`}
	if engine == "postgres" {
		stmts = []string{
			`CREATE FUNCTION refuse_submit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'submission refused by test'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER refuse_submit BEFORE INSERT ON report_versions FOR EACH ROW EXECUTE FUNCTION refuse_submit()`,
		}
	}
	for _, q := range stmts {
		if _, err := conn.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// finalObligation returns the result report a unit owes on the demo plan.
func finalObligation(t *testing.T, svc *ops.Service, a *kehoach.Actor, unit string) *kehoach.Obligation {
	t.Helper()
	plans, err := svc.Plans(context.Background(), a, kehoach.PlanFilter{})
	noErr(t, err)
	for _, p := range plans {
		obls, err := svc.PlanObligations(context.Background(), a, p.ID)
		noErr(t, err)
		for _, o := range obls.Items {
			if o.UnitID == unit && o.Kind == kehoach.KindFinal {
				return o
			}
		}
	}
	t.Fatalf("no result report owed by %s", unit)
	return nil
}

// TestSaveReportIsOneTransaction saves a report with evidence and submits
// it while the submit step fails: the draft text, the values, the evidence
// and the report's state stay as they were.
func TestSaveReportIsOneTransaction(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			db, conn := demoWithRaw(t, engine)
			svc := ops.New(db, nil)
			ctx := t.Context()
			head := actor(t, svc, "pqlcl")
			o := finalObligation(t, svc, head, "u-pqlcl")

			draft := ops.ReportInput{Results: "Bản nháp đầu tiên", Values: map[string]float64{kehoach.IndStaffReached: 10},
				Files: []ops.EvidenceUpload{{Name: "anh-1.png", Data: pngStart}}}
			if _, err := svc.SaveReport(ctx, head, o.ID, draft); err != nil {
				t.Fatal(err)
			}
			refuseSubmissions(t, conn, engine)
			next := ops.ReportInput{Results: "Bản hoàn chỉnh", TypedValues: map[string]string{kehoach.IndStaffReached: "20"},
				Files: []ops.EvidenceUpload{{Name: "anh-2.png", Data: pngStart}}, Submit: true}
			if _, err := svc.SaveReport(ctx, head, o.ID, next); err == nil || !strings.Contains(err.Error(), "submission refused by test") {
				t.Fatalf("saved and submitted although the submit step failed: %v", err)
			}
			v, err := svc.Report(ctx, head, o.ID)
			noErr(t, err)
			r := v.Report
			if r.Results != "Bản nháp đầu tiên" || r.Values[kehoach.IndStaffReached] != 10 {
				t.Errorf("draft changed: %q %v", r.Results, r.Values)
			}
			if len(r.Evidence) != 1 || r.Evidence[0].Name != "anh-1.png" {
				t.Errorf("evidence changed: %+v", r.Evidence)
			}
			if r.State != kehoach.ReportDraft || r.Version != 0 || len(v.Versions) != 0 || !v.CanEdit {
				t.Errorf("report state changed: %s, version %d, %d versions", r.State, r.Version, len(v.Versions))
			}
			if v.Obligation.SubmittedAt != nil {
				t.Errorf("obligation marked answered")
			}
			entries, err := db.FindAuditEntries(ctx, kehoach.AuditFilter{EntityID: &r.ID})
			noErr(t, err)
			if len(entries) != 2 { // the first draft and its evidence
				t.Errorf("audit entries of the failed save were kept: %d entries", len(entries))
			}

			// Once the database accepts it, the same save goes through whole.
			if _, err := conn.Exec(`DROP TRIGGER refuse_submit` + map[bool]string{true: " ON report_versions"}[engine == "postgres"]); err != nil {
				t.Fatal(err)
			}
			saved, err := svc.SaveReport(ctx, head, o.ID, next)
			noErr(t, err)
			if saved.State != kehoach.ReportSubmitted || saved.Results != "Bản hoàn chỉnh" || saved.Values[kehoach.IndStaffReached] != 20 || len(saved.Evidence) != 2 {
				t.Errorf("saved: %s %q %v %d files", saved.State, saved.Results, saved.Values, len(saved.Evidence))
			}
		})
	}
}

// TestSaveReportChecks checks that every problem of a save is named before
// anything is saved: values, the text a submission needs, and evidence
// judged by content, size and number.
func TestSaveReportChecks(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		head := f.as("pqlcl")
		o := finalObligation(t, f.svc, head, "u-pqlcl")
		big := make([]byte, kehoach.MaxEvidenceSize+1)
		copy(big, pngStart)
		six := make([]ops.EvidenceUpload, ops.MaxEvidenceFiles+1)
		for i := range six {
			six[i] = ops.EvidenceUpload{Name: "anh.png", Data: pngStart}
		}
		cases := []struct {
			name  string
			in    ops.ReportInput
			field string
		}{
			{"a value that is no number", ops.ReportInput{TypedValues: map[string]string{kehoach.IndStaffReached: "mười"}}, "values." + kehoach.IndStaffReached},
			{"a negative value", ops.ReportInput{Values: map[string]float64{kehoach.IndStaffReached: -1}}, "values." + kehoach.IndStaffReached},
			{"an indicator the task does not feed", ops.ReportInput{Values: map[string]float64{kehoach.IndNewsItems: 1}}, "values." + kehoach.IndNewsItems},
			{"a submission without results", ops.ReportInput{Submit: true}, "results"},
			{"a file that is no image", ops.ReportInput{Files: []ops.EvidenceUpload{{Name: "anh.png", Data: []byte("MZ not an image")}}}, "evidence"},
			{"an empty file", ops.ReportInput{Files: []ops.EvidenceUpload{{Name: "anh.png"}}}, "evidence"},
			{"a file too large", ops.ReportInput{Files: []ops.EvidenceUpload{{Name: "anh.png", Data: big}}}, "evidence"},
			{"too many files", ops.ReportInput{Files: six}, "evidence"},
		}
		for _, c := range cases {
			c.in.Results = map[bool]string{true: "", false: c.in.Results}[c.in.Submit]
			if _, err := f.svc.SaveReport(ctx, head, o.ID, c.in); kehoach.ErrorFields(err)[c.field] == "" {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		if _, err := f.svc.SavedReport(ctx, head, o.ID); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("a report was saved despite the problems: %v", err)
		}
		// Another unit's head may not write the report.
		other := f.as("pkhtc")
		if _, err := f.svc.SaveReport(ctx, other, o.ID, ops.ReportInput{Results: "x"}); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("another unit's head: %v", err)
		}
	})
}

// A wrong file can be removed from the unit's own report while it is being
// written, by the unit only, with an audit entry; not once submitted.
func TestDeleteEvidence(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		head := f.as("pqlcl")
		o := finalObligation(t, f.svc, head, "u-pqlcl")
		rep, err := f.svc.SaveReport(ctx, head, o.ID, ops.ReportInput{Results: "Đã tuyên truyền.",
			Files: []ops.EvidenceUpload{{Name: "dung.png", Data: pngStart}, {Name: "nham.png", Data: pngStart}}})
		noErr(t, err)
		if len(rep.Evidence) != 2 {
			t.Fatalf("evidence = %+v", rep.Evidence)
		}
		wrong := rep.Evidence[1]
		if wrong.Name != "nham.png" {
			wrong = rep.Evidence[0]
		}
		// The Director reads the report but does not change it; another
		// unit does not even see it.
		_, err = f.svc.DeleteEvidence(ctx, f.as("giamdoc"), wrong.ID)
		wantCode(t, err, kehoach.EFORBIDDEN)
		_, err = f.svc.DeleteEvidence(ctx, f.as("pkhtc"), wrong.ID)
		wantCode(t, err, kehoach.ENOTFOUND)
		_, err = f.svc.DeleteEvidence(ctx, head, "khong-co")
		wantCode(t, err, kehoach.ENOTFOUND)

		rep, err = f.svc.DeleteEvidence(ctx, head, wrong.ID)
		noErr(t, err)
		if len(rep.Evidence) != 1 || rep.Evidence[0].Name == "nham.png" {
			t.Fatalf("after deleting, evidence = %+v", rep.Evidence)
		}
		_, _, err = f.svc.Evidence(ctx, head, wrong.ID)
		wantCode(t, err, kehoach.ENOTFOUND)
		entries, err := f.db.FindAuditEntries(ctx, kehoach.AuditFilter{EntityID: &rep.ID})
		noErr(t, err)
		found := false
		for _, e := range entries {
			found = found || e.Action == "report.evidence.delete" && strings.Contains(e.Summary, "nham.png")
		}
		if !found {
			t.Error("no audit entry names the removed file")
		}

		// Once submitted, the files stay.
		_, err = f.svc.SaveReport(ctx, head, o.ID, ops.ReportInput{Results: "Đã tuyên truyền.", Submit: true})
		noErr(t, err)
		_, err = f.svc.DeleteEvidence(ctx, head, rep.Evidence[0].ID)
		wantCode(t, err, kehoach.ECONFLICT)
	})
}

// A form asks for a confirmation before a report is submitted; the API
// does not.
func TestSubmitNeedsConfirmationFromForms(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		head := f.as("pqlcl")
		o := finalObligation(t, f.svc, head, "u-pqlcl")
		no, yes := false, true
		_, err := f.svc.SaveReport(ctx, head, o.ID, ops.ReportInput{Results: "Đã tuyên truyền.", Submit: true, Confirmed: &no})
		if kehoach.ErrorFields(err)["confirm"] == "" {
			t.Fatalf("a submission without the box ticked: %v", err)
		}
		if _, err := f.svc.SavedReport(ctx, head, o.ID); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("a report was saved without the confirmation: %v", err)
		}
		// Saving a draft needs no confirmation.
		_, err = f.svc.SaveReport(ctx, head, o.ID, ops.ReportInput{Results: "Đã tuyên truyền.", Confirmed: &no})
		noErr(t, err)
		rep, err := f.svc.SaveReport(ctx, head, o.ID, ops.ReportInput{Results: "Đã tuyên truyền.", Submit: true, Confirmed: &yes})
		noErr(t, err)
		if rep.State != kehoach.ReportSubmitted {
			t.Errorf("state = %s", rep.State)
		}
	})
}

// Issuing from a form needs the confirmation box; the API does not ask.
func TestIssueNeedsConfirmationFromForms(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		no := false
		in := ops.IssueInput{RecipientUnitIDs: []string{"u-thanhtra"}, AckDays: 3, BriefDays: 5, IssuedOn: "2023-05-22", Confirmed: &no}
		_, err := f.svc.IssuePlan(ctx, office, f.plan.ID, in)
		if kehoach.ErrorFields(err)["confirm"] == "" {
			t.Fatalf("issuing without the box ticked: %v", err)
		}
		in.Confirmed = nil
		_, err = f.svc.IssuePlan(ctx, office, f.plan.ID, in)
		noErr(t, err)
	})
}

// TestReportFigures names a submitted report's values by indicator, in the
// form's order, with no catalogue code shown.
func TestReportFigures(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		office := f.as("vanphong")
		o := finalObligation(t, f.svc, office, demo.UnitFinance)
		v, err := f.svc.Report(t.Context(), office, o.ID)
		noErr(t, err)
		if len(v.Report.Values) < 2 || len(v.Figures) != len(v.Report.Values) {
			t.Fatalf("values %v figures %+v", v.Report.Values, v.Figures)
		}
		var order []string
		for _, ind := range v.Allowed {
			if _, ok := v.Report.Values[ind.Code]; ok {
				order = append(order, ind.Name)
			}
		}
		for i, fig := range v.Figures {
			if fig.Name == fig.Code || fig.Name != order[i] || fig.Value != v.Report.Values[fig.Code] {
				t.Errorf("figure %d: %+v, want %s", i, fig, order[i])
			}
		}
	})
}
