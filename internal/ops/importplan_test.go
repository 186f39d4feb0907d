package ops_test

import (
	"bytes"
	"strings"
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

// TestAddingATaskKeepsProposals adds a task to the imported seed draft: the
// proposals matched to a unit (the website's activity II.2, the Office's
// duty III.2) become tasks before it, those without a lead stay proposals
// and become tasks once given a lead.
func TestAddingATaskKeepsProposals(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		if len(f.plan.Tasks) != 6 || f.plan.Tasks[4].LeadUnitID != "" || f.plan.Tasks[5].LeadUnitID != demo.UnitOffice || f.plan.Tasks[1].LeadUnitID != demo.UnitWebsite {
			t.Fatalf("seed proposals %+v", f.plan.Tasks)
		}
		due := f.plan.EndDate().Format("2006-01-02")
		_, err := f.svc.CreateTask(ctx, office, f.plan.ID, ops.TaskInput{TaskFields: kehoach.TaskFields{Title: "Nhiệm vụ thêm", LeadUnitID: demo.UnitInspect, Due: due}})
		noErr(t, err)
		tasks, err := f.svc.Tasks(ctx, office, f.plan.ID)
		noErr(t, err)
		if len(tasks) != 3 || tasks[0].LeadUnitID != demo.UnitWebsite || tasks[0].Section != "II.2" || tasks[1].LeadUnitID != demo.UnitOffice || tasks[1].Section != "III.2" || tasks[2].Title != "Nhiệm vụ thêm" {
			t.Fatalf("tasks after adding one: %d %+v", len(tasks), tasks)
		}
		p, err := f.svc.Plan(ctx, office, f.plan.ID)
		noErr(t, err)
		// Left: the activities II.1, II.3, II.4 and the duty III.1.
		if len(p.Tasks) != 4 || p.Tasks[3].LeadUnitID != "" || p.Tasks[3].Section != "III.1" {
			t.Fatalf("proposals left %+v", p.Tasks)
		}
		const n = 3
		text := p.Tasks[n].Text

		err = f.svc.AssignProposal(ctx, office, p.ID, n, text, "", nil)
		wantFields(t, err, "leadUnitId")
		if err := f.svc.AssignProposal(ctx, office, p.ID, n, "văn bản khác", demo.UnitFinance, nil); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Errorf("a changed proposal: %v", err)
		}
		if err := f.svc.AssignProposal(ctx, f.as("pkhtc"), p.ID, n, text, demo.UnitFinance, nil); err == nil {
			t.Error("a unit head assigns a proposal")
		}
		noErr(t, f.svc.AssignProposal(ctx, office, p.ID, n, text, demo.UnitFinance, []string{demo.UnitFinance, demo.UnitInfra}))
		tasks, err = f.svc.Tasks(ctx, office, f.plan.ID)
		noErr(t, err)
		if len(tasks) != 4 || tasks[3].LeadUnitID != demo.UnitFinance || tasks[3].Text != text || len(tasks[3].SupportUnitIDs) != 1 {
			t.Fatalf("tasks after assigning: %d %+v", len(tasks), tasks)
		}
		p, err = f.svc.Plan(ctx, office, f.plan.ID)
		noErr(t, err)
		if len(p.Tasks) != 3 {
			t.Errorf("proposals left %+v", p.Tasks)
		}
	})
}

// TestImportDraft keeps an import under review with its corrections per
// person until it is saved or discarded.
func TestImportDraft(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		doc, err := docparse.Parse(bytes.NewReader(demo.SeedPlan()), "seed.txt")
		noErr(t, err)
		if _, err := f.svc.StartImport(ctx, f.as("pkhtc"), doc, string(demo.SeedPlan()), "seed.txt", "text"); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
			t.Errorf("a unit head imports: %v", err)
		}
		d, err := f.svc.StartImport(ctx, office, doc, string(demo.SeedPlan()), "seed.txt", "text")
		noErr(t, err)
		got, err := f.svc.ImportDraft(ctx, office, d.ID)
		noErr(t, err)
		if got.Edits != nil || got.Doc.Title != doc.Title || got.Source != string(demo.SeedPlan()) {
			t.Fatalf("draft %+v", got)
		}
		// A failed save keeps what was typed.
		in := ops.ImportInput{DraftID: d.ID, ImportEdits: ops.ImportEdits{Fields: ops.ImportFields{Title: "Tên đã sửa", Date: "31/06/2023"},
			Tasks: []ops.ImportTask{{LeadUnitID: demo.UnitFinance}, {Skip: true}}}}
		_, err = f.svc.ImportPlan(ctx, office, in)
		wantFields(t, err, "date")
		got, err = f.svc.ImportDraft(ctx, office, d.ID)
		noErr(t, err)
		if got.Edits == nil || got.Edits.Fields.Title != "Tên đã sửa" || got.Edits.Tasks[0].LeadUnitID != demo.UnitFinance || !got.Edits.Tasks[1].Skip {
			t.Fatalf("edits %+v", got.Edits)
		}
		if list, err := f.svc.ImportDrafts(ctx, office); err != nil || len(list) != 1 || list[0].Title() != "Tên đã sửa" {
			t.Errorf("list %v %v", list, err)
		}
		// Another person does not find it.
		if _, err := f.svc.ImportDraft(ctx, f.as("giamdoc"), d.ID); err == nil {
			t.Error("the director reads the Office's import")
		}
		in.Fields.Date = "30/05/2023"
		p, err := f.svc.ImportPlan(ctx, office, in)
		noErr(t, err)
		if p.Title != "Tên đã sửa" || len(p.Tasks) != 1 {
			t.Errorf("saved %q %d", p.Title, len(p.Tasks))
		}
		if _, err := f.svc.ImportDraft(ctx, office, d.ID); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("saving keeps the import: %v", err)
		}
		d2, err := f.svc.StartImport(ctx, office, doc, string(demo.SeedPlan()), "seed.txt", "text")
		noErr(t, err)
		noErr(t, f.svc.DiscardImport(ctx, office, d2.ID))
		if list, _ := f.svc.ImportDrafts(ctx, office); len(list) != 0 {
			t.Errorf("after discarding %v", list)
		}
	})
}

// TestImportLargeSource: a plan whose document is far longer than any one
// field (a 300 KB source) saves; the source is bounded by the upload limits,
// not by the limit of a field.
func TestImportLargeSource(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		src := string(demo.SeedPlan()) + strings.Repeat("\n- Tuyên truyền về quyền trẻ em tại cơ sở.", 7000)
		doc, err := docparse.Parse(strings.NewReader(src), "dai.txt")
		noErr(t, err)
		in := ops.ImportInput{Doc: doc, Source: src, ImportEdits: ops.ImportEdits{Tasks: make([]ops.ImportTask, len(doc.Tasks)),
			Fields: ops.ImportFields{Title: "Kế hoạch dài", Date: "30/05/2023", Year: "2023"}}}
		for i := range in.Tasks {
			in.Tasks[i].Skip = true
		}
		p, err := f.svc.ImportPlan(t.Context(), f.as("vanphong"), in)
		noErr(t, err)
		if len(src) < 300_000 || p.Title != "Kế hoạch dài" {
			t.Fatalf("saved %q from %d bytes", p.Title, len(src))
		}
	})
}
