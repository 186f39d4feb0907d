package ops_test

import (
	"bytes"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/ops"
)

func TestImportPlan(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		doc, err := docparse.Parse(bytes.NewReader(demo.SeedPlan()), "seed.txt")
		noErr(t, err)
		office := f.as("vanphong")
		tasks := make([]ops.ImportTask, len(doc.Tasks))
		in := ops.ImportInput{Doc: doc, Source: string(demo.SeedPlan()), ImportEdits: ops.ImportEdits{Tasks: tasks,
			Fields: ops.ImportFields{Title: "  ", Date: "31/06/2023", PeriodStart: "2023-06-30", PeriodEnd: "01/06/2023", Year: "99"}}}
		in.Tasks[0] = ops.ImportTask{LeadUnitID: demo.UnitLabour, Due: "mai"}
		_, err = f.svc.ImportPlan(ctx, office, in)
		wantFields(t, err, "title", "date", "periodEnd", "year", "task.0.lead", "task.0.due")

		if _, err := f.svc.ImportPlan(ctx, f.as("quantri"), in); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
			t.Errorf("admin imports: %v", err)
		}
		units, err := f.svc.ImportUnits(ctx, office)
		if err != nil || len(units) == 0 {
			t.Fatalf("units: %v %d", err, len(units))
		}
		for _, u := range units {
			if u.ID == demo.UnitLabour || u.ID == demo.UnitAgency {
				t.Errorf("unit %s offered outside the agency's own", u.ID)
			}
		}

		in.Fields = ops.ImportFields{Title: "Kế hoạch\n  thử", Date: "30/05/2023", Year: "2023"}
		in.Tasks[0] = ops.ImportTask{LeadUnitID: demo.UnitFinance, SupportIDs: []string{demo.UnitFinance, demo.UnitInfra}, Due: "30/06/2023"}
		in.Tasks[1].Skip = true
		p, err := f.svc.ImportPlan(ctx, office, in)
		noErr(t, err)
		if p.Status != kehoach.PlanDraft || p.Title != "Kế hoạch thử" || p.Date == nil || *p.Date != "2023-05-30" || len(p.Tasks) != len(doc.Tasks)-1 {
			t.Fatalf("saved %q %v %v %d tasks", p.Title, p.Status, p.Date, len(p.Tasks))
		}
		if t0 := p.Tasks[0]; t0.LeadUnitID != demo.UnitFinance || len(t0.SupportUnitIDs) != 1 || t0.Due == nil || *t0.Due != "2023-06-30" {
			t.Errorf("first task %+v", t0)
		}

		doc.Type = "BC"
		_, err = f.svc.ImportPlan(ctx, office, in)
		wantFields(t, err, "form")
	})
}

func TestPlanListAndAudit(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		_, err := f.svc.PlanList(ctx, office, ops.PlanQuery{Status: "x", Limit: "abc", Offset: "-1"})
		wantFields(t, err, "status", "limit", "offset")
		page, err := f.svc.PlanList(ctx, office, ops.PlanQuery{Limit: "1"})
		if err != nil || page.Total != 1 || len(page.Plans) != 1 {
			t.Fatalf("page %+v %v", page, err)
		}
		if page, _ := f.svc.PlanList(ctx, office, ops.PlanQuery{Offset: "5"}); len(page.Plans) != 0 || page.Total != 1 {
			t.Errorf("past the end: %+v", page)
		}
		if page, _ := f.svc.PlanList(ctx, f.as("pkhtc"), ops.PlanQuery{}); page.Total != 0 {
			t.Errorf("a unit head sees the draft: %+v", page)
		}

		for user, want := range map[string]string{"vanphong": "", "giamdoc": "", "quantri": kehoach.EFORBIDDEN, "pkhtc": kehoach.ENOTFOUND} {
			entries, err := f.svc.PlanAudit(ctx, f.as(user), f.plan.ID, 10)
			if kehoach.ErrorCode(err) != want && !(want == "" && err == nil) {
				t.Errorf("%s: got %v, want %q", user, err, want)
			}
			if want == "" && len(entries) == 0 {
				t.Errorf("%s: no entries", user)
			}
		}
		if _, err := f.svc.VerifyAudit(ctx, office); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
			t.Errorf("office verifies: %v", err)
		}
		sys, _ := f.svc.System(ctx, "kiểm tra")
		if c, err := f.svc.VerifyAudit(ctx, sys); err != nil || c.BrokenAt != 0 || c.Checked == 0 {
			t.Errorf("verify: %+v %v", c, err)
		}
	})
}

func TestParseDate(t *testing.T) {
	valid := map[string]string{
		"2023-06-30":   "2023-06-30",
		"30/06/2023":   "2023-06-30",
		"1/6/2023":     "2023-06-01",
		" 01.06.2023 ": "2023-06-01",
		"01-06-2023":   "2023-06-01",
		"29/02/2024":   "2024-02-29",
	}
	for in, want := range valid {
		if got, ok := ops.ParseDate(in); got != want || !ok {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, true", in, got, ok, want)
		}
	}
	for _, in := range []string{"31/06/2023", "29/02/2023", "2023-02-30", "30/06/23", "ngày 30 tháng 6", ""} {
		if got, ok := ops.ParseDate(in); got != "" || ok {
			t.Errorf("ParseDate(%q) = %q, %v; want no date", in, got, ok)
		}
	}
}
