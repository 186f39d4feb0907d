package api

import (
	"net/http"
	"strconv"

	"github.com/kehoach/kehoach"
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

// summaryPlan returns the plan when the actor may see its result report:
// the Office and the Director of its agency.
func (d Deps) summaryPlan(r *http.Request, a *kehoach.Actor, edit bool) (*kehoach.Plan, error) {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return nil, err
	}
	if edit && !a.CanEditPlan(p.AgencyID) || !edit && !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) {
		return nil, forbidden()
	}
	return p, nil
}

// summaryOut is the JSON of a plan's result report.
type summaryOut struct {
	Report   *summary.Report           `json:"report"`
	Current  *kehoach.Summary          `json:"current"`
	Versions []*kehoach.Summary        `json:"versions"`
	Document *kehoach.OutgoingDocument `json:"document"`
}

func (d Deps) writeSummary(w http.ResponseWriter, r *http.Request, p *kehoach.Plan, status int) error {
	rep, cur, err := summary.Load(r.Context(), d.DB, p.ID)
	if err != nil {
		return err
	}
	out := summaryOut{Report: rep, Current: cur}
	if out.Versions, err = d.DB.FindSummaries(r.Context(), p.ID); err != nil {
		return err
	}
	if cur != nil && cur.DocumentID != "" {
		if out.Document, err = d.DB.FindDocumentByID(r.Context(), cur.DocumentID); err != nil {
			return err
		}
	}
	writeJSON(w, status, out)
	return nil
}

func (d Deps) getSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.summaryPlan(r, a, false)
	if err != nil {
		return err
	}
	return d.writeSummary(w, r, p, http.StatusOK)
}

func (d Deps) putSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in kehoach.SummaryEdits
	if err := decode(r, &in); err != nil {
		return err
	}
	p, err := d.summaryPlan(r, a, true)
	if err != nil {
		return err
	}
	if _, err := d.DB.SaveSummaryEdits(r.Context(), p.ID, in); err != nil {
		return err
	}
	return d.writeSummary(w, r, p, http.StatusOK)
}

// finaliseIn is the body of a finalisation.
type finaliseIn struct {
	Number   int    `json:"number"`
	IssuedOn string `json:"issuedOn"`
}

func (d Deps) finaliseSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in finaliseIn
	if err := decode(r, &in); err != nil {
		return err
	}
	p, err := d.summaryPlan(r, a, true)
	if err != nil {
		return err
	}
	if in.Number < 0 {
		return kehoach.Invalid(map[string]string{"number": "Số văn bản phải là số nguyên dương."})
	}
	if _, _, err := summary.Finalise(r.Context(), d.DB, p.ID, in.Number, in.IssuedOn); err != nil {
		return err
	}
	return d.writeSummary(w, r, p, http.StatusCreated)
}

func (d Deps) summarySending(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in kehoach.Sending
	if err := decode(r, &in); err != nil {
		return err
	}
	p, err := d.summaryPlan(r, a, true)
	if err != nil {
		return err
	}
	cur, err := d.DB.FindSummary(r.Context(), p.ID)
	if err != nil {
		return err
	}
	if cur.DocumentID == "" {
		return kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo chưa được hoàn thiện và cấp số; chưa thể ghi nhận gửi.")
	}
	doc, err := d.DB.RecordSending(r.Context(), cur.DocumentID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}

func (d Deps) listRegister(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	ag := a.AgencyID()
	if ag == "" || !a.CanEditPlan(ag) && !a.CanDecide(ag) {
		return forbidden()
	}
	f := kehoach.DocumentFilter{AgencyID: ag}
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1945 || y > 2100 {
			return kehoach.Invalid(map[string]string{"year": "Năm không hợp lệ."})
		}
		f.Year = &y
	}
	docs, err := d.DB.FindDocuments(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": docs})
	return nil
}
