package api

import (
	"context"
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

// editablePlan returns the plan of the path when the actor may change it.
func (d Deps) editablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	return d.Ops.EditablePlan(r.Context(), a, r.PathValue("id"))
}

func (d Deps) putTargets() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in map[string]*float64) (map[string]any, error) {
		t, err := d.Ops.SetTargets(ctx, a, id, ops.TargetsInput{Values: in})
		return map[string]any{"targets": t}, err
	})
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
	return answer(w, http.StatusOK, ruleOut(rule), err)
}

func (d Deps) putRule() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in ops.RuleInput) (ruleJSON, error) {
		rule, err := d.Ops.SetReminderRule(ctx, a, id, in)
		return ruleOut(rule), err
	})
}

func (d Deps) saveIndicator() handler { return withBodyOnly(http.StatusOK, d.Ops.SaveIndicator) }
