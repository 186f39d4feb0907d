package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kehoach/kehoach"
)

// The audit trail. A writing transaction appends its entries without a
// chain link, each with the hash of the audited rows it left (read back just
// before commit, see [Tx.flushAudit]); nothing every writer shares is
// locked. After commit one sequencer (see sealer.go) seals the new entries
// into the chain in commit order with a keyed hash. Verifying walks the
// chain and compares every row of the audited tables with the last entry
// that wrote it (see verify.go).

// audit records an entry of the change within the transaction. before and
// after are marshalled to JSON (nil stays empty). The entity's row, when
// its table is audited, is among the rows whose state the entry keeps.
// Every change of a searchable entity is audited, so the entity's search
// index rows are rewritten here too, in the same transaction.
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
	tx.entries = append(tx.entries, e)
	if entity == "indicator" {
		if err := tx.bumpIndicators(); err != nil {
			return err
		}
	}
	if t := tableOfEntity[entity]; t != "" && entityID != "" {
		tx.touchOwned(rowRef{t, entityID}, len(tx.entries)-1)
	}
	return tx.reindexEntity(entity, entityID, planID)
}

// rowRef names one row of an audited table by its key.
type rowRef struct{ table, id string }

// touch notes that the transaction writes row id of table; its state is
// read and kept in the transaction's audit entry before commit.
func (tx *Tx) touch(table, id string) {
	r := rowRef{table, id}
	delete(tx.kept, r) // the row changes again
	tx.touchOwned(r, -1)
}

func (tx *Tx) touchOwned(r rowRef, owner int) {
	if tx.touched == nil {
		tx.touched = map[rowRef]int{}
	}
	if old, ok := tx.touched[r]; ok {
		if owner >= 0 && owner > old {
			tx.touched[r] = owner
		}
		return
	}
	tx.touched[r] = owner
	tx.order = append(tx.order, r)
}

// flushAudit writes the transaction's entries, each with the state of the
// rows it owns (rows no entry names go with the last one). A change that
// wrote audited rows without an entry gets one, so that no write escapes.
func (tx *Tx) flushAudit() error {
	if len(tx.entries) == 0 && len(tx.order) == 0 {
		return nil
	}
	if len(tx.entries) == 0 {
		tx.entries = append(tx.entries, &kehoach.AuditEntry{At: tx.Now, ActorID: tx.Actor.ID(), ActorName: tx.Actor.Name(),
			Action: "rows.change", Entity: "database", Summary: "Thay đổi dữ liệu"})
	}
	last := len(tx.entries) - 1
	for _, r := range tx.order {
		h, ok := tx.kept[r]
		var err error
		if !ok {
			h, err = rowHash(tx.query, r.table, r.id)
		}
		if err != nil {
			return fmt.Errorf("audit row %s %s: %w", r.table, r.id, err)
		}
		owner := tx.touched[r]
		if owner < 0 {
			owner = last
		}
		tx.entries[owner].Rows = append(tx.entries[owner].Rows, kehoach.AuditRow{Table: r.table, ID: r.id, Hash: h})
	}
	c, err := tx.inlineChain()
	if err != nil {
		return fmt.Errorf("audit chain: %w", err)
	}
	for _, e := range tx.entries {
		rows := ""
		if len(e.Rows) > 0 {
			b, err := json.Marshal(e.Rows)
			if err != nil {
				return err
			}
			rows = string(b)
		}
		if c != nil {
			c.seq++
			c.head++
			e.Seq, e.ChainSeq, e.PrevHash = c.seq, c.head, c.hash
			e.Hash = e.ComputeMACRows(tx.db.auditKey, rows)
			c.hash = e.Hash
			if _, err := tx.rawExec(auditInsertChained, e.Seq,
				e.At, e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID, e.PlanID, e.Summary,
				string(e.Before), string(e.After), rows, e.ChainSeq, e.PrevHash, e.Hash); err != nil {
				return fmt.Errorf("audit insert: %w", err)
			}
			continue
		}
		// The number is known only once inserted; the entry's keyed
		// hash covers it, so it is set right after.
		var seq int64
		if err := tx.rawQueryRow(auditInsert,
			e.At, e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID, e.PlanID, e.Summary,
			string(e.Before), string(e.After), rows).Scan(&seq); err != nil {
			return fmt.Errorf("audit insert: %w", err)
		}
		if key := tx.db.auditKey; len(key) > 0 {
			e.Seq = seq
			if _, err := tx.rawExec(auditSetHash, e.WriteMAC(key), seq); err != nil {
				return fmt.Errorf("audit insert: %w", err)
			}
		}
	}
	tx.wroteAudit = true
	tx.leftUnsealed = tx.leftUnsealed || c == nil
	return nil
}

const (
	auditInsert = `INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, rows_json)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`
	auditSetHash = `UPDATE audit_log SET hash = ? WHERE seq = ?`
)

// rawQueryRow and rawExec run the transaction's own bookkeeping statements
// (the audit's), prepared like the others but neither counted as the
// change's queries nor looked at as writes of audited rows.
func (tx *Tx) rawQueryRow(q string, args ...any) *sql.Row {
	if st := tx.stmt(q); st != nil {
		return st.QueryRowContext(tx.ctx, args...)
	}
	return tx.tx.QueryRowContext(tx.ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) rawQuery(q string, args ...any) (*sql.Rows, error) {
	if st := tx.stmt(q); st != nil {
		return st.QueryContext(tx.ctx, args...)
	}
	return tx.tx.QueryContext(tx.ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) rawExec(q string, args ...any) (sql.Result, error) {
	if st := tx.stmt(q); st != nil {
		return st.ExecContext(tx.ctx, args...)
	}
	return tx.tx.ExecContext(tx.ctx, tx.db.rebind(q), args...)
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

const auditCols = `seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, rows_json, chain_seq, prev_hash, hash`

func scanAudit(sc scanner) (*kehoach.AuditEntry, error) {
	var e kehoach.AuditEntry
	var at nullTime
	var before, after, rows string
	var chain sql.NullInt64
	if err := sc.Scan(&e.Seq, &at, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID, &e.PlanID, &e.Summary, &before, &after, &rows, &chain, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At, e.ChainSeq = at.T, chain.Int64
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	if rows != "" {
		var err error
		if e.Rows, err = scanRowsJSON(rows); err != nil {
			// A damaged list is kept as one unreadable row, which the
			// verification then reports against the entry's hash.
			e.Rows = []kehoach.AuditRow{{Table: "?", ID: rows}}
		}
	}
	return &e, nil
}

// FindAuditEntries returns entries, newest first.
func (db *DB) FindAuditEntries(ctx context.Context, f kehoach.AuditFilter) ([]*kehoach.AuditEntry, error) {
	w, args := where(eq("plan_id", f.PlanID), eq("entity_id", f.EntityID))
	rows, err := db.query(ctx, `SELECT `+auditCols+` FROM audit_log`+w+` ORDER BY seq DESC`+limit(f.Limit), args...)
	return scanAll(rows, err, scanAudit)
}

// VerifyAudit seals what is not yet sealed, walks the chain and compares
// the audited rows with it. It returns the number of entries checked and
// the sequence number of the first entry altered, inserted or following a
// removed one; -1 when the chain is whole but a row differs from its last
// entry; 0 when all is well.
func (db *DB) VerifyAudit(ctx context.Context) (checked int, badSeq int64, err error) {
	r, err := db.VerifyAuditReport(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case r.BrokenAt != 0:
		return r.Checked, r.BrokenAt, nil
	case !r.OK():
		return r.Checked, -1, nil
	}
	return r.Checked, 0, nil
}

// errNoAuditKey is returned when the trail must be sealed or verified but
// no key was given.
var errNoAuditKey = errors.New("audit: no key (KEHOACH_AUDIT_KEY or audit.key in the data folder)")

func scanRowsJSON(s string) ([]kehoach.AuditRow, error) {
	var out []kehoach.AuditRow
	err := json.Unmarshal([]byte(s), &out)
	return out, err
}
