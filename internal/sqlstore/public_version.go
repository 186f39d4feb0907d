package sqlstore

import (
	"context"
	"database/sql"

	"github.com/kehoach/kehoach"
)

// PublicVersion returns, in one query, a text that changes whenever the
// public campaign page of plan planID may change: the plan (its content,
// status, agency's name), whether it is published, its publicity, and the
// number and latest change of its events and news items (the number sees a
// deletion). Unknown plans are not found.
func (db *DB) PublicVersion(ctx context.Context, planID string) (string, error) {
	var v string
	err := db.queryRow(pointCtx(ctx), `SELECT CAST(p.updated_at AS TEXT) || '|' || p.status || '|' ||
  COALESCE((SELECT name FROM org_units WHERE id = p.agency_id), '') || '|' ||
  COALESCE((SELECT CAST(published AS TEXT) || '@' || CAST(changed_at AS TEXT) FROM publications WHERE plan_id = p.id), '') || '|' ||
  COALESCE((SELECT CAST(updated_at AS TEXT) FROM publicity WHERE plan_id = p.id), '') || '|' ||
  (SELECT CAST(COUNT(*) AS TEXT) || '@' || COALESCE(CAST(MAX(updated_at) AS TEXT), '') FROM campaign_events WHERE plan_id = p.id) || '|' ||
  (SELECT CAST(COUNT(*) AS TEXT) || '@' || COALESCE(CAST(MAX(updated_at) AS TEXT), '') FROM posts WHERE plan_id = p.id)
FROM plans p WHERE p.id = ?`, planID).Scan(&v)
	if err == sql.ErrNoRows {
		return "", kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy kế hoạch.")
	}
	return v, err
}
