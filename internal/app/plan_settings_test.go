package app_test

import (
	"net/url"
	"testing"

	"github.com/kehoach/kehoach/internal/notify"
)

func TestTargetsAndReminderRule(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	id := f.plan.ID
	cases := []httpCase{
		{name: "targets page", user: "vanphong", method: "GET", path: "/plans/" + id + "/targets", want: 200, contains: []string{`value="300"`, "Chỉ tiêu kế hoạch"}},
		{name: "targets refused to unit head", user: "pkhtc", method: "GET", path: "/plans/" + id + "/targets", want: 403},
		{name: "negative target keeps input", user: "vanphong", method: "POST", path: "/plans/" + id + "/targets", form: url.Values{"target_news_items": {"-2"}, "target_staff_reached": {"350"}}, want: 400,
			contains: []string{"không được âm", `value="-2"`, `value="350"`}},
		{name: "fractional count", user: "vanphong", method: "POST", path: "/plans/" + id + "/targets", form: url.Values{"target_news_items": {"2,5"}}, want: 400, contains: []string{"phải là số nguyên"}},
		{name: "targets saved", user: "vanphong", method: "POST", path: "/plans/" + id + "/targets", form: url.Values{"target_news_items": {"12"}, "target_news_minutes": {"75,5"}}, want: 303},
		{name: "rule page", user: "vanphong", method: "GET", path: "/plans/" + id + "/reminder-rule", want: 200, contains: []string{"trước hạn 3 ngày", `value="3"`}},
		{name: "bad rule keeps input", user: "vanphong", method: "POST", path: "/plans/" + id + "/reminder-rule", form: url.Values{"daysBefore": {"7, 99"}, "repeatLateEvery": {"2"}, "escalateAfter": {"3"}, "flagOfficeAfter": {"x"}, "hour": {"8"}}, want: 400,
			contains: []string{"Nhập một số nguyên.", `value="7, 99"`}},
		{name: "rule saved", user: "vanphong", method: "POST", path: "/plans/" + id + "/reminder-rule", form: url.Values{"daysBefore": {"7, 3"}, "onDueDay": {"on"}, "repeatLateEvery": {"1"}, "escalateAfter": {"2"}, "flagOfficeAfter": {"4"}, "hour": {"7"}}, want: 303},
		{name: "rule refused to director", user: "giamdoc", method: "POST", path: "/plans/" + id + "/reminder-rule", form: url.Values{"daysBefore": {"1"}, "repeatLateEvery": {"1"}, "escalateAfter": {"1"}, "flagOfficeAfter": {"1"}, "hour": {"1"}}, want: 403},
		{name: "api rule", user: "vanphong", method: "GET", path: "/api/v1/plans/" + id + "/reminder-rule", want: 200, contains: []string{`"daysBefore":[7,3]`, `"hour":7`}},
		{name: "api bad rule", user: "vanphong", method: "PUT", path: "/api/v1/plans/" + id + "/reminder-rule", json: `{"daysBefore":[0],"onDueDay":true,"repeatLateEvery":2,"escalateAfter":3,"flagOfficeAfter":5,"hour":25}`, want: 400, contains: []string{`"hour"`}},
		{name: "api targets", user: "vanphong", method: "PUT", path: "/api/v1/plans/" + id + "/targets", json: `{"staff_reached":320,"child_classes":null}`, want: 200, contains: []string{`"staff_reached":320`}},
		{name: "api targets unknown indicator", user: "vanphong", method: "PUT", path: "/api/v1/plans/" + id + "/targets", json: `{"khong_co":1}`, want: 400},
		{name: "api targets refused", user: "pkhtc", method: "PUT", path: "/api/v1/plans/" + id + "/targets", json: `{"staff_reached":1}`, want: 403},
	}
	f.expectAll(t, cases)
	rule, err := f.db.ReminderRule(t.Context(), id)
	if err != nil || rule.Hour != 7 || len(rule.DaysBefore) != 2 || rule.FlagOfficeAfter != 4 {
		t.Fatalf("stored rule %+v %v", rule, err)
	}
	// The reminders use the plan's own rule.
	rs, ok := f.db.ReminderSource().(notify.RuleSource)
	if !ok {
		t.Fatal("the reminder source gives no per-plan rule")
	}
	if r, err := rs.RuleFor(t.Context(), id); err != nil || r.Hour != 7 {
		t.Fatalf("RuleFor: %+v %v", r, err)
	}
	targets, _ := f.db.FindTargets(t.Context(), id)
	if targets["news_items"] != 12 || targets["news_minutes"] != 75.5 || targets["staff_reached"] != 320 {
		t.Fatalf("targets %v", targets)
	}
	if _, ok := targets["child_classes"]; ok {
		t.Fatal("a null target was not removed")
	}
}
