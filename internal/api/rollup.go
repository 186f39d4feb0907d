package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// rollup answers the roll-up of a plan: the agencies implementing it and
// their figures.
func (d Deps) rollup() handler { return onPath(d.Ops.Rollup) }

// acceptAgencyReport accepts an agency's finalised result report; the body,
// if any, is ignored.
func (d Deps) acceptAgencyReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	v, err := d.Ops.AcceptAgencyReport(r.Context(), a, r.PathValue("id"), r.PathValue("agencyId"))
	return answer(w, http.StatusOK, v, err)
}

// returnAgencyReport returns an agency's finalised result report with a
// reason.
func (d Deps) returnAgencyReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.ReturnAgencyReportInput
	if err := decode(r, &in); err != nil {
		return err
	}
	v, err := d.Ops.ReturnAgencyReport(r.Context(), a, r.PathValue("id"), r.PathValue("agencyId"), in)
	return answer(w, http.StatusOK, v, err)
}
