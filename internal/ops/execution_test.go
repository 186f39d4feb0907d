package ops_test

import (
	"testing"

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
		if err != nil {
			t.Fatal(err)
		}
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
		if err != nil {
			t.Fatal(err)
		}
		in := ops.TaskInput{Title: "Nhiệm vụ thử", LeadUnitID: "u-pkhtc", Due: form.Task.Due, IndicatorCodes: []string{kehoach.IndStaffReached, "khong_co"}}
		_, err = f.svc.CreateTask(ctx, office, f.plan.ID, in)
		wantFields(t, err, "indicatorCodes")
		in.IndicatorCodes = []string{kehoach.IndStaffReached}
		task, err := f.svc.CreateTask(ctx, office, f.plan.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		in.IndicatorCodes = []string{"khong_co"}
		_, err = f.svc.UpdateTask(ctx, office, task.ID, in)
		wantFields(t, err, "indicatorCodes")
	})
}
