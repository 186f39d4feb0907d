package ops

import (
	"context"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/planimport"
	"github.com/kehoach/kehoach/internal/summary"
)

// The result report of an issued plan that agencies implement is the
// superior's report: composed from the agencies' accepted result reports
// (summary.ComposeAgencies), drafted and finalised by the superior of the
// plan, readable as a draft by the plan's Office and Director too.

// hasAgencies reports whether the issued plan p has agencies expected to
// implement it or plans implementing it.
func (s *Service) hasAgencies(ctx context.Context, p *kehoach.Plan, tree *kehoach.OrgTree) (bool, error) {
	if p.Status == kehoach.PlanDraft {
		return false, nil
	}
	if len(planimport.ExpectedAgencies(p, tree)) > 0 {
		return true, nil
	}
	_, n, err := s.store.FindPlans(ctx, kehoach.PlanFilter{ParentPlanID: &p.ID, Limit: 1})
	return n > 0, err
}

// agenciesPlan returns plan planID when its result report is the
// superior's report; nil without error otherwise, including when a may not
// see the plan (the caller's own path then answers).
func (s *Service) agenciesPlan(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Plan, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, nil
	}
	ok, err := s.hasAgencies(ctx, p, a.Tree)
	if err != nil || !ok {
		return nil, err
	}
	return p, nil
}

// agenciesDraft composes the superior's report on p now, with the edits of
// the current version (the next version's when the latest is final).
func (s *Service) agenciesDraft(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, cur *kehoach.Summary) (*summary.Report, error) {
	r, entries, err := s.rollupOf(ctx, a, p)
	if err != nil {
		return nil, err
	}
	in := &summary.AgenciesInput{Plan: p, Tree: a.Tree, Now: s.Now(), Summary: cur}
	for i, c := range r.Children {
		src := summary.AgencySource{Child: c}
		if c.Report.State == kehoach.SummaryAccepted {
			src.Report = entries[i].report
		}
		in.Agencies = append(in.Agencies, src)
	}
	if in.People, err = s.store.FindPeople(ctx, kehoach.PersonFilter{}); err != nil {
		return nil, err
	}
	if in.Catalogue, err = s.store.FindIndicators(ctx); err != nil {
		return nil, err
	}
	if in.Targets, err = s.store.FindTargets(ctx, p.ID); err != nil {
		return nil, err
	}
	if cur != nil && cur.Status == kehoach.SummaryFinal {
		next := *cur
		next.Version++
		in.Summary = &next
	}
	return summary.ComposeAgencies(in)
}

// currentSummary returns the latest version of p's result report, nil
// before there is one.
func (s *Service) currentSummary(ctx context.Context, planID string) (*kehoach.Summary, error) {
	cur, err := s.store.FindSummary(ctx, planID)
	if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
		return nil, nil
	}
	return cur, err
}

// agenciesSummaryView is the superior's report on p as it stands, for
// those who may read its drafts; ok is false for anyone else, who sees
// finalised versions only.
func (s *Service) agenciesSummaryView(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) (v *SummaryView, ok bool, err error) {
	if !a.CanReadDraftResultReport(p) && !a.CanDecideAgencyReports(p) {
		return nil, false, nil
	}
	if ok, err := s.hasAgencies(ctx, p, a.Tree); err != nil || !ok {
		return nil, false, err
	}
	cur, err := s.currentSummary(ctx, p.ID)
	if err != nil {
		return nil, true, err
	}
	v = &SummaryView{Plan: p, Current: cur, CanEdit: a.CanDecideAgencyReports(p)}
	if cur != nil && cur.Status == kehoach.SummaryFinal {
		v.Report, err = summary.Thaw(cur)
	} else {
		v.Report, err = s.agenciesDraft(ctx, a, p, cur)
	}
	if err != nil {
		return nil, true, err
	}
	return v, true, s.summaryHistory(ctx, v)
}

// superiorDraft is the superior's report on p drafted now, for the
// superior who may edit it.
func (s *Service) superiorDraft(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) (*summary.Report, error) {
	if !a.CanDecideAgencyReports(p) {
		return nil, Forbidden()
	}
	cur, err := s.currentSummary(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	return s.agenciesDraft(ctx, a, p, cur)
}

// saveAgenciesSummary keeps the superior's edits of its report on p.
func (s *Service) saveAgenciesSummary(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, in kehoach.SummaryEdits) (*SummaryView, error) {
	if !a.CanDecideAgencyReports(p) {
		return nil, Forbidden()
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	draft, err := s.superiorDraft(ctx, a, p)
	if err != nil {
		return nil, err
	}
	return s.keepSummaryEdits(ctx, a, p, in, draft)
}

// finaliseAgenciesSummary numbers the superior's report on p in the
// register of the superior's agency and freezes it.
func (s *Service) finaliseAgenciesSummary(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, in FinaliseInput) (*SummaryView, error) {
	if !a.CanDecideAgencyReports(p) {
		return nil, Forbidden()
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	draft, err := s.superiorDraft(ctx, a, p)
	if err != nil {
		return nil, err
	}
	if _, _, err := summary.Freeze(as(ctx, a), s.store, draft, summary.Author(p, a.Tree), in.Number, in.IssuedOn); err != nil {
		return nil, err
	}
	s.changed()
	return s.summaryView(ctx, a, p)
}
