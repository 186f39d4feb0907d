package kehoach

import "time"

// The kinds of incoming document a plan keeps.
const (
	// AttachRequest is a dispatch asking for a report: it sets whom the plan
	// reports to and by when.
	AttachRequest = "request"
	// AttachRegime is a decision on a reporting regime: it sets the plan's
	// reporting periods.
	AttachRegime = "regime"
	// AttachReport is a report, kept as a document of the plan.
	AttachReport = "report"
	// AttachOther is any other document kept with the plan.
	AttachOther = "other"
)

// PlanDocument is an incoming document of another kind than a plan (a
// dispatch, a decision, a report) kept with a plan, and what it changed.
type PlanDocument struct {
	ID     string  `json:"id"`
	PlanID string  `json:"planId"`
	Kind   string  `json:"kind"`
	Type   string  `json:"type"`
	Number *string `json:"number"`
	Symbol *string `json:"symbol"`
	Date   *string `json:"date"`
	Issuer *string `json:"issuer"`
	Title  string  `json:"title"`
	// Effects say what attaching it changed in the plan, one a line.
	Effects    []string  `json:"effects"`
	SourceName string    `json:"sourceName"`
	Source     string    `json:"-"`
	CreatedBy  string    `json:"createdBy"`
	CreatedAt  time.Time `json:"createdAt"`
}
