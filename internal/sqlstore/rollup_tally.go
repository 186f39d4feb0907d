package sqlstore

import (
	"context"
	"time"

	"github.com/kehoach/kehoach"
)

// ChildObligations is what the roll-up reads of the obligations of one plan
// implementing another: per unit, how many it owes, how many were due before
// the day asked and how many of those it answered; the first answers of
// those (grouped by unit, due day and time, to judge timeliness); and when
// its acknowledgements were created (the day the plan was issued).
type ChildObligations struct {
	Units   []kehoach.UnitObligationCounts
	First   []kehoach.FirstAnswers
	AckMade []time.Time
}

// FindChildObligations reads, in one grouped query, the obligations of
// every plan implementing parentPlanID, by plan, as of the day today
// (YYYY-MM-DD, Vietnam): obligations due before today are expected.
func (db *DB) FindChildObligations(ctx context.Context, parentPlanID, today string) (map[string]*ChildObligations, error) {
	// Only obligations expected and answered keep their due day and first
	// answer apart (to judge timeliness); the others of a unit are one group.
	const answered = `due < ? AND submitted_at IS NOT NULL`
	rows, err := db.query(ctx, `SELECT plan_id, unit_id, MAX(due), CASE WHEN `+answered+` THEN COALESCE(first_submitted_at, submitted_at) END AS first,
		COUNT(*), SUM(CASE WHEN due < ? THEN 1 ELSE 0 END), SUM(CASE WHEN `+answered+` THEN 1 ELSE 0 END), MIN(CASE WHEN kind = ? THEN created_at END)
		FROM obligations WHERE plan_id IN (SELECT id FROM plans WHERE parent_plan_id = ?)
		GROUP BY plan_id, unit_id, CASE WHEN `+answered+` THEN due END, first
		ORDER BY plan_id, unit_id`, today, today, today, kehoach.KindAcknowledgement, parentPlanID, today)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*ChildObligations{}
	for rows.Next() {
		var plan, unit, due string
		var first, ack nullTime
		var n, expected, received int
		if err := rows.Scan(&plan, &unit, &due, &first, &n, &expected, &received, &ack); err != nil {
			return nil, err
		}
		c := out[plan]
		if c == nil {
			c = &ChildObligations{}
			out[plan] = c
		}
		if k := len(c.Units); k == 0 || c.Units[k-1].UnitID != unit {
			c.Units = append(c.Units, kehoach.UnitObligationCounts{UnitID: unit})
		}
		u := &c.Units[len(c.Units)-1]
		u.Total, u.Expected, u.Received = u.Total+n, u.Expected+expected, u.Received+received
		if received > 0 && first.Valid {
			c.First = append(c.First, kehoach.FirstAnswers{UnitID: unit, Due: due, At: first.T, N: received})
		}
		if ack.Valid {
			c.AckMade = append(c.AckMade, ack.T)
		}
	}
	return out, rows.Err()
}
