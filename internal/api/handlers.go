package api

import (
	"context"
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

func (d Deps) notFound(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return kehoach.Errorf(kehoach.ENOTFOUND, "Không có đường dẫn API này.")
}

func (d Deps) getMe(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	writeJSON(w, http.StatusOK, a.Person)
	return nil
}

// myQueue lists the work waiting for the authenticated person.
func (d Deps) myQueue(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	q, err := d.Ops.Queue(r.Context(), a)
	return answer(w, http.StatusOK, q, err)
}

func (d Deps) listPlans(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	q := r.URL.Query()
	page, err := d.Ops.PlanList(r.Context(), a, ops.PlanQuery{Status: q.Get("status"), Limit: q.Get("limit"), Offset: q.Get("offset")})
	return answer(w, http.StatusOK, page, err)
}

// readablePlan loads a plan the actor may read; other plans are not found,
// so that their existence does not leak.
func (d Deps) readablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	return d.Ops.Plan(r.Context(), a, r.PathValue("id"))
}

func (d Deps) getPlan() handler { return onPath(d.Ops.Plan) }

func (d Deps) planAudit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	entries, err := d.Ops.PlanAudit(r.Context(), a, r.PathValue("id"), 500)
	return answer(w, http.StatusOK, map[string]any{"entries": entries}, err)
}

func (d Deps) listUnits(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	units, err := d.Ops.UnitsOn(r.Context(), a, r.URL.Query().Get("on"))
	return answer(w, http.StatusOK, map[string]any{"units": units}, err)
}

func (d Deps) search(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	found, err := d.Ops.Search(r.Context(), a, r.URL.Query().Get("q"))
	return answer(w, http.StatusOK, found, err)
}

func (d Deps) listPeople(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	people, err := d.Ops.People(r.Context(), a)
	return answer(w, http.StatusOK, map[string]any{"people": people}, err)
}

func (d Deps) createPerson() handler { return withBodyOnly(http.StatusCreated, d.Ops.CreatePerson) }

// personUpdate is the body of PUT /people/{id}: the person's fields and
// whether the account stays open (the web form's "active" box).
type personUpdate struct {
	ops.PersonInput
	Active bool `json:"active"`
}

func (d Deps) updatePerson() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in personUpdate) (*kehoach.Person, error) {
		in.Inactive = !in.Active
		return d.Ops.UpdatePerson(ctx, a, id, in.PersonInput)
	})
}

func (d Deps) createUnit() handler { return withBodyOnly(http.StatusCreated, d.Ops.CreateUnit) }

func (d Deps) updateUnit() handler { return withBody(http.StatusOK, d.Ops.UpdateUnit) }

func (d Deps) nextYear() handler { return withBody(http.StatusCreated, d.Ops.NextYear) }

func (d Deps) getSuccessors(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	succ, _, err := d.Ops.UnitSuccessions(r.Context(), a, r.PathValue("id"))
	return answer(w, http.StatusOK, map[string]any{"successors": nonNilList(succ)}, err)
}

func (d Deps) setSuccessors() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in ops.SuccessorsInput) (map[string]any, error) {
		list, err := d.Ops.SetSuccessors(ctx, a, id, in)
		return map[string]any{"successors": nonNilList(list)}, err
	})
}

func nonNilList[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
