package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kehoach/kehoach"
)

// audit appends an entry to the chained audit trail within the transaction.
// before and after are marshalled to JSON (nil stays empty). Every change
// of a searchable entity is audited, so the entity's search index rows are
// rewritten here too, in the same transaction.
func (tx *Tx) audit(action, entity, entityID, planID, summary string, before, after any) error {
	e := &kehoach.AuditEntry{
		At: tx.Now, ActorID: tx.Actor.ID(), ActorName: tx.Actor.Name(),
		Action: action, Entity: entity, EntityID: entityID, PlanID: planID, Summary: summary,
	}
	var err error
	if e.Before, err = marshalAudit(before); err != nil {
		return err
	}
	if e.After, err = marshalAudit(after); err != nil {
		return err
	}
	// Taking the head row serialises writers, so the chain has no forks.
	if err := tx.queryRow(`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&e.Seq, &e.PrevHash); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	e.Hash = e.ComputeHash()
	if _, err := tx.exec(`INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID, e.PlanID, e.Summary,
		string(e.Before), string(e.After), e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit insert: %w", err)
	}
	if _, err := tx.exec(`UPDATE audit_head SET hash = ? WHERE id = 1`, e.Hash); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	return tx.reindexEntity(entity, entityID, planID)
}

func marshalAudit(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	if string(b) == "null" {
		return nil, nil
	}
	return b, nil
}

const auditCols = `seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, prev_hash, hash`

func scanAudit(sc scanner) (*kehoach.AuditEntry, error) {
	var e kehoach.AuditEntry
	var at nullTime
	var before, after string
	if err := sc.Scan(&e.Seq, &at, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID, &e.PlanID, &e.Summary, &before, &after, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At = at.T
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	return &e, nil
}

// FindAuditEntries returns entries, newest first.
func (db *DB) FindAuditEntries(ctx context.Context, f kehoach.AuditFilter) ([]*kehoach.AuditEntry, error) {
	w, args := where(eq("plan_id", f.PlanID), eq("entity_id", f.EntityID))
	rows, err := db.query(ctx, `SELECT `+auditCols+` FROM audit_log`+w+` ORDER BY seq DESC`+limit(f.Limit), args...)
	return scanAll(rows, err, scanAudit)
}

// VerifyAudit walks the chain in order and recomputes every hash. It
// returns the number of entries checked and, if the chain is broken, the
// sequence number of the first entry that was altered, inserted or that
// follows a removed one (badSeq 0 means intact).
func (db *DB) VerifyAudit(ctx context.Context) (checked int, badSeq int64, err error) {
	rows, err := db.query(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	prevHash, prevSeq := "", int64(0)
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return checked, 0, err
		}
		checked++
		if e.Seq != prevSeq+1 || e.PrevHash != prevHash || e.ComputeHash() != e.Hash {
			return checked, e.Seq, rows.Close()
		}
		prevHash, prevSeq = e.Hash, e.Seq
	}
	if err := rows.Err(); err != nil {
		return checked, 0, err
	}
	// Entries removed from the end show against the head.
	var headSeq int64
	var headHash string
	if err := db.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return checked, 0, err
	}
	if headSeq != prevSeq || headHash != prevHash {
		return checked, prevSeq + 1, nil
	}
	return checked, 0, nil
}
