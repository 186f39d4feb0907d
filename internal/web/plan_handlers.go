package web

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// readablePlans returns the plans the actor may read.
func (s *server) readablePlans(r *http.Request, a *kehoach.Actor, f kehoach.PlanFilter) ([]*kehoach.Plan, error) {
	return s.Ops.Plans(r.Context(), a, f)
}

func (s *server) home(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d, err := s.Ops.Home(r.Context(), a)
	if err != nil {
		return err
	}
	return s.show(w, r, "home", Translate(langOf(r), "Trang chủ"), d)
}

func (s *server) planList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	plans, err := s.readablePlans(r, a, kehoach.PlanFilter{})
	if err != nil {
		return err
	}
	return s.show(w, r, "plans", Translate(langOf(r), "Kế hoạch"), plans)
}

// readablePlan returns the plan of the path, or not found when the actor
// may not read it, so that its existence does not leak.
func (s *server) readablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	return s.Ops.Plan(r.Context(), a, r.PathValue("id"))
}

// editablePlan returns the plan of the path when the actor may change it
// (the Office of its agency); others may not.
func (s *server) editablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	return s.Ops.EditablePlan(r.Context(), a, r.PathValue("id"))
}

type planData struct {
	Plan     *kehoach.Plan
	Agency   *kehoach.OrgUnit
	CanEdit  bool
	CanAudit bool
	// Obstacles are the plan's difficulties and what decisions changed.
	Obstacles *planObstacles
	Exec      *execData
	// Published tells whether the public campaign page is published, and
	// PublicURL is its address.
	Published bool
	PublicURL string
	// ProposalUnits are the units a proposed task of a draft may be given
	// to, when the reader may change the plan.
	ProposalUnits []orgRow
	// Links are the plan it implements and its roll-up.
	Links *ops.PlanLinks
	// Documents are the incoming documents kept with the plan.
	Documents []*kehoach.PlanDocument
}

func (s *server) planPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	exec, err := s.Ops.PlanExecution(r.Context(), a, p.ID)
	if err != nil {
		return err
	}
	d := planData{Plan: p, Agency: a.Tree.Unit(p.AgencyID), CanEdit: exec.CanEdit, CanAudit: exec.CanMonitor, Exec: &execData{exec}}
	if d.Obstacles, err = s.planObstacleData(r, a, p); err != nil {
		return err
	}
	pub, err := s.Ops.Publication(r.Context(), a, p.ID)
	if err != nil {
		return err
	}
	d.Published, d.PublicURL = pub.Published, s.baseURL(r)+"/public/plans/"+p.ID
	if d.Links, err = s.Ops.PlanLinks(r.Context(), a, p); err != nil {
		return err
	}
	if d.Documents, err = s.Ops.PlanDocuments(r.Context(), a, p.ID); err != nil {
		return err
	}
	if d.CanEdit && p.Status == kehoach.PlanDraft && len(p.Tasks) > 0 {
		if units, err := s.Ops.ImportUnits(r.Context(), a); err == nil {
			d.ProposalUnits = importRows(a, units)
		}
	}
	s.render(w, r, http.StatusOK, "plan", s.newPage(r, p.FullTitle(), d))
	return nil
}

func (s *server) planHistory(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d, err := s.Ops.PlanHistory(r.Context(), a, r.PathValue("id"), r.URL.Query().Get("reminders") == "1")
	if err != nil {
		return err
	}
	return s.show(w, r, "history", Translate(langOf(r), "Lịch sử thay đổi"), d)
}
