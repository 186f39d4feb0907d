package app_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/notify"
)

func TestTargetsAndReminderRule(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	id := f.plan.ID
	form := func(v url.Values) (string, *strings.Reader) {
		return "application/x-www-form-urlencoded", strings.NewReader(v.Encode())
	}
	cases := []struct {
		name, user, method, path string
		form                     url.Values
		json                     string
		want                     int
		contains                 []string
	}{
		{"targets page", "vanphong", "GET", "/plans/" + id + "/targets", nil, "", 200, []string{`value="300"`, "Chỉ tiêu kế hoạch"}},
		{"targets refused to unit head", "pkhtc", "GET", "/plans/" + id + "/targets", nil, "", 403, nil},
		{"negative target keeps input", "vanphong", "POST", "/plans/" + id + "/targets", url.Values{"target_news_items": {"-2"}, "target_staff_reached": {"350"}}, "", 400,
			[]string{"không được âm", `value="-2"`, `value="350"`}},
		{"fractional count", "vanphong", "POST", "/plans/" + id + "/targets", url.Values{"target_news_items": {"2,5"}}, "", 400, []string{"phải là số nguyên"}},
		{"targets saved", "vanphong", "POST", "/plans/" + id + "/targets", url.Values{"target_news_items": {"12"}, "target_news_minutes": {"75,5"}}, "", 303, nil},
		{"rule page", "vanphong", "GET", "/plans/" + id + "/reminder-rule", nil, "", 200, []string{"trước hạn 3 ngày", `value="3"`}},
		{"bad rule keeps input", "vanphong", "POST", "/plans/" + id + "/reminder-rule", url.Values{"daysBefore": {"7, 99"}, "repeatLateEvery": {"2"}, "escalateAfter": {"3"}, "flagOfficeAfter": {"x"}, "hour": {"8"}}, "", 400,
			[]string{"Nhập một số nguyên.", `value="7, 99"`}},
		{"rule saved", "vanphong", "POST", "/plans/" + id + "/reminder-rule", url.Values{"daysBefore": {"7, 3"}, "onDueDay": {"on"}, "repeatLateEvery": {"1"}, "escalateAfter": {"2"}, "flagOfficeAfter": {"4"}, "hour": {"7"}}, "", 303, nil},
		{"rule refused to director", "giamdoc", "POST", "/plans/" + id + "/reminder-rule", url.Values{"daysBefore": {"1"}, "repeatLateEvery": {"1"}, "escalateAfter": {"1"}, "flagOfficeAfter": {"1"}, "hour": {"1"}}, "", 403, nil},
		{"api rule", "vanphong", "GET", "/api/v1/plans/" + id + "/reminder-rule", nil, "", 200, []string{`"daysBefore":[7,3]`, `"hour":7`}},
		{"api bad rule", "vanphong", "PUT", "/api/v1/plans/" + id + "/reminder-rule", nil, `{"daysBefore":[0],"onDueDay":true,"repeatLateEvery":2,"escalateAfter":3,"flagOfficeAfter":5,"hour":25}`, 400, []string{`"hour"`}},
		{"api targets", "vanphong", "PUT", "/api/v1/plans/" + id + "/targets", nil, `{"staff_reached":320,"child_classes":null}`, 200, []string{`"staff_reached":320`}},
		{"api targets unknown indicator", "vanphong", "PUT", "/api/v1/plans/" + id + "/targets", nil, `{"khong_co":1}`, 400, nil},
		{"api targets refused", "pkhtc", "PUT", "/api/v1/plans/" + id + "/targets", nil, `{"staff_reached":1}`, 403, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ct, body := "", strings.NewReader("")
			if c.form != nil {
				ct, body = form(c.form)
			} else if c.json != "" {
				ct, body = "application/json", strings.NewReader(c.json)
			}
			status, _, got := f.do(c.user, c.method, c.path, ct, body, nil)
			if status != c.want {
				t.Fatalf("status %d, want %d\n%.1500s", status, c.want, got)
			}
			for _, s := range c.contains {
				if !strings.Contains(got, s) {
					t.Errorf("response lacks %q", s)
				}
			}
			if strings.HasPrefix(c.path, "/api/") {
				f.spec.check(t, c.method, c.path, status, []byte(got))
			}
		})
	}
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
