package api

import (
	"context"
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// obstacleList is the response of GET /plans/{id}/obstacles.
type obstacleList struct {
	Obstacles []*kehoach.Obstacle `json:"obstacles"`
}

func (d Deps) listObstacles(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	po, err := d.Ops.PlanObstacles(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	list := po.Obstacles
	if list == nil {
		list = []*kehoach.Obstacle{}
	}
	writeJSON(w, http.StatusOK, obstacleList{Obstacles: list})
	return nil
}

func (d Deps) raiseObstacle(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	// Files go through the web form.
	var in ops.ObstacleInput
	if err := decode(r, &in); err != nil {
		return err
	}
	o, err := d.Ops.RaiseObstacle(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, o)
	return nil
}

func (d Deps) getObstacle(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, err := d.Ops.Obstacle(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}

// obstacleStep decodes a body into the input of step, runs it on the
// obstacle of the path, and answers with the obstacle as it now stands.
func obstacleStep[T any](step func(context.Context, *kehoach.Actor, string, T) (*kehoach.Obstacle, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		var in T
		if err := decode(r, &in); err != nil {
			return err
		}
		o, err := step(r.Context(), a, r.PathValue("id"), in)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, o)
		return nil
	}
}

func (d Deps) mergeObstacle() handler    { return obstacleStep(d.Ops.MergeObstacle) }
func (d Deps) assessObstacle() handler   { return obstacleStep(d.Ops.AssessObstacle) }
func (d Deps) escalateObstacle() handler { return obstacleStep(d.Ops.EscalateObstacle) }
func (d Deps) answerObstacle() handler   { return obstacleStep(d.Ops.AnswerObstacle) }
func (d Deps) decideObstacle() handler   { return obstacleStep(d.Ops.DecideObstacle) }
func (d Deps) confirmObstacle() handler  { return obstacleStep(d.Ops.ConfirmObstacle) }
