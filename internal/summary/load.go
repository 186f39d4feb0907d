package summary

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// Gather reads from the database everything a plan's result report is
// composed from.
func Gather(ctx context.Context, db *sqlstore.DB, planID string) (*Input, error) {
	plan, err := db.FindPlanByID(ctx, planID)
	if err != nil {
		return nil, err
	}
	in := &Input{Plan: plan, Now: db.Clock.Now()}
	if in.Tree, err = db.OrgTree(ctx); err != nil {
		return nil, err
	}
	if in.People, err = db.FindPeople(ctx, kehoach.PersonFilter{}); err != nil {
		return nil, err
	}
	if in.Table, err = db.PlanIndicatorValues(ctx, planID); err != nil {
		return nil, err
	}
	if in.Reports, err = db.FindReports(ctx, planID); err != nil {
		return nil, err
	}
	if in.Obligations, err = db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &planID}); err != nil {
		return nil, err
	}
	if in.Briefings, err = db.FindBriefings(ctx, planID); err != nil {
		return nil, err
	}
	if in.Tasks, err = db.FindTasks(ctx, kehoach.TaskFilter{PlanID: &planID}); err != nil {
		return nil, err
	}
	if in.Difficulties, err = difficulties(ctx, db, planID, in.Tree); err != nil {
		return nil, err
	}
	in.Summary, err = db.FindSummary(ctx, planID)
	if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
		in.Summary, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	if plan.PredecessorID != nil && *plan.PredecessorID != "" {
		in.Previous, err = previousTotals(ctx, db, *plan.PredecessorID)
	}
	return in, err
}

// previousTotals are the totals of the plan a plan follows: those of its
// final result report when it has one, else those counted now.
func previousTotals(ctx context.Context, db *sqlstore.DB, planID string) (map[string]float64, error) {
	out := map[string]float64{}
	s, err := db.FindSummary(ctx, planID)
	switch {
	case err == nil && s.Status == kehoach.SummaryFinal:
		r, err := Thaw(s)
		if err != nil {
			return nil, err
		}
		for _, f := range r.Totals {
			out[f.Code] = f.Total
		}
		return out, nil
	case err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND:
		return nil, err
	}
	t, err := db.PlanIndicatorValues(ctx, planID)
	if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	for code, v := range t.Totals {
		out[code] = v
	}
	return out, nil
}

// Draft composes the plan's current draft from the data, with the Office's
// edits, whatever the state of the latest version.
func Draft(ctx context.Context, db *sqlstore.DB, planID string) (*Report, error) {
	in, err := Gather(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	if in.Summary != nil && in.Summary.Status == kehoach.SummaryFinal {
		// The next version starts from the last one's edits.
		next := *in.Summary
		next.Version++
		in.Summary = &next
	}
	return Compose(in)
}

// Load returns the plan's result report as it stands: the frozen content
// of the latest version when it is final, else the draft composed now.
func Load(ctx context.Context, db *sqlstore.DB, planID string) (*Report, *kehoach.Summary, error) {
	s, err := db.FindSummary(ctx, planID)
	switch {
	case err == nil && s.Status == kehoach.SummaryFinal:
		r, err := Thaw(s)
		return r, s, err
	case err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND:
		return nil, nil, err
	}
	in, err := Gather(ctx, db, planID)
	if err != nil {
		return nil, nil, err
	}
	r, err := Compose(in)
	return r, in.Summary, err
}

// Thaw reads back the content a final version was frozen with.
func Thaw(s *kehoach.Summary) (*Report, error) {
	var r Report
	if err := json.Unmarshal(s.Frozen, &r); err != nil {
		return nil, fmt.Errorf("summary %s: frozen content: %w", s.ID, err)
	}
	return &r, nil
}

// Finalise composes the current draft, gives it the next number of the
// register (or number, when the Office typed one) and the date issuedOn
// ("" for today), and freezes it.
func Finalise(ctx context.Context, db *sqlstore.DB, planID string, number int, issuedOn string) (*Report, *kehoach.Summary, error) {
	r, err := Draft(ctx, db, planID)
	if err != nil {
		return nil, nil, err
	}
	return Freeze(ctx, db, r, "", number, issuedOn)
}

// Freeze gives the drafted report r the next number of the register of
// agencyID ("" for the plan's agency), or number, and the date issuedOn,
// and keeps it as the plan's final version.
func Freeze(ctx context.Context, db *sqlstore.DB, r *Report, agencyID string, number int, issuedOn string) (*Report, *kehoach.Summary, error) {
	s, err := db.FinaliseSummary(ctx, r.PlanID, sqlstore.Finalisation{
		Symbol: r.Symbol, Title: r.Title, Number: number, IssuedOn: issuedOn, AgencyID: agencyID,
		Freeze: func(n int, on string) ([]byte, error) {
			r.Number, r.IssuedOn, r.Draft = n, on, false
			return json.Marshal(r)
		},
	})
	if err != nil {
		return nil, nil, err
	}
	r.Version = s.Version
	return r, s, nil
}
