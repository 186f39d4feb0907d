package sqlstore

import (
	"context"
	"strings"
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

// FindChildObligations reads, in one statement, the obligations of every
// plan implementing parentPlanID, by plan, as of the day today (YYYY-MM-DD,
// Vietnam): obligations due before today are expected. The counts by plan
// and unit come from a grouping the index obligations_tally serves in order;
// the obligations expected and answered come one row each with their due
// day and first answer, to judge timeliness in Go by the domain's rule.
func (db *DB) FindChildObligations(ctx context.Context, parentPlanID, today string) (map[string]*ChildObligations, error) {
	return db.planObligations(ctx, `plan_id IN (SELECT id FROM plans WHERE parent_plan_id = ?)`, []any{parentPlanID}, today)
}

// FindPlansObligations is FindChildObligations for the plans named (the
// children whose obligations changed since the roll-up last read them).
func (db *DB) FindPlansObligations(ctx context.Context, planIDs []string, today string) (map[string]*ChildObligations, error) {
	if len(planIDs) == 0 {
		return map[string]*ChildObligations{}, nil
	}
	args := make([]any, len(planIDs))
	for i, id := range planIDs {
		args[i] = id
	}
	return db.planObligations(ctx, `plan_id IN (?`+strings.Repeat(", ?", len(planIDs)-1)+`)`, args, today)
}

// planObligations reads the obligations of the plans that which (a
// condition on plan_id, with its arguments) selects.
func (db *DB) planObligations(ctx context.Context, which string, whichArgs []any, today string) (map[string]*ChildObligations, error) {
	const answered = `due < ? AND submitted_at IS NOT NULL`
	args := append([]any{today, today, kehoach.KindAcknowledgement}, whichArgs...)
	args = append(append(args, whichArgs...), today)
	rows, err := db.query(ctx, `SELECT plan_id, unit_id, '' AS due, NULL AS first, COUNT(*) AS n,
		SUM(CASE WHEN due < ? THEN 1 ELSE 0 END), SUM(CASE WHEN `+answered+` THEN 1 ELSE 0 END), MIN(CASE WHEN kind = ? THEN created_at END)
		FROM obligations WHERE `+which+` GROUP BY plan_id, unit_id
		UNION ALL
		SELECT plan_id, unit_id, due, COALESCE(first_submitted_at, submitted_at), 0, 0, 0, NULL
		FROM obligations WHERE `+which+` AND `+answered, args...)
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
		if n > 0 {
			// One row per plan and unit.
			c.Units = append(c.Units, kehoach.UnitObligationCounts{UnitID: unit, Total: n, Expected: expected, Received: received})
			if ack.Valid {
				c.AckMade = append(c.AckMade, ack.T)
			}
			continue
		}
		if !first.Valid {
			continue
		}
		// One row per obligation answered; those answered together are
		// judged once.
		if k := len(c.First); k > 0 && c.First[k-1].UnitID == unit && c.First[k-1].Due == due && c.First[k-1].At.Equal(first.T) {
			c.First[k-1].N++
			continue
		}
		c.First = append(c.First, kehoach.FirstAnswers{UnitID: unit, Due: due, At: first.T, N: 1})
	}
	return out, rows.Err()
}

// FindChildSummaries returns, in one query, every version of the result
// report of every plan implementing parentPlanID, by plan, newest first
// (what [DB.FindSummaries] returns for each).
func (db *DB) FindChildSummaries(ctx context.Context, parentPlanID string) (map[string][]*kehoach.Summary, error) {
	rows, err := db.query(ctx, `SELECT `+summaryCols+summaryFrom+` WHERE s.plan_id IN (SELECT id FROM plans WHERE parent_plan_id = ?) ORDER BY s.plan_id, s.version DESC`, parentPlanID)
	all, err := scanAll(rows, err, scanSummary)
	if err != nil {
		return nil, err
	}
	out := map[string][]*kehoach.Summary{}
	for _, s := range all {
		out[s.PlanID] = append(out[s.PlanID], s)
	}
	return out, nil
}
