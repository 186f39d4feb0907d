package ops

import (
	"context"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/planimport"
)

// AttachResult is an incoming document kept with a plan: what it changed
// and the warnings about what the plan said otherwise before.
type AttachResult struct {
	Plan     *kehoach.Plan
	Document *kehoach.PlanDocument
	Warnings []string
}

// AttachImport keeps the document a has under review (a dispatch, a
// decision, a report: not a plan) with the plan planID of a's agency, and
// applies it: a dispatch asking for a report sets whom the plan reports to
// and by when, a decision on a reporting regime sets the reporting periods.
// The review ends. Problems are named "plan" and "form".
func (s *Service) AttachImport(ctx context.Context, a *kehoach.Actor, draftID, planID string) (*AttachResult, error) {
	d, err := s.ImportDraft(ctx, a, draftID)
	if err != nil {
		return nil, err
	}
	pr := Problems{}
	if d.Doc.Type == "KH" {
		pr.Add("form", "Văn bản này là kế hoạch: hãy lưu nó thành dự thảo.")
	}
	if planID == "" {
		pr.Add("plan", "Hãy chọn kế hoạch để gắn văn bản vào.")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if p.AgencyID != a.AgencyID() {
		return nil, kehoach.Invalid(map[string]string{"plan": "Kế hoạch không thuộc cơ quan của bạn."})
	}
	at := planimport.Attach(d.Doc, p)
	doc := &kehoach.PlanDocument{
		Kind: at.Kind, Type: d.Doc.Type, Number: d.Doc.Number, Symbol: d.Doc.Symbol, Date: d.Doc.Date, Issuer: d.Doc.Issuer,
		Title: d.Doc.Title, Effects: append(at.Effects, at.Warnings...), SourceName: d.SourceName, Source: d.Source,
	}
	if doc.Effects == nil {
		doc.Effects = []string{}
	}
	err = s.store.AttachPlanDocument(as(ctx, a), p, doc, a.ID(), d.ID)
	return committed(s, &AttachResult{Plan: p, Document: doc, Warnings: at.Warnings}, err)
}

// PlanDocuments returns the incoming documents kept with a plan, for
// whoever may read the plan.
func (s *Service) PlanDocuments(ctx context.Context, a *kehoach.Actor, planID string) ([]*kehoach.PlanDocument, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	return s.store.FindPlanDocuments(ctx, p.ID)
}

// attachablePlans returns the plans of a's agency an incoming document may
// be attached to, the latest first.
func (s *Service) attachablePlans(ctx context.Context, a *kehoach.Actor) ([]*kehoach.Plan, error) {
	ag := a.AgencyID()
	ps, _, err := s.store.FindPlans(ctx, kehoach.PlanFilter{AgencyID: &ag, Limit: 500})
	return ps, err
}
