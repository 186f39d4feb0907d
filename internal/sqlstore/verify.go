package sqlstore

import (
	"context"
	"fmt"

	"github.com/kehoach/kehoach"
)

// maxRowProblems bounds how many row problems a verification names.
const maxRowProblems = 50

// lastWrite is the last entry that wrote a row: its hash and the entry.
type lastWrite struct {
	hash string
	seq  int64
}

// VerifyAuditReport seals the entries not yet sealed, then walks the whole
// chain (sequence, links and keyed hashes), compares every row of the
// audited tables with the last entry that wrote it, and, given an anchor
// an auditor kept, checks that the chain still holds it.
func (db *DB) VerifyAuditReport(ctx context.Context, anchor *kehoach.AuditAnchor) (*kehoach.AuditReport, error) {
	if len(db.auditKey) == 0 {
		return nil, errNoAuditKey
	}
	if _, err := db.SealAudit(ctx); err != nil {
		return nil, err
	}
	r := &kehoach.AuditReport{}
	last := map[rowRef]lastWrite{}
	rows, err := db.query(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY chain_seq IS NULL, chain_seq, seq`)
	if err != nil {
		return nil, err
	}
	var anchorHash string
	anchorFound := false
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		r.Checked++
		if r.BrokenAt == 0 && (e.ChainSeq != r.HeadSeq+1 || e.PrevHash != r.HeadHash || e.ComputeMAC(db.auditKey) != e.Hash) {
			r.BrokenAt = e.Seq
		}
		if e.ChainSeq != 0 {
			r.HeadSeq, r.HeadHash = e.ChainSeq, e.Hash
		}
		if anchor != nil && e.ChainSeq == anchor.ChainSeq {
			anchorFound, anchorHash = true, e.Hash
		}
		for _, w := range e.Rows {
			last[rowRef{w.Table, w.ID}] = lastWrite{w.Hash, e.Seq}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := db.compareRows(ctx, r, last); err != nil {
		return nil, err
	}
	if anchor != nil {
		r.AnchorProblem = checkAnchor(db.auditKey, anchor, anchorFound, anchorHash, r.HeadSeq)
	}
	return r, nil
}

// compareRows reads every row of the audited tables and notes those that
// differ from their last entry, have none, or are gone while their last
// entry says they exist.
func (db *DB) compareRows(ctx context.Context, r *kehoach.AuditReport, last map[rowRef]lastWrite) error {
	problem := func(format string, args ...any) {
		if len(r.RowProblems) < maxRowProblems {
			r.RowProblems = append(r.RowProblems, fmt.Sprintf(format, args...))
		}
	}
	seen := map[rowRef]bool{}
	err := eachAuditedRow(ctx, db.r, func(ref rowRef, h string) {
		r.Rows++
		seen[ref] = true
		switch w, ok := last[ref]; {
		case !ok:
			problem("%s %s: không có trong nhật ký (thêm ngoài ứng dụng hoặc nhật ký bị xóa)", ref.table, ref.id)
		case w.hash != h:
			problem("%s %s: khác với bản ghi nhật ký số %d (sửa ngoài ứng dụng)", ref.table, ref.id, w.seq)
		}
	})
	if err != nil {
		return err
	}
	for ref, w := range last {
		if w.hash != "" && !seen[ref] {
			problem("%s %s: bị xóa ngoài ứng dụng (bản ghi nhật ký số %d)", ref.table, ref.id, w.seq)
		}
	}
	return nil
}

// checkAnchor says why a chain whose head is headSeq does not hold anchor,
// or "" when it does.
func checkAnchor(key []byte, a *kehoach.AuditAnchor, found bool, hash string, headSeq int64) string {
	switch {
	case a.ComputeMAC(key) != a.MAC:
		return "mốc kiểm tra không đúng chữ ký (khóa khác hoặc mốc bị sửa)"
	case a.ChainSeq == 0:
		return ""
	case !found:
		return fmt.Sprintf("nhật ký chỉ còn %d bản ghi, mốc kiểm tra có %d: các bản ghi cuối (hoặc cả nhật ký) đã bị xóa", headSeq, a.ChainSeq)
	case hash != a.Hash:
		return fmt.Sprintf("bản ghi số %d của chuỗi khác với mốc kiểm tra: nhật ký đã bị viết lại", a.ChainSeq)
	}
	return ""
}

// eachAuditedRow calls fn with every row of the audited tables and the
// hash of its state.
func eachAuditedRow(ctx context.Context, q querier, fn func(ref rowRef, hash string)) error {
	for _, t := range auditedTables {
		rows, err := q.QueryContext(ctx, `SELECT * FROM `+t.table)
		if err != nil {
			return err
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return err
		}
		for rows.Next() {
			h, id, err := hashScanned(rows, cols, t.key)
			if err != nil {
				rows.Close()
				return err
			}
			fn(rowRef{t.table, id}, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
