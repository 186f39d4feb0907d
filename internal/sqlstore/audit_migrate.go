package sqlstore

import (
	"context"
	"fmt"

	"github.com/kehoach/kehoach"
)

// auditRowsMigration is the version of the migration that makes the trail
// keyed and sealed after commit.
const auditRowsMigration = 18

// signLegacyAudit checks, once, the unkeyed chain the entries written
// before the keyed trail had, and gives each entry up to the first broken
// link its writer's keyed hash, so that the sequencer seals it as genuine.
// Entries from a broken link on are sealed marked, and verification names
// the first. Without a key nothing is signed.
func (db *DB) signLegacyAudit(ctx context.Context) error {
	if len(db.auditKey) == 0 {
		return nil
	}
	rows, err := db.w.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log WHERE chain_seq IS NULL ORDER BY seq`)
	entries, err := scanAll(rows, err, scanAudit)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		prevHash, prevSeq := "", int64(0)
		for _, e := range entries {
			if e.Seq != prevSeq+1 || e.PrevHash != prevHash || e.LegacyHash() != e.Hash {
				return nil
			}
			prevHash, prevSeq = e.Hash, e.Seq
			e.PrevHash = ""
			if _, err := tx.tx.ExecContext(ctx, db.rebind(`UPDATE audit_log SET prev_hash = '', hash = ? WHERE seq = ?`), e.WriteMAC(db.auditKey), e.Seq); err != nil {
				return err
			}
		}
		return nil
	})
}

// recordRowStates writes, after migrations ran, one entry keeping the state
// of every audited row that differs from its last entry: the rows a
// database had before the trail kept row states, and those a migration
// rewrote.
func (db *DB) recordRowStates(ctx context.Context, version int64) error {
	last := map[rowRef]string{}
	rows, err := db.w.QueryContext(ctx, `SELECT rows_json, seq FROM audit_log WHERE rows_json <> '' ORDER BY chain_seq IS NULL, chain_seq, seq`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var list string
		var seq int64
		if err := rows.Scan(&list, &seq); err != nil {
			rows.Close()
			return err
		}
		e := kehoach.AuditEntry{}
		if r, err := scanRowsJSON(list); err == nil {
			e.Rows = r
		}
		for _, w := range e.Rows {
			last[rowRef{w.Table, w.ID}] = w.Hash
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var changed []rowRef
	seen := map[rowRef]bool{}
	err = eachAuditedRow(ctx, db.w, func(ref rowRef, h string) {
		seen[ref] = true
		if w, ok := last[ref]; !ok || w != h {
			changed = append(changed, ref)
		}
	})
	if err != nil {
		return err
	}
	for ref, h := range last {
		if h != "" && !seen[ref] {
			changed = append(changed, ref)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	ctx = kehoach.NewContextWithActor(ctx, kehoach.SystemActor("nâng cấp cơ sở dữ liệu"))
	return db.InTx(ctx, func(tx *Tx) error {
		for _, r := range changed {
			tx.touch(r.table, r.id)
		}
		return tx.audit("schema.migrate", "database", fmt.Sprint(version), "",
			fmt.Sprintf("Nâng cấp cơ sở dữ liệu lên phiên bản %d: ghi nhận trạng thái %d dòng", version, len(changed)), nil, nil)
	})
}
