// Package public serves the public campaign pages of plans: no login, light
// (one page and one stylesheet, no script), and nothing on them that is
// not meant for the public. Each page reads one query of internal/ops,
// which returns only what a plan publishes.
package public

import (
	"bytes"
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

//go:embed templates/public.html static/public.css
var assets embed.FS

// Deps are what the public pages need.
type Deps struct {
	Ops    *ops.Service
	Logger *slog.Logger
	// BaseURL is kehoach's public address, for the feed's absolute links;
	// empty means the address each request came to.
	BaseURL string
}

type server struct {
	Deps
	page *template.Template
	css  []byte
	// cssPath is the stylesheet's address, with a checksum so that it may
	// be cached for good.
	cssPath string
	// cache keeps each page and feed as last rendered.
	cache renderCache
}

// NewHandler returns the handler of the public pages.
func NewHandler(d Deps) (http.Handler, error) {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	s := &server{Deps: d}
	var err error
	if s.css, err = assets.ReadFile("static/public.css"); err != nil {
		return nil, err
	}
	s.cssPath = "/public/static/" + httpx.AssetHash(s.css) + "/public.css"
	if s.page, err = template.ParseFS(assets, "templates/public.html"); err != nil {
		return nil, err
	}
	return s.routes(), nil
}

// routes lists the public pages.
func (s *server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /public/plans/{id}", s.campaign)
	mux.HandleFunc("GET /public/plans/{id}/feed.atom", s.feed)
	mux.HandleFunc("GET /public/plans/{id}/events.ics", s.calendar)
	mux.HandleFunc("GET /public/static/{hash}/{name}", s.static)
	mux.HandleFunc("/public/", func(w http.ResponseWriter, r *http.Request) {
		s.error(w, r, kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy trang."))
	})
	return mux
}

// pageData is what the page template receives.
type pageData struct {
	*ops.PublicCampaign
	CSS string
}

// When writes an event's time in Vietnam.
func (d *pageData) When(e *kehoach.CampaignEvent) string { return ops.EventWhen(e) }

// Tel returns the tel: link of a phone number; it holds only digits and
// "+", so the template may trust it as a URL.
func (d *pageData) Tel(phone string) template.URL { return template.URL(kehoach.TelURI(phone)) }

// Date writes a YYYY-MM-DD day as Vietnamese documents do.
func (d *pageData) Date(v any) string { return httpx.FormatDate(v) }

// write sends body with the headers of a public, briefly cached answer,
// or 304 Not Modified when the client holds it already (its ETag).
func write(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	if httpx.NotModified(w, r, body) {
		return
	}
	_, _ = w.Write(body)
}

// error shows a small page for err: not found, or a system error that is
// logged and shown without detail.
func (s *server) error(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusNotFound
	d := struct{ Heading, Message, CSS string }{CSS: s.cssPath}
	switch kehoach.ErrorCode(err) {
	case kehoach.ENOTFOUND:
		d.Heading, d.Message = "Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc chưa được công bố."
	default:
		status = http.StatusInternalServerError
		s.Logger.Error("public page", "method", r.Method, "path", r.URL.Path, "err", err)
		d.Heading, d.Message = "Lỗi hệ thống", "Xin thử lại sau ít phút."
	}
	var buf bytes.Buffer
	if err := s.page.ExecuteTemplate(&buf, "public-error", d); err != nil {
		http.Error(w, d.Heading, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// campaign serves GET /public/plans/{id}.
// The page is rendered again only when its version has changed (or an
// upcoming event has ended since); otherwise the kept bytes are sent.
func (s *server) campaign(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	version, err := s.Ops.PublicVersion(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	key, now := "page\x00"+id, s.Ops.Now()
	if e := s.cache.get(key, version, now); e != nil {
		e.serve(w, r)
		return
	}
	c, err := s.Ops.PublicCampaign(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	buf := httpx.Buffer()
	defer httpx.PutBuffer(buf)
	if err := s.page.ExecuteTemplate(buf, "public-page", &pageData{PublicCampaign: c, CSS: s.cssPath}); err != nil {
		s.error(w, r, err)
		return
	}
	var until time.Time
	for _, e := range c.Upcoming {
		end := e.Start
		if e.End != nil {
			end = *e.End
		}
		if until.IsZero() || end.Before(until) {
			until = end
		}
	}
	s.cache.put(key, version, "text/html; charset=utf-8", buf.Bytes(), until).serve(w, r)
}

// BaseURL is kehoach's address for absolute links: configured (the
// KEHOACH_BASE_URL setting) when set, else the scheme and host the request
// came to. Setting the address keeps a forged Host header out of what
// shared caches keep.
func BaseURL(r *http.Request, configured string) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// feed serves GET /public/plans/{id}/feed.atom: the news items.
func (s *server) feed(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	version, err := s.Ops.PublicVersion(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	base := BaseURL(r, s.BaseURL)
	key := "feed\x00" + id + "\x00" + base
	if e := s.cache.get(key, version, time.Time{}); e != nil {
		e.serve(w, r)
		return
	}
	c, err := s.Ops.PublicCampaign(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	page := base + "/public/plans/" + c.PlanID
	f := &feeds.Feed{Title: c.Title, Link: &feeds.Link{Href: page}, Id: page,
		Description: "Tin, bài tuyên truyền", Author: &feeds.Author{Name: c.Agency}, Updated: c.Updated, Created: c.Created}
	for _, p := range c.Posts {
		day, _ := time.ParseInLocation(time.DateOnly, p.PublishedOn, kehoach.Zone)
		f.Items = append(f.Items, &feeds.Item{Title: p.Title, Link: &feeds.Link{Href: p.URL}, Id: "urn:uuid:" + p.ID,
			Description: p.Kind.Name(), Created: day, Updated: p.UpdatedAt})
	}
	atom, err := f.ToAtom()
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.cache.put(key, version, "application/atom+xml; charset=utf-8", []byte(atom), time.Time{}).serve(w, r)
}

// calendar serves GET /public/plans/{id}/events.ics.
func (s *server) calendar(w http.ResponseWriter, r *http.Request) {
	c, err := s.Ops.PublicCampaign(r.Context(), r.PathValue("id"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	host := r.Host
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	cal := notify.Calendar{Name: c.Title, Stamp: s.Ops.Now()}
	for _, list := range [][]*kehoach.CampaignEvent{c.Upcoming, c.Past} {
		for _, e := range list {
			end := e.Start.Add(2 * time.Hour)
			if e.End != nil {
				end = *e.End
			}
			it := notify.CalendarItem{UID: e.ID + "@" + host, Summary: e.Name, Location: e.Place, Description: e.Organiser,
				Start: e.Start, End: end, Status: "CONFIRMED"}
			if e.Status == kehoach.EventTentative {
				it.Description, it.Status = strings.TrimSpace("Dự kiến. "+e.Organiser), "TENTATIVE"
			}
			cal.Items = append(cal.Items, it)
		}
	}
	var buf bytes.Buffer
	if err := notify.WriteICS(&buf, cal); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `inline; filename="su-kien.ics"`)
	write(w, r, "text/calendar; charset=utf-8", buf.Bytes())
}

// static serves the stylesheet; under its current checksum it is cached
// for good.
func (s *server) static(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("name") != "public.css" {
		s.error(w, r, kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy trang."))
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	if r.URL.Path == s.cssPath {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	_, _ = w.Write(s.css)
}
