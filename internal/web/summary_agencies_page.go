package web

import (
	"github.com/kehoach/kehoach/internal/summary"
)

// summaryTemplate is the page of a report: the superior's report drawn
// from the agencies' reports has its own.
func summaryTemplate(r *summary.Report) string {
	if r.Kind == summary.KindAgencies {
		return "summary_agencies"
	}
	return "summary"
}
