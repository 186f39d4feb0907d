package ops_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
)

// tinyPNG returns a valid one-pixel PNG.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// task returns the plan's first open task led by unit.
func (f *fixture) task(unit string) *kehoach.Task {
	f.t.Helper()
	return kehoachtest.OpenTask(f.t, f.db, f.plan.ID, unit)
}

func (f *fixture) auditCount() int {
	f.t.Helper()
	n, bad, err := f.db.VerifyAudit(context.Background())
	if err != nil || bad != 0 {
		f.t.Fatalf("audit chain: bad=%d err=%v", bad, err)
	}
	return n
}

// raise raises an obstacle as username, or fails the test.
func (f *fixture) raise(username string, in ops.ObstacleInput) *kehoach.Obstacle {
	f.t.Helper()
	o, err := f.svc.RaiseObstacle(context.Background(), f.as(username), f.plan.ID, in)
	if err != nil {
		f.t.Fatalf("raise as %s: %v", username, err)
	}
	return o
}

func seen(list []*kehoach.Obstacle, id string) bool {
	for _, o := range list {
		if o.ID == id {
			return true
		}
	}
	return false
}

func code(err error) string { return kehoach.ErrorCode(err) }

// A unit sees its own obstacles and those shared with the agency, never
// another unit's unshared one: not in lists, not by id, not its files.
func TestObstacleVisibility(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		o := f.raise("pqlcl", ops.ObstacleInput{TaskID: f.task(demo.UnitQuality).ID, ForUnit: true, What: "Không kịp tuyên truyền",
			Why: "Viên chức trực mùa mưa lũ", Files: []kehoach.Upload{{Name: "anh.png", Data: tinyPNG(t)}}})
		for _, tc := range []struct {
			user string
			sees bool
		}{{"pqlcl", true}, {"vanphong", true}, {"giamdoc", true}, {"pkcht", false}, {"nhanvien", false}, {"sldtbxh", false}} {
			a := f.as(tc.user)
			_, err := f.svc.Obstacle(ctx, a, o.ID)
			if (err == nil) != tc.sees || err != nil && code(err) != kehoach.ENOTFOUND {
				t.Errorf("%s opens another unit's obstacle: %v", tc.user, err)
			}
			_, _, err = f.svc.ObstacleFile(ctx, a, o.Files[0].ID)
			if (err == nil) != tc.sees {
				t.Errorf("%s downloads its file: %v", tc.user, err)
			}
			if po, err := f.svc.PlanObstacles(ctx, a, f.plan.ID); err == nil && seen(po.Obstacles, o.ID) != tc.sees {
				t.Errorf("%s lists it: %v", tc.user, seen(po.Obstacles, o.ID))
			}
			b, err := f.svc.ObstacleBoard(ctx, a, "all")
			noErr(t, err)
			var listed bool
			for _, l := range [][]ops.ObstacleEntry{b.Open, b.Queue, b.Mine} {
				for _, e := range l {
					listed = listed || e.ID == o.ID
				}
			}
			// (The Director's board lists only what waits for them.)
			if listed && !tc.sees || !listed && tc.user == "pqlcl" {
				t.Errorf("%s has it on the board: %v", tc.user, listed)
			}
			// A step on it by someone who may not see it is "not found".
			if tc.sees {
				continue
			}
			if _, err := f.svc.AnswerObstacle(ctx, a, o.ID, ops.AnswerInput{Text: "Trả lời thử"}); code(err) != kehoach.ENOTFOUND {
				t.Errorf("%s answers it: %v", tc.user, err)
			}
		}
	})
}

// An invalid decision is refused as a 400 that names the field, and
// nothing changes.
func TestInvalidDecision(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		maint, fin := f.task(demo.UnitQuality), f.task(demo.UnitFinance)
		o := f.raise("pqlcl", ops.ObstacleInput{TaskID: maint.ID, ForUnit: true, What: "Không kịp tuyên truyền", Why: "Viên chức trực mùa mưa lũ"})
		director := f.as("giamdoc")
		before := f.auditCount()
		v, neg := 12.0, -1.0
		for name, tc := range map[string]struct {
			in    ops.DecisionInput
			field string
		}{
			"no text":             {ops.DecisionInput{Text: " "}, "text"},
			"unknown kind":        {ops.DecisionInput{Text: "Đồng ý gia hạn", Effects: []kehoach.Effect{{Kind: "xoa"}}}, "effects"},
			"closed with effects": {ops.DecisionInput{Text: "Không xử lý", NotActionable: true, Effects: []kehoach.Effect{{Kind: kehoach.EffectTarget, IndicatorCode: kehoach.IndNewsItems, Value: &v}}}, "effects"},
			"task of no plan": {ops.DecisionInput{Text: "Đồng ý gia hạn", Effects: []kehoach.Effect{
				{Kind: kehoach.EffectExtendDue, TaskID: maint.ID, Due: "2023-07-15"}, {Kind: kehoach.EffectExtendDue, TaskID: "khong-co", Due: "2023-07-15"}}}, "effects.1.taskId"},
			"due before the plan": {ops.DecisionInput{Text: "Đồng ý gia hạn", Effects: []kehoach.Effect{
				{Kind: kehoach.EffectExtendDue, TaskID: maint.ID, Due: "2023-07-15"}, {Kind: kehoach.EffectExtendDue, TaskID: fin.ID, Due: "2023-05-01"}}}, "effects.1.due"},
			"unit outside the agency": {ops.DecisionInput{Text: "Giao lại", Effects: []kehoach.Effect{{Kind: kehoach.EffectReassign, TaskID: fin.ID, UnitID: demo.UnitLabour}}}, "effects.0.unitId"},
			"unknown indicator":       {ops.DecisionInput{Text: "Điều chỉnh", Effects: []kehoach.Effect{{Kind: kehoach.EffectTarget, IndicatorCode: "khong-co", Value: &v}}}, "effects.0.indicatorCode"},
			"negative target":         {ops.DecisionInput{Text: "Điều chỉnh", Effects: []kehoach.Effect{{Kind: kehoach.EffectTarget, IndicatorCode: kehoach.IndNewsItems, Value: &neg}}}, "effects.0.value"},
			"new task without title":  {ops.DecisionInput{Text: "Bổ sung", Effects: []kehoach.Effect{{Kind: kehoach.EffectAddTask, Title: "", UnitID: demo.UnitOffice, Due: "2023-06-20"}}}, "effects"},
		} {
			_, err := f.svc.DecideObstacle(ctx, director, o.ID, tc.in)
			if httpx.StatusOf(code(err)) != 400 || kehoach.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: %v (fields %v), want a 400 naming %s", name, err, kehoach.ErrorFields(err), tc.field)
			}
		}
		if after := f.auditCount(); after != before {
			t.Errorf("refused decisions wrote %d audit entries", after-before)
		}
		if got, _ := f.svc.Obstacle(ctx, director, o.ID); got.State != kehoach.ObstacleOpen || got.Decision != nil {
			t.Errorf("a refused decision moved the obstacle: %s", got.State)
		}
		for _, tk := range []*kehoach.Task{maint, fin} {
			if got, _ := f.db.FindTaskByID(ctx, tk.ID); got.Due != tk.Due || got.LeadUnitID != tk.LeadUnitID {
				t.Errorf("a refused decision changed task %d", tk.Number)
			}
		}
	})
}

// A decision applies all its effects or none: when one fails as it
// applies, the decision, the other effects, the notes and the audit are
// all rolled back.
func TestDecisionAllOrNothing(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		maint, fin := f.task(demo.UnitQuality), f.task(demo.UnitFinance)
		o := f.raise("pqlcl", ops.ObstacleInput{TaskID: maint.ID, ForUnit: true, What: "Không kịp tuyên truyền", Why: "Viên chức trực mùa mưa lũ"})
		targets, _ := f.db.FindTargets(ctx, f.plan.ID)
		v := 12.0
		effects := func(second kehoach.Effect) []kehoach.Effect {
			return []kehoach.Effect{{Kind: kehoach.EffectExtendDue, TaskID: maint.ID, Due: "2023-07-15"},
				{Kind: kehoach.EffectTarget, IndicatorCode: kehoach.IndNewsItems, Value: &v}, second}
		}
		before := f.auditCount()
		// Checked before: the last effect is refused, so are the others.
		_, err := f.svc.DecideObstacle(ctx, f.as("giamdoc"), o.ID, ops.DecisionInput{Text: "Đồng ý gia hạn",
			Effects: effects(kehoach.Effect{Kind: kehoach.EffectReassign, TaskID: fin.ID, UnitID: "khong-co"})})
		if code(err) != kehoach.EINVALID || !strings.Contains(kehoach.ErrorMessage(err), "không có thay đổi nào được áp dụng") {
			t.Errorf("refused decision: %v", err)
		}
		// Failing as it applies (the task was cancelled after the check):
		// the store refuses the whole decision in its transaction.
		if err := f.db.SplitTask(kehoachtest.ActorCtx(t, f.db, "vanphong"), fin.ID, []*kehoach.Task{
			{TaskFields: kehoach.TaskFields{Title: "Phần một", LeadUnitID: demo.UnitFinance, Due: "2023-06-20"}}, {TaskFields: kehoach.TaskFields{Title: "Phần hai", LeadUnitID: demo.UnitFinance, Due: "2023-06-30"}}}); err != nil {
			t.Fatal(err)
		}
		before = f.auditCount()
		_, err = f.db.DecideObstacle(kehoachtest.ActorCtx(t, f.db, "giamdoc"), o.ID, &kehoach.Decision{Text: "Đồng ý gia hạn", ByRole: "director",
			Effects: effects(kehoach.Effect{Kind: kehoach.EffectExtendDue, TaskID: fin.ID, Due: "2023-07-15"})})
		if err == nil || !strings.Contains(kehoach.ErrorMessage(err), "không có thay đổi nào được áp dụng") {
			t.Errorf("a decision whose effect fails as it applies: %v", err)
		}
		if after := f.auditCount(); after != before {
			t.Errorf("a refused decision wrote %d audit entries", after-before)
		}
		if got, _ := f.db.FindTaskByID(ctx, maint.ID); got.Due != maint.Due {
			t.Errorf("a refused decision extended the task to %s", got.Due)
		}
		if now, _ := f.db.FindTargets(ctx, f.plan.ID); now[kehoach.IndNewsItems] != targets[kehoach.IndNewsItems] {
			t.Error("a refused decision changed a target")
		}
		if notes, _ := f.db.FindTaskNotes(ctx, f.plan.ID); len(notes[maint.ID]) != 0 {
			t.Error("a refused decision left a task note")
		}
		if got, _ := f.svc.Obstacle(ctx, f.as("vanphong"), o.ID); got.State != kehoach.ObstacleOpen || got.Decision != nil {
			t.Errorf("a refused decision moved the obstacle: %s", got.State)
		}
		// The same decision without the bad effect applies whole.
		got, err := f.svc.DecideObstacle(ctx, f.as("giamdoc"), o.ID, ops.DecisionInput{Text: "Đồng ý gia hạn",
			Effects: effects(kehoach.Effect{Kind: kehoach.EffectAddTask, Title: "Bổ sung tài liệu", UnitID: demo.UnitOffice, Due: "2023-06-20"})})
		noErr(t, err)
		if d := got.Decision; got.State != kehoach.ObstacleAnswered || d == nil || d.Effects[0].Before != maint.Due || d.Effects[2].TaskID == "" {
			t.Errorf("decided obstacle %+v", got)
		}
		if tk, _ := f.db.FindTaskByID(ctx, maint.ID); tk.Due != "2023-07-15" {
			t.Errorf("due %s after the decision", tk.Due)
		}
		if tg, _ := f.db.FindTargets(ctx, f.plan.ID); tg[kehoach.IndNewsItems] != 12 {
			t.Errorf("target %v", tg[kehoach.IndNewsItems])
		}
	})
}

// The whole way of obstacles: raised, merged, shared, escalated, decided
// with effects, confirmed or reopened, answered, closed; each step by whom
// it belongs to and in the plan's trail.
func TestObstacleFlow(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		plan := f.plan
		maintTask, finTask := f.task(demo.UnitQuality), f.task(demo.UnitFinance)

		// Raise: a unit head for the unit with a file, a staff member as
		// an individual.
		unitObs := f.raise("pqlcl", ops.ObstacleInput{TaskID: maintTask.ID, ForUnit: true,
			What: "Không kịp hoàn thành tuyên truyền trước 30/6", Why: "Viên chức trực đảm bảo giao thông mùa mưa lũ", Proposal: "Gia hạn đến 15/7",
			Files: []kehoach.Upload{{Name: "anh.png", Data: tinyPNG(t)}}})
		if unitObs.UnitID != demo.UnitQuality || len(unitObs.Files) != 1 || unitObs.Files[0].ContentType != "image/png" {
			t.Fatalf("raised obstacle %+v", unitObs)
		}
		staffObs := f.raise("nhanvien", ops.ObstacleInput{TaskID: finTask.ID, What: "Thiếu tài liệu tuyên truyền", Why: "Chưa nhận được tài liệu của Sở LĐTBXH"})
		// Bad input is refused with a message naming the problem.
		for name, tc := range map[string]struct {
			user  string
			in    ops.ObstacleInput
			code  string
			field string
		}{
			"empty":                 {"nhanvien", ops.ObstacleInput{}, kehoach.EINVALID, "what"},
			"text file":             {"nhanvien", ops.ObstacleInput{What: "Vướng mắc", Why: "Lý do", Files: []kehoach.Upload{{Name: "a.png", Data: []byte("hello")}}}, kehoach.EINVALID, "files"},
			"staff for unit":        {"nhanvien", ops.ObstacleInput{What: "Vướng mắc", Why: "Lý do", ForUnit: true}, kehoach.EFORBIDDEN, ""},
			"superior":              {"sldtbxh", ops.ObstacleInput{What: "Vướng mắc", Why: "Lý do"}, kehoach.EFORBIDDEN, ""},
			"task of another plan":  {"nhanvien", ops.ObstacleInput{TaskID: "khong-co", What: "Vướng mắc", Why: "Lý do"}, kehoach.EINVALID, "taskId"},
			"head for another unit": {"pqlcl", ops.ObstacleInput{UnitID: demo.UnitFinance, ForUnit: true, What: "Vướng mắc", Why: "Lý do"}, kehoach.EFORBIDDEN, ""},
		} {
			_, err := f.svc.RaiseObstacle(ctx, f.as(tc.user), plan.ID, tc.in)
			if code(err) != tc.code || tc.field != "" && kehoach.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: %v, want %s naming %q", name, err, tc.code, tc.field)
			}
		}

		// Rights to see: the unit and the raiser, the Office, the Director.
		for _, tc := range []struct {
			user        string
			unit, staff bool
		}{{"vanphong", true, true}, {"giamdoc", true, true}, {"pqlcl", true, false},
			{"pkhtc", false, true}, {"nhanvien", false, true}, {"pkcht", false, false}} {
			po, err := f.svc.PlanObstacles(ctx, f.as(tc.user), plan.ID)
			noErr(t, err)
			if seen(po.Obstacles, unitObs.ID) != tc.unit || seen(po.Obstacles, staffObs.ID) != tc.staff {
				t.Errorf("%s sees unit obstacle %v, staff obstacle %v; want %v, %v", tc.user, seen(po.Obstacles, unitObs.ID), seen(po.Obstacles, staffObs.ID), tc.unit, tc.staff)
			}
			if _, err := f.svc.Obstacle(ctx, f.as(tc.user), unitObs.ID); (err == nil) != tc.unit {
				t.Errorf("%s finds the unit obstacle by id: %v", tc.user, err)
			}
		}

		// Only the Office consolidates, within one plan.
		office := f.as("vanphong")
		if _, err := f.svc.MergeObstacle(ctx, f.as("pqlcl"), staffObs.ID, ops.MergeInput{PrimaryID: unitObs.ID}); code(err) != kehoach.ENOTFOUND {
			t.Errorf("unit head merged: %v", err)
		}
		for name, in := range map[string]ops.MergeInput{"none": {}, "itself": {PrimaryID: staffObs.ID}, "unknown": {PrimaryID: "khong-co"}} {
			if _, err := f.svc.MergeObstacle(ctx, office, staffObs.ID, in); kehoach.ErrorFields(err)["primaryId"] == "" {
				t.Errorf("merge into %s: %v", name, err)
			}
		}
		if _, err := f.svc.MergeObstacle(ctx, office, staffObs.ID, ops.MergeInput{PrimaryID: unitObs.ID}); err != nil {
			t.Fatal(err)
		}
		// Sharing makes the obstacle visible to every unit.
		if _, err := f.svc.AssessObstacle(ctx, office, unitObs.ID, kehoach.ObstacleAssessment{Group: "Nhân lực", Shared: true}); err != nil {
			t.Fatal(err)
		}
		if po, _ := f.svc.PlanObstacles(ctx, f.as("pkcht"), plan.ID); !seen(po.Obstacles, unitObs.ID) || seen(po.Obstacles, staffObs.ID) {
			t.Error("after sharing, another unit's head should see the shared obstacle and only it")
		}
		if _, err := f.svc.EscalateObstacle(ctx, office, unitObs.ID, kehoach.ObstacleAssessment{}); kehoach.ErrorFields(err)["assessment"] == "" {
			t.Errorf("escalating without an assessment: %v", err)
		}
		if _, err := f.svc.EscalateObstacle(ctx, office, unitObs.ID, kehoach.ObstacleAssessment{Assessment: "Lý do chính đáng, đề nghị gia hạn", Proposal: "Gia hạn đến 15/7/2023", Group: "Nhân lực", Shared: true}); err != nil {
			t.Fatal(err)
		}
		if b, _ := f.svc.ObstacleBoard(ctx, f.as("giamdoc"), ""); len(b.Queue) != 1 || b.Queue[0].ID != unitObs.ID || len(b.Queue[0].Duplicates) != 1 {
			t.Errorf("the Director's queue %+v", b.Queue)
		}

		// Only the Director decides.
		good := func() ops.DecisionInput {
			v := 12.0
			return ops.DecisionInput{Text: "Đồng ý gia hạn đến 15/7/2023", Effects: []kehoach.Effect{
				{Kind: kehoach.EffectExtendDue, TaskID: maintTask.ID, Due: "2023-07-15"},
				{Kind: kehoach.EffectTarget, IndicatorCode: kehoach.IndNewsItems, Value: &v},
				{Kind: kehoach.EffectAddTask, Title: "Bổ sung tài liệu tuyên truyền cho các đơn vị", UnitID: demo.UnitOffice, Due: "2023-06-20"},
			}}
		}
		for _, u := range []string{"vanphong", "pqlcl", "nhanvien"} {
			if _, err := f.svc.DecideObstacle(ctx, f.as(u), unitObs.ID, good()); code(err) != kehoach.EFORBIDDEN {
				t.Errorf("%s decided: %v", u, err)
			}
		}
		// A cancelled task refuses its effects.
		splitTask := f.task(demo.UnitRegistry)
		if err := f.db.SplitTask(kehoachtest.ActorCtx(t, f.db, "vanphong"), splitTask.ID, []*kehoach.Task{
			{TaskFields: kehoach.TaskFields{Title: "Phần một", LeadUnitID: demo.UnitRegistry, Due: "2023-06-20"}}, {TaskFields: kehoach.TaskFields{Title: "Phần hai", LeadUnitID: demo.UnitRegistry, Due: "2023-06-30"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.DecideObstacle(ctx, f.as("giamdoc"), unitObs.ID, ops.DecisionInput{Text: "Gia hạn nhiệm vụ đã hủy",
			Effects: []kehoach.Effect{{Kind: kehoach.EffectExtendDue, TaskID: splitTask.ID, Due: "2023-07-15"}}}); !strings.Contains(kehoach.ErrorMessage(err), "đã bị hủy") {
			t.Errorf("extending a cancelled task: %v", err)
		}

		// The Director decides; the effects apply, and the decision
		// answers the duplicate too.
		decided, err := f.svc.DecideObstacle(ctx, f.as("giamdoc"), unitObs.ID, good())
		noErr(t, err)
		d := decided.Decision
		final := kehoach.KindFinal
		obls, _ := f.db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &plan.ID, Kind: &final})
		for _, o := range obls {
			if o.TaskID == maintTask.ID && o.Due != "2023-07-15" {
				t.Errorf("the result report is still due %s", o.Due)
			}
		}
		po, _ := f.svc.PlanObstacles(ctx, f.as("pqlcl"), plan.ID)
		var noted bool
		for _, n := range po.Notes {
			noted = noted || n.Task.ID == maintTask.ID && strings.Contains(n.Text, "Thời hạn được gia hạn") && strings.Contains(n.Text, "15/07/2023")
		}
		if !noted {
			t.Errorf("the unit does not see the task note: %+v", po.Notes)
		}
		for _, id := range []string{unitObs.ID, staffObs.ID} {
			o, err := f.svc.Obstacle(ctx, office, id)
			if err != nil || o.State != kehoach.ObstacleAnswered || o.Decision == nil || o.Decision.ID != d.ID {
				t.Errorf("obstacle %s after the decision: %+v %v", id, o, err)
			}
		}
		// The unit sees the decision; the raisers are notified.
		if o, err := f.svc.Obstacle(ctx, f.as("pqlcl"), unitObs.ID); err != nil || o.Decision == nil || !strings.Contains(o.Decision.Text, "15/7/2023") {
			t.Errorf("the unit does not see the decision: %v", err)
		}
		for _, u := range []string{"pqlcl", "nhanvien"} {
			b, err := f.svc.ObstacleBoard(ctx, f.as(u), "")
			if err != nil || len(b.Notices) == 0 || !strings.Contains(b.Notices[0].Text, "Giám đốc") {
				t.Errorf("%s not notified: %+v %v", u, b, err)
			}
		}
		if _, err := f.svc.DecideObstacle(ctx, f.as("giamdoc"), unitObs.ID, good()); code(err) != kehoach.ECONFLICT {
			t.Errorf("deciding twice: %v", err)
		}

		// Answer back: the raiser confirms or reopens; nobody else may.
		if _, err := f.svc.ConfirmObstacle(ctx, f.as("pkhtc"), staffObs.ID, ops.ConfirmInput{Resolved: true}); code(err) != kehoach.EFORBIDDEN {
			t.Errorf("the unit head confirmed a staff member's own obstacle: %v", err)
		}
		if _, err := f.svc.ConfirmObstacle(ctx, f.as("nhanvien"), staffObs.ID, ops.ConfirmInput{}); kehoach.ErrorFields(err)["feedback"] == "" {
			t.Errorf("reopening without a reason: %v", err)
		}
		if o, err := f.svc.ConfirmObstacle(ctx, f.as("nhanvien"), staffObs.ID, ops.ConfirmInput{Feedback: "Vẫn chưa có tài liệu tuyên truyền"}); err != nil || o.State != kehoach.ObstacleOpen || o.Reopened != 1 || o.PrimaryID != "" {
			t.Errorf("reopened obstacle %+v %v", o, err)
		}
		if _, err := f.svc.ConfirmObstacle(ctx, f.as("pqlcl"), unitObs.ID, ops.ConfirmInput{Resolved: true, Feedback: "Đã hoàn thành trong thời hạn mới"}); err != nil {
			t.Fatal(err)
		}
		// The Office answers the reopened one within its remit, and
		// closes a third one as not actionable.
		if _, err := f.svc.AnswerObstacle(ctx, f.as("pkhtc"), staffObs.ID, ops.AnswerInput{Text: "Văn phòng gửi tài liệu"}); code(err) != kehoach.EFORBIDDEN {
			t.Errorf("a unit head answered as the Office: %v", err)
		}
		if _, err := f.svc.AnswerObstacle(ctx, office, staffObs.ID, ops.AnswerInput{Text: "Văn phòng đã gửi tài liệu qua hệ thống văn bản"}); err != nil {
			t.Fatal(err)
		}
		third := f.raise("pkhtc", ops.ObstacleInput{What: "Đề nghị tăng kinh phí", Why: "Kinh phí không đủ"})
		if _, err := f.svc.EscalateObstacle(ctx, office, third.ID, kehoach.ObstacleAssessment{Assessment: "Ngoài phạm vi kế hoạch"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.DecideObstacle(ctx, f.as("giamdoc"), third.ID, ops.DecisionInput{Text: "Không bổ sung kinh phí trong năm", NotActionable: true}); err != nil {
			t.Fatal(err)
		}

		// The Office's board by state.
		b, err := f.svc.ObstacleBoard(ctx, office, "decided")
		noErr(t, err)
		states := map[string]kehoach.ObstacleState{}
		for _, e := range b.Open {
			states[e.ID] = e.State
		}
		if states[unitObs.ID] != kehoach.ObstacleResolved || states[staffObs.ID] != kehoach.ObstacleAnswered || states[third.ID] != kehoach.ObstacleClosed || b.Counts["open"] != 0 {
			t.Errorf("decided states %v, counts %v", states, b.Counts)
		}
		// Every step is in the plan's trail, and the chain holds.
		entries, _ := f.db.FindAuditEntries(ctx, kehoach.AuditFilter{PlanID: &plan.ID})
		actions := map[string]bool{}
		for _, e := range entries {
			actions[e.Action] = true
		}
		for _, a := range []string{"obstacle.raise", "obstacle.merge", "obstacle.assess", "obstacle.escalate", "obstacle.decide", "obstacle.confirm", "obstacle.reopen", "task.update", "plan.target", "task.create"} {
			if !actions[a] {
				t.Errorf("no %s in the plan's trail", a)
			}
		}
		f.auditCount()
	})
}
