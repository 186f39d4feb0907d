package web

import (
	"net/http"
	"strings"

	"github.com/kehoach/kehoach"
)

// readablePlans returns the plans the actor may read.
func (s *server) readablePlans(r *http.Request, a *kehoach.Actor, f kehoach.PlanFilter) ([]*kehoach.Plan, error) {
	all, _, err := s.DB.FindPlans(r.Context(), f)
	if err != nil {
		return nil, err
	}
	var out []*kehoach.Plan
	for _, p := range all {
		if a.CanReadPlan(p) {
			out = append(out, p)
		}
	}
	return out, nil
}

type homeData struct {
	Active []*kehoach.Plan
	Drafts []*kehoach.Plan
	Todos  []todo
}

func (s *server) home(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	plans, err := s.readablePlans(r, a, kehoach.PlanFilter{})
	if err != nil {
		return err
	}
	var d homeData
	for _, p := range plans {
		switch p.Status {
		case kehoach.PlanDraft:
			d.Drafts = append(d.Drafts, p)
		case kehoach.PlanIssued, kehoach.PlanInProgress, kehoach.PlanReporting:
			d.Active = append(d.Active, p)
		}
	}
	if d.Todos, err = s.unitTodos(r, a, plans); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "home", s.newPage(r, Translate(langOf(r), "Trang chủ"), d))
	return nil
}

func (s *server) planList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	plans, err := s.readablePlans(r, a, kehoach.PlanFilter{})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "plans", s.newPage(r, Translate(langOf(r), "Kế hoạch"), plans))
	return nil
}

// readablePlan returns the plan of the path, or not found when the actor
// may not read it, so that its existence does not leak.
func (s *server) readablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	p, err := s.DB.FindPlanByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if !a.CanReadPlan(p) {
		return nil, notFound()
	}
	return p, nil
}

// editablePlan returns the plan of the path when the actor may change it
// (the Office of its agency); others may not.
func (s *server) editablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return nil, err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return nil, forbidden()
	}
	return p, nil
}

type planData struct {
	Plan     *kehoach.Plan
	Agency   *kehoach.OrgUnit
	CanEdit  bool
	CanAudit bool
	// Obstacles are the plan's difficulties and what decisions changed.
	Obstacles *planObstacles
	Exec      *execData
}

func (s *server) planPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	d := planData{Plan: p, Agency: a.Tree.Unit(p.AgencyID), CanEdit: a.CanEditPlan(p.AgencyID),
		CanAudit: a.CanEditPlan(p.AgencyID) || a.CanDecide(p.AgencyID)}
	if d.Exec, err = s.execData(r, a, p); err != nil {
		return err
	}
	if d.Obstacles, err = s.planObstacleData(r, a, p); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "plan", s.newPage(r, p.FullTitle(), d))
	return nil
}

type historyData struct {
	Plan          *kehoach.Plan
	Entries       []*kehoach.AuditEntry
	WithReminders bool
	Reminders     int
}

func (s *server) planHistory(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) {
		return forbidden()
	}
	all, err := s.DB.FindAuditEntries(r.Context(), kehoach.AuditFilter{PlanID: &p.ID, Limit: 2000})
	if err != nil {
		return err
	}
	// Reminders are many and routine: by default the history shows the
	// work on the plan, and ?reminders=1 adds what was sent.
	d := historyData{Plan: p, WithReminders: r.URL.Query().Get("reminders") == "1"}
	for _, e := range all {
		if strings.HasPrefix(e.Action, "reminder.") || strings.HasPrefix(e.Action, "notification.") {
			d.Reminders++
			if !d.WithReminders || e.Action == "reminder.queue" {
				continue
			}
		}
		if len(d.Entries) < 500 {
			d.Entries = append(d.Entries, e)
		}
	}
	s.render(w, r, http.StatusOK, "history", s.newPage(r, Translate(langOf(r), "Lịch sử thay đổi"), d))
	return nil
}
