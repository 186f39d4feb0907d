package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/summary"
)

// summaryRoutes lists the routes of the result report and the register.
func (d Deps) summaryRoutes(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/plans/{id}/summary", d.authed(d.getSummary))
	mux.Handle("PUT /api/v1/plans/{id}/summary", d.authed(d.putSummary))
	mux.Handle("POST /api/v1/plans/{id}/summary/finalise", d.authed(d.finaliseSummary))
	mux.Handle("POST /api/v1/plans/{id}/summary/sending", d.authed(d.summarySending))
	mux.Handle("GET /api/v1/register", d.authed(d.listRegister))
}

// summaryOut is the JSON of a plan's result report.
type summaryOut struct {
	Report   *summary.Report           `json:"report"`
	Current  *kehoach.Summary          `json:"current"`
	Versions []*kehoach.Summary        `json:"versions"`
	Document *kehoach.OutgoingDocument `json:"document"`
}

// writeSummary answers with the report v, or the error err.
func writeSummary(w http.ResponseWriter, status int, v *ops.SummaryView, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, status, summaryOut{Report: v.Report, Current: v.Current, Versions: v.Versions, Document: v.Document})
	return nil
}

func (d Deps) getSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	v, err := d.Ops.Summary(r.Context(), a, r.PathValue("id"))
	return writeSummary(w, http.StatusOK, v, err)
}

func (d Deps) putSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in kehoach.SummaryEdits
	if err := decode(r, &in); err != nil {
		return err
	}
	v, err := d.Ops.SaveSummary(r.Context(), a, r.PathValue("id"), in)
	return writeSummary(w, http.StatusOK, v, err)
}

func (d Deps) finaliseSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.FinaliseInput
	if err := decode(r, &in); err != nil {
		return err
	}
	v, err := d.Ops.FinaliseSummary(r.Context(), a, r.PathValue("id"), in)
	return writeSummary(w, http.StatusCreated, v, err)
}

func (d Deps) summarySending(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in kehoach.Sending
	if err := decode(r, &in); err != nil {
		return err
	}
	doc, err := d.Ops.RecordSummarySending(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}

func (d Deps) listRegister(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	reg, err := d.Ops.Register(r.Context(), a, r.URL.Query().Get("year"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": reg.Documents})
	return nil
}
