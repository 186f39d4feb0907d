package kehoach

import "sort"

// SummaryState is where an implementing agency's result report stands, as
// its superior sees it in the roll-up.
type SummaryState string

// The states of an agency's result report in the roll-up.
const (
	SummaryNotStarted SummaryState = "not_started" // nobody has started it
	SummaryDrafting   SummaryState = "drafting"    // a draft exists, nothing finalised
	SummaryFinalised  SummaryState = "finalised"   // a version has its number
	SummaryReceived   SummaryState = "received"    // arrived from another kehoach
	SummaryAccepted   SummaryState = "accepted"    // the superior accepted it
)

// ChildNotIssued is the status of an expected agency that has no
// implementing plan.
const ChildNotIssued = "not_issued"

// RollupReport is the state of a child's result report, with the number
// and date of its finalised version.
type RollupReport struct {
	State  SummaryState `json:"state"`
	Number *string      `json:"number"`
	Date   *string      `json:"date"`
	// ReturnReason is why the superior returned the finalised version,
	// which then waits for a new one; nil unless returned.
	ReturnReason *string `json:"returnReason,omitempty"`
}

// RollupChild is one agency expected to implement a plan: its own plan
// (none when it has not issued one), how complete and timely its units'
// work is, and the state of its result report.
type RollupChild struct {
	PlanID     *string `json:"planId"`
	AgencyID   string  `json:"agencyId"`
	AgencyName string  `json:"agencyName"`
	// Status is the implementing plan's status, or [ChildNotIssued].
	Status string `json:"status"`
	// IssuedOn is the date of the implementing plan, YYYY-MM-DD.
	IssuedOn *string `json:"issuedOn"`
	// Completeness and OnTime are the rates of [Tally], in percent; nil
	// when nothing is due yet or there is no plan.
	Completeness *float64     `json:"completeness"`
	OnTime       *float64     `json:"onTime"`
	Report       RollupReport `json:"report"`
	// PlanTitle names the implementing plan (not part of the API).
	PlanTitle string `json:"-"`
	// CanOpenReport tells whether the reader may open the finalised report
	// (not part of the API).
	CanOpenReport bool `json:"-"`
	// CanAccept and CanReturn tell whether the reader may accept or return
	// the finalised report (not part of the API).
	CanAccept bool `json:"-"`
	CanReturn bool `json:"-"`
	// ReceivedID is the report received from the agency's own kehoach,
	// when its state is received (not part of the API).
	ReceivedID string `json:"-"`
}

// RollupIndicator is one indicator aggregated across the agencies'
// finalised result reports, with the parent plan's target.
type RollupIndicator struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	Unit   string   `json:"unit"`
	Value  float64  `json:"value"`
	Target *float64 `json:"target"`
	// Decimal tells how to show the value (not part of the API).
	Decimal bool `json:"-"`
}

// Rollup is a plan seen from above: the agencies expected to implement it
// and the indicators across their finalised reports.
type Rollup struct {
	Plan       *Plan             `json:"plan"`
	Children   []RollupChild     `json:"children"`
	Indicators []RollupIndicator `json:"indicators"`
}

// ReportFigures are the indicator totals of one agency's finalised result
// report, dated by the report.
type ReportFigures struct {
	Date   string
	Values map[string]float64
}

// AggregateFigures combines the agencies' figures by each indicator's own
// aggregation (reports taken oldest first, so that "latest" is the most
// recent report), in catalogue order; an indicator no report gives is
// left out. targets are the parent plan's targets by code.
func AggregateFigures(catalogue []Indicator, reports []ReportFigures, targets map[string]float64) []RollupIndicator {
	sorted := append([]ReportFigures(nil), reports...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Date < sorted[j].Date })
	out := []RollupIndicator{}
	for i := range catalogue {
		ind := &catalogue[i]
		var values []float64
		for _, r := range sorted {
			if v, ok := r.Values[ind.Code]; ok {
				values = append(values, v)
			}
		}
		if len(values) == 0 {
			continue
		}
		ri := RollupIndicator{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Value: ind.Aggregate(values), Decimal: ind.Decimal}
		if t, ok := targets[ind.Code]; ok {
			ri.Target = &t
		}
		out = append(out, ri)
	}
	return out
}
