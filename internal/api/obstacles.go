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
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	list, err := d.DB.FindObstacles(r.Context(), kehoach.ObstacleFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	if list == nil {
		list = []*kehoach.Obstacle{}
	}
	writeJSON(w, http.StatusOK, obstacleList{Obstacles: list})
	return nil
}

// obstacleIn is the body of a new obstacle. Files go through the web form.
type obstacleIn struct {
	TaskID   string `json:"taskId"`
	ForUnit  bool   `json:"forUnit"`
	What     string `json:"what"`
	Why      string `json:"why"`
	Proposal string `json:"proposal"`
}

func (d Deps) raiseObstacle(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	var in obstacleIn
	if err := decode(r, &in); err != nil {
		return err
	}
	o := &kehoach.Obstacle{PlanID: p.ID, TaskID: in.TaskID, ForUnit: in.ForUnit, What: in.What, Why: in.Why, Proposal: in.Proposal}
	if err := d.DB.RaiseObstacle(r.Context(), o, nil); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, o)
	return nil
}

func (d Deps) getObstacle(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, err := d.DB.FindObstacleByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}

// obstacleStep decodes a body into in, runs act, and answers with the
// obstacle as it now stands.
func obstacleStep[T any](d Deps, act func(r *http.Request, id string, in *T) error) handler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		var in T
		if err := decode(r, &in); err != nil {
			return err
		}
		id := r.PathValue("id")
		if err := act(r, id, &in); err != nil {
			return err
		}
		o, err := d.DB.FindObstacleByID(r.Context(), id)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, o)
		return nil
	}
}

type mergeIn struct {
	PrimaryID string `json:"primaryId"`
}

type answerIn struct {
	Text          string `json:"text"`
	NotActionable bool   `json:"notActionable"`
}

type decideIn struct {
	Text          string           `json:"text"`
	NotActionable bool             `json:"notActionable"`
	Effects       []kehoach.Effect `json:"effects"`
}

type confirmIn struct {
	Resolved bool   `json:"resolved"`
	Feedback string `json:"feedback"`
}

func (d Deps) mergeObstacle() handler {
	return obstacleStep(d, func(r *http.Request, id string, in *mergeIn) error {
		if in.PrimaryID == "" {
			return kehoach.Invalid(map[string]string{"primaryId": "Chọn khó khăn chính để gộp vào."})
		}
		return d.DB.MergeObstacle(r.Context(), id, in.PrimaryID)
	})
}

func (d Deps) escalateObstacle() handler {
	return obstacleStep(d, func(r *http.Request, id string, in *kehoach.ObstacleAssessment) error {
		return d.DB.EscalateObstacle(r.Context(), id, *in)
	})
}

func (d Deps) answerObstacle() handler {
	return obstacleStep(d, func(r *http.Request, id string, in *answerIn) error {
		_, err := d.DB.AnswerObstacle(r.Context(), id, in.Text, in.NotActionable)
		return err
	})
}

func (d Deps) decideObstacle() handler {
	return obstacleStep(d, func(r *http.Request, id string, in *decideIn) error {
		_, err := d.DB.DecideObstacle(r.Context(), id, &kehoach.Decision{Text: in.Text, NotActionable: in.NotActionable, Effects: in.Effects})
		return err
	})
}

func (d Deps) confirmObstacle() handler {
	return obstacleStep(d, func(r *http.Request, id string, in *confirmIn) error {
		return d.DB.ConfirmObstacle(r.Context(), id, in.Resolved, in.Feedback)
	})
}

func (d Deps) assessObstacle() handler {
	return obstacleStep(d, func(r *http.Request, id string, in *kehoach.ObstacleAssessment) error {
		return d.DB.AssessObstacle(r.Context(), id, *in)
	})
}
