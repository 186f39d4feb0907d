package notify

import (
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
)

func at(day, hour int) time.Time {
	return time.Date(2023, 6, day, hour, 0, 0, 0, kehoach.Zone)
}

func TestPlan(t *testing.T) {
	due := Due{ObligationID: "o1", PlanID: "p1", UnitID: "u1", Kind: "progress", Label: "Báo cáo tháng 6", Due: at(15, 0)}
	escalate4 := DefaultRule
	escalate4.EscalateAfter = 4
	twoBefore := Rule{DaysBefore: []int{7, 3}, RepeatLateEvery: 0, Hour: 8}
	flag4 := DefaultRule
	flag4.FlagOfficeAfter = 4
	done := due
	done.Done = true
	tests := []struct {
		name   string
		rule   Rule
		due    Due
		now    time.Time
		want   []string // step/level
		reason string   // in the first reminder
	}{
		{"four days before", DefaultRule, due, at(11, 12), nil, ""},
		{"before the hour", DefaultRule, due, at(12, 7), nil, ""},
		{"three days before", DefaultRule, due, at(12, 8), []string{"before-3/unit"}, "Còn 3 ngày đến hạn báo cáo tiến độ (hạn 15/06/2023): Báo cáo tháng 6."},
		{"missed, told the truth", DefaultRule, due, at(14, 10), []string{"before-3/unit"}, "Còn 1 ngày"},
		{"due day", DefaultRule, due, at(15, 9), []string{"due/unit"}, "Đến hạn hôm nay (15/06/2023) báo cáo tiến độ"},
		{"due day before the hour", DefaultRule, due, at(15, 7), []string{"before-3/unit"}, "Đến hạn hôm nay"},
		{"one day late", DefaultRule, due, at(16, 9), []string{"late-1/unit"}, "Đã quá hạn 1 ngày"},
		{"two days late, no new step", DefaultRule, due, at(17, 9), []string{"late-1/unit"}, "Đã quá hạn 2 ngày"},
		{"three days late escalates", DefaultRule, due, at(18, 9), []string{"late-3/unit", "late-3/unit_head"}, "Đã quá hạn 3 ngày"},
		{"five days late flags the Office", DefaultRule, due, at(20, 9), []string{"late-5/unit", "late-5/unit_head", "flag/office_flag"}, "Đã quá hạn 5 ngày"},
		{"the flag stays while late", DefaultRule, due, at(21, 9), []string{"late-5/unit", "late-5/unit_head", "flag/office_flag"}, ""},
		{"escalation on its own day", escalate4, due, at(19, 9), []string{"late-4/unit", "late-4/unit_head"}, ""},
		{"before escalation", escalate4, due, at(18, 9), []string{"late-3/unit"}, ""},
		{"no due-day step", twoBefore, due, at(15, 9), []string{"before-3/unit"}, "Đến hạn hôm nay"},
		{"seven days before", twoBefore, due, at(8, 9), []string{"before-7/unit"}, "Còn 7 ngày"},
		{"late once only", twoBefore, due, at(25, 9), []string{"late-1/unit"}, "Đã quá hạn 10 ngày"},
		{"missed flag day is not lost", flag4, due, at(22, 9), []string{"late-7/unit", "late-7/unit_head", "flag/office_flag"}, ""},
		{"done stops everything", DefaultRule, done, at(20, 9), nil, ""},
		{"due given in UTC", DefaultRule, Due{ObligationID: "o1", Kind: "final", Due: time.Date(2023, 6, 15, 0, 0, 0, 0, time.UTC)}, at(15, 9), []string{"due/unit"}, "báo cáo kết quả"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Plan(tt.rule, tt.due, tt.now)
			var steps []string
			for _, r := range got {
				steps = append(steps, r.Step+"/"+string(r.Level))
				if r.At.After(tt.now) {
					t.Errorf("%s falls due at %v, after now", r.Key, r.At)
				}
				if !strings.HasPrefix(r.Key, tt.due.ObligationID+"|"+r.Step+"|2023-06-15|") {
					t.Errorf("key %q", r.Key)
				}
			}
			if strings.Join(steps, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("steps %v, want %v", steps, tt.want)
			}
			if tt.reason != "" && !strings.Contains(got[0].Reason, tt.reason) {
				t.Errorf("reason %q, want %q", got[0].Reason, tt.reason)
			}
		})
	}
}

// TestPlanKeysStable checks that calling Plan every hour yields each key
// on one day only, so that the queue sends each step once.
func TestPlanKeysStable(t *testing.T) {
	due := Due{ObligationID: "o1", Kind: "progress", Due: at(15, 0)}
	firstSeen := map[string]time.Time{}
	for now := at(1, 0); now.Before(at(30, 0)); now = now.Add(time.Hour) {
		for _, r := range Plan(DefaultRule, due, now) {
			if _, ok := firstSeen[r.Key]; !ok {
				firstSeen[r.Key] = now
			}
		}
	}
	// before-3, due, late-1,3,5,…,13 (7 steps), late-3..13 for the head (6), flag.
	if len(firstSeen) != 2+7+6+1 {
		t.Fatalf("%d keys: %v", len(firstSeen), firstSeen)
	}
	if got := firstSeen["o1|late-3|2023-06-15|unit_head"]; !got.Equal(at(18, 8)) {
		t.Errorf("escalation first planned at %v", got)
	}
}

func TestRuleValidate(t *testing.T) {
	tests := []struct {
		name  string
		rule  Rule
		field string
	}{
		{"default", DefaultRule, ""},
		{"empty", Rule{}, ""},
		{"zero days before", Rule{DaysBefore: []int{0}}, "daysBefore"},
		{"repeated day", Rule{DaysBefore: []int{3, 3}}, "daysBefore"},
		{"negative repeat", Rule{RepeatLateEvery: -1}, "repeatLateEvery"},
		{"escalate too late", Rule{EscalateAfter: 91}, "escalateAfter"},
		{"flag negative", Rule{FlagOfficeAfter: -2}, "flagOfficeAfter"},
		{"hour 24", Rule{Hour: 24}, "hour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rule.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			msg := kehoach.ErrorFields(err)[tt.field]
			if kehoach.ErrorCode(err) != kehoach.EINVALID || msg == "" {
				t.Fatalf("got %v (%v)", err, kehoach.ErrorFields(err))
			}
		})
	}
}
