package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

func (d Deps) editablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return nil, err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return nil, forbidden()
	}
	return p, nil
}

func (d Deps) putTargets(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.editablePlan(r, a)
	if err != nil {
		return err
	}
	var in map[string]*float64
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := d.DB.SetTargets(r.Context(), p.ID, in); err != nil {
		return err
	}
	t, err := d.DB.FindTargets(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"targets": t})
	return nil
}

// ruleJSON is a reminder schedule in the API.
type ruleJSON struct {
	DaysBefore      []int `json:"daysBefore"`
	OnDueDay        bool  `json:"onDueDay"`
	RepeatLateEvery int   `json:"repeatLateEvery"`
	EscalateAfter   int   `json:"escalateAfter"`
	FlagOfficeAfter int   `json:"flagOfficeAfter"`
	Hour            int   `json:"hour"`
}

func ruleOut(r notify.Rule) ruleJSON {
	days := r.DaysBefore
	if days == nil {
		days = []int{}
	}
	return ruleJSON{days, r.OnDueDay, r.RepeatLateEvery, r.EscalateAfter, r.FlagOfficeAfter, r.Hour}
}

func (d Deps) getRule(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.editablePlan(r, a)
	if err != nil {
		return err
	}
	rule, err := d.DB.ReminderRule(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ruleOut(rule))
	return nil
}

func (d Deps) putRule(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.editablePlan(r, a)
	if err != nil {
		return err
	}
	var in ruleJSON
	if err := decode(r, &in); err != nil {
		return err
	}
	rule := notify.Rule{DaysBefore: in.DaysBefore, OnDueDay: in.OnDueDay, RepeatLateEvery: in.RepeatLateEvery, EscalateAfter: in.EscalateAfter, FlagOfficeAfter: in.FlagOfficeAfter, Hour: in.Hour}
	if err := d.DB.SetReminderRule(r.Context(), p.ID, rule); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ruleOut(rule))
	return nil
}

func (d Deps) saveIndicator(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	var in kehoach.Indicator
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := d.DB.SaveIndicator(r.Context(), in); err != nil {
		return err
	}
	inds, err := d.DB.FindIndicators(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, kehoach.IndicatorByCode(inds, in.Code))
	return nil
}
