// Package web serves kehoach's HTML pages: server-rendered, in Vietnamese
// with English switchable, usable without JavaScript and on a phone.
package web

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
)

//go:embed templates static
var assets embed.FS

// Deps are what the page handlers need.
type Deps struct {
	// Ops are the operations every handler calls.
	Ops     *ops.Service
	Logger  *slog.Logger
	Version string
	// SecureCookies sets the Secure flag on cookies (behind HTTPS).
	SecureCookies bool
	// BaseURL is kehoach's public address, for absolute links; empty
	// means the address each request came to.
	BaseURL string
	// Demo shows the banner saying what the demo data are.
	Demo bool
}

// server holds the pages' templates and the static files' checksums.
type server struct {
	Deps
	// pages parse each page's template on its first use: a server that
	// shows few pages never holds the parse trees of the others.
	pages      map[string]func() (*template.Template, error)
	staticHash map[string]string
}

func newServer(d Deps) (*server, error) {
	s := &server{Deps: d, pages: map[string]func() (*template.Template, error){}, staticHash: map[string]string{}}
	err := fs.WalkDir(assets, "static", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		s.staticHash[strings.TrimPrefix(p, "static/")] = httpx.AssetHash(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"static": func(name string) string { return "/static/" + s.staticHash[name] + "/" + name },
		"date":   formatDate,
		// maxlen is the length limit of a field of the text policy, for
		// its maxlength.
		"maxlen": kehoach.TextMax,
		"time":   formatTime,
		"deref": func(p *string) string {
			if p == nil {
				return ""
			}
			return *p
		},
		"derefInt": func(p *int) string {
			if p == nil {
				return ""
			}
			return fmt.Sprint(*p)
		},
		"field": field,
		"join":  strings.Join,
		"add":   func(a, b int) int { return a + b },
		"contains": func(list []kehoach.Role, r string) bool {
			for _, x := range list {
				if string(x) == r {
					return true
				}
			}
			return false
		},
	}
	// The layout is parsed once, on the first page shown, and never
	// executed itself: each page executes its own clone.
	layout := sync.OnceValues(func() (*template.Template, error) {
		return template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials.html")
	})
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" || base == "partials.html" {
			continue
		}
		s.pages[strings.TrimSuffix(base, ".html")] = sync.OnceValues(func() (*template.Template, error) {
			l, err := layout()
			if err != nil {
				return nil, err
			}
			t, err := l.Clone()
			if err == nil {
				t, err = t.ParseFS(assets, n)
			}
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", base, err)
			}
			return t, nil
		})
	}
	return s, nil
}

// formatDate shows a date as Vietnamese documents write it.
func formatDate(v any) string { return httpx.FormatDate(v) }

var vnZone = time.FixedZone("ICT", 7*3600)

func formatTime(t time.Time) string { return t.In(vnZone).Format("15:04 02/01/2006") }

// page is what every template receives.
type page struct {
	Title   string
	Lang    Lang
	Actor   *kehoach.Actor
	Path    string
	Flash   string
	Version string
	Data    any
	// Unread counts the actor's unread notifications.
	Unread int
	// Demo shows the demo banner.
	Demo bool
}

// T translates a Vietnamese text into the page's language.
func (p *page) T(s string) string { return Translate(p.Lang, s) }

// Status, Role and Kind name codes in the page's language.
func (p *page) Status(s kehoach.PlanStatus) string { return statusName(p.Lang, string(s)) }
func (p *page) Role(r kehoach.Role) string         { return roleName(p.Lang, string(r)) }
func (p *page) Kind(k kehoach.UnitKind) string     { return kindName(p.Lang, string(k)) }
func (p *page) SectionKind(k string) string        { return sectionKindName(p.Lang, k) }

func (s *server) newPage(r *http.Request, title string, data any) *page {
	p := &page{Title: title, Lang: langOf(r), Actor: httpx.Actor(r.Context()), Path: r.URL.RequestURI(), Version: s.Version, Data: data, Demo: s.Demo}
	if p.Actor != nil && p.Actor.Person != nil && p.Actor.Person.ID != "" {
		p.Unread, _ = s.Ops.UnreadNotifications(r.Context(), p.Actor)
	}
	return p
}

// render writes a page with a status; templates render into a buffer first
// so that a template error becomes a clean 500, not half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	parsed, ok := s.pages[name]
	if !ok {
		s.Logger.Error("missing template", "name", name)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	t, err := parsed()
	if err != nil {
		s.Logger.Error("parse template", "name", name, "err", err)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	buf := httpx.Buffer()
	defer httpx.PutBuffer(buf)
	if err := t.ExecuteTemplate(buf, "layout.html", p); err != nil {
		s.Logger.Error("render", "template", name, "err", err)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if sp, ok := p.Data.(splicedPage); ok && len(sp.keptParts()) > 0 {
		httpx.WriteSpliced(w, r, status, buf.Bytes(), sp.keptParts())
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// show writes the page name with its title and data, and a 200 status.
func (s *server) show(w http.ResponseWriter, r *http.Request, name, title string, data any) error {
	s.render(w, r, http.StatusOK, name, s.newPage(r, title, data))
	return nil
}

// errorData is shown by the error page.
type errorData struct {
	Status  int
	Heading string
	Message string
}

// renderError shows the error page for err, with the status its code maps
// to. Internal errors are logged and shown without detail.
func (s *server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	if s.renderTooLarge(w, r, err) {
		return
	}
	code := kehoach.ErrorCode(err)
	status := statusOf(code)
	l := langOf(r)
	d := errorData{Status: status, Message: kehoach.ErrorMessage(err)}
	switch status {
	case http.StatusNotFound:
		d.Heading = Translate(l, "Không tìm thấy trang")
		d.Message = Translate(l, "Trang bạn tìm không tồn tại hoặc bạn không có quyền xem.")
	case http.StatusForbidden:
		d.Heading = Translate(l, "Không có quyền")
	case http.StatusInternalServerError:
		s.Logger.Error("page", "method", r.Method, "path", httpx.LogPath(r), "err", err)
		d.Heading = Translate(l, "Lỗi hệ thống")
	default:
		d.Heading = Translate(l, "Dữ liệu không hợp lệ.")
	}
	s.render(w, r, status, "error", s.newPage(r, d.Heading, d))
}

func statusOf(code string) int { return httpx.StatusOf(code) }

func notFound() error {
	return kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy trang.")
}

func forbidden() error {
	return kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn không có quyền xem hoặc thay đổi nội dung này.")
}

// pageHandler is a handler that returns an error for renderError.
type pageHandler func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error

// authed runs h for a logged-in actor and sends anyone else to the login
// page, remembering where they wanted to go and, for a form, what was typed
// (see [server.loginAgain]).
func (s *server) authed(h pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := httpx.Actor(r.Context())
		if a == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.loginAgain(w, r)
			return
		}
		if err := boundForm(w, r); err != nil {
			s.renderError(w, r, err)
			return
		}
		if err := h(w, r, a); err != nil {
			s.renderError(w, r, err)
			return
		}
	})
}

// parseForm reads a posted form, turning a malformed one into a message.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return kehoach.Errorf(kehoach.ETOOLARGE, "Biểu mẫu quá lớn: tối đa %d KB.", tooBig.Limit>>10)
		}
		return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không đọc được.")
	}
	return nil
}

// readForm reads a posted form of at most limit bytes.
func readForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	return readFormKeeping(w, r, limit)
}

// typedFigures shows stored figures (indicator code → value) as a form
// shows them to be typed again.
func typedFigures(m map[string]float64) map[string]string {
	out := make(map[string]string, len(m))
	for code, v := range m {
		out[code] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return out
}
