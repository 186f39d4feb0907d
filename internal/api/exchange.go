package api

import (
	"net/http"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
)

// summaryEdXML answers the final result report as an edXML package.
func (d Deps) summaryEdXML(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := d.Ops.SummaryEdXML(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.Download(w, f.Name, f.Type, f.Data)
	return nil
}

// maxPackageBody is the largest report package read: its files base64
// with room for the header and figures.
const maxPackageBody = kehoach.MaxPackageSize/3*4 + 1<<20

// receivedOut is the answer to a package sent: the report kept and whether
// this request stored it (false: it was already kept, nothing changed).
type receivedOut struct {
	Report  *kehoach.ReceivedReport `json:"report"`
	Created bool                    `json:"created"`
	State   string                  `json:"state"`
}

// receiveReport keeps a result report another kehoach sends with the
// exchange token the superior issued (Authorization: Bearer), not a
// person's login.
func (d Deps) receiveReport(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		body, err := readBody(r, maxPackageBody)
		if err != nil {
			return err
		}
		token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		res, err := d.Ops.ReceiveReport(r.Context(), token, func(p *kehoach.ReportPackage) error { return decodeBody(r.Pattern, body, p) })
		if err != nil {
			return err
		}
		status := http.StatusOK
		if res.Created {
			status = http.StatusCreated
		}
		writeJSON(w, status, receivedOut{Report: res.Report, Created: res.Created, State: string(kehoach.SummaryReceived)})
		return nil
	}()
	if err != nil {
		if kehoach.ErrorCode(err) == kehoach.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kehoach-exchange"`)
		}
		d.writeError(w, r, err)
	}
}

// issueExchangeToken issues a token for an agency to send its report on a
// plan; the token is in the answer, once.
func (d Deps) issueExchangeToken() handler {
	return withBodyOnly(http.StatusCreated, d.Ops.IssueExchangeToken)
}
