package web

import (
	"net/http"
	"strings"

	"github.com/kehoach/kehoach"
)

// attachDone is the answer to attaching an incoming document to a plan.
type attachDone struct {
	PlanID, PlanTitle string
	Title             string
	Effects           []string
	Warnings          []string
}

// importAttach keeps a document under review that is not a plan with the
// plan chosen on the review page.
func (s *server) importAttach(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !s.readImportSaveForm(w, r) {
		return nil
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	res, err := s.Ops.AttachImport(r.Context(), a, r.PathValue("id"), strings.TrimSpace(r.PostFormValue("plan")))
	if err != nil {
		if kehoach.ErrorCode(err) != kehoach.EINVALID {
			return err
		}
		// Show the review again with the problem; it lists the plans.
		d, derr := s.Ops.ImportDraft(r.Context(), a, r.PathValue("id"))
		if derr != nil {
			return derr
		}
		rv := newImportReview(d.Doc, strings.Split(d.Source, "\n"), a)
		rv.DraftID, rv.SourceName, rv.Format, rv.Plans = d.ID, d.SourceName, d.Format, d.Plans
		if err := addProblems(rv.Problems, err); err != nil {
			return err
		}
		s.renderReview(w, r, http.StatusBadRequest, rv, a, d.Units)
		return nil
	}
	done := &attachDone{PlanID: res.Plan.ID, PlanTitle: res.Plan.FullTitle(), Title: res.Document.Title, Effects: res.Document.Effects, Warnings: res.Warnings}
	s.render(w, r, http.StatusOK, "import_attached", s.newPage(r, Translate(langOf(r), "Đã gắn văn bản vào kế hoạch"), done))
	return nil
}
