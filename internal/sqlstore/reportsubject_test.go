package sqlstore_test

import (
	"slices"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestReportSubjectSeesChanges reads what a report save reads before its
// transaction through a second handle on the same database (another
// process), then changes the indicator catalogue (kept in memory) through
// the first: the second handle's next read sees it. The subject reads the
// same as the separate lookups, in the fields it carries.
func TestReportSubjectSeesChanges(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		dsn := kehoachtest.DSN(t, engine)
		one := kehoachtest.OpenDSN(t, dsn)
		plan := kehoachtest.LoadDemo(t, one, demo.Load)
		other := kehoachtest.OpenDSN(t, dsn)
		ctx := sysCtx()
		kind := kehoach.KindFinal
		obls, err := one.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &plan.ID, Kind: &kind})
		if err != nil || len(obls) == 0 {
			t.Fatalf("no report obligation: %v", err)
		}
		o := obls[0]
		s, err := other.FindReportSubject(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		task, err := one.FindTaskByID(ctx, o.TaskID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Obligation.ID != o.ID || s.Obligation.PlanID != o.PlanID || s.Obligation.UnitID != o.UnitID || s.Obligation.TaskID != o.TaskID ||
			s.Obligation.Kind != o.Kind || s.Plan.ID != plan.ID || s.Plan.AgencyID != plan.AgencyID || s.Plan.Status != plan.Status ||
			s.Plan.ReportToUnitID != plan.ReportToUnitID || s.Plan.CreatedBy != plan.CreatedBy ||
			s.Task == nil || s.Task.ID != task.ID || !slices.Equal(s.Task.IndicatorCodes, task.IndicatorCodes) || s.Report != nil {
			t.Fatalf("subject %+v differs from its parts", s)
		}
		inds, err := one.FindIndicators(ctx)
		if err != nil || len(inds) == 0 || len(s.Indicators) != len(inds) {
			t.Fatalf("catalogue: %d kept, %d read (%v)", len(s.Indicators), len(inds), err)
		}

		// The caller's copy of the catalogue is its own.
		s.Indicators[0].Name = "đã sửa trong bộ nhớ"
		ind := inds[0]
		ind.Name = "Chỉ tiêu đã đổi tên"
		if err := one.SaveIndicator(ctx, ind); err != nil {
			t.Fatal(err)
		}
		rep := &kehoach.Report{ReportContent: kehoach.ReportContent{Results: "Đã tổ chức 3 buổi tuyên truyền."}}
		if _, err := one.SaveReportDraft(ctx, o.ID, rep, nil); err != nil {
			t.Fatal(err)
		}
		s, err = other.FindReportSubject(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := kehoach.IndicatorByCode(s.Indicators, ind.Code); got == nil || got.Name != ind.Name {
			t.Errorf("the other handle kept the old catalogue: %+v", got)
		}
		if _, err := other.FindReportSubject(ctx, "không-có"); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("an unknown obligation: %v", err)
		}
	})
}
