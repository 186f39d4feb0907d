package sqlstore_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
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

// unitTask returns the plan's first open task led by unit.
func unitTask(t *testing.T, db *sqlstore.DB, planID, unit string) *kehoach.Task {
	t.Helper()
	tasks, err := db.FindTasks(context.Background(), kehoach.TaskFilter{PlanID: &planID})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tasks {
		if tk.LeadUnitID == unit && tk.Status == kehoach.TaskOpen {
			return tk
		}
	}
	t.Fatalf("no open task led by %s", unit)
	return nil
}

func auditCount(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	n, bad, err := db.VerifyAudit(context.Background())
	if err != nil || bad != 0 {
		t.Fatalf("audit chain: bad=%d err=%v", bad, err)
	}
	return n
}

func seen(list []*kehoach.Obstacle, id string) bool {
	for _, o := range list {
		if o.ID == id {
			return true
		}
	}
	return false
}

func TestObstacleFlow(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db, plan := kehoachtest.DemoDB(t, engine)
			as := func(u string) context.Context { return kehoachtest.ActorCtx(t, db, u) }
			code := func(err error) string { return kehoach.ErrorCode(err) }
			maintTask := unitTask(t, db, plan.ID, demo.UnitQuality)
			finTask := unitTask(t, db, plan.ID, demo.UnitFinance)
			planFilter := kehoach.ObstacleFilter{PlanID: &plan.ID}

			// Raise: a unit head for the unit with a file, a staff member
			// as an individual.
			unitObs := &kehoach.Obstacle{PlanID: plan.ID, TaskID: maintTask.ID, ForUnit: true,
				What: "Không kịp hoàn thành tuyên truyền trước 30/6", Why: "Viên chức trực đảm bảo giao thông mùa mưa lũ", Proposal: "Gia hạn đến 15/7"}
			if err := db.RaiseObstacle(as("pqlcl"), unitObs, []kehoach.Upload{{Name: "anh.png", Data: tinyPNG(t)}}); err != nil {
				t.Fatal(err)
			}
			if unitObs.UnitID != demo.UnitQuality || len(unitObs.Files) != 1 || unitObs.Files[0].ContentType != "image/png" {
				t.Fatalf("raised obstacle %+v", unitObs)
			}
			staffObs := &kehoach.Obstacle{PlanID: plan.ID, TaskID: finTask.ID, What: "Thiếu tài liệu tuyên truyền", Why: "Chưa nhận được tài liệu của Sở LĐTBXH"}
			if err := db.RaiseObstacle(as("nhanvien"), staffObs, nil); err != nil {
				t.Fatal(err)
			}
			// Bad input is refused with a message naming the problem.
			for name, tc := range map[string]struct {
				user  string
				o     *kehoach.Obstacle
				files []kehoach.Upload
				code  string
				msg   string
			}{
				"empty":                 {"nhanvien", &kehoach.Obstacle{PlanID: plan.ID}, nil, kehoach.EINVALID, ""},
				"text file":             {"nhanvien", &kehoach.Obstacle{PlanID: plan.ID, What: "Vướng mắc", Why: "Lý do"}, []kehoach.Upload{{Name: "a.png", Data: []byte("hello")}}, kehoach.EINVALID, "không phải ảnh"},
				"staff for unit":        {"nhanvien", &kehoach.Obstacle{PlanID: plan.ID, What: "Vướng mắc", Why: "Lý do", ForUnit: true}, nil, kehoach.EFORBIDDEN, ""},
				"superior":              {"sldtbxh", &kehoach.Obstacle{PlanID: plan.ID, What: "Vướng mắc", Why: "Lý do"}, nil, kehoach.EFORBIDDEN, ""},
				"task of another plan":  {"nhanvien", &kehoach.Obstacle{PlanID: plan.ID, TaskID: "khong-co", What: "Vướng mắc", Why: "Lý do"}, nil, kehoach.EINVALID, ""},
				"head for another unit": {"pqlcl", &kehoach.Obstacle{PlanID: plan.ID, UnitID: demo.UnitFinance, ForUnit: true, What: "Vướng mắc", Why: "Lý do"}, nil, kehoach.EFORBIDDEN, ""},
			} {
				err := db.RaiseObstacle(as(tc.user), tc.o, tc.files)
				if code(err) != tc.code || !strings.Contains(kehoach.ErrorMessage(err), tc.msg) {
					t.Errorf("%s: %v, want %s %q", name, err, tc.code, tc.msg)
				}
			}

			// Rights to see: the unit and the raiser, the Office, the Director.
			for _, tc := range []struct {
				user          string
				unit, staff   bool
				byIDUnitFound bool
			}{{"vanphong", true, true, true}, {"giamdoc", true, true, true}, {"pqlcl", true, false, true},
				{"pkhtc", false, true, false}, {"nhanvien", false, true, false}, {"pkcht", false, false, false}, {"sldtbxh", false, false, false}} {
				list, err := db.FindObstacles(as(tc.user), planFilter)
				if err != nil {
					t.Fatal(err)
				}
				if seen(list, unitObs.ID) != tc.unit || seen(list, staffObs.ID) != tc.staff {
					t.Errorf("%s sees unit obstacle %v, staff obstacle %v; want %v, %v", tc.user, seen(list, unitObs.ID), seen(list, staffObs.ID), tc.unit, tc.staff)
				}
				if _, err := db.FindObstacleByID(as(tc.user), unitObs.ID); (err == nil) != tc.byIDUnitFound {
					t.Errorf("%s finds the unit obstacle by id: %v", tc.user, err)
				}
			}

			// Only the Office consolidates.
			if err := db.MergeObstacle(as("pqlcl"), staffObs.ID, unitObs.ID); code(err) != kehoach.ENOTFOUND && code(err) != kehoach.EFORBIDDEN {
				t.Errorf("unit head merged: %v", err)
			}
			if err := db.MergeObstacle(as("vanphong"), staffObs.ID, unitObs.ID); err != nil {
				t.Fatal(err)
			}
			// Sharing makes the obstacle visible to every unit.
			if err := db.AssessObstacle(as("vanphong"), unitObs.ID, kehoach.ObstacleAssessment{Group: "Nhân lực", Shared: true}); err != nil {
				t.Fatal(err)
			}
			if list, _ := db.FindObstacles(as("pkcht"), planFilter); !seen(list, unitObs.ID) || seen(list, staffObs.ID) {
				t.Error("after sharing, another unit's head should see the shared obstacle and only it")
			}
			if err := db.EscalateObstacle(as("vanphong"), unitObs.ID, kehoach.ObstacleAssessment{}); code(err) != kehoach.EINVALID {
				t.Errorf("escalating without an assessment: %v", err)
			}
			if err := db.EscalateObstacle(as("vanphong"), unitObs.ID, kehoach.ObstacleAssessment{Assessment: "Lý do chính đáng, đề nghị gia hạn", Proposal: "Gia hạn đến 15/7/2023", Group: "Nhân lực", Shared: true}); err != nil {
				t.Fatal(err)
			}

			// Only the Director decides.
			good := func() *kehoach.Decision {
				v := 12.0
				return &kehoach.Decision{Text: "Đồng ý gia hạn đến 15/7/2023", Effects: []kehoach.Effect{
					{Kind: kehoach.EffectExtendDue, TaskID: maintTask.ID, Due: "2023-07-15"},
					{Kind: kehoach.EffectTarget, IndicatorCode: kehoach.IndNewsItems, Value: &v},
					{Kind: kehoach.EffectAddTask, Title: "Bổ sung tài liệu tuyên truyền cho các đơn vị", UnitID: demo.UnitOffice, Due: "2023-06-20"},
				}}
			}
			for _, u := range []string{"vanphong", "pqlcl", "nhanvien"} {
				if _, err := db.DecideObstacle(as(u), unitObs.ID, good()); code(err) != kehoach.EFORBIDDEN {
					t.Errorf("%s decided: %v", u, err)
				}
			}

			// A decision whose effect cannot apply is refused whole.
			before := auditCount(t, db)
			targets, _ := db.FindTargets(context.Background(), plan.ID)
			for name, tc := range map[string]struct {
				effects []kehoach.Effect
				msg     string
			}{
				"due before the plan starts": {[]kehoach.Effect{{Kind: kehoach.EffectExtendDue, TaskID: maintTask.ID, Due: "2023-07-15"},
					{Kind: kehoach.EffectExtendDue, TaskID: finTask.ID, Due: "2023-05-01"}}, "trước ngày bắt đầu kế hoạch"},
				"unit outside the agency": {[]kehoach.Effect{{Kind: kehoach.EffectExtendDue, TaskID: maintTask.ID, Due: "2023-07-15"},
					{Kind: kehoach.EffectReassign, TaskID: finTask.ID, UnitID: demo.UnitLabour}}, "không thuộc cơ quan"},
				"unknown unit": {[]kehoach.Effect{{Kind: kehoach.EffectReassign, TaskID: finTask.ID, UnitID: "khong-co"}}, "không tồn tại"},
				"unknown indicator": {[]kehoach.Effect{{Kind: kehoach.EffectExtendDue, TaskID: maintTask.ID, Due: "2023-07-15"},
					{Kind: kehoach.EffectTarget, IndicatorCode: "khong-co", Value: new(float64)}}, "không có trong danh mục"},
			} {
				_, err := db.DecideObstacle(as("giamdoc"), unitObs.ID, &kehoach.Decision{Text: "Quyết định thử", Effects: tc.effects})
				if err == nil || !strings.Contains(kehoach.ErrorMessage(err), tc.msg) || !strings.Contains(kehoach.ErrorMessage(err), "không có thay đổi nào được áp dụng") {
					t.Errorf("%s: %v, want a refusal saying %q", name, err, tc.msg)
				}
			}
			if got, _ := db.FindTaskByID(context.Background(), maintTask.ID); got.Due != maintTask.Due || got.LeadUnitID != maintTask.LeadUnitID {
				t.Errorf("a refused decision changed the task: due %s", got.Due)
			}
			if got, _ := db.FindTaskByID(context.Background(), finTask.ID); got.Due != finTask.Due || got.LeadUnitID != finTask.LeadUnitID {
				t.Errorf("a refused decision changed the task: %+v", got)
			}
			if after := auditCount(t, db); after != before {
				t.Errorf("a refused decision wrote %d audit entries", after-before)
			}
			if got, _ := db.FindObstacleByID(as("vanphong"), unitObs.ID); got.State != kehoach.ObstacleEscalated || got.Decision != nil {
				t.Errorf("a refused decision moved the obstacle: %s", got.State)
			}
			if notes, _ := db.FindTaskNotes(context.Background(), plan.ID); len(notes[maintTask.ID]) != 0 {
				t.Error("a refused decision left a task note")
			}
			if now, _ := db.FindTargets(context.Background(), plan.ID); now[kehoach.IndNewsItems] != targets[kehoach.IndNewsItems] {
				t.Error("a refused decision changed a target")
			}

			// A cancelled task refuses its effects too.
			splitTask := unitTask(t, db, plan.ID, demo.UnitRegistry)
			if err := db.SplitTask(as("vanphong"), splitTask.ID, []*kehoach.Task{
				{Title: "Phần một", LeadUnitID: demo.UnitRegistry, Due: "2023-06-20"}, {Title: "Phần hai", LeadUnitID: demo.UnitRegistry, Due: "2023-06-30"}}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.DecideObstacle(as("giamdoc"), unitObs.ID, &kehoach.Decision{Text: "Gia hạn nhiệm vụ đã hủy",
				Effects: []kehoach.Effect{{Kind: kehoach.EffectExtendDue, TaskID: splitTask.ID, Due: "2023-07-15"}}}); err == nil || !strings.Contains(kehoach.ErrorMessage(err), "đã bị hủy") {
				t.Errorf("extending a cancelled task: %v", err)
			}

			// The Director decides; the effects apply, and the decision
			// answers the duplicate too.
			d, err := db.DecideObstacle(as("giamdoc"), unitObs.ID, good())
			if err != nil {
				t.Fatal(err)
			}
			if d.Effects[0].Before != maintTask.Due || d.Effects[2].TaskID == "" {
				t.Errorf("effects do not record what they did: %+v", d.Effects)
			}
			got, _ := db.FindTaskByID(context.Background(), maintTask.ID)
			if got.Due != "2023-07-15" {
				t.Errorf("due date %s after the decision", got.Due)
			}
			final := kehoach.KindFinal
			obls, _ := db.FindObligations(context.Background(), kehoach.ObligationFilter{PlanID: &plan.ID, Kind: &final})
			for _, o := range obls {
				if o.TaskID == maintTask.ID && o.Due != "2023-07-15" {
					t.Errorf("the result report is still due %s", o.Due)
				}
			}
			notes, _ := db.FindTaskNotes(context.Background(), plan.ID)
			if n := notes[maintTask.ID]; len(n) != 1 || !strings.Contains(n[0].Text, "Thời hạn được gia hạn") || !strings.Contains(n[0].Text, "15/07/2023") {
				t.Errorf("task note %+v", n)
			}
			if tg, _ := db.FindTargets(context.Background(), plan.ID); tg[kehoach.IndNewsItems] != 12 {
				t.Errorf("target %v", tg[kehoach.IndNewsItems])
			}
			for _, id := range []string{unitObs.ID, staffObs.ID} {
				o, err := db.FindObstacleByID(as("vanphong"), id)
				if err != nil || o.State != kehoach.ObstacleAnswered || o.Decision == nil || o.Decision.ID != d.ID {
					t.Errorf("obstacle %s after the decision: %+v %v", id, o, err)
				}
			}
			// The unit sees the decision; the raisers are notified.
			if o, err := db.FindObstacleByID(as("pqlcl"), unitObs.ID); err != nil || o.Decision == nil || !strings.Contains(o.Decision.Text, "15/7/2023") {
				t.Errorf("the unit does not see the decision: %v", err)
			}
			for _, u := range []string{"pqlcl", "nhanvien"} {
				p, _ := db.FindPersonByUsername(context.Background(), u)
				ns, err := db.FindNotices(context.Background(), p.ID, 10)
				if err != nil || len(ns) == 0 || !strings.Contains(ns[0].Text, "Giám đốc") {
					t.Errorf("%s not notified: %+v %v", u, ns, err)
				}
			}
			if _, err := db.DecideObstacle(as("giamdoc"), unitObs.ID, good()); code(err) != kehoach.ECONFLICT {
				t.Errorf("deciding twice: %v", err)
			}

			// Answer back: the raiser confirms or reopens; nobody else may.
			if err := db.ConfirmObstacle(as("pkhtc"), staffObs.ID, true, ""); code(err) != kehoach.EFORBIDDEN {
				t.Errorf("the unit head confirmed a staff member's own obstacle: %v", err)
			}
			if err := db.ConfirmObstacle(as("nhanvien"), staffObs.ID, false, ""); code(err) != kehoach.EINVALID {
				t.Errorf("reopening without a reason: %v", err)
			}
			if err := db.ConfirmObstacle(as("nhanvien"), staffObs.ID, false, "Vẫn chưa có tài liệu tuyên truyền"); err != nil {
				t.Fatal(err)
			}
			if o, _ := db.FindObstacleByID(as("vanphong"), staffObs.ID); o.State != kehoach.ObstacleOpen || o.Reopened != 1 || o.PrimaryID != "" {
				t.Errorf("reopened obstacle %+v", o)
			}
			if err := db.ConfirmObstacle(as("pqlcl"), unitObs.ID, true, "Đã hoàn thành trong thời hạn mới"); err != nil {
				t.Fatal(err)
			}
			// The Office answers the reopened one within its remit, and
			// closes a third one as not actionable.
			if _, err := db.AnswerObstacle(as("pqlcl"), staffObs.ID, "Văn phòng gửi tài liệu", false); code(err) == "" {
				t.Error("a unit head answered as the Office")
			}
			if _, err := db.AnswerObstacle(as("vanphong"), staffObs.ID, "Văn phòng đã gửi tài liệu qua hệ thống văn bản", false); err != nil {
				t.Fatal(err)
			}
			third := &kehoach.Obstacle{PlanID: plan.ID, What: "Đề nghị tăng kinh phí", Why: "Kinh phí không đủ"}
			if err := db.RaiseObstacle(as("pkhtc"), third, nil); err != nil {
				t.Fatal(err)
			}
			if err := db.EscalateObstacle(as("vanphong"), third.ID, kehoach.ObstacleAssessment{Assessment: "Ngoài phạm vi kế hoạch"}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.DecideObstacle(as("giamdoc"), third.ID, &kehoach.Decision{Text: "Không bổ sung kinh phí trong năm", NotActionable: true}); err != nil {
				t.Fatal(err)
			}

			// The report's view: every decided obstacle of the plan.
			decided, err := db.FindObstacles(context.Background(), kehoach.ObstacleFilter{PlanID: &plan.ID, Decided: true})
			if err != nil {
				t.Fatal(err)
			}
			states := map[string]kehoach.ObstacleState{}
			for _, o := range decided {
				if o.Decision == nil {
					t.Errorf("decided obstacle %s without a decision", o.ID)
				}
				states[o.ID] = o.State
			}
			if states[unitObs.ID] != kehoach.ObstacleResolved || states[staffObs.ID] != kehoach.ObstacleAnswered || states[third.ID] != kehoach.ObstacleClosed {
				t.Errorf("states %v", states)
			}
			// Every step is in the plan's trail, and the chain holds.
			entries, _ := db.FindAuditEntries(context.Background(), kehoach.AuditFilter{PlanID: &plan.ID})
			actions := map[string]bool{}
			for _, e := range entries {
				actions[e.Action] = true
			}
			for _, a := range []string{"obstacle.raise", "obstacle.merge", "obstacle.assess", "obstacle.escalate", "obstacle.decide", "obstacle.confirm", "obstacle.reopen", "task.update", "plan.target", "task.create"} {
				if !actions[a] {
					t.Errorf("no %s in the plan's trail", a)
				}
			}
			auditCount(t, db)
		})
	}
}
