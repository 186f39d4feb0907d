package kehoach

import "time"

// AgencyReportDecision is a superior's decision on the finalised result
// report (one version) of an agency implementing one of its plans: accepted,
// so that its figures count in the superior's own report, or returned with
// a reason.
type AgencyReportDecision struct {
	ID string `json:"id"`
	// SummaryID is the version decided on; PlanID the agency's plan and
	// ParentPlanID the plan it implements.
	SummaryID    string    `json:"summaryId"`
	PlanID       string    `json:"planId"`
	ParentPlanID string    `json:"parentPlanId"`
	AgencyID     string    `json:"agencyId"`
	Accepted     bool      `json:"accepted"`
	Reason       string    `json:"reason"`
	DecidedBy    string    `json:"decidedBy"`
	DecidedAt    time.Time `json:"decidedAt"`
}
