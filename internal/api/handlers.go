package api

import (
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

func (d Deps) listPlans(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	q := r.URL.Query()
	page, err := d.Ops.PlanList(r.Context(), a, ops.PlanQuery{Status: q.Get("status"), Limit: q.Get("limit"), Offset: q.Get("offset")})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// readablePlan loads a plan the actor may read; other plans are not found,
// so that their existence does not leak.
func (d Deps) readablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	return d.Ops.Plan(r.Context(), a, r.PathValue("id"))
}

func (d Deps) getPlan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (d Deps) planAudit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	entries, err := d.Ops.PlanAudit(r.Context(), a, r.PathValue("id"), 500)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": entries})
	return nil
}

func (d Deps) listUnits(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	units, err := d.Ops.Units(r.Context(), a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"units": units})
	return nil
}

func (d Deps) listPeople(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	people, err := d.Ops.People(r.Context(), a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"people": people})
	return nil
}

func (d Deps) createPerson(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.PersonInput
	if err := decode(r, &in); err != nil {
		return err
	}
	p, err := d.Ops.CreatePerson(r.Context(), a, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

func (d Deps) createUnit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.UnitInput
	if err := decode(r, &in); err != nil {
		return err
	}
	u, err := d.Ops.CreateUnit(r.Context(), a, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (d Deps) updateUnit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.UnitInput
	if err := decode(r, &in); err != nil {
		return err
	}
	u, err := d.Ops.UpdateUnit(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}
