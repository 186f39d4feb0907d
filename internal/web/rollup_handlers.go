package web

import (
	"net/http"

	"github.com/kehoach/kehoach"
)

// rollupPage shows a plan seen from above: the agencies implementing it
// and their figures.
func (s *server) rollupPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d, err := s.Ops.Rollup(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.show(w, r, "rollup", Translate(langOf(r), "Tổng hợp các cơ quan thực hiện"), d)
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
