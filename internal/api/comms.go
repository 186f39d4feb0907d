package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
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
	posts, err := d.Ops.Posts(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, postList{Posts: posts})
	return nil
}

func (d Deps) createPost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.PostInput
	if err := decode(r, &in); err != nil {
		return err
	}
	post, err := d.Ops.CreatePost(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, post)
	return nil
}

func (d Deps) updatePost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.PostInput
	if err := decode(r, &in); err != nil {
		return err
	}
	post, err := d.Ops.UpdatePost(r.Context(), a, "", r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, post)
	return nil
}

func (d Deps) deletePost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := d.Ops.DeletePost(r.Context(), a, "", r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (d Deps) getPublicity(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	pub, err := d.Ops.Publicity(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pub)
	return nil
}

func (d Deps) savePublicity(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.PublicityInput
	if err := decode(r, &in); err != nil {
		return err
	}
	pub, err := d.Ops.SavePublicity(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
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
	events, err := d.Ops.Events(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, eventList{Events: events})
	return nil
}

func (d Deps) createEvent(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.EventInput
	if err := decode(r, &in); err != nil {
		return err
	}
	e, err := d.Ops.CreateEvent(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, e)
	return nil
}

func (d Deps) updateEvent(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.EventInput
	if err := decode(r, &in); err != nil {
		return err
	}
	e, err := d.Ops.UpdateEvent(r.Context(), a, "", r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

func (d Deps) getPublication(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	pub, err := d.Ops.Publication(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pub)
	return nil
}

func (d Deps) setPublication(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.PublicationInput
	if err := decode(r, &in); err != nil {
		return err
	}
	pub, err := d.Ops.SetPublished(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pub)
	return nil
}
