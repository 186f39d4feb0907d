package web

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// rollupData is the roll-up page: the roll-up, and a refused decision's
// problem with the agency it was about and the reason typed.
type rollupData struct {
	*kehoach.Rollup
	Problem, ProblemAgency, Reason string
	// ProblemField is set when the problem is the reason typed, shown next
	// to it.
	ProblemField bool
}

// rollupPage shows a plan seen from above: the agencies implementing it
// and their figures.
func (s *server) rollupPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d, err := s.Ops.Rollup(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.show(w, r, "rollup", Translate(langOf(r), "Tổng hợp các cơ quan thực hiện"), rollupData{Rollup: d})
}

// rollupAccept accepts an agency's finalised result report.
func (s *server) rollupAccept(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	_, err := s.Ops.AcceptAgencyReport(r.Context(), a, r.PathValue("id"), r.PathValue("agency"))
	return s.afterRollupDecision(w, r, a, err, "")
}

// rollupReturn returns an agency's finalised result report with a reason.
func (s *server) rollupReturn(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in := ops.ReturnAgencyReportInput{Reason: r.PostFormValue("reason")}
	_, err := s.Ops.ReturnAgencyReport(r.Context(), a, r.PathValue("id"), r.PathValue("agency"), in)
	return s.afterRollupDecision(w, r, a, err, in.Reason)
}

// afterRollupDecision goes back to the roll-up, or shows it again with the
// problem of a refused decision next to its agency.
func (s *server) afterRollupDecision(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, err error, reason string) error {
	if code := kehoach.ErrorCode(err); err != nil && code != kehoach.EINVALID && code != kehoach.ECONFLICT {
		return err
	}
	if err == nil {
		http.Redirect(w, r, "/plans/"+r.PathValue("id")+"/rollup#agency-"+r.PathValue("agency"), http.StatusSeeOther)
		return nil
	}
	d, rerr := s.Ops.Rollup(r.Context(), a, r.PathValue("id"))
	if rerr != nil {
		return rerr
	}
	status := http.StatusBadRequest
	if kehoach.ErrorCode(err) == kehoach.ECONFLICT {
		status = http.StatusConflict
	}
	data := rollupData{Rollup: d, Problem: kehoach.ErrorMessage(err), ProblemAgency: r.PathValue("agency"), Reason: reason,
		ProblemField: kehoach.ErrorFields(err)["reason"] != ""}
	if data.ProblemField {
		data.Problem = kehoach.ErrorFields(err)["reason"]
	}
	s.render(w, r, status, "rollup", s.newPage(r, Translate(langOf(r), "Tổng hợp các cơ quan thực hiện"), data))
	return nil
}

// ChildStatus names an implementing plan's status, or says that the agency
// has issued none.
func (p *page) ChildStatus(s string) string {
	if s == kehoach.ChildNotIssued {
		return p.T("Chưa ban hành kế hoạch")
	}
	if s == kehoach.ChildExternal {
		return p.T("Kế hoạch ở hệ thống của cơ quan")
	}
	return statusName(p.Lang, s)
}

// SummaryState names the state of an agency's result report.
func (p *page) SummaryState(s kehoach.SummaryState) string {
	vi := map[kehoach.SummaryState]string{kehoach.SummaryNotStarted: "Chưa lập", kehoach.SummaryDrafting: "Đang dự thảo",
		kehoach.SummaryFinalised: "Đã hoàn thiện", kehoach.SummaryReceived: "Đã nhận từ hệ thống khác", kehoach.SummaryAccepted: "Đã tiếp nhận"}[s]
	if vi == "" {
		return string(s)
	}
	return p.T(vi)
}
