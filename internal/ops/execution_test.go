package ops_test

import (
	"testing"

	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// TestIssueRule checks the one rule of issuing that both doors follow:
// recipients of the agency, 1–60 days to acknowledge, 1–120 to brief, a
// valid date, every problem named at once; nothing issued on a problem.
func TestIssueRule(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office, head := f.as("vanphong"), f.as("pkhtc")

		_, err := f.svc.IssuePlan(ctx, office, f.plan.ID, ops.IssueInput{})
		fields := kehoach.ErrorFields(err)
		if kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Fatalf("empty choices: %v", err)
		}
		for _, f := range []string{"recipientUnitIds", "ackDays", "briefDays", "issuedOn"} {
			if fields[f] == "" {
				t.Errorf("empty choices: no problem named %s in %v", f, fields)
			}
		}
		form, err := f.svc.IssueForm(ctx, office, f.plan.ID)
		noErr(t, err)
		good := form.Proposed
		if len(good.RecipientUnitIDs) == 0 || good.AckDays != 2 || good.BriefDays != 7 || good.IssuedOn == "" {
			t.Fatalf("proposed choices: %+v", good)
		}
		bad := []struct {
			name  string
			in    ops.IssueInput
			field string
		}{
			{"61 days to acknowledge", ops.IssueInput{RecipientUnitIDs: good.RecipientUnitIDs, AckDays: 61, BriefDays: 7, IssuedOn: good.IssuedOn}, "ackDays"},
			{"121 days to brief", ops.IssueInput{RecipientUnitIDs: good.RecipientUnitIDs, AckDays: 2, BriefDays: 121, IssuedOn: good.IssuedOn}, "briefDays"},
			{"the agency itself", ops.IssueInput{RecipientUnitIDs: []string{f.plan.AgencyID}, AckDays: 2, BriefDays: 7, IssuedOn: good.IssuedOn}, "recipientUnitIds"},
			{"an unknown unit", ops.IssueInput{RecipientUnitIDs: []string{"u-khong-co"}, AckDays: 2, BriefDays: 7, IssuedOn: good.IssuedOn}, "recipientUnitIds"},
			{"a date that is none", ops.IssueInput{RecipientUnitIDs: good.RecipientUnitIDs, AckDays: 2, BriefDays: 7, IssuedOn: "31/02/2023"}, "issuedOn"},
		}
		for _, b := range bad {
			if _, err := f.svc.IssuePlan(ctx, office, f.plan.ID, b.in); kehoach.ErrorFields(err)[b.field] == "" {
				t.Errorf("%s: %v", b.name, err)
			}
		}
		// A unit head does not see the draft.
		if _, err := f.svc.IssuePlan(ctx, head, f.plan.ID, good); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("issued by a unit head: %v", err)
		}
		if p, _ := f.svc.Plan(ctx, office, f.plan.ID); p.Status != kehoach.PlanDraft {
			t.Fatalf("issued despite the problems: %s", p.Status)
		}
		recipients, err := f.svc.IssuePlan(ctx, office, f.plan.ID, good)
		if err != nil || len(recipients) != len(good.RecipientUnitIDs) {
			t.Fatalf("issue: %v %v", recipients, err)
		}
		if _, err := f.svc.IssuePlan(ctx, office, f.plan.ID, good); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Errorf("issued twice: %v", err)
		}
		// The recipients acknowledge for their own unit only.
		if _, err := f.svc.Acknowledge(ctx, head, f.plan.ID, "u-thanhtra"); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
			t.Errorf("acknowledged for another unit: %v", err)
		}
		// A unit that does not exist is a problem of the input, named.
		_, err = f.svc.Acknowledge(ctx, head, f.plan.ID, "khong-co")
		wantFields(t, err, "unitId")
		if unit, err := f.svc.Acknowledge(ctx, head, f.plan.ID, ""); err != nil || unit != "u-pkhtc" {
			t.Errorf("acknowledge: %s %v", unit, err)
		}
	})
}

func TestTaskIndicators(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		form, err := f.svc.NewTaskForm(ctx, office, f.plan.ID)
		noErr(t, err)
		in := ops.TaskInput{TaskFields: kehoach.TaskFields{Title: "Nhiệm vụ thử", LeadUnitID: "u-pkhtc", Due: form.Task.Due, IndicatorCodes: []string{kehoach.IndStaffReached, "khong_co"}}}
		_, err = f.svc.CreateTask(ctx, office, f.plan.ID, in)
		wantFields(t, err, "indicatorCodes")
		in.IndicatorCodes = []string{kehoach.IndStaffReached}
		task, err := f.svc.CreateTask(ctx, office, f.plan.ID, in)
		noErr(t, err)
		in.IndicatorCodes = []string{"khong_co"}
		_, err = f.svc.UpdateTask(ctx, office, task.ID, in)
		wantFields(t, err, "indicatorCodes")
	})
}

// TestIssueProposesThePlansDate: a 2023 plan opened for issuing in 2026 is
// proposed the plan's own document date, not today; issuing it today is
// warned about by field, and so is an acknowledgement due after the first
// deadline.
func TestIssueProposesThePlansDate(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		p, err := f.svc.Plan(ctx, office, f.plan.ID)
		noErr(t, err)
		// The seed document has no date of its own: the latest basis's is
		// its date (28/4/2023).
		if p.Date != nil {
			t.Fatal("the seed plan has a date")
		}
		want := "2023-04-28"
		f.svc.SetClock(kehoach.ClockFunc(func() time.Time { return time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC) }))
		form, err := f.svc.IssueForm(ctx, office, f.plan.ID)
		noErr(t, err)
		if form.Proposed.IssuedOn != want {
			t.Errorf("proposed issue date %s, want the plan's date %s", form.Proposed.IssuedOn, want)
		}
		// Its tasks, without dates, are due at the period's end, which the
		// document wrote as 30/6/2022 (a mistake the plan page flags): the
		// form still warns.
		if w := form.Warnings["issuedOn"]; !strings.Contains(w, "30/06/2022") || !strings.Contains(w, "28/04/2023") {
			t.Errorf("warning on the proposed date: %q", w)
		}
		today := form.Proposed
		today.IssuedOn = "2026-12-01"
		form, err = f.svc.IssueFormWith(ctx, office, f.plan.ID, today)
		if err != nil || form.Warnings["issuedOn"] == "" {
			t.Errorf("no warning on issuedOn for an issue after the deadlines: %v %v", form.Warnings, err)
		}
		long := form.Proposed
		long.IssuedOn, long.AckDays = "2022-06-01", 60
		form, err = f.svc.IssueFormWith(ctx, office, f.plan.ID, long)
		if err != nil || form.Warnings["ackDays"] == "" || form.Warnings["issuedOn"] != "" {
			t.Errorf("no warning on ackDays for an acknowledgement due after the first deadline: %v %v", form.Warnings, err)
		}
	})
}
