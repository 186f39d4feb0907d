package web

import (
	"net/http"

	"github.com/kehoach/kehoach"
)

// summaryEdXML downloads the final result report as an edXML package.
func (s *server) summaryEdXML(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.Ops.SummaryEdXML(r.Context(), a, r.PathValue("id"))
	return sendFile(w, f, err)
}
