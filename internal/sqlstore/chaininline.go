package sqlstore

import "database/sql"

// Chaining in the writing transaction, on SQLite. SQLite has one writer
// at a time already, so the entries a transaction writes can take their
// chain links as they are inserted, exactly as the sequencer would give
// them after commit: one INSERT per entry instead of an INSERT, an UPDATE
// of its keyed hash, and the sequencer's read and UPDATE. The chain is the
// same either way, and verification does not tell them apart. When
// entries are still waiting for the sequencer (written by a process
// without the key, or behind kehoach's back), the transaction leaves its
// own to it too, so that the chain keeps the order of the trail.
// PostgreSQL keeps the sequencer alone: there, chaining in the
// transaction would make every writer wait for one row.

// chainState is the head of the chain as a transaction (or a group of
// them, committed together) sees it.
type chainState struct {
	loaded bool
	// off: entries wait for the sequencer, or there is no key.
	off bool
	// seq is the last entry number given, head and hash the last link.
	seq, head int64
	hash      string
}

// The next number is read from the trail itself: numbers are given in
// order and entries are never deleted (a deleted tail is what the anchor
// catches).
const chainStateQuery = `SELECT COALESCE((SELECT MAX(seq) FROM audit_log), 0),
	COALESCE((SELECT MAX(chain_seq) FROM audit_log), 0),
	COALESCE((SELECT hash FROM audit_log WHERE chain_seq = (SELECT MAX(chain_seq) FROM audit_log)), ''),
	EXISTS (SELECT 1 FROM audit_log WHERE chain_seq IS NULL)`

// auditInsertChained writes an entry with its number and chain link.
const auditInsertChained = `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, rows_json, chain_seq, prev_hash, hash)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// inlineChain returns the chain state the transaction's entries take
// their links from, or nil when they are left to the sequencer. It is
// read once per transaction (or group), the first time an entry is
// written: by then the transaction holds the write lock
// (BEGIN IMMEDIATE), so no other writer moves the head meanwhile.
func (tx *Tx) inlineChain() (*chainState, error) {
	c := tx.chain
	if c == nil || c.off {
		return nil, nil
	}
	if !c.loaded {
		var pending bool
		err := tx.rawQueryRow(chainStateQuery).Scan(&c.seq, &c.head, &c.hash, &pending)
		if err != nil && err != sql.ErrNoRows {
			return nil, err
		}
		c.loaded, c.off = true, pending
		if pending {
			return nil, nil
		}
	}
	return c, nil
}
