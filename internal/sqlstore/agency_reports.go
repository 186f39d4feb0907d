package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kehoach/kehoach"
)

const agencyDecisionCols = `id, summary_id, plan_id, parent_plan_id, agency_id, accepted, reason, decided_by, decided_at`

func scanAgencyDecision(sc scanner) (*kehoach.AgencyReportDecision, error) {
	var d kehoach.AgencyReportDecision
	var at nullTime
	if err := sc.Scan(&d.ID, &d.SummaryID, &d.PlanID, &d.ParentPlanID, &d.AgencyID, &d.Accepted, &d.Reason, &d.DecidedBy, &at); err != nil {
		return nil, err
	}
	d.DecidedAt = at.T
	return &d, nil
}

// FindAgencyReportDecisions returns the decisions taken on the result
// reports of the agencies implementing plan parentPlanID, newest first.
func (db *DB) FindAgencyReportDecisions(ctx context.Context, parentPlanID string) ([]*kehoach.AgencyReportDecision, error) {
	rows, err := db.query(ctx, `SELECT `+agencyDecisionCols+` FROM agency_report_decisions WHERE parent_plan_id = ? ORDER BY seq DESC`, parentPlanID)
	return nonNil(scanAll(rows, err, scanAgencyDecision))
}

// DecideAgencyReport records a superior's decision d on an agency's
// finalised result report, which the caller has checked, in one
// transaction with its audit entry and a notice to the agency's Office.
// It refuses, as a conflict, a version that is no longer the plan's latest
// finalised one, and a decision that the version already has.
func (db *DB) DecideAgencyReport(ctx context.Context, d *kehoach.AgencyReportDecision) (*kehoach.AgencyReportDecision, error) {
	return inTx(db, ctx, func(tx *Tx) (*kehoach.AgencyReportDecision, error) {
		plan, err := tx.planByID(d.PlanID)
		if err != nil {
			return nil, err
		}
		parent, err := tx.planByID(d.ParentPlanID)
		if err != nil {
			return nil, err
		}
		var latest string
		err = tx.queryRow(`SELECT id FROM summaries WHERE plan_id = ? AND status = ? ORDER BY version DESC LIMIT 1`, d.PlanID, kehoach.SummaryFinal).Scan(&latest)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		if latest != d.SummaryID {
			return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả này vừa có phiên bản mới; tải lại trang rồi thử lại.")
		}
		var was sql.NullBool
		err = tx.queryRow(`SELECT accepted FROM agency_report_decisions WHERE summary_id = ? ORDER BY seq DESC LIMIT 1`, d.SummaryID).Scan(&was)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		if was.Valid && was.Bool == d.Accepted {
			if d.Accepted {
				return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả này đã được tiếp nhận.")
			}
			return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả này đã được trả lại.")
		}
		d.ID, d.DecidedBy, d.DecidedAt = NewID(), tx.Actor.Name(), tx.Now
		if _, err := tx.exec(`INSERT INTO agency_report_decisions (`+agencyDecisionCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.SummaryID, d.PlanID, d.ParentPlanID, d.AgencyID, d.Accepted, d.Reason, d.DecidedBy, d.DecidedAt); err != nil {
			return nil, err
		}
		tree, err := tx.obstacleTree()
		if err != nil {
			return nil, err
		}
		agency := unitName(tree, d.AgencyID)
		action, title, body := "rollup.accept", "Cấp trên đã tiếp nhận báo cáo kết quả", "Báo cáo kết quả của "+agency+" thực hiện "+parent.FullTitle()+" đã được tiếp nhận."
		if !d.Accepted {
			action, title, body = "rollup.return", "Cấp trên trả lại báo cáo kết quả", "Báo cáo kết quả của "+agency+" thực hiện "+parent.FullTitle()+" bị trả lại. Lý do: "+sentence(d.Reason)
		}
		if err := tx.audit(action, "summary", d.SummaryID, d.PlanID, title+": "+agency, nil, d); err != nil {
			return nil, err
		}
		office, err := tx.officeOf(d.AgencyID)
		if err != nil {
			return nil, err
		}
		return d, tx.tell(handoff{PlanID: plan.ID, UnitID: d.AgencyID, Step: action, Title: title + " — " + plan.FullTitle(), Body: body,
			Link: "/plans/" + plan.ID + "/summary"}, office)
	})
}
