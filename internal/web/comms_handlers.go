package web

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// commsRoutes lists the pages of a plan's communications and its public
// campaign page.
func (s *server) commsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /public/plans/{id}", s.publicPage)
	mux.HandleFunc("GET /public/plans/{id}/feed.atom", s.publicFeed)
	mux.HandleFunc("GET /public/plans/{id}/events.ics", s.publicCalendar)
	mux.Handle("GET /plans/{id}/posts", s.authed(s.postList))
	mux.Handle("POST /plans/{id}/posts", s.authed(s.postCreate))
	mux.Handle("GET /plans/{id}/posts/{post}", s.authed(s.postEdit))
	mux.Handle("POST /plans/{id}/posts/{post}", s.authed(s.postUpdate))
	mux.Handle("POST /plans/{id}/posts/{post}/delete", s.authed(s.postDelete))
	mux.Handle("GET /plans/{id}/publicity", s.authed(s.publicityPage))
	mux.Handle("POST /plans/{id}/publicity", s.authed(s.publicitySave))
	mux.Handle("POST /plans/{id}/publish", s.authed(s.publish))
	mux.Handle("GET /plans/{id}/events", s.authed(s.eventList))
	mux.Handle("POST /plans/{id}/events", s.authed(s.eventCreate))
	mux.Handle("POST /plans/{id}/events/from-plan", s.authed(s.eventsFromPlan))
	mux.Handle("POST /plans/{id}/events/{event}", s.authed(s.eventUpdate))
	mux.Handle("POST /plans/{id}/events/{event}/photos", s.authed(s.eventPhotoUpload))
	mux.Handle("GET /plans/{id}/photos/{photo}", s.authed(s.eventPhoto))
}

// postForm is the news item form with what was typed and its problems.
type postForm struct {
	Plan     *kehoach.Plan
	ID       string
	UnitID   string
	TaskID   string
	Title    string
	URL      string
	Kind     string
	Date     string
	Minutes  string
	Problems map[string]string
	Units    []*kehoach.OrgUnit
	Tasks    []*kehoach.Task
	Kinds    []kehoach.PostKind
}

// postsData is the news items page: the list, the totals and the form.
type postsData struct {
	Plan      *kehoach.Plan
	Posts     []*kehoach.Post
	UnitNames map[string]string
	Count     int
	Minutes   string
	Form      *postForm
	CanEdit   bool
	Published bool
	Saved     string
	// Editing shows only the form, for one item.
	Editing bool
}

// commsUnits are the units the actor may record news items or events for.
func commsUnits(a *kehoach.Actor, p *kehoach.Plan) []*kehoach.OrgUnit {
	var out []*kehoach.OrgUnit
	for _, u := range a.Tree.Units() {
		if a.Tree.IsWithin(u.ID, p.AgencyID) && u.ID != p.AgencyID && a.CanChangeUnitWork(u.ID) {
			out = append(out, u)
		}
	}
	return out
}

func (s *server) newPostForm(r *http.Request, a *kehoach.Actor, p *kehoach.Plan, f *postForm) (*postForm, error) {
	if f == nil {
		f = &postForm{Kind: string(kehoach.PostNews), Date: s.DB.Clock.Now().In(kehoach.Zone).Format(time.DateOnly), UnitID: a.UnitID()}
	}
	f.Plan, f.Units, f.Kinds = p, commsUnits(a, p), kehoach.PostKinds
	tasks, err := s.DB.FindTasks(r.Context(), kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	f.Tasks = tasks
	return f, nil
}

func (s *server) postsPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, p *kehoach.Plan, f *postForm, status int) error {
	posts, err := s.DB.FindPosts(r.Context(), kehoach.PostFilter{PlanID: p.ID})
	if err != nil {
		return err
	}
	pub, err := s.DB.FindPublication(r.Context(), p.ID)
	if err != nil {
		return err
	}
	d := postsData{Plan: p, Posts: posts, UnitNames: map[string]string{}, Count: len(posts), CanEdit: a.CanEditPlan(p.AgencyID),
		Published: pub.Published, Saved: r.URL.Query().Get("saved")}
	var minutes float64
	for _, x := range posts {
		if u := a.Tree.Unit(x.UnitID); u != nil {
			d.UnitNames[x.UnitID] = u.Name
		}
		if x.Minutes != nil {
			minutes += *x.Minutes
		}
	}
	d.Minutes = kehoach.FormatValue(minutes, true)
	if d.Form, err = s.newPostForm(r, a, p, f); err != nil {
		return err
	}
	s.render(w, r, status, "comms_posts", s.newPage(r, Translate(langOf(r), "Tin, bài tuyên truyền"), d))
	return nil
}

func (s *server) postList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	return s.postsPage(w, r, a, p, nil, http.StatusOK)
}

// readPostForm decodes the form; it never fails, problems go on the form.
func readPostForm(r *http.Request) (*postForm, *kehoach.Post) {
	f := &postForm{UnitID: r.PostFormValue("unitId"), TaskID: r.PostFormValue("taskId"), Title: strings.TrimSpace(r.PostFormValue("title")),
		URL: strings.TrimSpace(r.PostFormValue("url")), Kind: r.PostFormValue("kind"), Date: strings.TrimSpace(r.PostFormValue("publishedOn")),
		Minutes: strings.TrimSpace(r.PostFormValue("minutes"))}
	p := &kehoach.Post{UnitID: f.UnitID, TaskID: f.TaskID, Title: f.Title, URL: f.URL, Kind: kehoach.PostKind(f.Kind), PublishedOn: f.Date}
	return f, p
}

// parseMinutes reads a length written "12", "12,5" or "12.5".
func parseMinutes(s string) (*float64, string) {
	if s == "" {
		return nil, ""
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil {
		return nil, "Thời lượng phải là một số phút, ví dụ 12 hoặc 12,5."
	}
	return &v, ""
}

// postProblems turns an error into problems beside the fields.
func postProblems(r *http.Request, err error) (map[string]string, bool) {
	code := kehoach.ErrorCode(err)
	if code != kehoach.EINVALID && code != kehoach.ECONFLICT && code != kehoach.EFORBIDDEN {
		return nil, false
	}
	l := langOf(r)
	out := map[string]string{}
	for k, v := range kehoach.ErrorFields(err) {
		out[k] = Translate(l, v)
	}
	if len(out) == 0 {
		out["form"] = Translate(l, kehoach.ErrorMessage(err))
	}
	return out, true
}

func (s *server) savePost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, id string) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := parseForm(r); err != nil {
		return err
	}
	f, post := readPostForm(r)
	f.ID, post.ID, post.PlanID = id, id, p.ID
	m, problem := parseMinutes(f.Minutes)
	post.Minutes = m
	if problem == "" {
		err = post.Validate(p, s.DB.Clock.Now())
	} else {
		err = post.Validate(p, s.DB.Clock.Now())
		fields := kehoach.ErrorFields(err)
		if fields == nil {
			fields = map[string]string{}
		}
		fields["minutes"] = problem
		err = kehoach.Invalid(fields)
	}
	if err == nil {
		if id == "" {
			err = s.DB.CreatePost(r.Context(), post)
		} else {
			err = s.DB.UpdatePost(r.Context(), post)
		}
	}
	if err != nil {
		probs, ok := postProblems(r, err)
		if !ok {
			return err
		}
		f.Problems = probs
		status := statusOf(kehoach.ErrorCode(err))
		if id != "" {
			return s.renderPostEdit(w, r, a, p, f, status)
		}
		return s.postsPage(w, r, a, p, f, status)
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/posts?saved=1", http.StatusSeeOther)
	return nil
}

func (s *server) postCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.savePost(w, r, a, "")
}

func (s *server) postUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := s.planPost(r, a); err != nil {
		return err
	}
	return s.savePost(w, r, a, r.PathValue("post"))
}

// planPost returns the news item of the path, when it belongs to the plan
// of the path and the actor may read the plan.
func (s *server) planPost(r *http.Request, a *kehoach.Actor) (*kehoach.Post, error) {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return nil, err
	}
	post, err := s.DB.FindPostByID(r.Context(), r.PathValue("post"))
	if err != nil {
		return nil, err
	}
	if post.PlanID != p.ID {
		return nil, notFound()
	}
	return post, nil
}

func (s *server) renderPostEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, p *kehoach.Plan, f *postForm, status int) error {
	f, err := s.newPostForm(r, a, p, f)
	if err != nil {
		return err
	}
	d := postsData{Plan: p, Form: f, Editing: true}
	s.render(w, r, status, "comms_posts", s.newPage(r, Translate(langOf(r), "Sửa tin, bài"), d))
	return nil
}

func (s *server) postEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	post, err := s.planPost(r, a)
	if err != nil {
		return err
	}
	if !a.CanChangeUnitWork(post.UnitID) {
		return forbidden()
	}
	p, _ := s.readablePlan(r, a)
	f := &postForm{ID: post.ID, UnitID: post.UnitID, TaskID: post.TaskID, Title: post.Title, URL: post.URL, Kind: string(post.Kind), Date: post.PublishedOn}
	if post.Minutes != nil {
		f.Minutes = strings.ReplaceAll(strconv.FormatFloat(*post.Minutes, 'f', -1, 64), ".", ",")
	}
	return s.renderPostEdit(w, r, a, p, f, http.StatusOK)
}

func (s *server) postDelete(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	post, err := s.planPost(r, a)
	if err != nil {
		return err
	}
	if err := s.DB.DeletePost(r.Context(), post.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+post.PlanID+"/posts?saved=deleted", http.StatusSeeOther)
	return nil
}

// contactRow is one contact of the editor.
type contactRow struct {
	Index int
	kehoach.Contact
}

// publicityForm is the messages and contacts editor.
type publicityForm struct {
	Plan      *kehoach.Plan
	Messages  string
	Slogans   string
	Contacts  []contactRow
	Problems  map[string]string
	Saved     bool
	Published bool
	CanEdit   bool
}

func contactRows(cs []kehoach.Contact) []contactRow {
	var out []contactRow
	for i, c := range cs {
		out = append(out, contactRow{Index: i, Contact: c})
	}
	// Room for two more.
	for i := 0; i < 2; i++ {
		out = append(out, contactRow{Index: len(out)})
	}
	return out
}

func (s *server) publicityPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	pub, err := s.DB.FindPublicity(r.Context(), p.ID)
	if err != nil {
		return err
	}
	state, err := s.DB.FindPublication(r.Context(), p.ID)
	if err != nil {
		return err
	}
	f := &publicityForm{Plan: p, Contacts: contactRows(pub.Contacts), Saved: r.URL.Query().Get("saved") == "1",
		Published: state.Published, CanEdit: a.CanEditPlan(p.AgencyID)}
	var ms, ss []string
	for _, m := range pub.Messages {
		if m.Kind == kehoach.KindSlogan {
			ss = append(ss, m.Text)
		} else {
			ms = append(ms, m.Text)
		}
	}
	f.Messages, f.Slogans = strings.Join(ms, "\n"), strings.Join(ss, "\n")
	s.render(w, r, http.StatusOK, "comms_publicity", s.newPage(r, Translate(langOf(r), "Thông điệp và thông tin liên hệ"), f))
	return nil
}

func (s *server) publicitySave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := parseForm(r); err != nil {
		return err
	}
	f := &publicityForm{Plan: p, Messages: r.PostFormValue("messages"), Slogans: r.PostFormValue("slogans"), CanEdit: true}
	pub := &kehoach.Publicity{PlanID: p.ID}
	for _, kind := range []struct {
		text string
		kind kehoach.MessageKind
	}{{f.Messages, kehoach.KindMessage}, {f.Slogans, kehoach.KindSlogan}} {
		for _, line := range strings.Split(kind.text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				pub.Messages = append(pub.Messages, kehoach.Message{Kind: kind.kind, Text: line})
			}
		}
	}
	for i := 0; i < 50; i++ {
		k := "contact." + strconv.Itoa(i) + "."
		if _, ok := r.PostForm[k+"name"]; !ok {
			break
		}
		pub.Contacts = append(pub.Contacts, kehoach.Contact{Name: r.PostFormValue(k + "name"), Phone: r.PostFormValue(k + "phone"),
			Address: r.PostFormValue(k + "address"), Hours: r.PostFormValue(k + "hours"), National: r.PostFormValue(k+"national") == "on"})
	}
	typed := append([]kehoach.Contact(nil), pub.Contacts...)
	if err := s.DB.SavePublicity(r.Context(), pub); err != nil {
		probs, ok := postProblems(r, err)
		if !ok {
			return err
		}
		f.Problems, f.Contacts = probs, contactRows(typed)
		s.render(w, r, statusOf(kehoach.ErrorCode(err)), "comms_publicity", s.newPage(r, Translate(langOf(r), "Thông điệp và thông tin liên hệ"), f))
		return nil
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/publicity?saved=1", http.StatusSeeOther)
	return nil
}

func (s *server) publish(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	if err := s.DB.SetPublished(r.Context(), p.ID, r.PostFormValue("published") == "1"); err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/publicity", http.StatusSeeOther)
	return nil
}

// eventForm is an event's form with what was typed and its problems.
type eventForm struct {
	ID, UnitID, Name, Place, Organiser, Status string
	Date, StartTime, EndTime, Attendance       string
	Photos                                     []kehoach.EventPhoto
	When                                       string
	Problems                                   map[string]string
	// PlanID, Units and Page let the form template stand alone.
	PlanID string
	Units  []*kehoach.OrgUnit
	Page   *page
}

// eventsData is the events page.
type eventsData struct {
	Plan     *kehoach.Plan
	Events   []*eventForm
	New      *eventForm
	Units    []*kehoach.OrgUnit
	CanEdit  bool
	FromPlan int
}

func eventToForm(e *kehoach.CampaignEvent) *eventForm {
	f := &eventForm{ID: e.ID, UnitID: e.UnitID, Name: e.Name, Place: e.Place, Organiser: e.Organiser, Status: string(e.Status),
		Photos: e.Photos, When: eventWhen(e)}
	st := e.Start.In(kehoach.Zone)
	f.Date, f.StartTime = st.Format(time.DateOnly), st.Format("15:04")
	if e.End != nil {
		f.EndTime = e.End.In(kehoach.Zone).Format("15:04")
	}
	if e.Attendance != nil {
		f.Attendance = strconv.Itoa(*e.Attendance)
	}
	return f
}

// missingPlanEvents are the events the plan names that are not recorded yet.
func missingPlanEvents(p *kehoach.Plan, have []*kehoach.CampaignEvent) []kehoach.Event {
	var out []kehoach.Event
	for _, pe := range p.Events {
		found := false
		for _, e := range have {
			if strings.EqualFold(strings.TrimSpace(e.Name), strings.TrimSpace(pe.Name)) {
				found = true
			}
		}
		if !found && pe.Date != nil {
			out = append(out, pe)
		}
	}
	return out
}

func (s *server) eventsPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, p *kehoach.Plan, failed *eventForm, status int) error {
	events, err := s.DB.FindEvents(r.Context(), p.ID)
	if err != nil {
		return err
	}
	d := eventsData{Plan: p, Units: commsUnits(a, p), CanEdit: a.CanEditPlan(p.AgencyID), FromPlan: len(missingPlanEvents(p, events))}
	for _, e := range events {
		f := eventToForm(e)
		if failed != nil && failed.ID == e.ID {
			failed.Photos, failed.When = e.Photos, f.When
			f = failed
		}
		d.Events = append(d.Events, f)
	}
	d.New = &eventForm{Status: string(kehoach.EventTentative), StartTime: "07:30", UnitID: a.UnitID()}
	if failed != nil && failed.ID == "" {
		d.New = failed
	}
	pg := s.newPage(r, Translate(langOf(r), "Sự kiện"), &d)
	for _, f := range append(d.Events, d.New) {
		f.PlanID, f.Units, f.Page = p.ID, d.Units, pg
	}
	s.render(w, r, status, "comms_events", pg)
	return nil
}

func (s *server) eventList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	return s.eventsPage(w, r, a, p, nil, http.StatusOK)
}

// readEventForm decodes an event form into the form and the event; fields
// it cannot read become problems.
func readEventForm(r *http.Request) (*eventForm, *kehoach.CampaignEvent, map[string]string) {
	f := &eventForm{UnitID: r.PostFormValue("unitId"), Name: strings.TrimSpace(r.PostFormValue("name")), Place: strings.TrimSpace(r.PostFormValue("place")),
		Organiser: strings.TrimSpace(r.PostFormValue("organiser")), Status: r.PostFormValue("status"), Date: strings.TrimSpace(r.PostFormValue("date")),
		StartTime: strings.TrimSpace(r.PostFormValue("startTime")), EndTime: strings.TrimSpace(r.PostFormValue("endTime")),
		Attendance: strings.TrimSpace(r.PostFormValue("attendance"))}
	e := &kehoach.CampaignEvent{UnitID: f.UnitID, Name: f.Name, Place: f.Place, Organiser: f.Organiser, Status: kehoach.EventStatus(f.Status)}
	probs := map[string]string{}
	if f.StartTime == "" {
		f.StartTime = "00:00"
	}
	if st, err := time.ParseInLocation("2006-01-02 15:04", f.Date+" "+f.StartTime, kehoach.Zone); err != nil {
		probs["start"] = "Ngày, giờ bắt đầu không hợp lệ (ngày YYYY-MM-DD, giờ HH:MM)."
	} else {
		e.Start = st
		if f.EndTime != "" {
			if en, err := time.ParseInLocation("2006-01-02 15:04", f.Date+" "+f.EndTime, kehoach.Zone); err != nil {
				probs["end"] = "Giờ kết thúc không hợp lệ (HH:MM)."
			} else {
				e.End = &en
			}
		}
	}
	if f.Attendance != "" {
		n, err := strconv.Atoi(f.Attendance)
		if err != nil {
			probs["attendance"] = "Số người tham dự phải là số nguyên."
		} else {
			e.Attendance = &n
		}
	}
	return f, e, probs
}

func (s *server) saveEvent(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, id string) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := parseForm(r); err != nil {
		return err
	}
	f, e, probs := readEventForm(r)
	f.ID, e.ID, e.PlanID = id, id, p.ID
	if id != "" {
		old, err := s.DB.FindEventByID(r.Context(), id)
		if err != nil {
			return err
		}
		if old.PlanID != p.ID {
			return notFound()
		}
	}
	if len(probs) > 0 {
		if verr := e.Validate(s.DB.Clock.Now()); verr != nil {
			for k, v := range kehoach.ErrorFields(verr) {
				if probs[k] == "" {
					probs[k] = v
				}
			}
		}
		err = kehoach.Invalid(probs)
	} else if id == "" {
		err = s.DB.CreateEvent(r.Context(), e)
	} else {
		err = s.DB.UpdateEvent(r.Context(), e)
	}
	if err != nil {
		pr, ok := postProblems(r, err)
		if !ok {
			return err
		}
		f.Problems = pr
		return s.eventsPage(w, r, a, p, f, statusOf(kehoach.ErrorCode(err)))
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/events", http.StatusSeeOther)
	return nil
}

func (s *server) eventCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.saveEvent(w, r, a, "")
}

func (s *server) eventUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.saveEvent(w, r, a, r.PathValue("event"))
}

// eventsFromPlan records, as tentative, the events the plan names: the
// Office's work, refused to others even when nothing is missing.
func (s *server) eventsFromPlan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	have, err := s.DB.FindEvents(r.Context(), p.ID)
	if err != nil {
		return err
	}
	for _, pe := range missingPlanEvents(p, have) {
		day, err := time.ParseInLocation(time.DateOnly, *pe.Date, kehoach.Zone)
		if err != nil {
			continue
		}
		e := &kehoach.CampaignEvent{PlanID: p.ID, UnitID: a.UnitID(), Name: pe.Name, Start: day.Add(7*time.Hour + 30*time.Minute), Status: kehoach.EventConfirmed}
		if pe.Tentative {
			e.Status = kehoach.EventTentative
		}
		if pe.Place != nil {
			e.Place = *pe.Place
		}
		if err := s.DB.CreateEvent(r.Context(), e); err != nil {
			return err
		}
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/events", http.StatusSeeOther)
	return nil
}

func (s *server) eventPhotoUpload(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	e, err := s.DB.FindEventByID(r.Context(), r.PathValue("event"))
	if err != nil {
		return err
	}
	if e.PlanID != p.ID {
		return notFound()
	}
	r.Body = http.MaxBytesReader(w, r.Body, 11<<20)
	file, hdr, err := r.FormFile("photo")
	if err != nil {
		return kehoach.Invalid(map[string]string{"photo": "Chọn một tệp ảnh (tối đa 10 MB)."})
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return kehoach.Invalid(map[string]string{"photo": "Ảnh lớn quá 10 MB."})
	}
	if _, err := s.DB.AddEventPhoto(r.Context(), e.ID, hdr.Filename, data); err != nil {
		pr, ok := postProblems(r, err)
		if !ok {
			return err
		}
		f := eventToForm(e)
		f.Problems = pr
		return s.eventsPage(w, r, a, p, f, statusOf(kehoach.ErrorCode(err)))
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/events", http.StatusSeeOther)
	return nil
}

func (s *server) eventPhoto(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	ph, planID, data, err := s.DB.EventPhotoData(r.Context(), r.PathValue("photo"))
	if err != nil {
		return err
	}
	if planID != p.ID {
		return notFound()
	}
	w.Header().Set("Content-Type", ph.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
	return nil
}

// commsEnglish holds the English of the communications pages. It is merged
// into the shared table at start-up rather than written there, so that two
// files never define the same key (a compile error in a map literal).
var commsEnglish = map[string]string{
	"Truyền thông": "Communications", "Tin, bài": "News items", "Sự kiện": "Events", "Thông điệp, liên hệ": "Messages, contacts",
	"Tin, bài tuyên truyền": "News items", "Sửa tin, bài": "Edit news item", "Thêm tin, bài": "Add a news item",
	"Số tin, bài": "News items", "Tổng thời lượng": "Total length", "phút": "minutes",
	"tự động đưa vào chỉ tiêu của kế hoạch": "counted in the plan's indicators automatically",
	"Ngày đăng": "Published on", "Tiêu đề": "Title", "Loại": "Kind", "Thời lượng": "Length", "Đơn vị": "Unit",
	"Sửa": "Edit", "Xóa": "Delete", "Đã xóa.": "Deleted.", "Chưa có tin, bài nào.": "No news items yet.",
	"Đường dẫn (link)": "Link", "Thời lượng (phút, cho video, âm thanh)": "Length (minutes, for video and audio)",
	"Nhiệm vụ": "Task", "Bạn không có quyền ghi nhận tin, bài.": "You may not record news items.",
	"Tin": "News", "Bài viết": "Article", "Video, phóng sự": "Video, report", "Âm thanh, phát thanh": "Audio, radio",
	"Pa-nô, áp phích": "Poster", "Bài trên mạng xã hội": "Social media post",
	"Thông điệp và thông tin liên hệ": "Messages and contacts", "Trang tuyên truyền công khai": "Public campaign page",
	"Đã công bố": "Published", "Chưa công bố.": "Not published.", "Gỡ trang công khai": "Unpublish the public page",
	"Công bố trang công khai": "Publish the public page", "Thông điệp, khẩu hiệu": "Messages and slogans",
	"Thông điệp (mỗi dòng một thông điệp)": "Messages (one per line)", "Khẩu hiệu (mỗi dòng một khẩu hiệu)": "Slogans (one per line)",
	"Thông tin liên hệ": "Contacts", "Tổng đài 111 luôn hiện đầu trang công khai.": "Hotline 111 always leads the public page.",
	"Liên hệ": "Contact", "Tên cơ quan, dịch vụ": "Agency or service", "Địa chỉ": "Address", "Toàn quốc": "National",
	"Tạo sự kiện nêu trong kế hoạch": "Create the events the plan names", "Ảnh minh chứng": "Photo as evidence", "Tải ảnh lên": "Upload photo",
	"Chưa có sự kiện nào.": "No events yet.", "Thêm sự kiện": "Add an event", "Tên sự kiện": "Event name", "Ngày": "Date",
	"Giờ bắt đầu": "Start time", "Giờ kết thúc": "End time", "Địa điểm": "Place", "Đơn vị tổ chức": "Organiser",
	"Đơn vị tham gia, báo cáo số người": "Unit taking part (reports attendance)", "Trạng thái": "Status", "Dự kiến": "Tentative",
	"Chính thức": "Confirmed", "Đã hủy": "Cancelled", "Số người tham dự (ghi sau sự kiện)": "Attendance (after the event)",
	"Đường dẫn này đã được ghi nhận.":                                   "This link is already recorded.",
	"Thời lượng không được âm.":                                         "The length cannot be negative.",
	"Đường dẫn phải là địa chỉ web bắt đầu bằng http:// hoặc https://.": "The link must be a web address starting with http:// or https://.",
	"Ngày đăng không được sau ngày hôm nay.":                            "The publication date cannot be after today.",
	"Nhập tiêu đề tin, bài.":                                            "Enter the title.", "Nhập đường dẫn (link) của tin, bài.": "Enter the link.",
}

func init() {
	for k, v := range commsEnglish {
		if _, ok := english[k]; !ok {
			english[k] = v
		}
	}
}
