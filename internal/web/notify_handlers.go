package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

type inboxData struct {
	ops.NotificationPage
	// Prev and Next are the addresses of the pages around this one.
	Prev, Next string
	Feeds      []ops.Feed
	Plans      []*kehoach.Plan
	// NewFeed is the address of a feed just created (shown once).
	NewFeed string
}

func (s *server) inbox(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	in, err := s.Ops.Inbox(r.Context(), a, page)
	if err != nil {
		return err
	}
	d := inboxData{NotificationPage: in.NotificationPage, Feeds: in.Feeds, Plans: in.Plans}
	if in.Page > 1 {
		d.Prev = "/notifications?page=" + strconv.Itoa(in.Page-1)
	}
	if in.Page < in.Pages {
		d.Next = "/notifications?page=" + strconv.Itoa(in.Page+1)
	}
	if tok := r.URL.Query().Get("feed"); tok != "" {
		d.NewFeed = s.baseURL(r) + "/calendar/" + tok + ".ics"
	}
	return s.show(w, r, "inbox", Translate(langOf(r), "Thông báo và lịch"), d)
}

func (s *server) markRead(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	n, err := s.Ops.ReadNotification(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	next := "/notifications"
	if n.Link != "" {
		next = n.Link
	}
	http.Redirect(w, r, localNext(next), http.StatusSeeOther)
	return nil
}

// readAll marks all the actor's notifications read.
func (s *server) readAll(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := s.Ops.ReadAllNotifications(r.Context(), a); err != nil {
		return err
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
	return nil
}

// createFeed makes a secret calendar address for the actor's unit or for a
// plan the actor may read.
func (s *server) createFeed(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	tok, err := s.Ops.CreateCalendarFeed(r.Context(), a, ops.FeedInput{Scope: r.PostFormValue("scope"), PlanID: r.PostFormValue("plan")})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/notifications?feed="+urlQueryEscape(tok), http.StatusSeeOther)
	return nil
}

func (s *server) revokeFeed(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := s.Ops.RevokeCalendarFeed(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
	return nil
}

// calendar serves a feed by its secret.
func (s *server) calendar(w http.ResponseWriter, r *http.Request) {
	cal, err := s.Ops.Calendar(r.Context(), strings.TrimSuffix(r.PathValue("file"), ".ics"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := notify.WriteICS(&buf, *cal); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	if httpx.NotModified(w, r, buf.Bytes()) {
		return
	}
	_, _ = w.Write(buf.Bytes())
}

// remind sends the Office's manual reminder to a unit from the monitoring
// page.
func (s *server) remind(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	in := ops.ReminderInput{UnitID: r.PostFormValue("unit"), ObligationID: r.PostFormValue("obligation"),
		Message: r.PostFormValue("message"), Key: r.PostFormValue("key")}
	id := r.PathValue("id")
	if _, err := s.Ops.SendReminder(r.Context(), a, id, in); err != nil {
		if kehoach.ErrorCode(err) != kehoach.EINVALID {
			return err
		}
		p, perr := s.Ops.EditablePlan(r.Context(), a, id)
		if perr != nil {
			return perr
		}
		d, derr := s.monitorData(r, a, p.ID)
		if derr != nil {
			return derr
		}
		d.RemindUnit, d.RemindMessage = in.UnitID, in.Message
		d.RemindProblem = kehoach.ErrorMessage(err)
		for _, v := range kehoach.ErrorFields(err) {
			d.RemindProblem = v
		}
		d.RemindProblem = Translate(langOf(r), d.RemindProblem)
		s.render(w, r, http.StatusBadRequest, "monitoring", s.newPage(r, Translate(langOf(r), "Theo dõi thực hiện"), d))
		return nil
	}
	http.Redirect(w, r, "/plans/"+id+"/monitoring?reminded="+urlQueryEscape(in.UnitID), http.StatusSeeOther)
	return nil
}
