package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
)

// allocateNumber takes the next number of the agency's register for a type
// and year. The counter row is created on first use and then updated with
// "next = next + 1 … RETURNING": on PostgreSQL the update locks the row, so
// a concurrent allocation waits for this transaction and then sees the
// incremented value; on SQLite writes are serialised anyway.
func (tx *Tx) allocateNumber(agencyID, docType string, year int) (int, error) {
	if _, err := tx.exec(`INSERT INTO doc_counters (agency_id, type, year, next) VALUES (?, ?, ?, 1)
		ON CONFLICT (agency_id, type, year) DO NOTHING`, agencyID, docType, year); err != nil {
		return 0, fmt.Errorf("register counter: %w", err)
	}
	for {
		var n int
		if err := tx.queryRow(`UPDATE doc_counters SET next = next + 1 WHERE agency_id = ? AND type = ? AND year = ? RETURNING next - 1`,
			agencyID, docType, year).Scan(&n); err != nil {
			return 0, fmt.Errorf("register counter: %w", err)
		}
		// A number typed by hand may already sit ahead of the counter.
		used, err := tx.numberUsed(agencyID, docType, year, n)
		if err != nil {
			return 0, err
		}
		if !used {
			return n, nil
		}
	}
}

func (tx *Tx) numberUsed(agencyID, docType string, year, n int) (bool, error) {
	var c int
	err := tx.queryRow(`SELECT COUNT(*) FROM outgoing_documents WHERE agency_id = ? AND type = ? AND year = ? AND number = ?`,
		agencyID, docType, year, n).Scan(&c)
	return c > 0, err
}

// registerDocument enters d in the register with the next number, or with
// d.Number when the Office typed one (refused when already used).
func (tx *Tx) registerDocument(d *kehoach.OutgoingDocument) error {
	d.Title = strings.TrimSpace(d.Title)
	f := map[string]string{}
	if d.AgencyID == "" {
		f["agencyId"] = "Văn bản phải thuộc một cơ quan."
	}
	if d.Type == "" || utf8.RuneCountInString(d.Type) > 10 {
		f["type"] = "Loại văn bản không hợp lệ."
	}
	if d.Title == "" || utf8.RuneCountInString(d.Title) > 1000 {
		f["title"] = "Nhập trích yếu văn bản (tối đa 1.000 ký tự)."
	}
	issued, err := time.Parse(time.DateOnly, d.IssuedOn)
	if err != nil {
		f["issuedOn"] = "Ngày ban hành không hợp lệ."
	}
	if d.Number < 0 || d.Number > 99999 {
		f["number"] = "Số văn bản không hợp lệ."
	}
	if d.Symbol == "" {
		f["symbol"] = "Thiếu ký hiệu văn bản."
	}
	if len(f) > 0 {
		return kehoach.Invalid(f)
	}
	d.Year = issued.Year()
	if d.Number == 0 {
		n, err := tx.allocateNumber(d.AgencyID, d.Type, d.Year)
		if err != nil {
			return err
		}
		d.Number = n
	} else {
		used, err := tx.numberUsed(d.AgencyID, d.Type, d.Year, d.Number)
		if err != nil {
			return err
		}
		if used {
			return numberTaken(d)
		}
		// Keep the counter ahead of a number typed by hand.
		if _, err := tx.exec(`INSERT INTO doc_counters (agency_id, type, year, next) VALUES (?, ?, ?, 1)
			ON CONFLICT (agency_id, type, year) DO NOTHING`, d.AgencyID, d.Type, d.Year); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE doc_counters SET next = CASE WHEN next > ? THEN next ELSE ? END WHERE agency_id = ? AND type = ? AND year = ?`,
			d.Number, d.Number+1, d.AgencyID, d.Type, d.Year); err != nil {
			return err
		}
	}
	d.ID, d.CreatedBy, d.CreatedAt = NewID(), tx.Actor.Name(), tx.Now
	if _, err := tx.exec(`INSERT INTO outgoing_documents (id, agency_id, type, year, number, symbol, title, plan_id, issued_on, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.AgencyID, d.Type, d.Year, d.Number, d.Symbol, d.Title, nullStr(d.PlanID), d.IssuedOn, d.CreatedBy, d.CreatedAt); err != nil {
		if isUniqueViolation(err) {
			return numberTaken(d)
		}
		return err
	}
	return tx.audit("document.register", "document", d.ID, d.PlanID,
		fmt.Sprintf("Vào sổ văn bản đi: số %s, %s", d.NumberSymbol(), d.Title), nil, d)
}

func numberTaken(d *kehoach.OutgoingDocument) error {
	msg := fmt.Sprintf("Số %s năm %d đã được dùng; số văn bản không được dùng lại.", d.NumberSymbol(), d.Year)
	return &kehoach.Error{Code: kehoach.ECONFLICT, Message: msg, Fields: map[string]string{"number": msg}}
}

// RegisterDocument enters a document in the agency's register of outgoing
// documents with the next number of its type and year, or with d.Number
// when given (refused when already used).
func (db *DB) RegisterDocument(ctx context.Context, d *kehoach.OutgoingDocument) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.registerDocument(d) })
}

const documentCols = `id, agency_id, type, year, number, symbol, title, COALESCE(plan_id, ''), issued_on, created_by, created_at,
	sent_on, sent_via, sent_to, sent_by, scan_name, scan_type, scan_size, scan_sha256`

func scanDocument(sc scanner) (*kehoach.OutgoingDocument, error) {
	var d kehoach.OutgoingDocument
	var created nullTime
	if err := sc.Scan(&d.ID, &d.AgencyID, &d.Type, &d.Year, &d.Number, &d.Symbol, &d.Title, &d.PlanID, &d.IssuedOn, &d.CreatedBy, &created,
		&d.SentOn, &d.SentVia, &d.SentTo, &d.SentBy, &d.ScanName, &d.ScanType, &d.ScanSize, &d.ScanSHA256); err != nil {
		return nil, err
	}
	d.CreatedAt = created.T
	return &d, nil
}

// FindDocumentByID returns one entry of the register.
func (db *DB) FindDocumentByID(ctx context.Context, id string) (*kehoach.OutgoingDocument, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+documentCols+` FROM outgoing_documents WHERE id = ?`, id), scanDocument, "văn bản")
}

// FindDocuments returns the register of an agency, newest first.
func (db *DB) FindDocuments(ctx context.Context, f kehoach.DocumentFilter) ([]*kehoach.OutgoingDocument, error) {
	w, args := where(eq("agency_id", &f.AgencyID), eq("year", f.Year), eq("type", f.Type))
	rows, err := db.query(ctx, `SELECT `+documentCols+` FROM outgoing_documents`+w+` ORDER BY year DESC, type, number DESC`, args...)
	return nonNil(scanAll(rows, err, scanDocument))
}

func (tx *Tx) documentByID(id string) (*kehoach.OutgoingDocument, error) {
	return scanOne(tx.queryRow(`SELECT `+documentCols+` FROM outgoing_documents WHERE id = ?`, id), scanDocument, "văn bản")
}

// summaryDocument returns the register entry of the plan's latest result
// report, refused while that version is not final.
func (tx *Tx) summaryDocument(planID string) (*kehoach.OutgoingDocument, error) {
	s, err := tx.latestSummary(planID)
	if err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
		return nil, err
	}
	if s == nil || s.DocumentID == "" {
		return nil, notFinal()
	}
	return tx.documentByID(s.DocumentID)
}

func notFinal() error {
	return kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo chưa được hoàn thiện và cấp số; chưa thể ghi nhận gửi hay đính kèm bản quét.")
}

// recordSending records on d when and how it was sent. The rule that ties
// the date to the document's own date is checked here, against the row.
func (tx *Tx) recordSending(d *kehoach.OutgoingDocument, s kehoach.Sending) error {
	if err := s.Validate(d.IssuedOn, tx.Now); err != nil {
		return err
	}
	before := kehoach.Sending{On: d.SentOn, Via: d.SentVia, To: d.SentTo}
	d.SentOn, d.SentVia, d.SentTo, d.SentBy = s.On, s.Via, s.To, tx.Actor.Name()
	if _, err := tx.exec(`UPDATE outgoing_documents SET sent_on = ?, sent_via = ?, sent_to = ?, sent_by = ? WHERE id = ?`,
		d.SentOn, d.SentVia, d.SentTo, d.SentBy, d.ID); err != nil {
		return err
	}
	return tx.audit("document.send", "document", d.ID, d.PlanID,
		fmt.Sprintf("Ghi nhận gửi văn bản %s ngày %s qua %s", d.NumberSymbol(), s.On, strings.ToLower(s.Via.Label())), before, s)
}

// documentOf finds, inside a transaction, the registered document a
// change is about.
type documentOf func(tx *Tx) (*kehoach.OutgoingDocument, error)

// documentWithID is the registered document id.
func documentWithID(id string) documentOf {
	return func(tx *Tx) (*kehoach.OutgoingDocument, error) { return tx.documentByID(id) }
}

// summaryDocumentOf is the register entry of the plan's final result report.
func summaryDocumentOf(planID string) documentOf {
	return func(tx *Tx) (*kehoach.OutgoingDocument, error) { return tx.summaryDocument(planID) }
}

// changeDocument applies change, in one transaction, to the document find
// returns, and returns that document as changed.
func (db *DB) changeDocument(ctx context.Context, find documentOf, change func(tx *Tx, d *kehoach.OutgoingDocument) error) (*kehoach.OutgoingDocument, error) {
	return inTx(db, ctx, func(tx *Tx) (*kehoach.OutgoingDocument, error) {
		d, err := find(tx)
		if err != nil {
			return nil, err
		}
		return d, change(tx, d)
	})
}

// RecordSending records when and how a registered document was sent.
func (db *DB) RecordSending(ctx context.Context, id string, s kehoach.Sending) (*kehoach.OutgoingDocument, error) {
	return db.changeDocument(ctx, documentWithID(id), func(tx *Tx, d *kehoach.OutgoingDocument) error { return tx.recordSending(d, s) })
}

// RecordSummarySending records when and how the plan's final result report
// was sent.
func (db *DB) RecordSummarySending(ctx context.Context, planID string, s kehoach.Sending) (*kehoach.OutgoingDocument, error) {
	return db.changeDocument(ctx, summaryDocumentOf(planID), func(tx *Tx, d *kehoach.OutgoingDocument) error { return tx.recordSending(d, s) })
}

// Scan is the signed scan of a registered document, checked by the caller:
// Type is judged by the content ([kehoach.ScanContentType]).
type Scan struct {
	Name, Type string
	Data       []byte
}

func (tx *Tx) attachScan(d *kehoach.OutgoingDocument, sc Scan) error {
	sum := sha256.Sum256(sc.Data)
	before := map[string]any{"name": d.ScanName, "sha256": d.ScanSHA256}
	d.ScanName, d.ScanType, d.ScanSize, d.ScanSHA256 = sc.Name, sc.Type, int64(len(sc.Data)), hex.EncodeToString(sum[:])
	if _, err := tx.exec(`UPDATE outgoing_documents SET scan_name = ?, scan_type = ?, scan_size = ?, scan_sha256 = ?, scan_data = ? WHERE id = ?`,
		d.ScanName, d.ScanType, d.ScanSize, d.ScanSHA256, sc.Data, d.ID); err != nil {
		return err
	}
	return tx.audit("document.scan", "document", d.ID, d.PlanID, "Đính kèm bản quét có chữ ký của văn bản "+d.NumberSymbol(),
		before, map[string]any{"name": d.ScanName, "type": d.ScanType, "size": d.ScanSize, "sha256": d.ScanSHA256})
}

// AttachScan stores the signed scan of a registered document.
func (db *DB) AttachScan(ctx context.Context, id string, sc Scan) (*kehoach.OutgoingDocument, error) {
	return db.changeDocument(ctx, documentWithID(id), func(tx *Tx, d *kehoach.OutgoingDocument) error { return tx.attachScan(d, sc) })
}

// AttachSummaryScan stores the signed scan of the plan's final result
// report.
func (db *DB) AttachSummaryScan(ctx context.Context, planID string, sc Scan) (*kehoach.OutgoingDocument, error) {
	return db.changeDocument(ctx, summaryDocumentOf(planID), func(tx *Tx, d *kehoach.OutgoingDocument) error { return tx.attachScan(d, sc) })
}

// SummaryScan returns the register entry of the plan's final result report
// and its signed scan.
func (db *DB) SummaryScan(ctx context.Context, planID string) (*kehoach.OutgoingDocument, []byte, error) {
	s, err := db.FindSummary(ctx, planID)
	if err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
		return nil, nil, err
	}
	if s == nil || s.DocumentID == "" {
		return nil, nil, notFinal()
	}
	return db.DocumentScan(ctx, s.DocumentID)
}

// DocumentScan returns a registered document and its signed scan.
func (db *DB) DocumentScan(ctx context.Context, id string) (*kehoach.OutgoingDocument, []byte, error) {
	d, err := db.FindDocumentByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if d.ScanSize == 0 {
		return nil, nil, kehoach.Errorf(kehoach.ENOTFOUND, "Văn bản chưa có bản quét.")
	}
	var data []byte
	if err := db.queryRow(ctx, `SELECT scan_data FROM outgoing_documents WHERE id = ?`, id).Scan(&data); err != nil {
		return nil, nil, err
	}
	return d, data, nil
}
