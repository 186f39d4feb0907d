package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestExecutionCycle(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		db, plan := kehoachtest.DraftDB(t, engine)
		office := kehoachtest.ActorCtx(t, db, "vanphong")
		head := kehoachtest.ActorCtx(t, db, "pkhtc")
		if err := db.EnsureIndicators(office, kehoach.DefaultIndicators); err != nil {
			t.Fatal(err)
		}
		// The Office corrects the period the importer warned about.
		start, end := "2023-06-01", "2023-06-30"
		plan.Period.Start, plan.Period.End = &start, &end
		if err := db.UpdatePlan(office, plan); err != nil {
			t.Fatal(err)
		}
		// A due date before the plan starts is refused.
		bad := &kehoach.Task{PlanID: plan.ID, TaskFields: kehoach.TaskFields{Title: "Sớm quá", LeadUnitID: "u-pkhtc", Due: "2023-05-01"}}
		if err := db.CreateTask(office, bad); kehoach.ErrorCode(err) != kehoach.EINVALID || kehoach.ErrorFields(err)["due"] == "" {
			t.Fatalf("due before start: %v", err)
		}
		task := &kehoach.Task{PlanID: plan.ID, TaskFields: kehoach.TaskFields{Section: "II.4", Title: "Tuyên truyền trong đơn vị", LeadUnitID: "u-pkhtc", Due: "2023-06-30",
			IndicatorCodes: []string{kehoach.IndStaffReached, kehoach.IndChildClasses}}}
		if err := db.CreateTask(office, task); err != nil {
			t.Fatal(err)
		}
		web := &kehoach.Task{PlanID: plan.ID, TaskFields: kehoach.TaskFields{Section: "II.2", Title: "Tin, bài trên Trang thông tin điện tử", LeadUnitID: "u-website", Due: "2023-06-30",
			IndicatorCodes: []string{kehoach.IndNewsItems}}}
		if err := db.CreateTask(office, web); err != nil {
			t.Fatal(err)
		}
		if task.Number != 1 || web.Number != 2 {
			t.Fatalf("numbers %d %d", task.Number, web.Number)
		}
		recipients, err := db.IssuePlan(office, plan.ID, sqlstore.IssueOptions{IssuedOn: "2023-05-20"})
		if err != nil {
			t.Fatal(err)
		}
		if len(recipients) < 8 {
			t.Fatalf("recipients %d", len(recipients))
		}
		// Each recipient unit's people hear of it in their inbox.
		headPerson, _ := db.FindPersonByUsername(office, "pkhtc")
		if ns, err := db.FindNotifications(office, headPerson.ID, true, 10); err != nil || len(ns) == 0 || !strings.Contains(ns[0].Title, "ban hành") {
			t.Fatalf("no notice of the issued plan: %v %+v", err, ns)
		}
		if _, err := db.IssuePlan(office, plan.ID, sqlstore.IssueOptions{}); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Fatalf("issued twice: %v", err)
		}
		unit := "u-pkhtc"
		obls, err := db.FindObligations(office, kehoach.ObligationFilter{PlanID: &plan.ID, UnitID: &unit})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[kehoach.ObligationKind]*kehoach.Obligation{}
		for _, o := range obls {
			kinds[o.Kind] = o
		}
		if len(obls) != 3 || kinds[kehoach.KindAcknowledgement] == nil || kinds[kehoach.KindBriefing] == nil || kinds[kehoach.KindFinal] == nil {
			t.Fatalf("obligations of pkhtc: %d %v", len(obls), kinds)
		}
		// Acknowledge, at a time before the due date.
		db.Clock = kehoach.ClockFunc(func() time.Time { return time.Date(2023, 5, 21, 3, 0, 0, 0, time.UTC) })
		if err := db.Acknowledge(head, plan.ID, unit); err != nil {
			t.Fatal(err)
		}
		if err := db.Acknowledge(head, plan.ID, unit); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Fatalf("acknowledged twice: %v", err)
		}
		if err := db.RecordBriefing(head, &kehoach.Briefing{PlanID: plan.ID, UnitID: unit, Date: "2023-05-21", Method: "Họp giao ban", Participants: 0}); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Fatalf("zero participants: %v", err)
		}
		if err := db.RecordBriefing(head, &kehoach.Briefing{PlanID: plan.ID, UnitID: unit, Date: "2023-05-21", Method: "Họp giao ban", Participants: 12}); err != nil {
			t.Fatal(err)
		}
		// The report: bad values are refused, then a draft, then submit.
		inds, _ := db.FindIndicators(office)
		allowed := []kehoach.Indicator{*kehoach.IndicatorByCode(inds, kehoach.IndStaffReached), *kehoach.IndicatorByCode(inds, kehoach.IndChildClasses)}
		final := kinds[kehoach.KindFinal]
		for name, vals := range map[string]map[string]float64{
			"negative": {kehoach.IndStaffReached: -1},
			"fraction": {kehoach.IndStaffReached: 1.5},
			"not fed":  {kehoach.IndNewsItems: 3},
		} {
			if _, err := db.SaveReportDraft(head, final.ID, &kehoach.Report{ReportContent: kehoach.ReportContent{Values: vals}}, allowed); kehoach.ErrorCode(err) != kehoach.EINVALID {
				t.Errorf("%s: %v", name, err)
			}
		}
		r, err := db.SaveReportDraft(head, final.ID, &kehoach.Report{ReportContent: kehoach.ReportContent{Values: map[string]float64{kehoach.IndStaffReached: 40}}}, allowed)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitReport(head, r.ID); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Fatalf("submit without results: %v", err)
		}
		r.Results = "Đã tuyên truyền đến 40 lượt cán bộ."
		if _, err := db.SaveReportDraft(head, final.ID, r, allowed); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddEvidence(head, r.ID, "anh.png", "image/png", []byte("\x89PNG....")); err != nil {
			t.Fatal(err)
		}
		db.Clock = kehoach.ClockFunc(func() time.Time { return time.Date(2023, 6, 29, 3, 0, 0, 0, time.UTC) })
		if _, err := db.SubmitReport(head, r.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitReport(head, r.ID); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Fatalf("submitted twice: %v", err)
		}
		if _, err := db.SaveReportDraft(head, final.ID, r, allowed); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Fatalf("edit while submitted: %v", err)
		}
		if _, err := db.ReviewReport(office, r.ID, false, "Thiếu số liệu lớp kỹ năng sống."); err != nil {
			t.Fatal(err)
		}
		o, _ := db.FindObligationByID(office, final.ID)
		if st := o.Status(db.Clock.Now()); st != kehoach.StatusReturned {
			t.Fatalf("status after return: %s", st)
		}
		r.Values[kehoach.IndChildClasses] = 7
		if _, err := db.SaveReportDraft(head, final.ID, r, allowed); err != nil {
			t.Fatal(err)
		}
		// Resubmitted after the due date: still on time, judged by the first answer.
		db.Clock = kehoach.ClockFunc(func() time.Time { return time.Date(2023, 7, 2, 3, 0, 0, 0, time.UTC) })
		if _, err := db.SubmitReport(head, r.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewReport(office, r.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		versions, err := db.FindReportVersions(office, r.ID)
		if err != nil || len(versions) != 2 || versions[0].State != kehoach.ReportReturned || versions[1].State != kehoach.ReportAccepted || versions[0].Values[kehoach.IndChildClasses] != 0 {
			t.Fatalf("versions: %v %+v", err, versions)
		}
		// Monitoring: pkhtc complete and on time; the website unit late.
		all, _ := db.FindObligations(office, kehoach.ObligationFilter{PlanID: &plan.ID})
		tree, _ := db.OrgTree(office)
		tasks, _ := db.FindTasks(office, kehoach.TaskFilter{PlanID: &plan.ID})
		m := kehoach.Monitor(sqlstore.UnitsOfPlan(tree, all), all, tasks, db.Clock.Now(), kehoach.MonitorFilter{})
		var pk, webRow *kehoach.MonitorRow
		for _, row := range m.Rows {
			switch row.Unit.ID {
			case "u-pkhtc":
				pk = row
			case "u-website":
				webRow = row
			}
		}
		if pk == nil || !rateIs(pk.Completeness(), 100) || !rateIs(pk.OnTimeRate(), 100) || pk.Accepted != 3 {
			t.Fatalf("pkhtc row: %+v", pk)
		}
		if webRow == nil || webRow.Late != 3 || !rateIs(webRow.Completeness(), 0) {
			t.Fatalf("website row: %+v", webRow)
		}
		// Reassigning moves what is owed.
		web.LeadUnitID = "u-vp"
		if err := db.UpdateTask(office, web); err != nil {
			t.Fatal(err)
		}
		vp := "u-vp"
		vpObls, _ := db.FindObligations(office, kehoach.ObligationFilter{PlanID: &plan.ID, UnitID: &vp})
		found := false
		for _, o := range vpObls {
			if o.TaskID == web.ID && o.Kind == kehoach.KindFinal {
				found = true
			}
		}
		if !found {
			t.Fatal("reassigned task's report is not owed by the new lead")
		}
		if n, bad, err := db.VerifyAudit(office); err != nil || bad != 0 || n < 20 {
			t.Fatalf("audit: %d %d %v", n, bad, err)
		}
	})
}

func TestProgressPeriods(t *testing.T) {
	got := kehoach.ProgressPeriods("2024-01-01", "2024-04-30")
	want := []kehoach.ReportingPeriod{{Start: "2024-01-01", End: "2024-01-14", Due: "2024-01-15"}, {Start: "2024-01-15", End: "2024-02-14", Due: "2024-02-15"}, {Start: "2024-02-15", End: "2024-03-14", Due: "2024-03-15"}, {Start: "2024-03-15", End: "2024-04-14", Due: "2024-04-15"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("period %d: %v, want %v", i, got[i], want[i])
		}
	}
	if p := kehoach.ProgressPeriods("2023-06-01", "2023-06-30"); len(p) != 0 {
		t.Errorf("one month has no progress reports: %v", p)
	}
}

// rateIs tells whether a monitoring rate is known and equal to want.
func rateIs(r *float64, want float64) bool { return r != nil && *r == want }
