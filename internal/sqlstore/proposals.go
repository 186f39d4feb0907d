package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
)

// createProposedTask makes a task of plan from a task proposed by the
// import, due when it says or else when the plan ends.
func (tx *Tx) createProposedTask(plan *kehoach.Plan, pt kehoach.ProposedTask) error {
	due := ""
	if pt.Due != nil {
		if _, err := time.Parse(time.DateOnly, *pt.Due); err == nil {
			due = *pt.Due
		}
	}
	if due == "" {
		if end := plan.EndDate(); end != nil {
			due = end.Format(time.DateOnly)
		}
	}
	t := &kehoach.Task{PlanID: plan.ID, TaskFields: kehoach.TaskFields{Section: pt.Section, Title: kehoach.ShortTitle(pt.Text), Text: pt.Text,
		LeadUnitID: pt.LeadUnitID, SupportUnitIDs: pt.SupportUnitIDs, Due: due}}
	if err := tx.createTask(t); err != nil {
		return fmt.Errorf("nhiệm vụ %s: %w", pt.Section, err)
	}
	return nil
}

// PromoteProposals turns the proposed tasks of draft plan planID that have
// a lead unit into tasks, in their order, after choosing lead for the
// proposal at index lead when lead.Index >= 0; then creates extra when not
// nil. The proposals without a lead stay proposals. One transaction: adding
// a task to an imported draft never loses what the import proposed.
func (db *DB) PromoteProposals(ctx context.Context, planID string, lead ProposalLead, extra *kehoach.Task) error {
	return db.InTx(ctx, func(tx *Tx) error {
		plan, err := tx.planByID(planID)
		if err != nil {
			return err
		}
		if lead.Index >= 0 {
			if lead.Index >= len(plan.Tasks) || plan.Tasks[lead.Index].Text != lead.Text {
				return kehoach.Errorf(kehoach.ECONFLICT, "Nhiệm vụ đề xuất đã thay đổi; vui lòng tải lại trang.")
			}
			plan.Tasks[lead.Index].LeadUnitID = lead.LeadUnitID
			plan.Tasks[lead.Index].SupportUnitIDs = lead.SupportUnitIDs
		}
		if plan.Status == kehoach.PlanDraft {
			var left []kehoach.ProposedTask
			for _, pt := range plan.Tasks {
				if pt.LeadUnitID == "" {
					left = append(left, pt)
					continue
				}
				if err := tx.createProposedTask(plan, pt); err != nil {
					return err
				}
			}
			if len(left) != len(plan.Tasks) {
				before := len(plan.Tasks)
				plan.Tasks = left
				normalizeLists(plan)
				c, err := contentOf(plan)
				if err != nil {
					return err
				}
				if _, err := tx.exec(`UPDATE plans SET content = ?, updated_at = ? WHERE id = ?`, c, tx.Now, plan.ID); err != nil {
					return err
				}
				if err := tx.audit("plan.proposals", "plan", plan.ID, plan.ID,
					fmt.Sprintf("Giao %d nhiệm vụ đề xuất", before-len(left)), map[string]any{"proposals": before}, map[string]any{"proposals": len(left)}); err != nil {
					return err
				}
			}
		} else if lead.Index >= 0 {
			return kehoach.Errorf(kehoach.ECONFLICT, "Chỉ giao được nhiệm vụ đề xuất khi kế hoạch còn là dự thảo.")
		}
		if extra == nil {
			return nil
		}
		return tx.createTask(extra)
	})
}

// ProposalLead chooses the units of the proposed task at Index (-1 for
// none), whose text is Text as the Office saw it.
type ProposalLead struct {
	Index          int
	Text           string
	LeadUnitID     string
	SupportUnitIDs []string
}
