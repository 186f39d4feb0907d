package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kehoach/kehoach"
)

// AttachPlanDocument keeps an incoming document with the plan p, saves the
// changes it made to p, and ends the import under review it came from, in
// one transaction.
func (db *DB) AttachPlanDocument(ctx context.Context, p *kehoach.Plan, d *kehoach.PlanDocument, personID, draftID string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.deleteImportDraft(personID, draftID); err != nil {
			return err
		}
		if err := tx.updatePlan(p); err != nil {
			return err
		}
		d.ID, d.PlanID, d.CreatedBy, d.CreatedAt = NewID(), p.ID, tx.Actor.ID(), tx.Now
		raw, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO plan_documents (id, plan_id, kind, doc, source_name, source, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.PlanID, d.Kind, string(raw), d.SourceName, d.Source, d.CreatedBy, d.CreatedAt); err != nil {
			return err
		}
		return tx.audit("plan.document.attach", "plan_document", d.ID, p.ID, "Gắn văn bản “"+d.Title+"” vào kế hoạch "+p.Title, nil, d)
	})
}

// FindPlanDocuments returns the documents kept with a plan, oldest first,
// without their source.
func (db *DB) FindPlanDocuments(ctx context.Context, planID string) ([]*kehoach.PlanDocument, error) {
	rows, err := db.query(ctx, `SELECT doc FROM plan_documents WHERE plan_id = ? ORDER BY created_at, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*kehoach.PlanDocument{}
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var d kehoach.PlanDocument
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			return nil, fmt.Errorf("plan document: %w", err)
		}
		out = append(out, &d)
	}
	return out, rows.Err()
}
