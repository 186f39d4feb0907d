package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
)

// RollupVersion returns, in one query and without a row every write holds,
// a text that changes whenever a change that the roll-up of plan
// parentPlanID shows commits. It is, for the plan and for every plan
// implementing it (named, so that a plan linked to it or unlinked from it
// changes the text), what [DB.MonitorVersion] reads of one plan: its latest
// audit entry, its latest sealed entry and how many of its entries wait to
// be sealed; and the version of the indicator catalogue. Every change the
// roll-up shows writes an audit entry naming one of those plans: the
// children's plans, obligations, reports and result reports, and the
// superior's decisions on them under the child's plan; targets, plan edits
// and reports received from another kehoach under the parent plan.
func (db *DB) RollupVersion(ctx context.Context, parentPlanID string) (string, error) {
	rows, err := db.query(pointCtx(ctx), `SELECT p.id,
  (SELECT MAX(seq) FROM audit_log WHERE plan_id = p.id),
  (SELECT MAX(chain_seq) FROM audit_log WHERE plan_id = p.id),
  (SELECT COUNT(*) FROM audit_log WHERE plan_id = p.id AND chain_seq IS NULL)
FROM plans p WHERE p.id = ? OR p.parent_plan_id = ?
UNION ALL
SELECT '', COALESCE(MAX(version), 0), 0, 0 FROM cache_versions WHERE name = 'indicators'
ORDER BY 1`, parentPlanID, parentPlanID)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	b := make([]byte, 0, 64)
	for rows.Next() {
		var id string
		var seq, chain sql.NullInt64
		var pending int64
		if err := rows.Scan(&id, &seq, &chain, &pending); err != nil {
			return "", err
		}
		b = append(b, id...)
		for _, n := range []int64{seq.Int64, chain.Int64, pending} {
			b = append(b, '.')
			b = strconv.AppendInt(b, n, 10)
		}
		b = append(b, ';')
	}
	return string(b), rows.Err()
}
