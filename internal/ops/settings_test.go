package ops_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

func TestReminderRule(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		// A body of {} gives no field: each one is named, none read as zero.
		var empty ops.RuleInput
		if err := json.Unmarshal([]byte(`{}`), &empty); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.SetReminderRule(ctx, office, f.plan.ID, empty)
		wantFields(t, err, "daysBefore", "onDueDay", "repeatLateEvery", "escalateAfter", "flagOfficeAfter", "hour")
		// Out of range, all named at once.
		var bad ops.RuleInput
		_ = json.Unmarshal([]byte(`{"daysBefore":[0],"onDueDay":true,"repeatLateEvery":31,"escalateAfter":3,"flagOfficeAfter":5,"hour":25}`), &bad)
		_, err = f.svc.SetReminderRule(ctx, office, f.plan.ID, bad)
		wantFields(t, err, "daysBefore", "repeatLateEvery", "hour")
		// The web form: text that is not a number, and an empty field.
		form := map[string]string{"daysBefore": "7, x", "repeatLateEvery": "2", "escalateAfter": "", "flagOfficeAfter": "5", "hour": "8"}
		_, err = f.svc.SetReminderRule(ctx, office, f.plan.ID, ops.RuleFromForm(func(k string) string { return form[k] }))
		wantFields(t, err, "daysBefore", "escalateAfter")
		// Rights come first: the Director may not change it, whatever the input.
		_, err = f.svc.SetReminderRule(ctx, f.as("giamdoc"), f.plan.ID, empty)
		wantCode(t, err, kehoach.EFORBIDDEN)
		_, _, err = f.svc.ReminderRule(ctx, f.as("pkhtc"), f.plan.ID)
		wantCode(t, err, kehoach.EFORBIDDEN)

		var good ops.RuleInput
		_ = json.Unmarshal([]byte(`{"daysBefore":[],"onDueDay":false,"repeatLateEvery":0,"escalateAfter":0,"flagOfficeAfter":0,"hour":0}`), &good)
		if _, err := f.svc.SetReminderRule(ctx, office, f.plan.ID, good); err != nil {
			t.Fatal(err)
		}
		_, got, err := f.svc.ReminderRule(ctx, office, f.plan.ID)
		if err != nil || !reflect.DeepEqual(got, notify.Rule{DaysBefore: []int{}}) {
			t.Fatalf("rule back: %+v %v", got, err)
		}
		form = map[string]string{"daysBefore": "7, 3", "onDueDay": "on", "repeatLateEvery": "1", "escalateAfter": "2", "flagOfficeAfter": "4", "hour": "7"}
		if _, err := f.svc.SetReminderRule(ctx, office, f.plan.ID, ops.RuleFromForm(func(k string) string { return form[k] })); err != nil {
			t.Fatal(err)
		}
		_, got, _ = f.svc.ReminderRule(ctx, office, f.plan.ID)
		if want := (notify.Rule{DaysBefore: []int{7, 3}, OnDueDay: true, RepeatLateEvery: 1, EscalateAfter: 2, FlagOfficeAfter: 4, Hour: 7}); !reflect.DeepEqual(got, want) {
			t.Fatalf("rule from form: %+v", got)
		}
	})
}

func TestTargets(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		neg := -2.0
		_, err := f.svc.SetTargets(ctx, office, f.plan.ID, ops.TargetsInput{Values: map[string]*float64{"khong_co": &neg, "news_items": &neg},
			Text: map[string]string{"staff_reached": "abc"}})
		wantFields(t, err, "khong_co", "news_items", "staff_reached")
		_, err = f.svc.SetTargets(ctx, f.as("pkhtc"), f.plan.ID, ops.TargetsInput{})
		wantCode(t, err, kehoach.EFORBIDDEN)
		got, err := f.svc.SetTargets(ctx, office, f.plan.ID, ops.TargetsInput{Text: map[string]string{"news_minutes": "75,5", "staff_reached": ""}})
		if err != nil || got["news_minutes"] != 75.5 {
			t.Fatalf("targets: %v %v", got, err)
		}
		if _, ok := got["staff_reached"]; ok {
			t.Errorf("an empty field should remove the target: %v", got)
		}
	})
}
