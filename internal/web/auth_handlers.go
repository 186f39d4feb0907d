package web

import (
	"net/http"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
)

// loginData is the login form, with what was typed and the problems.
type loginData struct {
	Username string
	Next     string
	Problems map[string]string
	Error    string
	// Kept is a form posted after the session expired, sent again after
	// logging in; Expired says the session ended.
	Kept    *keptForm
	Expired bool
}

func (s *server) loginForm(w http.ResponseWriter, r *http.Request) {
	if httpx.Actor(r.Context()) != nil {
		http.Redirect(w, r, localNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", s.newPage(r, Translate(langOf(r), "Đăng nhập"), loginData{Next: localNext(r.URL.Query().Get("next"))}))
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r, maxKept+64<<10); err != nil {
		s.renderError(w, r, err)
		return
	}
	d := loginData{Username: r.PostFormValue("username"), Next: localNext(r.PostFormValue("next")), Kept: keptFromLogin(r)}
	d.Expired = len(d.Kept.Fields) > 0
	password := r.PostFormValue("password")
	l := langOf(r)
	old := ""
	if c, err := r.Cookie(httpx.SessionCookie); err == nil {
		old = c.Value
	}
	_, tok, err := s.Ops.LogIn(r.Context(), ops.Credentials{Username: d.Username, Password: password, IP: httpx.ClientIP(r), UserAgent: r.UserAgent(), OldToken: old})
	if err != nil {
		code := kehoach.ErrorCode(err)
		if code == kehoach.EINTERNAL {
			s.renderError(w, r, err)
			return
		}
		if fields := kehoach.ErrorFields(err); len(fields) > 0 {
			d.Problems = map[string]string{}
			for k, v := range fields {
				d.Problems[k] = Translate(l, v)
			}
			s.render(w, r, http.StatusBadRequest, "login", s.newPage(r, Translate(l, "Đăng nhập"), d))
			return
		}
		d.Error = Translate(l, kehoach.ErrorMessage(err))
		s.render(w, r, statusOf(code), "login", s.newPage(r, Translate(l, "Đăng nhập"), d))
		return
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.SecureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: int(ops.SessionIdleLifetime.Seconds())})
	if len(d.Kept.Fields) > 0 {
		s.resume(w, r, d.Next, d.Kept)
		return
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(httpx.SessionCookie); err == nil {
		if err := s.Ops.LogOut(r.Context(), c.Value); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *server) setLang(w http.ResponseWriter, r *http.Request) {
	l := Vietnamese
	if r.PathValue("lang") == string(English) {
		l = English
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
	http.Redirect(w, r, localNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

func (s *server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	h, ok := s.staticHash[name]
	if !ok {
		s.renderError(w, r, notFound())
		return
	}
	b, err := assets.ReadFile("static/" + name)
	if err != nil {
		s.renderError(w, r, notFound())
		return
	}
	if r.PathValue("hash") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	switch {
	case strings.HasSuffix(name, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case strings.HasSuffix(name, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case strings.HasSuffix(name, ".svg"):
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	_, _ = w.Write(b)
}
