package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
)

// MonitorVersion returns, in one query and without a row every write
// holds, a text that changes whenever a change that the monitoring of plan
// planID shows commits: every such change writes an audit entry naming the
// plan (reports, their review, tasks, obligations, briefings, reminders,
// targets, posts and events, plan edits), and the indicator catalogue
// moves its own version. The organisation has its version (orgcache.go),
// which the caller keys on separately.
//
// The text is the plan's latest entry (seq), its latest sealed entry
// (chain_seq) and the number of its entries not sealed yet. On SQLite
// entries become visible in seq order, so the first alone would do. On
// PostgreSQL seq is taken before commit, and an entry with a lower seq may
// become visible after a reader saw a higher one; but that entry is then
// either still unsealed (the count grew) or sealed (the sealer chains in
// commit order, so the latest chain_seq grew): any commit of an entry for
// the plan changes the text, whether or when the sealer runs.
func (db *DB) MonitorVersion(ctx context.Context, planID string) (string, error) {
	var seq, chain sql.NullInt64
	var pending, inds int64
	err := db.queryRow(pointCtx(ctx), `SELECT
  (SELECT MAX(seq) FROM audit_log WHERE plan_id = ?),
  (SELECT MAX(chain_seq) FROM audit_log WHERE plan_id = ?),
  (SELECT COUNT(*) FROM audit_log WHERE plan_id = ? AND chain_seq IS NULL),
  (SELECT COALESCE(MAX(version), 0) FROM cache_versions WHERE name = 'indicators')`, planID, planID, planID).Scan(&seq, &chain, &pending, &inds)
	if err != nil {
		return "", err
	}
	b := make([]byte, 0, 48)
	b = strconv.AppendInt(b, seq.Int64, 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, chain.Int64, 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, pending, 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, inds, 10)
	return string(b), nil
}

// bumpIndicators moves the version of the indicator catalogue on, in tx.
func (tx *Tx) bumpIndicators() error {
	_, err := tx.exec(`UPDATE cache_versions SET version = version + 1 WHERE name = 'indicators'`)
	return err
}
