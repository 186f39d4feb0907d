package web

import (
	"net/http"

	"github.com/kehoach/kehoach"
)

// throttlesData is the administrator's page of logins made to wait.
type throttlesData struct {
	Throttles any
	Cleared   bool
}

func (s *server) throttles(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	list, err := s.Ops.LoginThrottles(r.Context(), a)
	if err != nil {
		return err
	}
	return s.show(w, r, "throttles", Translate(langOf(r), "Đăng nhập sai"), throttlesData{Throttles: list, Cleared: r.URL.Query().Get("cleared") != ""})
}

func (s *server) throttleClear(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := readForm(w, r, 8<<10); err != nil {
		return err
	}
	if err := s.Ops.ClearLoginThrottle(r.Context(), a, r.PostFormValue("username"), r.PostFormValue("ip")); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/throttles?cleared=1", http.StatusSeeOther)
	return nil
}
