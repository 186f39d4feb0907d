package kehoach

import "time"

// ValueSource is where one reported figure came from, so that every figure
// in a summary can be traced.
type ValueSource struct {
	// Kind is "report" for an accepted unit report, "post" for news items
	// recorded in kehoach, "event" for recorded attendance.
	Kind       string     `json:"kind"`
	UnitID     string     `json:"unitId"`
	ReportID   string     `json:"reportId,omitempty"`
	Version    int        `json:"version,omitempty"`
	AcceptedBy string     `json:"acceptedBy,omitempty"`
	AcceptedAt *time.Time `json:"acceptedAt,omitempty"`
	// Ref is the id of the post or event, for those kinds.
	Ref   string  `json:"ref,omitempty"`
	Value float64 `json:"value"`
}

// UnitValue is one unit's figure for one indicator, with its sources.
type UnitValue struct {
	Value   float64       `json:"value"`
	Sources []ValueSource `json:"sources"`
}

// IndicatorTable holds a plan's figures: per unit and indicator, aggregated
// by each indicator's rule, with the plan's totals and targets.
type IndicatorTable struct {
	Indicators []Indicator                      `json:"indicators"`
	Units      []string                         `json:"units"`  // unit ids with at least one figure
	Values     map[string]map[string]*UnitValue `json:"values"` // unit → code → value
	Totals     map[string]float64               `json:"totals"`
	Targets    map[string]float64               `json:"targets"`
}

// Value returns a unit's figure for code, or nil.
func (t *IndicatorTable) Value(unitID, code string) *UnitValue {
	if m := t.Values[unitID]; m != nil {
		return m[code]
	}
	return nil
}

// Add records a figure from a source and recomputes the unit's value and the
// total with the indicator's rule.
func (t *IndicatorTable) Add(code string, src ValueSource) {
	ind := IndicatorByCode(t.Indicators, code)
	if ind == nil {
		return
	}
	if t.Values == nil {
		t.Values = map[string]map[string]*UnitValue{}
	}
	if t.Totals == nil {
		t.Totals = map[string]float64{}
	}
	m := t.Values[src.UnitID]
	if m == nil {
		m = map[string]*UnitValue{}
		t.Values[src.UnitID] = m
		t.Units = append(t.Units, src.UnitID)
	}
	uv := m[code]
	if uv == nil {
		uv = &UnitValue{}
		m[code] = uv
	}
	uv.Sources = append(uv.Sources, src)
	vals := make([]float64, len(uv.Sources))
	for i, s := range uv.Sources {
		vals[i] = s.Value
	}
	uv.Value = ind.Aggregate(vals)
	var all []float64
	for _, u := range t.Units {
		if v := t.Values[u][code]; v != nil {
			all = append(all, v.Value)
		}
	}
	t.Totals[code] = ind.Aggregate(all)
}
