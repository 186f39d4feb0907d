package sqlstore

import (
	"context"
	"strings"

	"github.com/kehoach/kehoach"
)

// SearchSubjects are the rows the search's rights filter looks at, read
// for a batch of hits with one query per kind instead of one per hit.
type SearchSubjects struct {
	// Plans holds each plan's header (no content: what rights need).
	Plans map[string]*kehoach.Plan
	Tasks map[string]*kehoach.Task
	// Obstacles holds each obstacle's row, without its decision or files.
	Obstacles map[string]*kehoach.Obstacle
}

// inIDs is the condition col IN (ids…).
func inIDs(col string, ids []string) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return col + ` IN (?` + strings.Repeat(`, ?`, len(ids)-1) + `)`, args
}

// FindSearchSubjects reads the plans, tasks and obstacles with the given
// ids; missing ones are simply absent.
func (db *DB) FindSearchSubjects(ctx context.Context, planIDs, taskIDs, obstacleIDs []string) (*SearchSubjects, error) {
	out := &SearchSubjects{Plans: map[string]*kehoach.Plan{}, Tasks: map[string]*kehoach.Task{}, Obstacles: map[string]*kehoach.Obstacle{}}
	if len(planIDs) > 0 {
		w, args := inIDs("id", planIDs)
		rows, err := db.query(ctx, `SELECT id, agency_id, status, report_to_unit_id FROM plans WHERE `+w, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var p kehoach.Plan
			var reportTo *string
			if err := rows.Scan(&p.ID, &p.AgencyID, &p.Status, &reportTo); err != nil {
				rows.Close()
				return nil, err
			}
			if reportTo != nil {
				p.ReportToUnitID = *reportTo
			}
			out.Plans[p.ID] = &p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if len(taskIDs) > 0 {
		w, args := inIDs("id", taskIDs)
		rows, err := db.query(ctx, `SELECT `+taskCols+` FROM tasks WHERE `+w, args...)
		list, err := scanAll(rows, err, scanTask)
		if err != nil {
			return nil, err
		}
		for _, t := range list {
			out.Tasks[t.ID] = t
		}
	}
	if len(obstacleIDs) > 0 {
		w, args := inIDs("id", obstacleIDs)
		rows, err := db.query(ctx, `SELECT `+obstacleCols+` FROM obstacles WHERE `+w, args...)
		list, err := scanAll(rows, err, scanObstacle)
		if err != nil {
			return nil, err
		}
		for _, r := range list {
			out.Obstacles[r.ID] = r.Obstacle
		}
	}
	return out, nil
}
