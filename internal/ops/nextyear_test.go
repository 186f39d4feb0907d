package ops_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/ops"
)

func yearPtr(n int) *int { return &n }

// TestNextYear copies the seed plan into 2024, when Sở Giao thông vận tải
// still exists, and into 2025, after it merged into Sở Xây dựng and the
// children's work of Sở Lao động - Thương binh và Xã hội went to Sở Y tế.
func TestNextYear(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		sys, err := f.svc.System(ctx, "test")
		noErr(t, err)
		srcTasks, err := f.svc.Tasks(ctx, sys, f.plan.ID)
		noErr(t, err)
		srcEvents, err := f.svc.Events(ctx, sys, f.plan.ID)
		noErr(t, err)
		if len(srcTasks) == 0 || len(srcEvents) == 0 {
			t.Fatalf("the seed plan has %d tasks and %d events; the test needs both", len(srcTasks), len(srcEvents))
		}

		t.Run("2024", func(t *testing.T) {
			res, err := f.svc.NextYear(ctx, office, f.plan.ID, ops.NextYearInput{})
			noErr(t, err)
			// Every unit exists in 2024: the one warning is the superior's
			// plan of 2023, which the copy no longer implements.
			if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "cấp trên năm 2024") {
				t.Errorf("warnings %q, want only the one about the superior's plan", res.Warnings)
			}
			p, err := f.svc.Plan(ctx, office, res.ID)
			noErr(t, err)
			if p.ParentPlanID != nil {
				t.Errorf("the 2024 copy implements %s, the superior's plan of 2023", *p.ParentPlanID)
			}
			if p.Status != kehoach.PlanDraft || p.Year == nil || *p.Year != 2024 || !strings.Contains(p.Title, "năm 2024") || strings.Contains(p.Title, "2023") {
				t.Errorf("plan %s %v %q, want a 2024 draft", p.Status, p.Year, p.Title)
			}
			if p.AgencyID != demo.UnitAgency || p.ReportToUnitID != demo.UnitLabour {
				t.Errorf("agency %s, report to %s; want the same as in 2023", p.AgencyID, p.ReportToUnitID)
			}
			if p.PredecessorID == nil || *p.PredecessorID != f.plan.ID || p.Number != nil || p.Date != nil {
				t.Errorf("predecessor %v, number %v, date %v", p.PredecessorID, p.Number, p.Date)
			}
			if p.Period == nil || p.Period.Start == nil || *p.Period.Start != "2024-06-01" || *p.Period.End != "2024-06-30" || !strings.Contains(p.Period.Text, "năm 2024") {
				t.Errorf("period %+v, want June 2024", p.Period)
			}
			tasks, err := f.svc.Tasks(ctx, office, p.ID)
			noErr(t, err)
			open := 0
			for _, s := range srcTasks {
				if s.Status != kehoach.TaskCancelled {
					open++
				}
			}
			if len(tasks) != open {
				t.Fatalf("%d tasks, want %d", len(tasks), open)
			}
			for i, task := range tasks {
				src := srcTasks[i]
				if task.Due != shiftYear(t, src.Due) || task.LeadUnitID != src.LeadUnitID || task.Title != src.Title {
					t.Errorf("task %d: due %s lead %s, want %s %s", task.Number, task.Due, task.LeadUnitID, shiftYear(t, src.Due), src.LeadUnitID)
				}
			}
			events, err := f.svc.Events(ctx, office, p.ID)
			noErr(t, err)
			if len(events) != len(srcEvents) {
				t.Fatalf("%d events, want %d", len(events), len(srcEvents))
			}
			for i, e := range events {
				was, now := srcEvents[i].Start.In(kehoach.Zone), e.Start.In(kehoach.Zone)
				if was.Weekday() != now.Weekday() {
					t.Errorf("event %q moved from a %s to a %s", e.Name, was.Weekday(), now.Weekday())
				}
				if d := now.Sub(was.AddDate(1, 0, 0)); d < -3*24*time.Hour || d > 3*24*time.Hour {
					t.Errorf("event %q on %s, not within 3 days of a year after %s", e.Name, now, was)
				}
				if e.Status != kehoach.EventTentative || e.Attendance != nil {
					t.Errorf("event %q is %s with attendance %v, want tentative without", e.Name, e.Status, e.Attendance)
				}
			}
			srcTargets, err := f.svc.Targets(ctx, sys, f.plan.ID)
			noErr(t, err)
			targets, err := f.svc.Targets(ctx, office, p.ID)
			noErr(t, err)
			if len(targets.Targets) != len(srcTargets.Targets) || len(targets.Targets) == 0 {
				t.Errorf("targets %v, want %v", targets.Targets, srcTargets.Targets)
			}
		})

		t.Run("2025", func(t *testing.T) {
			res, err := f.svc.NextYear(ctx, office, f.plan.ID, ops.NextYearInput{Year: yearPtr(2025)})
			noErr(t, err)
			p, err := f.svc.Plan(ctx, office, res.ID)
			noErr(t, err)
			if p.AgencyID != demo.UnitConstruction || p.ReportToUnitID != demo.UnitHealth || !strings.Contains(p.Title, "năm 2025") {
				t.Errorf("agency %s, report to %s, title %q; want Sở Xây dựng, Sở Y tế, 2025", p.AgencyID, p.ReportToUnitID, p.Title)
			}
			all := strings.Join(res.Warnings, "\n")
			for _, want := range []string{"Sở Giao thông vận tải đã sáp nhập từ 01/03/2025: thay bằng Sở Xây dựng (cơ quan ban hành",
				"Sở Lao động - Thương binh và Xã hội đã chia tách từ 01/03/2025: thay bằng Sở Y tế (nơi nhận báo cáo)",
				"Văn phòng Sở đã sáp nhập", "Thanh tra Sở không thuộc Sở Xây dựng"} {
				if !strings.Contains(all, want) {
					t.Errorf("no warning %q in\n%s", want, all)
				}
			}
			if len(p.Warnings) != len(res.Warnings) {
				t.Errorf("the plan keeps %d warnings, the answer has %d", len(p.Warnings), len(res.Warnings))
			}
			tree, err := f.svc.OrgOn(ctx, office, "")
			noErr(t, err)
			tasks, err := f.svc.Tasks(ctx, office, p.ID)
			noErr(t, err)
			for _, task := range tasks {
				if !tree.IsWithin(task.LeadUnitID, demo.UnitConstruction) || !tree.ExistsOn(task.LeadUnitID, time.Date(2025, 6, 1, 0, 0, 0, 0, kehoach.Zone)) {
					t.Errorf("task %d led by %s, not a unit of Sở Xây dựng in 2025", task.Number, task.LeadUnitID)
				}
			}
			// The successor's Office reads the copy and its predecessor.
			succ := f.as(demo.OfficeSuccessor)
			if _, err := f.svc.Plan(ctx, succ, f.plan.ID); err != nil {
				t.Errorf("the successor's Office cannot read the 2023 plan: %v", err)
			}
		})

		t.Run("refused", func(t *testing.T) {
			for _, y := range []int{2023, 2020} {
				_, err := f.svc.NextYear(ctx, office, f.plan.ID, ops.NextYearInput{Year: yearPtr(y)})
				wantFields(t, err, "year")
			}
			_, err := f.svc.NextYear(ctx, f.as("pkhtc"), f.plan.ID, ops.NextYearInput{})
			if c := kehoach.ErrorCode(err); c != kehoach.EFORBIDDEN && c != kehoach.ENOTFOUND {
				t.Errorf("a unit head copied the plan: %v", err)
			}
		})
	})
}

func shiftYear(t *testing.T, day string) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	noErr(t, err)
	return d.AddDate(1, 0, 0).Format(time.DateOnly)
}

// TestNextYearUnitsGone copies a plan whose units split, ended with no
// successor, or all vanished: the copy is saved as a draft and each problem
// is a warning.
func TestNextYearUnitsGone(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		sys, err := f.svc.System(ctx, "test")
		noErr(t, err)
		office := f.as("vanphong")
		due := "2023-06-30"
		for _, lead := range []string{demo.UnitFinance, demo.UnitQuality} {
			_, err := f.svc.CreateTask(ctx, office, f.plan.ID, ops.TaskInput{TaskFields: kehoach.TaskFields{Title: "Nhiệm vụ của " + lead, LeadUnitID: lead, Due: due}})
			noErr(t, err)
		}
		end := time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)
		from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		for _, u := range []struct{ id, name string }{{"u-kh", "Phòng Kế hoạch"}, {"u-tc", "Phòng Tài chính"}} {
			_, err := f.svc.CreateUnit(ctx, sys, ops.UnitInput{ID: u.id, Kind: kehoach.UnitDivision, Name: u.name, ParentID: demo.UnitAgency, ValidFrom: &from})
			noErr(t, err)
		}
		_, err = f.svc.SetSuccessors(ctx, sys, demo.UnitFinance, ops.SuccessorsInput{Successors: []ops.SuccessorInput{
			{SuccessorID: "u-kh", Kind: kehoach.SuccessionSplit, OnDate: "2024-01-01"}, {SuccessorID: "u-tc", Kind: kehoach.SuccessionSplit, OnDate: "2024-01-01"}}})
		noErr(t, err)
		endUnit(t, f, sys, demo.UnitQuality, end)

		res, err := f.svc.NextYear(ctx, office, f.plan.ID, ops.NextYearInput{})
		noErr(t, err)
		all := strings.Join(res.Warnings, "\n")
		// The imported document's period says 2022 (a slip of the
		// original): it is put in 2024 and said.
		for _, want := range []string{"ghi năm 2022: đã đặt vào năm 2024", "Phòng Kế hoạch - Tài chính đã chia tách từ 01/01/2024, có 2 đơn vị kế thừa: Phòng Kế hoạch; Phòng Tài chính",
			"Phòng Quản lý chất lượng công trình giao thông không còn vào ngày"} {
			if !strings.Contains(all, want) {
				t.Errorf("no warning %q in\n%s", want, all)
			}
		}
		tasks, err := f.svc.Tasks(ctx, office, res.ID)
		noErr(t, err)
		leads := map[string]bool{}
		for _, task := range tasks {
			leads[task.LeadUnitID] = true
		}
		if !leads["u-kh"] || !leads[demo.UnitAgency] || leads[demo.UnitQuality] || leads[demo.UnitFinance] {
			t.Errorf("leads %v: want the first successor of the split and the agency for the ended unit", leads)
		}

		// Every unit vanishes at the end of 2024: the 2025 copy is still a
		// draft, with every unit it uses listed.
		tree, err := f.svc.OrgOn(ctx, sys, "")
		noErr(t, err)
		for _, u := range tree.Units() {
			if u.ValidFrom != nil && u.ValidFrom.Year() > 2024 {
				continue
			}
			endUnit(t, f, sys, u.ID, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
		}
		res, err = f.svc.NextYear(ctx, office, f.plan.ID, ops.NextYearInput{Year: yearPtr(2025)})
		noErr(t, err)
		p, err := f.svc.Plan(ctx, office, res.ID)
		noErr(t, err)
		if p.Status != kehoach.PlanDraft || p.AgencyID != demo.UnitAgency {
			t.Errorf("plan %s of %s, want a draft of the vanished agency", p.Status, p.AgencyID)
		}
		all = strings.Join(res.Warnings, "\n")
		for _, want := range []string{"Sở Giao thông vận tải không còn", "Sở Lao động - Thương binh và Xã hội không còn", "Văn phòng Sở không còn"} {
			if !strings.Contains(all, want) {
				t.Errorf("no warning %q in\n%s", want, all)
			}
		}
	})
}

// endUnit ends unit id's validity on the day.
func endUnit(t *testing.T, f *fixture, sys *kehoach.Actor, id string, day time.Time) {
	t.Helper()
	u, err := f.svc.EditableUnit(t.Context(), sys, id)
	noErr(t, err)
	_, err = f.svc.UpdateUnit(t.Context(), sys, id, ops.UnitInput{Kind: u.Kind, Name: u.Name, Abbrev: u.Abbrev, ParentID: u.ParentID,
		ValidFrom: u.ValidFrom, ValidTo: &day, Email: u.Email, Phone: u.Phone, Address: u.Address, Place: u.Place, SortOrder: u.SortOrder, OrganID: u.OrganID})
	noErr(t, err)
}
