package api

import (
	"context"
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

func (d Deps) listPosts() handler { return listed("posts", d.Ops.Posts) }

func (d Deps) createPost() handler { return withBody(http.StatusCreated, d.Ops.CreatePost) }

// updatePost changes a post found by its own id, whatever its plan.
func (d Deps) updatePost() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in ops.PostInput) (*kehoach.Post, error) {
		return d.Ops.UpdatePost(ctx, a, "", id, in)
	})
}

func (d Deps) deletePost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := d.Ops.DeletePost(r.Context(), a, "", r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (d Deps) getPublicity() handler { return onPath(d.Ops.Publicity) }

func (d Deps) savePublicity() handler { return withBody(http.StatusOK, d.Ops.SavePublicity) }

func (d Deps) listEvents() handler { return listed("events", d.Ops.Events) }

func (d Deps) createEvent() handler { return withBody(http.StatusCreated, d.Ops.CreateEvent) }

// updateEvent changes an event found by its own id, whatever its plan.
func (d Deps) updateEvent() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in ops.EventInput) (*kehoach.CampaignEvent, error) {
		return d.Ops.UpdateEvent(ctx, a, "", id, in)
	})
}

func (d Deps) getPublication() handler { return onPath(d.Ops.Publication) }

func (d Deps) setPublication() handler { return withBody(http.StatusOK, d.Ops.SetPublished) }
