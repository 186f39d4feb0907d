package ops

import (
	"context"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/planimport"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/internal/summary"
)

// Rollup returns plan planID seen from above, for those who may see it
// ([kehoach.Actor.CanSeeRollup]): one child per agency expected to
// implement it — the agencies its "Nơi nhận" names, then any other agency
// whose plan implements it — with its own plan's status and date, the
// completeness and timeliness of its units' work, the state of its result
// report; and the indicators aggregated across the children's finalised
// result reports only.
func (s *Service) Rollup(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Rollup, error) {
	ctx = readOnly(ctx)
	p, err := s.planFor(ctx, a, planID, a.CanSeeRollup, Forbidden())
	if err != nil {
		return nil, err
	}
	return s.keptRollup(ctx, a, p)
}

// rollupEntry is what lies behind a child's line of the roll-up: its plan,
// its latest finalised result report with the frozen content, and the
// superior's decision standing on that version (nil for none).
type rollupEntry struct {
	plan     *kehoach.Plan
	final    *kehoach.Summary
	report   *summary.Report
	decision *kehoach.AgencyReportDecision
}

// rollupOf returns the roll-up of plan p, which a may see, with the entry
// behind each child (in the order of the children).
func (s *Service) rollupOf(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) (*kehoach.Rollup, []rollupEntry, error) {
	r, entries, _, err := s.rollupAt(ctx, a, p, "")
	return r, entries, err
}

// rollupAt is rollupOf for a roll-up at version ([sqlstore.DB.RollupVersion],
// read before; "" when not known): the obligations of the children whose
// part of the version has not moved are taken from the tallies kept
// (tallies.go); those read anew are returned, for the caller to keep.
func (s *Service) rollupAt(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, version string) (*kehoach.Rollup, []rollupEntry, []keptTally, error) {
	plans, _, err := s.store.FindPlans(ctx, kehoach.PlanFilter{ParentPlanID: &p.ID})
	if err != nil {
		return nil, nil, nil, err
	}
	r := &kehoach.Rollup{Plan: p, Children: []kehoach.RollupChild{}}
	var agencies []*kehoach.OrgUnit
	seen := map[string]bool{}
	for _, u := range planimport.ExpectedAgencies(p, a.Tree) {
		agencies, seen[u.ID] = append(agencies, u), true
	}
	// The newest plan of an agency stands for it, an issued one before a
	// draft (plans come newest first).
	byAgency := map[string]*kehoach.Plan{}
	for _, c := range plans {
		if cur := byAgency[c.AgencyID]; cur == nil || cur.Status == kehoach.PlanDraft && c.Status != kehoach.PlanDraft {
			byAgency[c.AgencyID] = c
		}
		if !seen[c.AgencyID] {
			seen[c.AgencyID] = true
			if u := a.Tree.Unit(c.AgencyID); u != nil {
				agencies = append(agencies, u)
			}
		}
	}
	decided, err := s.store.FindAgencyReportDecisions(ctx, p.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	// The latest decision on a version stands (decisions come newest first).
	decisions := map[string]*kehoach.AgencyReportDecision{}
	for _, d := range decided {
		if decisions[d.SummaryID] == nil {
			decisions[d.SummaryID] = d
		}
	}
	// The children's obligations, counted by the database in one go (only
	// those of the children that changed, when the version is known).
	counts, fresh, err := s.childObligations(ctx, p.ID, s.Now().In(kehoach.Zone).Format(time.DateOnly), version)
	if err != nil {
		return nil, nil, nil, err
	}
	// And their result reports, in one go.
	summaries, err := s.store.FindChildSummaries(ctx, p.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	var figures []kehoach.ReportFigures
	var entries []rollupEntry
	for _, ag := range agencies {
		ch, e, err := s.rollupChild(ctx, a, p, ag, byAgency[ag.ID], decisions, counts, summaries)
		if err != nil {
			return nil, nil, nil, err
		}
		r.Children = append(r.Children, ch)
		entries = append(entries, e)
		if e.report != nil && ch.Report.ReturnReason == nil {
			figures = append(figures, e.report.ReportFigures())
		}
	}
	if err := s.addReceived(ctx, a, p, r, &figures); err != nil {
		return nil, nil, nil, err
	}
	// Agencies known only by a report received from outside have no
	// entry behind them.
	for len(entries) < len(r.Children) {
		entries = append(entries, rollupEntry{})
	}
	catalogue, err := s.store.FindIndicators(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	targets, err := s.store.FindTargets(ctx, p.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	r.Indicators = kehoach.AggregateFigures(catalogue, figures, targets)
	return r, entries, fresh, nil
}

// rollupChild returns agency ag's line of the roll-up of parent with its
// plan c (nil when it has none), and the entry behind it: the figures of a
// finalised result report count unless the superior returned it.
func (s *Service) rollupChild(ctx context.Context, a *kehoach.Actor, parent *kehoach.Plan, ag *kehoach.OrgUnit, c *kehoach.Plan,
	decisions map[string]*kehoach.AgencyReportDecision, counts map[string]*sqlstore.ChildObligations, summaries map[string][]*kehoach.Summary) (kehoach.RollupChild, rollupEntry, error) {
	ch := kehoach.RollupChild{AgencyID: ag.ID, AgencyName: ag.Name, Status: kehoach.ChildNotIssued,
		Report: kehoach.RollupReport{State: kehoach.SummaryNotStarted}}
	e := rollupEntry{plan: c}
	if c == nil {
		return ch, e, nil
	}
	ch.Status = string(c.Status)
	if !a.CanReadPlan(c) {
		// A draft stays the agency's own: its state shows, not the plan.
		return ch, e, nil
	}
	ch.PlanID, ch.PlanTitle = &c.ID, c.FullTitle()
	n := counts[c.ID]
	if n == nil {
		n = &sqlstore.ChildObligations{}
	}
	var acks []*kehoach.Obligation
	for i := range n.AckMade {
		acks = append(acks, &kehoach.Obligation{Kind: kehoach.KindAcknowledgement, CreatedAt: n.AckMade[i]})
	}
	ch.IssuedOn = issuedOn(c, acks)
	t := kehoach.TallyCounts(n.Units, n.First, func(id string) bool { return a.Tree.Unit(id) != nil })
	ch.Completeness, ch.OnTime = t.Completeness(), t.OnTimeRate()
	versions := summaries[c.ID]
	if len(versions) == 0 {
		return ch, e, nil
	}
	final := latestFinal(versions)
	if final == nil {
		ch.Report.State = kehoach.SummaryDrafting
		return ch, e, nil
	}
	number := kehoach.FormatDocNumber(final.Number, final.Symbol)
	ch.Report = kehoach.RollupReport{State: kehoach.SummaryFinalised, Number: &number, Date: &final.IssuedOn}
	ch.CanOpenReport = a.CanReadResultReport(c)
	decide := a.CanDecideAgencyReports(parent)
	e.decision = decisions[final.ID]
	switch {
	case e.decision == nil:
		ch.CanAccept, ch.CanReturn = decide, decide
	case e.decision.Accepted:
		ch.Report.State, ch.CanReturn = kehoach.SummaryAccepted, decide
	default:
		ch.Report.ReturnReason, ch.CanAccept = &e.decision.Reason, decide
	}
	e.final = final
	var err error
	if e.report, err = summary.Thaw(final); err != nil {
		return ch, e, err
	}
	return ch, e, nil
}

// latestFinal returns the newest finalised version among versions (newest
// first), or nil.
func latestFinal(versions []*kehoach.Summary) *kehoach.Summary {
	for _, v := range versions {
		if v.Status == kehoach.SummaryFinal {
			return v
		}
	}
	return nil
}

// finalSummaryView is the result report as a superior sees it: its latest
// finalised version only, never a draft; not found before one exists.
func (s *Service) finalSummaryView(ctx context.Context, p *kehoach.Plan) (*SummaryView, error) {
	versions, err := s.store.FindSummaries(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	final := latestFinal(versions)
	if final == nil {
		return nil, notFound("báo cáo kết quả đã hoàn thiện")
	}
	v := &SummaryView{Plan: p, Current: final, Versions: keep(versions, func(x *kehoach.Summary) bool { return x.Status == kehoach.SummaryFinal })}
	if v.Report, err = summary.Thaw(final); err != nil {
		return nil, err
	}
	if final.DocumentID != "" {
		if v.Document, err = s.store.FindDocumentByID(ctx, final.DocumentID); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// proposeParent links the new plan p to the plan one of its bases names
// ("Thực hiện Kế hoạch số …") when that plan is in kehoach and a may read
// it; the Office may change the link while the plan is a draft.
func (s *Service) proposeParent(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) error {
	if p.ParentPlanID != nil || len(p.Basis) == 0 {
		return nil
	}
	plans, err := s.Plans(ctx, a, kehoach.PlanFilter{})
	if err != nil {
		return err
	}
	if parent := planimport.ProposeParent(p, plans, a.Tree); parent != nil {
		p.ParentPlanID = &parent.ID
	}
	return nil
}

// checkParent checks the plan p says it implements: one a may read, not p
// itself nor a plan that implements p. An empty id means none.
func (s *Service) checkParent(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) error {
	if p.ParentPlanID == nil || *p.ParentPlanID == "" {
		p.ParentPlanID = nil
		return nil
	}
	bad := kehoach.Invalid(map[string]string{"parentPlanId": "Kế hoạch được thực hiện không tồn tại hoặc không phải kế hoạch cấp trên của kế hoạch này."})
	id := *p.ParentPlanID
	for range 50 {
		if id == p.ID {
			return bad
		}
		parent, err := s.Plan(ctx, a, id)
		if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
			return bad
		} else if err != nil {
			return err
		}
		if parent.ParentPlanID == nil {
			return nil
		}
		id = *parent.ParentPlanID
	}
	return bad
}

// PlanLinks is where a plan stands between plans: the plan it implements,
// when a may read it, and whether a may open its roll-up.
type PlanLinks struct {
	Parent *kehoach.Plan
	// CanRollup is true when a may see the roll-up and the plan has
	// agencies expected to implement it or plans implementing it.
	CanRollup bool
}

// PlanLinks returns the links of plan p, which a reads.
func (s *Service) PlanLinks(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) (*PlanLinks, error) {
	l := &PlanLinks{}
	if p.ParentPlanID != nil {
		parent, err := s.Plan(ctx, a, *p.ParentPlanID)
		if err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			return nil, err
		}
		l.Parent = parent
	}
	if !a.CanSeeRollup(p) {
		return l, nil
	}
	var err error
	l.CanRollup, err = s.hasAgencies(ctx, p, a.Tree)
	return l, err
}

// issuedOn returns the date of issued plan p: the document's date, else the
// day its obligations were created by issuing it; nil for a draft.
func issuedOn(p *kehoach.Plan, obls []*kehoach.Obligation) *string {
	if p.Status == kehoach.PlanDraft {
		return nil
	}
	if p.Date != nil {
		return p.Date
	}
	var first *time.Time
	for _, o := range obls {
		if o.Kind == kehoach.KindAcknowledgement && (first == nil || o.CreatedAt.Before(*first)) {
			first = &o.CreatedAt
		}
	}
	if first == nil {
		return nil
	}
	d := first.In(kehoach.Zone).Format(time.DateOnly)
	return &d
}
