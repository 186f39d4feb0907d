package ops_test

import (
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
)

var engines = []string{"sqlite", "postgres"}

// TestIssueRule checks the one rule of issuing that both doors follow:
// recipients of the agency, 1–60 days to acknowledge, 1–120 to brief, a
// valid date, every problem named at once; nothing issued on a problem.
func TestIssueRule(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			db, plan := kehoachtest.DraftDB(t, engine)
			svc := ops.New(db, nil)
			ctx := t.Context()
			office, head := actor(t, svc, "vanphong"), actor(t, svc, "pkhtc")

			_, err := svc.IssuePlan(ctx, office, plan.ID, ops.IssueInput{})
			fields := kehoach.ErrorFields(err)
			if kehoach.ErrorCode(err) != kehoach.EINVALID {
				t.Fatalf("empty choices: %v", err)
			}
			for _, f := range []string{"recipientUnitIds", "ackDays", "briefDays", "issuedOn"} {
				if fields[f] == "" {
					t.Errorf("empty choices: no problem named %s in %v", f, fields)
				}
			}
			form, err := svc.IssueForm(ctx, office, plan.ID)
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
				{"the agency itself", ops.IssueInput{RecipientUnitIDs: []string{plan.AgencyID}, AckDays: 2, BriefDays: 7, IssuedOn: good.IssuedOn}, "recipientUnitIds"},
				{"an unknown unit", ops.IssueInput{RecipientUnitIDs: []string{"u-khong-co"}, AckDays: 2, BriefDays: 7, IssuedOn: good.IssuedOn}, "recipientUnitIds"},
				{"a date that is none", ops.IssueInput{RecipientUnitIDs: good.RecipientUnitIDs, AckDays: 2, BriefDays: 7, IssuedOn: "31/02/2023"}, "issuedOn"},
			}
			for _, b := range bad {
				if _, err := svc.IssuePlan(ctx, office, plan.ID, b.in); kehoach.ErrorFields(err)[b.field] == "" {
					t.Errorf("%s: %v", b.name, err)
				}
			}
			// A unit head does not see the draft.
			if _, err := svc.IssuePlan(ctx, head, plan.ID, good); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
				t.Errorf("issued by a unit head: %v", err)
			}
			if p, _ := svc.Plan(ctx, office, plan.ID); p.Status != kehoach.PlanDraft {
				t.Fatalf("issued despite the problems: %s", p.Status)
			}
			recipients, err := svc.IssuePlan(ctx, office, plan.ID, good)
			if err != nil || len(recipients) != len(good.RecipientUnitIDs) {
				t.Fatalf("issue: %v %v", recipients, err)
			}
			if _, err := svc.IssuePlan(ctx, office, plan.ID, good); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
				t.Errorf("issued twice: %v", err)
			}
			// The recipients acknowledge for their own unit only.
			if _, err := svc.Acknowledge(ctx, head, plan.ID, "u-thanhtra"); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
				t.Errorf("acknowledged for another unit: %v", err)
			}
			if unit, err := svc.Acknowledge(ctx, head, plan.ID, ""); err != nil || unit != "u-pkhtc" {
				t.Errorf("acknowledge: %s %v", unit, err)
			}
		})
	}
}
