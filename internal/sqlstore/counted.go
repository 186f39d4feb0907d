package sqlstore

import (
	"context"
	"database/sql"

	"github.com/kehoach/kehoach"
)

// countedValues returns the figures kehoach counts from what units record
// in it, per unit, so that nobody types them twice: one news item and its
// minutes for every post, and the attendance of every event that took
// place. Each figure names the post or event it came from.
func (db *DB) countedValues(ctx context.Context, planID string) ([]countedValue, error) {
	var out []countedValue
	rows, err := db.query(ctx, `SELECT id, unit_id, minutes FROM posts WHERE plan_id = ? ORDER BY published_on, created_at, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, unit string
		var minutes sql.NullFloat64
		if err := rows.Scan(&id, &unit, &minutes); err != nil {
			return nil, err
		}
		out = append(out, countedValue{code: kehoach.IndNewsItems, src: kehoach.ValueSource{Kind: "post", UnitID: unit, Ref: id, Value: 1}})
		if minutes.Valid && minutes.Float64 > 0 {
			out = append(out, countedValue{code: kehoach.IndNewsMinutes, src: kehoach.ValueSource{Kind: "post", UnitID: unit, Ref: id, Value: minutes.Float64}})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	erows, err := db.query(ctx, `SELECT id, unit_id, attendance FROM campaign_events WHERE plan_id = ? AND attendance IS NOT NULL AND status <> ? ORDER BY starts_at, id`,
		planID, kehoach.EventCancelled)
	if err != nil {
		return nil, err
	}
	defer erows.Close()
	for erows.Next() {
		var id, unit string
		var n int64
		if err := erows.Scan(&id, &unit, &n); err != nil {
			return nil, err
		}
		out = append(out, countedValue{code: kehoach.IndEventAttendance, src: kehoach.ValueSource{Kind: "event", UnitID: unit, Ref: id, Value: float64(n)}})
	}
	return out, erows.Err()
}
