package summary

import (
	"context"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// difficulties returns the plan's difficulties with the decisions in force,
// for section III of the report: every obstacle raised on the plan except
// those merged into another, with its unit, what was wrong, whether it
// still waits for an answer and, when the Director (or the Office)
// answered, the decision.
func difficulties(ctx context.Context, db *sqlstore.DB, planID string, tree *kehoach.OrgTree) ([]Difficulty, error) {
	obs, err := db.FindObstacles(ctx, kehoach.ObstacleFilter{PlanID: &planID})
	if err != nil {
		return nil, err
	}
	var out []Difficulty
	for _, o := range obs {
		if o.State == kehoach.ObstacleMerged || o.PrimaryID != "" {
			continue
		}
		d := Difficulty{ID: o.ID, Text: strings.TrimRight(Condense(o.What, 300), ".;") + ".", Open: o.State.Pending()}
		if u := tree.Unit(o.UnitID); u != nil {
			d.Unit = u.Name
		}
		if o.Decision != nil && strings.TrimSpace(o.Decision.Text) != "" {
			d.Decision = strings.TrimRight(Condense(o.Decision.Text, 400), ".;") + "."
		}
		out = append(out, d)
	}
	return out, nil
}
