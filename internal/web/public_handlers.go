package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

// The public campaign page of a plan: no login, light, and nothing on it
// that is not meant for the public. It reads only the plan's title and
// period, the messages and contacts, the events and the news items; never
// unit reports, obstacles, people or drafts.

// publicData is what the public page shows.
type publicData struct {
	Plan     *kehoach.Plan
	Agency   string
	Messages []kehoach.Message
	Slogans  []kehoach.Message
	Hotline  *kehoach.Contact
	Contacts []kehoach.Contact
	Upcoming []*kehoach.CampaignEvent
	Past     []*kehoach.CampaignEvent
	Posts    []*kehoach.Post
	Updated  time.Time
}

// publicPlan returns the plan of the path when its page is published and
// the plan is not a draft; anything else is not found, so that an
// unpublished plan cannot be told from a missing one.
func (s *server) publicPlan(r *http.Request) (*kehoach.Plan, error) {
	p, err := s.DB.FindPlanByID(r.Context(), r.PathValue("id"))
	if err != nil {
		if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
			return nil, notFound()
		}
		return nil, err
	}
	pub, err := s.DB.FindPublication(r.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	if !pub.Published || p.Status == kehoach.PlanDraft {
		return nil, notFound()
	}
	return p, nil
}

func (s *server) loadPublic(r *http.Request) (*publicData, error) {
	p, err := s.publicPlan(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	d := &publicData{Plan: p, Updated: p.UpdatedAt}
	if ag, err := s.DB.FindUnitByID(ctx, p.AgencyID); err == nil {
		d.Agency = ag.Name
	}
	pubty, err := s.DB.FindPublicity(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range pubty.Messages {
		if m.Kind == kehoach.KindSlogan {
			d.Slogans = append(d.Slogans, m)
		} else {
			d.Messages = append(d.Messages, m)
		}
	}
	for i, c := range pubty.Contacts {
		if d.Hotline == nil && strings.TrimSpace(c.Phone) == kehoach.Hotline {
			d.Hotline = &pubty.Contacts[i]
			continue
		}
		d.Contacts = append(d.Contacts, c)
	}
	if d.Hotline == nil {
		d.Hotline = &kehoach.Contact{Name: "Tổng đài điện thoại quốc gia bảo vệ trẻ em", Phone: kehoach.Hotline, Hours: "24/7, miễn phí", National: true}
	}
	events, err := s.DB.FindEvents(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	now := s.DB.Clock.Now()
	for _, e := range events {
		if e.Status == kehoach.EventCancelled {
			continue
		}
		end := e.Start
		if e.End != nil {
			end = *e.End
		}
		if end.Before(now) {
			d.Past = append([]*kehoach.CampaignEvent{e}, d.Past...)
		} else {
			d.Upcoming = append(d.Upcoming, e)
		}
		if e.UpdatedAt.After(d.Updated) {
			d.Updated = e.UpdatedAt
		}
	}
	if d.Posts, err = s.DB.FindPosts(ctx, kehoach.PostFilter{PlanID: p.ID, Limit: 20}); err != nil {
		return nil, err
	}
	for _, x := range d.Posts {
		if x.UpdatedAt.After(d.Updated) {
			d.Updated = x.UpdatedAt
		}
	}
	return d, nil
}

// publicPage serves GET /public/plans/{id}.
func (s *server) publicPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadPublic(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t := s.pages["public"]
	var buf bytes.Buffer
	pg := &page{Title: d.Plan.FullTitle(), Lang: langOf(r), Path: r.URL.RequestURI(), Data: d}
	if err := t.ExecuteTemplate(&buf, "public-page", pg); err != nil {
		s.Logger.Error("render", "template", "public", "err", err)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(buf.Bytes())
}

// baseURL is kehoach's public address (KEHOACH_BASE_URL) when it is set,
// else the scheme and host the request came to, for absolute links in the
// feed. Setting the address keeps a forged Host header out of feeds that
// shared caches keep.
func (s *server) baseURL(r *http.Request) string {
	if s.BaseURL != "" {
		return strings.TrimRight(s.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// publicFeed serves GET /public/plans/{id}/feed.atom: the news items.
func (s *server) publicFeed(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadPublic(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := s.baseURL(r) + "/public/plans/" + d.Plan.ID
	f := &feeds.Feed{Title: d.Plan.FullTitle(), Link: &feeds.Link{Href: page}, Id: page,
		Description: "Tin, bài tuyên truyền", Author: &feeds.Author{Name: d.Agency}, Updated: d.Updated, Created: d.Plan.CreatedAt}
	for _, p := range d.Posts {
		day, _ := time.ParseInLocation(time.DateOnly, p.PublishedOn, kehoach.Zone)
		f.Items = append(f.Items, &feeds.Item{Title: p.Title, Link: &feeds.Link{Href: p.URL}, Id: "urn:uuid:" + p.ID,
			Description: p.Kind.Name(), Created: day, Updated: p.UpdatedAt})
	}
	atom, err := f.ToAtom()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write([]byte(atom))
}

// publicCalendar serves GET /public/plans/{id}/events.ics.
func (s *server) publicCalendar(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadPublic(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	host := r.Host
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	cal := notify.Calendar{Name: d.Plan.FullTitle(), Stamp: s.DB.Clock.Now()}
	for _, list := range [][]*kehoach.CampaignEvent{d.Upcoming, d.Past} {
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
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="su-kien.ics"`)
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(buf.Bytes())
}

// When shows an event's time in Vietnam: "07:30 30/05/2023", with the end
// time when it ends the same day.
func (d *publicData) When(e *kehoach.CampaignEvent) string { return eventWhen(e) }

func eventWhen(e *kehoach.CampaignEvent) string {
	s := e.Start.In(kehoach.Zone)
	out := s.Format("15:04 02/01/2006")
	if e.End != nil {
		end := e.End.In(kehoach.Zone)
		if end.Format(time.DateOnly) == s.Format(time.DateOnly) {
			out = s.Format("15:04") + "–" + end.Format("15:04 02/01/2006")
		} else {
			out += " – " + end.Format("15:04 02/01/2006")
		}
	}
	return out
}

// Tel returns the tel: link of a phone number; it holds only digits and
// "+", so the template may trust it as a URL.
func (d *publicData) Tel(phone string) template.URL { return template.URL(kehoach.TelURI(phone)) }
