package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
)

const reportCols = `id, plan_id, unit_id, obligation_id, version, state, content, submitted_by, submitted_at, reviewed_by, reviewed_at, return_reason, updated_at`

func scanReport(sc scanner) (*kehoach.Report, error) {
	r, _, err := scanReportWith(sc, true)
	return r, err
}

// scanReportWith reads a report and returns its content as stored too;
// without decode the report's content is left empty (for a save, which
// replaces it and keeps the stored text as the audit's before).
func scanReportWith(sc scanner, decode bool) (*kehoach.Report, string, error) {
	var r kehoach.Report
	var content string
	var sub, rev, upd nullTime
	if err := sc.Scan(&r.ID, &r.PlanID, &r.UnitID, &r.ObligationID, &r.Version, &r.State, &content, &r.SubmittedBy, &sub, &r.ReviewedBy, &rev, &r.ReturnReason, &upd); err != nil {
		return nil, "", err
	}
	if decode {
		if err := json.Unmarshal([]byte(content), &r.ReportContent); err != nil {
			return nil, "", fmt.Errorf("report %s: %w", r.ID, err)
		}
	}
	if r.Values == nil {
		r.Values = map[string]float64{}
	}
	if r.Links == nil {
		r.Links = []string{}
	}
	r.Evidence = []kehoach.Evidence{}
	r.SubmittedAt, r.ReviewedAt, r.UpdatedAt = sub.ptr(), rev.ptr(), upd.T
	return &r, content, nil
}

// prefixed is a scanner that reads the columns before those its caller
// scans into pre.
type prefixed struct {
	sc  scanner
	pre []any
}

func (p prefixed) Scan(dest ...any) error { return p.sc.Scan(append(p.pre, dest...)...) }

func contentOfReport(r *kehoach.Report) string {
	b, _ := json.Marshal(r.ReportContent)
	return string(b)
}

// FindReportByObligation returns the report answering an obligation.
func (db *DB) FindReportByObligation(ctx context.Context, obligationID string) (*kehoach.Report, error) {
	r, err := scanReport(db.queryRow(ctx, `SELECT `+reportCols+` FROM reports WHERE obligation_id = ?`, obligationID))
	if err != nil {
		return nil, notFound(err, "báo cáo")
	}
	return r, db.loadEvidence(ctx, r)
}

// FindReportByID returns one report with its evidence list.
func (db *DB) FindReportByID(ctx context.Context, id string) (*kehoach.Report, error) {
	r, err := scanReport(db.queryRow(ctx, `SELECT `+reportCols+` FROM reports WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "báo cáo")
	}
	return r, db.loadEvidence(ctx, r)
}

// FindReports returns the reports of a plan.
func (db *DB) FindReports(ctx context.Context, planID string) ([]*kehoach.Report, error) {
	rows, err := db.query(ctx, `SELECT `+reportCols+` FROM reports WHERE plan_id = ? ORDER BY unit_id, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*kehoach.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range out {
		if err := db.loadEvidence(ctx, r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

const evidenceQuery = `SELECT id, report_id, name, content_type, size, sha256, uploaded_at FROM evidence WHERE report_id = ? ORDER BY uploaded_at, id`

func (db *DB) loadEvidence(ctx context.Context, r *kehoach.Report) error {
	rows, err := db.query(ctx, evidenceQuery, r.ID)
	if err != nil {
		return err
	}
	return scanEvidence(rows, r)
}

// scanEvidence reads the evidence list of r from rows and closes them.
func scanEvidence(rows *sql.Rows, r *kehoach.Report) error {
	defer rows.Close()
	r.Evidence = []kehoach.Evidence{}
	for rows.Next() {
		var e kehoach.Evidence
		var at nullTime
		if err := rows.Scan(&e.ID, &e.ReportID, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &at); err != nil {
			return err
		}
		e.UploadedAt = at.T
		r.Evidence = append(r.Evidence, e)
	}
	return rows.Err()
}

// FindReportVersions returns every submitted version of a report, oldest first.
func (db *DB) FindReportVersions(ctx context.Context, reportID string) ([]*kehoach.Report, error) {
	base, err := db.FindReportByID(ctx, reportID)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT version, content, submitted_by, submitted_at, state, reviewed_by, reviewed_at, return_reason FROM report_versions WHERE report_id = ? ORDER BY version`, reportID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*kehoach.Report
	for rows.Next() {
		v := *base
		var content string
		var sub, rev nullTime
		if err := rows.Scan(&v.Version, &content, &v.SubmittedBy, &sub, &v.State, &v.ReviewedBy, &rev, &v.ReturnReason); err != nil {
			return nil, err
		}
		v.ReportContent = kehoach.ReportContent{} // v is a copy of base: decode afresh, not into base's map
		if err := json.Unmarshal([]byte(content), &v.ReportContent); err != nil {
			return nil, err
		}
		v.SubmittedAt, v.ReviewedAt = sub.ptr(), rev.ptr()
		out = append(out, &v)
	}
	return out, rows.Err()
}

// SaveReportDraft saves what a unit typed for an obligation, creating the
// report on first save. allowed lists the indicators the report may carry.
// A report waiting for review or accepted cannot be changed.
func (db *DB) SaveReportDraft(ctx context.Context, obligationID string, in *kehoach.Report, allowed []kehoach.Indicator) (*kehoach.Report, error) {
	return db.SaveReport(ctx, obligationID, in, allowed, nil, false)
}

// EvidenceFile is a file to attach to a report, its type already judged by
// its content.
type EvidenceFile struct {
	Name, ContentType string
	Data              []byte
}

// SaveReport saves what a unit typed for an obligation, attaches files and,
// when submit is set, submits the report, all in one transaction: either
// everything is saved or nothing is.
func (db *DB) SaveReport(ctx context.Context, obligationID string, in *kehoach.Report, allowed []kehoach.Indicator, files []EvidenceFile, submit bool) (*kehoach.Report, error) {
	if err := in.ValidateDraft(allowed); err != nil {
		return nil, err
	}
	var out *kehoach.Report
	var evidenceRead bool
	err := db.InTx(ctx, func(tx *Tx) error {
		saveDraft := tx.saveReportDraft
		if len(files) == 0 && !submit {
			saveDraft = tx.saveReportDraftOnly
		}
		r, err := saveDraft(obligationID, in)
		if err != nil {
			return err
		}
		evidenceRead = tx.evidenceRead
		for _, f := range files {
			if _, err := tx.addEvidence(r.ID, f.Name, f.ContentType, f.Data); err != nil {
				return err
			}
		}
		if submit {
			if r, err = tx.submitReport(r.ID); err != nil {
				return err
			}
		}
		if submit || len(files) > 0 {
			out, err = tx.reportByID(r.ID)
			return err
		}
		// A draft saved alone: the report is as written; its evidence
		// list, which the draft does not change, is read after commit,
		// off the writer.
		out = r
		return nil
	})
	if err != nil || submit || len(files) > 0 || evidenceRead {
		return out, err
	}
	// Saved: the reading is not given up with the request.
	return out, db.loadEvidence(context.WithoutCancel(ctx), out)
}

// reportByID reads a report with its evidence list inside the transaction.
func (tx *Tx) reportByID(id string) (*kehoach.Report, error) {
	r, err := scanReport(tx.queryRow(`SELECT `+reportCols+` FROM reports WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "báo cáo")
	}
	rows, err := tx.query(evidenceQuery, id)
	if err != nil {
		return nil, err
	}
	return r, scanEvidence(rows, r)
}

// saveReportDraft stores in as the draft of the obligation's report.
func (tx *Tx) saveReportDraft(obligationID string, in *kehoach.Report) (*kehoach.Report, error) {
	subj, err := tx.reportSubject(obligationID)
	if err != nil {
		return nil, err
	}
	before := ""
	if subj.Report != nil {
		before = contentOfReport(subj.Report)
	}
	return tx.writeReportDraft(subj.Obligation, subj.Report, before, in)
}

// saveReportDraftOnly is saveReportDraft for a transaction that changes
// nothing else. On PostgreSQL it locks only the report's row, where
// saveReportDraft locks the obligation first: the state it checks
// changes only by an UPDATE of that row, and the lock is then taken one
// statement later, so that the saves of one report, which queue on it,
// hold it one round trip less. The obligation is locked as before when
// the report is still to be created. Taking one lock, it cannot deadlock.
func (tx *Tx) saveReportDraftOnly(obligationID string, in *kehoach.Report) (*kehoach.Report, error) {
	if tx.db.dialect != Postgres {
		return tx.saveReportDraftSQLite(obligationID, in)
	}
	o, err := scanOne(tx.queryRow(`SELECT `+obligationCols+` FROM obligations WHERE id = ?`, obligationID), scanObligation, "nghĩa vụ báo cáo")
	if err != nil {
		return nil, err
	}
	cur, before, err := tx.reportOf(obligationID, tx.forUpdate())
	if err != nil || cur == nil {
		if err == nil {
			return tx.saveReportDraft(obligationID, in)
		}
		return nil, err
	}
	return tx.writeReportDraft(o, cur, before, in)
}

// draftReportQuery reads, in a draft's transaction on SQLite, the report
// the draft is written over and whether it has evidence.
var draftReportQuery = `SELECT EXISTS (SELECT 1 FROM evidence e WHERE e.report_id = r.id), ` + outerCols("r", reportCols, "", "") +
	` FROM reports r WHERE r.obligation_id = ?`

// saveReportDraftSQLite is saveReportDraftOnly on SQLite, where the one
// writer already holds the database: one statement reads the report the
// draft changes (its content kept as stored, for the audit's before);
// the first draft of an obligation goes the general way. A report without
// evidence, as most drafts are, is then answered whole, its empty
// evidence list known ([Tx.evidenceRead]).
func (tx *Tx) saveReportDraftSQLite(obligationID string, in *kehoach.Report) (*kehoach.Report, error) {
	var evidence int
	cur, before, err := scanReportWith(prefixed{tx.queryRow(draftReportQuery, obligationID), []any{&evidence}}, false)
	if errors.Is(err, sql.ErrNoRows) {
		return tx.saveReportDraft(obligationID, in)
	} else if err != nil {
		return nil, err
	}
	r, err := tx.updateReportDraft(cur, before, in)
	tx.evidenceRead = err == nil && evidence == 0
	return r, err
}

// reportOf reads the report answering an obligation, nil when there is
// none yet, with its content as stored; lock is appended to the query.
func (tx *Tx) reportOf(obligationID, lock string) (*kehoach.Report, string, error) {
	cur, before, err := scanReportWith(tx.queryRow(`SELECT `+reportCols+` FROM reports WHERE obligation_id = ?`+lock, obligationID), false)
	if err != nil {
		if kehoach.ErrorCode(notFound(err, "")) == kehoach.ENOTFOUND {
			return nil, "", nil
		}
		return nil, "", err
	}
	return cur, before, nil
}

// writeReportDraft stores in as the draft of o's report, cur (nil when
// there is none yet), whose content was before as stored. Only o's ID,
// PlanID, UnitID and Kind are read, and none of cur's content.
func (tx *Tx) writeReportDraft(o *kehoach.Obligation, cur *kehoach.Report, before string, in *kehoach.Report) (*kehoach.Report, error) {
	if o.Kind != kehoach.KindProgress && o.Kind != kehoach.KindFinal {
		return nil, kehoach.Errorf(kehoach.EINVALID, "Nghĩa vụ này không phải là báo cáo.")
	}
	if cur == nil {
		r := *in
		r.PlanID, r.UnitID, r.ObligationID, r.UpdatedAt = o.PlanID, o.UnitID, o.ID, tx.Now
		r.ReportContent = draftContent(in)
		if r.Evidence == nil {
			r.Evidence = []kehoach.Evidence{}
		}
		r.ID, r.State, r.Version = NewID(), kehoach.ReportDraft, 0
		if _, err := tx.exec(`INSERT INTO reports (`+reportCols+`) VALUES (?, ?, ?, ?, 0, ?, ?, '', NULL, '', NULL, '', ?)`,
			r.ID, r.PlanID, r.UnitID, r.ObligationID, r.State, contentOfReport(&r), r.UpdatedAt); err != nil {
			return nil, err
		}
		if _, err := tx.exec(`UPDATE obligations SET report_id = ? WHERE id = ?`, r.ID, o.ID); err != nil {
			return nil, err
		}
		return &r, tx.audit("report.draft", "report", r.ID, r.PlanID, "Lưu nháp báo cáo của đơn vị", nil, r.ReportContent)
	}
	return tx.updateReportDraft(cur, before, in)
}

// updateReportDraft stores in as the draft over cur, the report as read
// in the transaction (none of its content: before is it as stored).
func (tx *Tx) updateReportDraft(cur *kehoach.Report, before string, in *kehoach.Report) (*kehoach.Report, error) {
	switch cur.State {
	case kehoach.ReportSubmitted:
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã được gửi và đang chờ Văn phòng xem xét; không thể sửa.")
	case kehoach.ReportAccepted:
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã được chấp nhận; không thể sửa.")
	}
	r := *cur
	r.ReportContent, r.UpdatedAt = draftContent(in), tx.Now
	written := contentOfReport(&r)
	const update = `UPDATE reports SET content = ?, updated_at = ? WHERE id = ?`
	if tx.db.dialect == Postgres {
		if err := tx.execKept(update, written, r.UpdatedAt, r.ID); err != nil {
			return nil, err
		}
	} else {
		if _, err := tx.exec(update, written, r.UpdatedAt, r.ID); err != nil {
			return nil, err
		}
		// SQLite keeps what it is given: the row is now cur as read in
		// this transaction with the two columns written.
		if err := tx.keepRow("reports", r.ID, reportColumns, reportRow(&r, written)); err != nil {
			return nil, err
		}
	}
	return &r, tx.audit("report.draft", "report", r.ID, r.PlanID, "Lưu nháp báo cáo của đơn vị",
		json.RawMessage(before), json.RawMessage(written))
}

// draftContent is what a unit typed, its absent lists empty.
func draftContent(in *kehoach.Report) kehoach.ReportContent {
	c := in.ReportContent
	if c.Links == nil {
		c.Links = []string{}
	}
	if c.Values == nil {
		c.Values = map[string]float64{}
	}
	return c
}

// reportColumns are the columns of the reports table, in its order
// (reportCols; TestAuditKeepsDraftState fails when they drift apart).
var reportColumns = splitCols(reportCols)

// reportRow is the row of r, with content as written, as the driver
// reads it back (reportColumns).
func reportRow(r *kehoach.Report, content string) []any {
	at := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return *t
	}
	return []any{r.ID, r.PlanID, r.UnitID, r.ObligationID, int64(r.Version), string(r.State), content,
		r.SubmittedBy, at(r.SubmittedAt), r.ReviewedBy, at(r.ReviewedAt), r.ReturnReason, r.UpdatedAt}
}

// SubmitReport submits the current draft as a new version.
func (db *DB) SubmitReport(ctx context.Context, reportID string) (*kehoach.Report, error) {
	return inTx(db, ctx, func(tx *Tx) (*kehoach.Report, error) { return tx.submitReport(reportID) })
}

// submitReport submits the current draft of a report as a new version.
func (tx *Tx) submitReport(reportID string) (*kehoach.Report, error) {
	r, err := tx.lockReport(reportID)
	if err != nil {
		return nil, err
	}
	switch r.State {
	case kehoach.ReportSubmitted:
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã được gửi; đang chờ Văn phòng xem xét.")
	case kehoach.ReportAccepted:
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã được chấp nhận.")
	}
	if err := r.ValidateSubmit(); err != nil {
		return nil, err
	}
	r.Version++
	r.State, r.SubmittedBy, r.SubmittedAt, r.UpdatedAt = kehoach.ReportSubmitted, tx.Actor.Name(), &tx.Now, tx.Now
	if _, err := tx.exec(`UPDATE reports SET version = ?, state = ?, submitted_by = ?, submitted_at = ?, updated_at = ? WHERE id = ?`,
		r.Version, r.State, r.SubmittedBy, tx.Now, tx.Now, r.ID); err != nil {
		return nil, err
	}
	if _, err := tx.exec(`INSERT INTO report_versions (report_id, version, content, submitted_by, submitted_at, state) VALUES (?, ?, ?, ?, ?, ?)`,
		r.ID, r.Version, contentOfReport(r), r.SubmittedBy, tx.Now, r.State); err != nil {
		return nil, err
	}
	o, err := tx.obligationByID(r.ObligationID)
	if err != nil {
		return nil, err
	}
	if err := tx.fulfil(o, false); err != nil {
		return nil, err
	}
	who, unit, err := tx.auditNames(r.UnitID)
	if err != nil {
		return nil, err
	}
	office, err := tx.officeOf(r.UnitID)
	if err != nil {
		return nil, err
	}
	if err := tx.tellReport(r, "report.submit", "Báo cáo chờ xem xét", fmt.Sprintf("%s đã gửi báo cáo (lần %d). Đề nghị Văn phòng xem xét, chấp nhận hoặc trả lại.", unit, r.Version), office); err != nil {
		return nil, err
	}
	return r, tx.audit("report.submit", "report", r.ID, r.PlanID, fmt.Sprintf("%s gửi báo cáo của %s (lần %d)", who, unit, r.Version), nil,
		map[string]any{"version": r.Version, "values": r.Values})
}

// ReviewReport accepts a submitted report or returns it with a reason
// (checked by the caller).
func (db *DB) ReviewReport(ctx context.Context, reportID string, accept bool, reason string) (*kehoach.Report, error) {
	return inTx(db, ctx, func(tx *Tx) (*kehoach.Report, error) { return tx.reviewReport(reportID, accept, reason) })
}

// reviewReport is ReviewReport inside a transaction.
func (tx *Tx) reviewReport(reportID string, accept bool, reason string) (*kehoach.Report, error) {
	r, err := tx.lockReport(reportID)
	if err != nil {
		return nil, err
	}
	if r.State != kehoach.ReportSubmitted {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Chỉ xem xét được báo cáo đã gửi và đang chờ duyệt.")
	}
	who, unit, err := tx.auditNames(r.UnitID)
	if err != nil {
		return nil, err
	}
	state, action, summary := kehoach.ReportAccepted, "report.accept", fmt.Sprintf("%s chấp nhận báo cáo của %s (lần %d)", who, unit, r.Version)
	col := "accepted_at"
	if !accept {
		state, action, summary, col = kehoach.ReportReturned, "report.return", fmt.Sprintf("%s trả lại báo cáo của %s (lần %d), lý do: %s", who, unit, r.Version, reason), "returned_at"
	} else {
		reason = ""
	}
	if _, err := tx.exec(`UPDATE reports SET state = ?, reviewed_by = ?, reviewed_at = ?, return_reason = ?, updated_at = ? WHERE id = ?`,
		state, tx.Actor.Name(), tx.Now, reason, tx.Now, r.ID); err != nil {
		return nil, err
	}
	if _, err := tx.exec(`UPDATE report_versions SET state = ?, reviewed_by = ?, reviewed_at = ?, return_reason = ? WHERE report_id = ? AND version = ?`,
		state, tx.Actor.Name(), tx.Now, reason, r.ID, r.Version); err != nil {
		return nil, err
	}
	if _, err := tx.exec(`UPDATE obligations SET `+col+` = ? WHERE id = ?`, tx.Now, r.ObligationID); err != nil {
		return nil, err
	}
	r.State, r.ReviewedBy, r.ReviewedAt, r.ReturnReason = state, tx.Actor.Name(), &tx.Now, reason
	heads, err := tx.headsOf(r.UnitID)
	if err != nil {
		return nil, err
	}
	title, body := "Báo cáo đã được chấp nhận", fmt.Sprintf("Văn phòng đã chấp nhận báo cáo của %s (lần %d). Đơn vị không cần làm gì thêm.", unit, r.Version)
	if !accept {
		title, body = "Báo cáo bị trả lại", fmt.Sprintf("Văn phòng đã trả lại báo cáo của %s (lần %d), lý do: %s Đề nghị đơn vị sửa và gửi lại.", unit, r.Version, sentence(reason))
	}
	if err := tx.tellReport(r, action, title, body, heads); err != nil {
		return nil, err
	}
	return r, tx.audit(action, "report", r.ID, r.PlanID, summary, map[string]any{"state": kehoach.ReportSubmitted}, map[string]any{"state": state, "reason": reason})
}

// AddEvidence stores a file on a report whose type the caller checked.
func (db *DB) AddEvidence(ctx context.Context, reportID, name, contentType string, data []byte) (*kehoach.Evidence, error) {
	return inTx(db, ctx, func(tx *Tx) (*kehoach.Evidence, error) { return tx.addEvidence(reportID, name, contentType, data) })
}

func (tx *Tx) addEvidence(reportID, name, contentType string, data []byte) (*kehoach.Evidence, error) {
	r, err := tx.lockReport(reportID)
	if err != nil {
		return nil, err
	}
	if r.State == kehoach.ReportSubmitted || r.State == kehoach.ReportAccepted {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã gửi; không thể thêm minh chứng.")
	}
	sum := sha256.Sum256(data)
	e := &kehoach.Evidence{ID: NewID(), ReportID: reportID, Name: name, ContentType: contentType, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), UploadedAt: tx.Now}
	if _, err := tx.exec(`INSERT INTO evidence (id, report_id, name, content_type, size, sha256, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.ReportID, e.Name, e.ContentType, e.Size, e.SHA256, data, tx.Actor.ID(), e.UploadedAt); err != nil {
		return nil, err
	}
	return e, tx.audit("report.evidence", "report", reportID, r.PlanID, "Đính kèm minh chứng "+name, nil, e)
}

// EvidenceData returns a stored file and its report.
func (db *DB) EvidenceData(ctx context.Context, id string) (*kehoach.Evidence, []byte, error) {
	var e kehoach.Evidence
	var at nullTime
	var data []byte
	err := db.queryRow(ctx, `SELECT id, report_id, name, content_type, size, sha256, uploaded_at, data FROM evidence WHERE id = ?`, id).
		Scan(&e.ID, &e.ReportID, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &at, &data)
	if err != nil {
		return nil, nil, notFound(err, "minh chứng")
	}
	e.UploadedAt = at.T
	return &e, data, nil
}

// tellReport tells to about a step of report r: the title names the unit
// and the plan, the link opens the report.
func (tx *Tx) tellReport(r *kehoach.Report, step, title, body string, to []recipient) error {
	plan, err := tx.planToName(r.PlanID)
	if err != nil {
		return err
	}
	tree, err := tx.obstacleTree()
	if err != nil {
		return err
	}
	unit := unitName(tree, r.UnitID)
	return tx.tell(handoff{PlanID: r.PlanID, UnitID: r.UnitID, Step: step, Title: title + ": " + unit + " — " + plan.FullTitle(),
		Body: body, Link: "/obligations/" + r.ObligationID + "/report"}, to)
}

// DeleteEvidence removes a file from a report still being written (a draft
// or a returned report), with an audit entry naming the file; it returns
// the report the file was on.
func (db *DB) DeleteEvidence(ctx context.Context, id string) (*kehoach.Report, error) {
	return inTx(db, ctx, func(tx *Tx) (*kehoach.Report, error) {
		var e kehoach.Evidence
		var at nullTime
		err := tx.queryRow(`SELECT id, report_id, name, content_type, size, sha256, uploaded_at FROM evidence WHERE id = ?`, id).
			Scan(&e.ID, &e.ReportID, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &at)
		if err != nil {
			return nil, notFound(err, "minh chứng")
		}
		e.UploadedAt = at.T
		r, err := tx.lockReport(e.ReportID)
		if err != nil {
			return nil, err
		}
		if r.State == kehoach.ReportSubmitted || r.State == kehoach.ReportAccepted {
			return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã gửi; không thể xóa minh chứng.")
		}
		if _, err := tx.exec(`DELETE FROM evidence WHERE id = ?`, id); err != nil {
			return nil, err
		}
		if err := tx.audit("report.evidence.delete", "report", r.ID, r.PlanID, "Xóa minh chứng "+e.Name, e, nil); err != nil {
			return nil, err
		}
		return tx.reportByID(r.ID)
	})
}
