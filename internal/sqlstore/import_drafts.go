package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/kehoach/kehoach"
)

// ImportDraft is a document under review before it is saved as a draft
// plan: the parse (Doc, as JSON) and its source, and what its person has
// corrected so far (Edits, as JSON; "" before the first correction).
type ImportDraft struct {
	ID, PersonID, AgencyID string
	SourceName, Format     string
	Source, Doc, Edits     string
	CreatedAt, UpdatedAt   time.Time
}

const importDraftCols = `id, person_id, agency_id, source_name, format, source, doc, edits, created_at, updated_at`

func scanImportDraft(sc scanner) (*ImportDraft, error) {
	d := &ImportDraft{}
	var created, updated nullTime
	err := sc.Scan(&d.ID, &d.PersonID, &d.AgencyID, &d.SourceName, &d.Format, &d.Source, &d.Doc, &d.Edits, &created, &updated)
	d.CreatedAt, d.UpdatedAt = created.T, updated.T
	return d, err
}

// CreateImportDraft stores a new import under review for its person.
func (db *DB) CreateImportDraft(ctx context.Context, d *ImportDraft) error {
	return db.InTx(ctx, func(tx *Tx) error {
		d.ID, d.CreatedAt, d.UpdatedAt = NewID(), tx.Now, tx.Now
		_, err := tx.exec(`INSERT INTO import_drafts (`+importDraftCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.PersonID, d.AgencyID, d.SourceName, d.Format, d.Source, d.Doc, d.Edits, d.CreatedAt, d.UpdatedAt)
		return err
	})
}

// FindImportDraft returns the import under review id of person personID.
func (db *DB) FindImportDraft(ctx context.Context, personID, id string) (*ImportDraft, error) {
	d, err := scanImportDraft(db.queryRow(ctx, `SELECT `+importDraftCols+` FROM import_drafts WHERE id = ? AND person_id = ?`, id, personID))
	if err != nil {
		return nil, notFound(err, "văn bản đang xem lại")
	}
	return d, nil
}

// FindImportDrafts returns the imports person personID has under review,
// the latest first, without their source.
func (db *DB) FindImportDrafts(ctx context.Context, personID string) ([]*ImportDraft, error) {
	rows, err := db.query(ctx, `SELECT id, person_id, agency_id, source_name, format, '', doc, edits, created_at, updated_at
		FROM import_drafts WHERE person_id = ? ORDER BY updated_at DESC, id`, personID)
	return scanAll(rows, err, scanImportDraft)
}

// SetImportDraftEdits keeps what person personID has corrected on import id.
func (db *DB) SetImportDraftEdits(ctx context.Context, personID, id, edits string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE import_drafts SET edits = ?, updated_at = ? WHERE id = ? AND person_id = ?`, edits, tx.Now, id, personID)
		return affectedOne(res, err, "văn bản đang xem lại")
	})
}

// DeleteImportDraft discards import id of person personID.
func (db *DB) DeleteImportDraft(ctx context.Context, personID, id string) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.deleteImportDraft(personID, id) })
}

func (tx *Tx) deleteImportDraft(personID, id string) error {
	res, err := tx.exec(`DELETE FROM import_drafts WHERE id = ? AND person_id = ?`, id, personID)
	return affectedOne(res, err, "văn bản đang xem lại")
}

// CreatePlanFromImport stores p as a new plan and discards the import
// under review it was made from, in one transaction.
func (db *DB) CreatePlanFromImport(ctx context.Context, p *kehoach.Plan, personID, draftID string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.deleteImportDraft(personID, draftID); err != nil {
			return err
		}
		return tx.createPlan(p)
	})
}

// affectedOne is err, or not found when the change touched no row.
func affectedOne(res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return notFound(sql.ErrNoRows, what)
	}
	return nil
}
