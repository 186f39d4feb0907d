package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
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

// raiseObstacle raises an obstacle on a plan; files go through the web form.
func (d Deps) raiseObstacle() handler { return withBody(http.StatusCreated, d.Ops.RaiseObstacle) }
func (d Deps) getObstacle() handler   { return onPath(d.Ops.Obstacle) }

func (d Deps) mergeObstacle() handler    { return withBody(http.StatusOK, d.Ops.MergeObstacle) }
func (d Deps) assessObstacle() handler   { return withBody(http.StatusOK, d.Ops.AssessObstacle) }
func (d Deps) escalateObstacle() handler { return withBody(http.StatusOK, d.Ops.EscalateObstacle) }
func (d Deps) answerObstacle() handler   { return withBody(http.StatusOK, d.Ops.AnswerObstacle) }
func (d Deps) decideObstacle() handler   { return withBody(http.StatusOK, d.Ops.DecideObstacle) }
func (d Deps) confirmObstacle() handler  { return withBody(http.StatusOK, d.Ops.ConfirmObstacle) }
