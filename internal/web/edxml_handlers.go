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

// receivedFile downloads the .docx or .pdf of a report received from an
// agency's own kehoach.
func (s *server) receivedFile(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.Ops.ReceivedReportFile(r.Context(), a, r.PathValue("id"), r.PathValue("rid"), r.PathValue("kind"))
	return sendFile(w, f, err)
}
