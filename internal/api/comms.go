package api

import (
	"net/http"
	"time"

	"github.com/kehoach/kehoach"
)

// commsRoutes lists the API of a plan's communications.
func (d Deps) commsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/plans/{id}/posts", d.authed(d.listPosts))
	mux.Handle("POST /api/v1/plans/{id}/posts", d.authed(d.createPost))
	mux.Handle("PUT /api/v1/posts/{id}", d.authed(d.updatePost))
	mux.Handle("DELETE /api/v1/posts/{id}", d.authed(d.deletePost))
	mux.Handle("GET /api/v1/plans/{id}/publicity", d.authed(d.getPublicity))
	mux.Handle("PUT /api/v1/plans/{id}/publicity", d.authed(d.savePublicity))
	mux.Handle("GET /api/v1/plans/{id}/events", d.authed(d.listEvents))
	mux.Handle("POST /api/v1/plans/{id}/events", d.authed(d.createEvent))
	mux.Handle("PUT /api/v1/events/{id}", d.authed(d.updateEvent))
	mux.Handle("GET /api/v1/plans/{id}/publication", d.authed(d.getPublication))
	mux.Handle("PUT /api/v1/plans/{id}/publication", d.authed(d.setPublication))
}

// postList is the response of GET /plans/{id}/posts.
type postList struct {
	Posts []*kehoach.Post `json:"posts"`
}

func (d Deps) listPosts(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	posts, err := d.DB.FindPosts(r.Context(), kehoach.PostFilter{PlanID: p.ID})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, postList{Posts: posts})
	return nil
}

// postInput is what a caller sends to record or change a news item.
type postInput struct {
	UnitID      string   `json:"unitId"`
	TaskID      string   `json:"taskId"`
	Title       string   `json:"title"`
	URL         string   `json:"url"`
	Kind        string   `json:"kind"`
	PublishedOn string   `json:"publishedOn"`
	Minutes     *float64 `json:"minutes"`
}

func (in postInput) post() *kehoach.Post {
	return &kehoach.Post{UnitID: in.UnitID, TaskID: in.TaskID, Title: in.Title, URL: in.URL, Kind: kehoach.PostKind(in.Kind),
		PublishedOn: in.PublishedOn, Minutes: in.Minutes}
}

func (d Deps) createPost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	var in postInput
	if err := decode(r, &in); err != nil {
		return err
	}
	post := in.post()
	post.PlanID = p.ID
	if err := d.DB.CreatePost(r.Context(), post); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, post)
	return nil
}

// readablePost returns the news item of the path when the actor may read
// its plan.
func (d Deps) readablePost(r *http.Request, a *kehoach.Actor) (*kehoach.Post, error) {
	post, err := d.DB.FindPostByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	p, err := d.DB.FindPlanByID(r.Context(), post.PlanID)
	if err != nil || !a.CanReadPlan(p) {
		return nil, kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy tin, bài.")
	}
	return post, nil
}

func (d Deps) updatePost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	old, err := d.readablePost(r, a)
	if err != nil {
		return err
	}
	var in postInput
	if err := decode(r, &in); err != nil {
		return err
	}
	post := in.post()
	post.ID, post.PlanID = old.ID, old.PlanID
	if err := d.DB.UpdatePost(r.Context(), post); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, post)
	return nil
}

func (d Deps) deletePost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	post, err := d.readablePost(r, a)
	if err != nil {
		return err
	}
	if err := d.DB.DeletePost(r.Context(), post.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (d Deps) getPublicity(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	pub, err := d.DB.FindPublicity(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pub)
	return nil
}

// publicityInput is the body of PUT /plans/{id}/publicity.
type publicityInput struct {
	Messages []kehoach.Message `json:"messages"`
	Contacts []kehoach.Contact `json:"contacts"`
}

func (d Deps) savePublicity(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	var in publicityInput
	if err := decode(r, &in); err != nil {
		return err
	}
	pub := &kehoach.Publicity{PlanID: p.ID, Messages: in.Messages, Contacts: in.Contacts}
	if err := d.DB.SavePublicity(r.Context(), pub); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pub)
	return nil
}

// eventList is the response of GET /plans/{id}/events.
type eventList struct {
	Events []*kehoach.CampaignEvent `json:"events"`
}

func (d Deps) listEvents(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	events, err := d.DB.FindEvents(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, eventList{Events: events})
	return nil
}

// eventInput is what a caller sends to record or change an event.
type eventInput struct {
	UnitID     string              `json:"unitId"`
	Name       string              `json:"name"`
	Start      time.Time           `json:"start"`
	End        *time.Time          `json:"end"`
	Place      string              `json:"place"`
	Organiser  string              `json:"organiser"`
	Status     kehoach.EventStatus `json:"status"`
	Attendance *int                `json:"attendance"`
}

func (in eventInput) event() *kehoach.CampaignEvent {
	return &kehoach.CampaignEvent{UnitID: in.UnitID, Name: in.Name, Start: in.Start, End: in.End, Place: in.Place,
		Organiser: in.Organiser, Status: in.Status, Attendance: in.Attendance}
}

func (d Deps) createEvent(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	var in eventInput
	if err := decode(r, &in); err != nil {
		return err
	}
	e := in.event()
	e.PlanID = p.ID
	if err := d.DB.CreateEvent(r.Context(), e); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, e)
	return nil
}

func (d Deps) updateEvent(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	old, err := d.DB.FindEventByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if p, err := d.DB.FindPlanByID(r.Context(), old.PlanID); err != nil || !a.CanReadPlan(p) {
		return kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy sự kiện.")
	}
	var in eventInput
	if err := decode(r, &in); err != nil {
		return err
	}
	e := in.event()
	e.ID = old.ID
	if err := d.DB.UpdateEvent(r.Context(), e); err != nil {
		return err
	}
	e.Photos = old.Photos
	writeJSON(w, http.StatusOK, e)
	return nil
}

func (d Deps) getPublication(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	pub, err := d.DB.FindPublication(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pub)
	return nil
}

// publicationInput is the body of PUT /plans/{id}/publication.
type publicationInput struct {
	Published *bool `json:"published"`
}

func (d Deps) setPublication(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	var in publicationInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Published == nil {
		return kehoach.Invalid(map[string]string{"published": "Thiếu trường published (true hoặc false)."})
	}
	if err := d.DB.SetPublished(r.Context(), p.ID, *in.Published); err != nil {
		return err
	}
	pub, err := d.DB.FindPublication(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pub)
	return nil
}
