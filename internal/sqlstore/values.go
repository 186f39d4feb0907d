package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/kehoach/kehoach"
)

// PlanIndicatorValues gathers a plan's figures: the values of the accepted
// version of every unit report, and the figures kehoach counts itself
// (news items, event attendance) through [DB.countedValues]. Each figure
// keeps its source.
func (db *DB) PlanIndicatorValues(ctx context.Context, planID string) (*kehoach.IndicatorTable, error) {
	inds, err := db.FindIndicators(ctx)
	if err != nil {
		return nil, err
	}
	targets, err := db.FindTargets(ctx, planID)
	if err != nil {
		return nil, err
	}
	t := &kehoach.IndicatorTable{Indicators: inds, Values: map[string]map[string]*kehoach.UnitValue{}, Totals: map[string]float64{}, Targets: targets}
	// The accepted version of each report: the latest version accepted.
	rows, err := db.query(ctx, `SELECT r.id, r.unit_id, v.version, v.content, v.reviewed_by, v.reviewed_at
		FROM reports r JOIN report_versions v ON v.report_id = r.id
		WHERE r.plan_id = ? AND v.state = ? ORDER BY r.unit_id, r.id, v.version`, planID, kehoach.ReportAccepted)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type acc struct {
		src     kehoach.ValueSource
		content string
	}
	latest := map[string]acc{}
	var order []string
	for rows.Next() {
		var a acc
		var at nullTime
		if err := rows.Scan(&a.src.ReportID, &a.src.UnitID, &a.src.Version, &a.content, &a.src.AcceptedBy, &at); err != nil {
			return nil, err
		}
		a.src.Kind, a.src.AcceptedAt = "report", at.ptr()
		if _, ok := latest[a.src.ReportID]; !ok {
			order = append(order, a.src.ReportID)
		}
		latest[a.src.ReportID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, id := range order {
		a := latest[id]
		var c kehoach.ReportContent
		if err := json.Unmarshal([]byte(a.content), &c); err != nil {
			return nil, err
		}
		for _, ind := range inds {
			if v, ok := c.Values[ind.Code]; ok {
				src := a.src
				src.Value = v
				t.Add(ind.Code, src)
			}
		}
	}
	// People reached by briefings count from the briefings themselves.
	briefings, err := db.FindBriefings(ctx, planID)
	if err != nil {
		return nil, err
	}
	for _, b := range briefings {
		t.Add(kehoach.IndBriefed, kehoach.ValueSource{Kind: "briefing", UnitID: b.UnitID, Ref: b.ID, Value: float64(b.Participants)})
	}
	counted, err := db.countedValues(ctx, planID)
	if err != nil {
		return nil, err
	}
	for _, c := range counted {
		t.Add(c.code, c.src)
	}
	return t, nil
}

// countedValue is a figure kehoach counted itself.
type countedValue struct {
	code string
	src  kehoach.ValueSource
}
