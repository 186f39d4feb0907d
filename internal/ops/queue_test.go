package ops_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/ops"
)

// queue returns the queue of username, or fails the test.
func (f *fixture) queue(username string) []ops.QueueItem {
	f.t.Helper()
	q, err := f.svc.Queue(context.Background(), f.as(username))
	if err != nil {
		f.t.Fatalf("queue of %s: %v", username, err)
	}
	seen := map[string]bool{}
	for i, it := range q.Items {
		if i > 0 && it.Since.Before(q.Items[i-1].Since) {
			f.t.Errorf("%s: %s at %d is older than the item before it", username, it.Kind, i)
		}
		if seen[it.Kind+it.Link+it.UnitID] {
			f.t.Errorf("%s: %s %s listed twice", username, it.Kind, it.Link)
		}
		seen[it.Kind+it.Link+it.UnitID] = true
		if it.PlanID != f.plan.ID || it.PlanTitle == "" || it.UnitName == "" || it.Link == "" || it.Title == "" || it.Since.IsZero() {
			f.t.Errorf("%s: incomplete item %+v", username, it)
		}
	}
	return q.Items
}

// find returns the items of kind in items.
func find(items []ops.QueueItem, kind string) []ops.QueueItem {
	var out []ops.QueueItem
	for _, it := range items {
		if it.Kind == kind {
			out = append(out, it)
		}
	}
	return out
}

func TestQueueOffice(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		items := f.queue("vanphong")
		review := find(items, ops.QueueReportReview)
		if len(review) != 1 || review[0].UnitID != demo.UnitInfra || !strings.HasPrefix(review[0].Link, "/obligations/") {
			t.Fatalf("report reviews %+v, want the infrastructure division's report", review)
		}
		if len(find(items, ops.QueueUnitRemind)) == 0 {
			t.Error("no unit to remind although the demo has overdue reports")
		}
		for _, it := range find(items, ops.QueueUnitRemind) {
			if it.UnitID == demo.UnitTransport {
				t.Errorf("the transport division reported everything, yet is to be reminded: %+v", it)
			}
		}
		if s := find(items, ops.QueueSummaryFinish); len(s) != 1 || s[0].Link != "/plans/"+f.plan.ID+"/summary" {
			t.Errorf("summary items %+v, want the seed plan's", s)
		}
		if len(find(items, ops.QueueObstacleDecide)) != 0 || len(find(f.queue("giamdoc"), ops.QueueObstacleDecide)) != 0 {
			t.Error("no obstacle is escalated in the demo")
		}

		// Accepting the report takes it off the queue.
		obl := strings.TrimSuffix(strings.TrimPrefix(review[0].Link, "/obligations/"), "/report")
		if _, err := f.svc.ReviewReport(context.Background(), f.as("vanphong"), obl, ops.ReviewInput{Accept: true}); err != nil {
			t.Fatal(err)
		}
		if r := find(f.queue("vanphong"), ops.QueueReportReview); len(r) != 0 {
			t.Errorf("accepted report still to review: %+v", r)
		}
	})
}

func TestQueueObstacleHandoffs(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		o := f.raise("thanhtra", ops.ObstacleInput{TaskID: f.task(demo.UnitInspect).ID, ForUnit: true,
			What: "Chưa có tài liệu tuyên truyền", Why: "Tài liệu chưa được gửi đến Thanh tra Sở."})
		has := func(username, kind string) bool {
			for _, it := range find(f.queue(username), kind) {
				if it.Link == "/obstacles/"+o.ID {
					return true
				}
			}
			return false
		}
		if !has("vanphong", ops.QueueObstacleAssess) || has("giamdoc", ops.QueueObstacleDecide) {
			t.Fatal("a raised obstacle waits for the Office, not the Director")
		}
		if _, err := f.svc.EscalateObstacle(ctx, f.as("vanphong"), o.ID, kehoach.ObstacleAssessment{Assessment: "Cần Giám đốc cho ý kiến.", Proposal: "Đề nghị cung cấp tài liệu."}); err != nil {
			t.Fatal(err)
		}
		if has("vanphong", ops.QueueObstacleAssess) || !has("giamdoc", ops.QueueObstacleDecide) {
			t.Fatal("an escalated obstacle waits for the Director, not the Office")
		}
		if has("thanhtra", ops.QueueObstacleConfirm) {
			t.Fatal("nothing to confirm before the decision")
		}
		if _, err := f.svc.DecideObstacle(ctx, f.as("giamdoc"), o.ID, ops.DecisionInput{Text: "Văn phòng Sở gửi tài liệu trong tuần."}); err != nil {
			t.Fatal(err)
		}
		if has("giamdoc", ops.QueueObstacleDecide) || !has("thanhtra", ops.QueueObstacleConfirm) {
			t.Fatal("a decided obstacle waits for the unit that raised it")
		}
		if has("pkhtc", ops.QueueObstacleConfirm) || has("vanphong", ops.QueueObstacleConfirm) {
			t.Fatal("another unit or the Office is asked to confirm")
		}
		if _, err := f.svc.ConfirmObstacle(ctx, f.as("thanhtra"), o.ID, ops.ConfirmInput{Resolved: true}); err != nil {
			t.Fatal(err)
		}
		if has("thanhtra", ops.QueueObstacleConfirm) {
			t.Fatal("a confirmed obstacle stays in the queue")
		}
	})
}

func TestQueueUnitHead(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		// pkcht: the answer to its merged obstacle waits for confirmation.
		if c := find(f.queue("pkcht"), ops.QueueObstacleConfirm); len(c) != 1 || c[0].UnitID != demo.UnitInfra {
			t.Errorf("pkcht confirmations %+v", c)
		}
		review := find(f.queue("vanphong"), ops.QueueReportReview)
		obl := strings.TrimSuffix(strings.TrimPrefix(review[0].Link, "/obligations/"), "/report")
		if _, err := f.svc.ReviewReport(ctx, f.as("vanphong"), obl, ops.ReviewInput{Reason: "Bổ sung số liệu lớp kỹ năng."}); err != nil {
			t.Fatal(err)
		}
		if r := find(f.queue("pkcht"), ops.QueueReportReturned); len(r) != 1 || r[0].Link != review[0].Link {
			t.Errorf("pkcht returned reports %+v, want %s", r, review[0].Link)
		}
		if r := find(f.queue("vanphong"), ops.QueueReportReview); len(r) != 0 {
			t.Errorf("a returned report still waits for review: %+v", r)
		}

		// On 10 June 2023 the progress report due on 15 June is within
		// the week; the result report due on 15 July is not.
		f.svc.SetClock(kehoach.ClockFunc(func() time.Time { return time.Date(2023, 6, 10, 9, 0, 0, 0, kehoach.Zone) }))
		due := find(f.queue("bqlbt"), ops.QueueObligationDue)
		if len(due) == 0 {
			t.Fatal("bqlbt has nothing due on 10 June")
		}
		for _, it := range due {
			if strings.Contains(it.Title, "07/2023") || strings.Contains(it.Title, "quá hạn") {
				t.Errorf("bqlbt on 10 June: %s is not due within the week", it.Title)
			}
		}

		// No unit head ever sees another unit's work.
		f.svc.SetClock(kehoach.SystemClock)
		for _, u := range []struct{ user, unit string }{{"pkhtc", demo.UnitFinance}, {"pqlvt", demo.UnitTransport}, {"pkcht", demo.UnitInfra},
			{"pqlcl", demo.UnitQuality}, {"thanhtra", demo.UnitInspect}, {"bqlbt", demo.UnitMaint}, {"dangkiem", demo.UnitRegistry}} {
			for _, it := range f.queue(u.user) {
				if it.UnitID != u.unit {
					t.Errorf("%s sees %s of %s", u.user, it.Kind, it.UnitName)
				}
				switch it.Kind {
				case ops.QueueObligationDue, ops.QueueReportReturned, ops.QueueObstacleConfirm:
				default:
					t.Errorf("%s gets the Office's or the Director's %s", u.user, it.Kind)
				}
			}
		}
		if len(f.queue("quantri")) != 0 || len(f.queue("nhanvien")) != 0 {
			t.Error("the administrator or a staff member has a queue")
		}
	})
}
