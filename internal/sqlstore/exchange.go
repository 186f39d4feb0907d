package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kehoach/kehoach"
)

// CreateExchangeToken keeps a token issued to an agency for a plan under
// the hash of its secret, with its audit entry.
func (db *DB) CreateExchangeToken(ctx context.Context, t *kehoach.ExchangeToken, hash string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		t.ID, t.CreatedAt, t.CreatedBy = NewID(), tx.Now, tx.Actor.Name()
		if _, err := tx.exec(`INSERT INTO exchange_tokens (id, token_hash, agency_id, plan_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			t.ID, hash, t.AgencyID, t.PlanID, t.CreatedBy, t.CreatedAt); err != nil {
			return err
		}
		return tx.audit("create", "exchange_token", t.ID, t.PlanID, "Cấp khóa trao đổi báo cáo cho cơ quan "+t.AgencyID, nil, t)
	})
}

// FindExchangeToken returns the token stored under hash.
func (db *DB) FindExchangeToken(ctx context.Context, hash string) (*kehoach.ExchangeToken, error) {
	return scanOne(db.queryRow(ctx, `SELECT id, agency_id, plan_id, created_by, created_at FROM exchange_tokens WHERE token_hash = ?`, hash),
		func(sc scanner) (*kehoach.ExchangeToken, error) {
			t := &kehoach.ExchangeToken{}
			var at nullTime
			err := sc.Scan(&t.ID, &t.AgencyID, &t.PlanID, &t.CreatedBy, &at)
			t.CreatedAt = at.T
			return t, err
		}, "khóa trao đổi")
}

const receivedCols = `id, plan_id, agency_id, digest, report, figures, docx_sha256, pdf_sha256, received_at`

func scanReceived(sc scanner) (*kehoach.ReceivedReport, error) {
	r := &kehoach.ReceivedReport{}
	var rep, figs string
	var at nullTime
	if err := sc.Scan(&r.ID, &r.PlanID, &r.AgencyID, &r.Digest, &rep, &figs, &r.DocxSHA256, &r.PDFSHA256, &at); err != nil {
		return nil, err
	}
	r.ReceivedAt = at.T
	if err := json.Unmarshal([]byte(rep), &r.Report); err != nil {
		return nil, fmt.Errorf("received report %s: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(figs), &r.Figures); err != nil {
		return nil, fmt.Errorf("received report %s: %w", r.ID, err)
	}
	return r, nil
}

// SaveReceivedReport keeps package p, sent with token tokenID, once: when
// the same content (digest) is already kept for the plan and agency it
// returns that one and false, changing nothing; else it stores p with its
// audit entry and returns true.
func (db *DB) SaveReceivedReport(ctx context.Context, tokenID string, p *kehoach.ReportPackage) (*kehoach.ReceivedReport, bool, error) {
	var out *kehoach.ReceivedReport
	created := false
	digest := p.Digest()
	err := db.InTx(ctx, func(tx *Tx) error {
		old, err := scanOne(tx.queryRow(`SELECT `+receivedCols+` FROM received_reports WHERE plan_id = ? AND agency_id = ? AND digest = ?`,
			p.PlanID, p.AgencyID, digest), scanReceived, "báo cáo đã nhận")
		if err == nil {
			out = old
			return nil
		}
		if kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			return err
		}
		rep, err := json.Marshal(p.Report)
		if err != nil {
			return err
		}
		figs, err := json.Marshal(p.Figures)
		if err != nil {
			return err
		}
		docx, pdf := p.File("docx"), p.File("pdf")
		r := &kehoach.ReceivedReport{ID: NewID(), PlanID: p.PlanID, AgencyID: p.AgencyID, Digest: digest, Report: p.Report, Figures: p.Figures,
			DocxSHA256: docx.SHA256, PDFSHA256: pdf.SHA256, ReceivedAt: tx.Now}
		if _, err := tx.exec(`INSERT INTO received_reports (id, plan_id, agency_id, token_id, digest, report, figures, docx_name, docx_sha256, docx, pdf_name, pdf_sha256, pdf, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, r.PlanID, r.AgencyID, tokenID, digest, string(rep), string(figs), docx.Name, r.DocxSHA256, docx.Data, pdf.Name, r.PDFSHA256, pdf.Data, r.ReceivedAt); err != nil {
			return err
		}
		out, created = r, true
		return tx.audit("receive", "received_report", r.ID, r.PlanID,
			fmt.Sprintf("Nhận báo cáo số %s của %s từ hệ thống kehoach của cơ quan", kehoach.FormatDocNumber(p.Report.Number, p.Report.Symbol), p.Report.AgencyName), nil, r)
	})
	return out, created, err
}

// FindReceivedReports returns the reports received for plan planID, the
// latest first.
func (db *DB) FindReceivedReports(ctx context.Context, planID string) ([]*kehoach.ReceivedReport, error) {
	rows, err := db.query(ctx, `SELECT `+receivedCols+` FROM received_reports WHERE plan_id = ? ORDER BY received_at DESC, id DESC`, planID)
	return scanAll(rows, err, scanReceived)
}

// ReceivedReportFile returns the file of kind ("docx" or "pdf") of received
// report id of plan planID: its name and content.
func (db *DB) ReceivedReportFile(ctx context.Context, planID, id, kind string) (string, []byte, error) {
	var name string
	var data []byte
	q := `SELECT docx_name, docx FROM received_reports WHERE id = ? AND plan_id = ?`
	if kind == "pdf" {
		q = `SELECT pdf_name, pdf FROM received_reports WHERE id = ? AND plan_id = ?`
	}
	if err := db.queryRow(ctx, q, id, planID).Scan(&name, &data); err != nil {
		return "", nil, notFound(err, "báo cáo đã nhận")
	}
	return name, data, nil
}
