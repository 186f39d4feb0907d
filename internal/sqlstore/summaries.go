package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
)

const summaryCols = `s.id, s.plan_id, s.version, s.status, s.edits, COALESCE(s.document_id, ''), s.frozen, s.finalised_by, s.finalised_at,
	s.updated_by, s.created_at, s.updated_at, COALESCE(d.number, 0), COALESCE(d.symbol, ''), COALESCE(d.issued_on, '')`

const summaryFrom = ` FROM summaries s LEFT JOIN outgoing_documents d ON d.id = s.document_id`

func scanSummary(sc scanner) (*kehoach.Summary, error) {
	var s kehoach.Summary
	var edits, frozen string
	var fin, created, updated nullTime
	if err := sc.Scan(&s.ID, &s.PlanID, &s.Version, &s.Status, &edits, &s.DocumentID, &frozen, &s.FinalisedBy, &fin,
		&s.UpdatedBy, &created, &updated, &s.Number, &s.Symbol, &s.IssuedOn); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(edits), &s.Edits); err != nil {
		return nil, fmt.Errorf("summary %s: %w", s.ID, err)
	}
	if frozen != "" {
		s.Frozen = []byte(frozen)
	}
	s.FinalisedAt, s.CreatedAt, s.UpdatedAt = fin.ptr(), created.T, updated.T
	return &s, nil
}

// FindSummary returns the latest version of a plan's result report, or
// not found when nobody has edited or finalised it yet.
func (db *DB) FindSummary(ctx context.Context, planID string) (*kehoach.Summary, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+summaryCols+summaryFrom+` WHERE s.plan_id = ? ORDER BY s.version DESC LIMIT 1`, planID), scanSummary, "báo cáo kết quả")
}

// FindSummaries returns every version of a plan's result report, newest first.
func (db *DB) FindSummaries(ctx context.Context, planID string) ([]*kehoach.Summary, error) {
	rows, err := db.query(ctx, `SELECT `+summaryCols+summaryFrom+` WHERE s.plan_id = ? ORDER BY s.version DESC`, planID)
	return nonNil(scanAll(rows, err, scanSummary))
}

func (tx *Tx) latestSummary(planID string) (*kehoach.Summary, error) {
	return scanOne(tx.queryRow(`SELECT `+summaryCols+summaryFrom+` WHERE s.plan_id = ? ORDER BY s.version DESC LIMIT 1`, planID), scanSummary, "báo cáo kết quả")
}

// draftSummary returns the plan's current draft, starting a new version
// when there is none or the latest is final (a final version stays frozen).
func (tx *Tx) draftSummary(planID string) (*kehoach.Summary, error) {
	cur, err := tx.latestSummary(planID)
	if err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
		return nil, err
	}
	if cur != nil && cur.Status == kehoach.SummaryDraft {
		return cur, nil
	}
	s := &kehoach.Summary{ID: NewID(), PlanID: planID, Version: 1, Status: kehoach.SummaryDraft, CreatedAt: tx.Now, UpdatedAt: tx.Now, UpdatedBy: tx.Actor.Name()}
	if cur != nil {
		// A new version starts from the edits of the last one.
		s.Version, s.Edits = cur.Version+1, cur.Edits
	}
	edits, _ := json.Marshal(s.Edits)
	if _, err := tx.exec(`INSERT INTO summaries (id, plan_id, version, status, edits, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.PlanID, s.Version, s.Status, string(edits), s.UpdatedBy, s.CreatedAt, s.UpdatedAt); err != nil {
		if isUniqueViolation(err) {
			return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả vừa được người khác thay đổi; tải lại trang rồi thử lại.")
		}
		return nil, err
	}
	if err := tx.audit("summary.version", "summary", s.ID, planID, fmt.Sprintf("Bắt đầu dự thảo báo cáo kết quả (phiên bản %d)", s.Version), nil, s); err != nil {
		return nil, err
	}
	return s, nil
}

// SaveSummaryEdits keeps the Office's edits of the narrative parts of a
// plan's result report, which the caller has validated. Editing a final
// report starts a new version.
func (db *DB) SaveSummaryEdits(ctx context.Context, planID string, e kehoach.SummaryEdits) (*kehoach.Summary, error) {
	var out *kehoach.Summary
	err := db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.planByID(planID); err != nil {
			return err
		}
		s, err := tx.draftSummary(planID)
		if err != nil {
			return err
		}
		before := s.Edits
		edits, _ := json.Marshal(e)
		if _, err := tx.exec(`UPDATE summaries SET edits = ?, updated_by = ?, updated_at = ? WHERE id = ?`, string(edits), tx.Actor.Name(), tx.Now, s.ID); err != nil {
			return err
		}
		s.Edits, s.UpdatedBy, s.UpdatedAt = e, tx.Actor.Name(), tx.Now
		out = s
		return tx.audit("summary.edit", "summary", s.ID, planID, fmt.Sprintf("Sửa dự thảo báo cáo kết quả (phiên bản %d)", s.Version), before, e)
	})
	return out, err
}

// Finalisation is what finalising a result report needs besides the plan.
type Finalisation struct {
	// Symbol is the document's symbol, e.g. "BC-SGTVT"; Title its summary line.
	Symbol, Title string
	// Number is a number the Office typed; 0 takes the next one.
	Number int
	// IssuedOn is the report's date, YYYY-MM-DD; "" is today in [kehoach.Zone].
	IssuedOn string
	// Freeze returns the full content to keep, given the number and date.
	Freeze func(number int, issuedOn string) ([]byte, error)
	// AgencyID is the agency whose register numbers the report; "" is the
	// plan's agency.
	AgencyID string
}

// FinaliseSummary gives the plan's current draft the next number of the
// register of outgoing documents (type BC, the year of its date), freezes
// its content and marks it final, all in one transaction.
func (db *DB) FinaliseSummary(ctx context.Context, planID string, f Finalisation) (*kehoach.Summary, error) {
	var out *kehoach.Summary
	err := db.InTx(ctx, func(tx *Tx) error {
		plan, err := tx.planByID(planID)
		if err != nil {
			return err
		}
		s, err := tx.draftSummary(planID)
		if err != nil {
			return err
		}
		// The status guard makes a second finalisation of the same draft
		// fail instead of taking a second number.
		res, err := tx.exec(`UPDATE summaries SET status = ?, finalised_by = ?, finalised_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
			kehoach.SummaryFinal, tx.Actor.Name(), tx.Now, tx.Now, s.ID, kehoach.SummaryDraft)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả đã được hoàn thiện.")
		}
		issued := f.IssuedOn
		if issued == "" {
			issued = tx.Now.In(kehoach.Zone).Format(time.DateOnly)
		}
		agency := plan.AgencyID
		if f.AgencyID != "" {
			agency = f.AgencyID
		}
		doc := &kehoach.OutgoingDocument{AgencyID: agency, Type: kehoach.DocReport, Number: f.Number, Symbol: f.Symbol,
			Title: f.Title, PlanID: planID, IssuedOn: issued}
		if err := tx.registerDocument(doc); err != nil {
			return err
		}
		frozen, err := f.Freeze(doc.Number, doc.IssuedOn)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE summaries SET document_id = ?, frozen = ? WHERE id = ?`, doc.ID, string(frozen), s.ID); err != nil {
			return err
		}
		s.Status, s.FinalisedBy, s.FinalisedAt, s.UpdatedAt = kehoach.SummaryFinal, tx.Actor.Name(), &tx.Now, tx.Now
		s.DocumentID, s.Number, s.Symbol, s.IssuedOn, s.Frozen = doc.ID, doc.Number, doc.Symbol, doc.IssuedOn, frozen
		out = s
		return tx.audit("summary.finalise", "summary", s.ID, planID,
			fmt.Sprintf("Hoàn thiện báo cáo kết quả số %s (phiên bản %d)", doc.NumberSymbol(), s.Version),
			map[string]any{"status": kehoach.SummaryDraft}, map[string]any{"status": kehoach.SummaryFinal, "number": doc.NumberSymbol(), "issuedOn": issued})
	})
	return out, err
}
