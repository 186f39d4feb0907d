package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

// editablePlan returns the plan of the path when the actor may change it.
func (d Deps) editablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	return d.Ops.EditablePlan(r.Context(), a, r.PathValue("id"))
}

func (d Deps) putTargets(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in map[string]*float64
	if err := decode(r, &in); err != nil {
		return err
	}
	t, err := d.Ops.SetTargets(r.Context(), a, r.PathValue("id"), ops.TargetsInput{Values: in})
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
	_, rule, err := d.Ops.ReminderRule(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ruleOut(rule))
	return nil
}

func (d Deps) putRule(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.RuleInput
	if err := decode(r, &in); err != nil {
		return err
	}
	rule, err := d.Ops.SetReminderRule(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ruleOut(rule))
	return nil
}

func (d Deps) saveIndicator(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.IndicatorInput
	if err := decode(r, &in); err != nil {
		return err
	}
	ind, err := d.Ops.SaveIndicator(r.Context(), a, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ind)
	return nil
}
