package api

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/kehoach/kehoach"
)

// summaryEdXML answers the final result report as an edXML package.
func (d Deps) summaryEdXML(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := d.Ops.SummaryEdXML(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.Type)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(f.Name))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
	return nil
}
