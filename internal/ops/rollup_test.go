package ops_test

import (
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/ops"
)

// parentPlan returns the demo's 115/KH-UBND as the superior finds it.
func parentPlan(t *testing.T, f *fixture, a *kehoach.Actor) *kehoach.Plan {
	t.Helper()
	plans, err := f.svc.Plans(t.Context(), a, kehoach.PlanFilter{})
	noErr(t, err)
	for _, p := range plans {
		if p.NumberSymbol() == "115/KH-UBND" {
			return p
		}
	}
	t.Fatal("the superior does not see 115/KH-UBND")
	return nil
}

func childOf(t *testing.T, r *kehoach.Rollup, agency string) kehoach.RollupChild {
	t.Helper()
	for _, c := range r.Children {
		if c.AgencyID == agency {
			return c
		}
	}
	t.Fatalf("no child for %s in %+v", agency, r.Children)
	return kehoach.RollupChild{}
}

func indicatorOf(r *kehoach.Rollup, code string) *kehoach.RollupIndicator {
	for i := range r.Indicators {
		if r.Indicators[i].Code == code {
			return &r.Indicators[i]
		}
	}
	return nil
}

func TestRollup(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		sup, office := f.as("sldtbxh"), f.as("vanphong")
		parent := parentPlan(t, f, sup)
		if f.plan.ParentPlanID == nil || *f.plan.ParentPlanID != parent.ID {
			t.Fatalf("the seed plan implements %v, want %s", f.plan.ParentPlanID, parent.ID)
		}
		r, err := f.svc.Rollup(ctx, sup, parent.ID)
		noErr(t, err)
		if len(r.Children) != 4 {
			t.Fatalf("%d children, want the 4 agencies 115/KH-UBND is sent to", len(r.Children))
		}
		seed, edu, cult, just := childOf(t, r, demo.UnitAgency), childOf(t, r, demo.UnitEducation), childOf(t, r, demo.UnitCulture), childOf(t, r, demo.UnitJustice)
		if seed.PlanID == nil || *seed.PlanID != f.plan.ID || seed.Report.State != kehoach.SummaryDrafting || seed.IssuedOn == nil || *seed.IssuedOn != "2023-05-22" {
			t.Errorf("seed child: %+v", seed)
		}
		// The demo's superior accepted the education department's report.
		if edu.Report.State != kehoach.SummaryAccepted || edu.Report.Number == nil || *edu.Report.Number != "01/BC-SGDĐT" || *edu.Report.Date != "2023-07-04" ||
			edu.Completeness == nil || *edu.Completeness != 100 || !edu.CanOpenReport {
			t.Errorf("education child: %+v %+v", edu, edu.Report)
		}
		if cult.Report.State != kehoach.SummaryDrafting || cult.Completeness == nil || *cult.Completeness >= 100 || cult.CanOpenReport {
			t.Errorf("culture child: %+v", cult)
		}
		if just.PlanID != nil || just.Status != kehoach.ChildNotIssued || just.Report.State != kehoach.SummaryNotStarted || just.Completeness != nil {
			t.Errorf("justice child: %+v", just)
		}
		// Figures come from finalised reports only: the culture
		// department's accepted 140 people wait for its report.
		if ind := indicatorOf(r, kehoach.IndStaffReached); ind == nil || ind.Value != 1250 || ind.Target == nil || *ind.Target != 5000 {
			t.Fatalf("staff reached: %+v", ind)
		}

		// The seed plan's report finalised after the education
		// department's: sum, then max and latest by the catalogue's rule.
		v, err := f.svc.FinaliseSummary(ctx, office, f.plan.ID, ops.FinaliseInput{IssuedOn: "2023-07-05"})
		noErr(t, err)
		own := map[string]float64{}
		for _, fig := range v.Report.Totals {
			own[fig.Code] = fig.Total
		}
		if own[kehoach.IndStaffReached] == 0 || own[kehoach.IndChildClasses] == 0 {
			t.Fatalf("seed totals: %v", own)
		}
		r, err = f.svc.Rollup(ctx, sup, parent.ID)
		noErr(t, err)
		if s := childOf(t, r, demo.UnitAgency); s.Report.State != kehoach.SummaryFinalised || *s.Report.Number != "01/BC-SGTVT" {
			t.Errorf("seed child after finalising: %+v", s.Report)
		}
		if ind := indicatorOf(r, kehoach.IndStaffReached); ind.Value != 1250+own[kehoach.IndStaffReached] {
			t.Errorf("sum: %v, want %v", ind.Value, 1250+own[kehoach.IndStaffReached])
		}
		admin := f.as("quantri")
		for code, agg := range map[string]kehoach.Aggregation{kehoach.IndStaffReached: kehoach.AggMax, kehoach.IndChildClasses: kehoach.AggLatest} {
			ind := *kehoach.IndicatorByCode(kehoach.DefaultIndicators, code)
			ind.Aggregation = agg
			_, err := f.svc.SaveIndicator(ctx, admin, ops.IndicatorInput{Indicator: ind})
			noErr(t, err)
		}
		r, err = f.svc.Rollup(ctx, sup, parent.ID)
		noErr(t, err)
		if ind := indicatorOf(r, kehoach.IndStaffReached); ind.Value != max(1250, own[kehoach.IndStaffReached]) {
			t.Errorf("max: %v", ind.Value)
		}
		if ind := indicatorOf(r, kehoach.IndChildClasses); ind.Value != own[kehoach.IndChildClasses] {
			t.Errorf("latest: %v, want the seed's %v (05/7 after 04/7)", ind.Value, own[kehoach.IndChildClasses])
		}
	})
}

func TestRollupRights(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		sup := f.as("sldtbxh")
		parent := parentPlan(t, f, sup)
		// The agency's Office reads the province's plan it implements, but
		// the roll-up is the superior's; a unit does not even see it.
		_, err := f.svc.Plan(ctx, f.as("vanphong"), parent.ID)
		noErr(t, err)
		_, err = f.svc.Rollup(ctx, f.as("vanphong"), parent.ID)
		wantCode(t, err, kehoach.EFORBIDDEN)
		_, err = f.svc.Rollup(ctx, f.as("pkhtc"), parent.ID)
		wantCode(t, err, kehoach.ENOTFOUND)
		// The seed plan's Office and Director see the seed plan's roll-up
		// (it has no implementing plans), its units do not.
		_, err = f.svc.Rollup(ctx, f.as("giamdoc"), f.plan.ID)
		noErr(t, err)
		_, err = f.svc.Rollup(ctx, f.as("pkhtc"), f.plan.ID)
		wantCode(t, err, kehoach.EFORBIDDEN)

		r, err := f.svc.Rollup(ctx, sup, parent.ID)
		noErr(t, err)
		edu, cult := childOf(t, r, demo.UnitEducation), childOf(t, r, demo.UnitCulture)
		// Drill-down: the finalised report, its page and files.
		v, err := f.svc.Summary(ctx, sup, *edu.PlanID)
		noErr(t, err)
		if v.Report.Draft || v.Current.Status != kehoach.SummaryFinal || v.CanEdit || len(v.Versions) != 1 {
			t.Fatalf("superior's view: %+v", v.Current)
		}
		for _, format := range []string{"docx", "pdf"} {
			file, err := f.svc.SummaryFile(ctx, sup, *edu.PlanID, format)
			if err != nil || len(file.Data) == 0 {
				t.Fatalf("%s: %v", format, err)
			}
		}
		// Never a draft: not the culture department's, not the seed's.
		_, err = f.svc.Summary(ctx, sup, *cult.PlanID)
		wantCode(t, err, kehoach.ENOTFOUND)
		_, err = f.svc.SummaryFile(ctx, sup, f.plan.ID, "pdf")
		wantCode(t, err, kehoach.ENOTFOUND)
		_, err = f.svc.SaveSummary(ctx, sup, *edu.PlanID, kehoach.SummaryEdits{})
		wantCode(t, err, kehoach.EFORBIDDEN)
		// Nor the units' reports behind it, nor the seed plan's obstacles.
		obls, err := f.svc.PlanObligations(ctx, f.as("giamdoc-sgddt"), *edu.PlanID)
		noErr(t, err)
		for _, o := range obls.Items {
			if o.Kind != kehoach.KindFinal {
				continue
			}
			_, err := f.svc.Report(ctx, sup, o.ID)
			if c := kehoach.ErrorCode(err); c != kehoach.EFORBIDDEN && c != kehoach.ENOTFOUND {
				t.Errorf("unit report %s: %v", o.ID, err)
			}
		}
		if mine, err := f.svc.PlanObligations(ctx, sup, f.plan.ID); err != nil || len(mine.Items) != 0 {
			t.Errorf("superior's obligations: %v %d", err, len(mine.Items))
		}
		all, err := f.svc.PlanObstacles(ctx, f.as("vanphong"), f.plan.ID)
		noErr(t, err)
		if len(all.Obstacles) == 0 {
			t.Fatal("the demo has no obstacles")
		}
		for _, o := range all.Obstacles {
			_, err := f.svc.Obstacle(ctx, sup, o.ID)
			wantCode(t, err, kehoach.ENOTFOUND)
		}
		if seen, err := f.svc.PlanObstacles(ctx, sup, f.plan.ID); err != nil || len(seen.Obstacles) != 0 {
			t.Errorf("superior's obstacles: %v %+v", err, seen)
		}
	})
}

func TestPlanParentLink(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		parent := parentPlan(t, f, f.as("sldtbxh"))
		links, err := f.svc.PlanLinks(ctx, office, f.plan)
		noErr(t, err)
		if links.Parent == nil || links.Parent.ID != parent.ID || links.CanRollup {
			t.Fatalf("links of the seed plan: %+v", links)
		}
		if l, err := f.svc.PlanLinks(ctx, f.as("sldtbxh"), parent); err != nil || !l.CanRollup {
			t.Fatalf("superior's links of 115: %v %+v", err, l)
		}
		// A draft names its parent: an unknown plan or itself is refused.
		draft := &kehoach.Plan{AgencyID: demo.UnitAgency, Title: "Kế hoạch thử"}
		noErr(t, f.svc.CreateDraft(ctx, office, draft))
		for _, bad := range []string{"khong-co", draft.ID} {
			draft.ParentPlanID = &bad
			wantFields(t, f.svc.UpdatePlan(ctx, office, draft), "parentPlanId")
		}
		draft.ParentPlanID = &parent.ID
		noErr(t, f.svc.UpdatePlan(ctx, office, draft))
		got, err := f.svc.Plan(ctx, office, draft.ID)
		noErr(t, err)
		if got.ParentPlanID == nil || *got.ParentPlanID != parent.ID {
			t.Fatalf("stored parent: %v", got.ParentPlanID)
		}
		empty := ""
		draft.ParentPlanID = &empty
		noErr(t, f.svc.UpdatePlan(ctx, office, draft))
		if got, _ := f.svc.Plan(ctx, office, draft.ID); got.ParentPlanID != nil {
			t.Fatalf("parent not cleared: %v", *got.ParentPlanID)
		}
	})
}

// TestRollupRatesAreEachPlansMonitoring: the roll-up counts each
// implementing plan's obligations in the database, and its rates are the
// totals of that plan's own monitoring grid, on each engine, on days before,
// during and after the children's deadlines.
func TestRollupRatesAreEachPlansMonitoring(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		sup := f.as("sldtbxh")
		parent := parentPlan(t, f, sup)
		sys, err := f.svc.System(ctx, "test")
		noErr(t, err)
		for _, day := range []string{"2023-05-20", "2023-06-15", "2023-07-01", "2023-12-31"} {
			at, err := time.ParseInLocation(time.DateOnly, day, kehoach.Zone)
			noErr(t, err)
			f.svc.SetClock(kehoach.ClockFunc(func() time.Time { return at.Add(10 * time.Hour) }))
			r, err := f.svc.Rollup(ctx, sup, parent.ID)
			noErr(t, err)
			checked := 0
			for _, ch := range r.Children {
				if ch.PlanID == nil {
					continue
				}
				m, err := f.svc.Monitoring(ctx, sys, *ch.PlanID, ops.MonitorQuery{})
				noErr(t, err)
				checked++
				if !sameRate(ch.Completeness, m.M.Total.Completeness()) || !sameRate(ch.OnTime, m.M.Total.OnTimeRate()) {
					t.Errorf("%s, %s: roll-up %v / %v, monitoring %+v", day, ch.AgencyID, ch.Completeness, ch.OnTime, m.M.Total)
				}
			}
			if checked == 0 {
				t.Fatalf("%s: no child compared", day)
			}
		}
	})
}

func sameRate(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
