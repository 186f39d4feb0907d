package ops

import (
	"context"
	"strings"

	"github.com/kehoach/kehoach"
)

// ReturnAgencyReportInput says why a superior returns an agency's result
// report.
type ReturnAgencyReportInput struct {
	// Reason is told to the agency's Office (5 to 2000 characters).
	Reason string `json:"reason"`
}

// AcceptAgencyReport accepts the finalised result report of agency
// agencyID implementing plan planID, for the plan's superior: its figures
// then count in the superior's own report. It returns the roll-up as it
// now stands.
func (s *Service) AcceptAgencyReport(ctx context.Context, a *kehoach.Actor, planID, agencyID string) (*kehoach.Rollup, error) {
	return s.decideAgencyReport(ctx, a, planID, agencyID, true, "")
}

// ReturnAgencyReport returns the finalised result report of agency
// agencyID implementing plan planID to its Office with a reason, for the
// plan's superior; an accepted report may be returned too. It returns the
// roll-up as it now stands.
func (s *Service) ReturnAgencyReport(ctx context.Context, a *kehoach.Actor, planID, agencyID string, in ReturnAgencyReportInput) (*kehoach.Rollup, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	return s.decideAgencyReport(ctx, a, planID, agencyID, false, in.Reason)
}

func (s *Service) decideAgencyReport(ctx context.Context, a *kehoach.Actor, planID, agencyID string, accept bool, reason string) (*kehoach.Rollup, error) {
	p, err := s.planFor(ctx, a, planID, a.CanSeeRollup, Forbidden())
	if err != nil {
		return nil, err
	}
	if !a.CanDecideAgencyReports(p) {
		return nil, Forbidden()
	}
	reason = strings.TrimSpace(reason)
	if n := len([]rune(reason)); !accept && (n < 5 || n > 2000) {
		return nil, kehoach.Invalid(map[string]string{"reason": "Nhập lý do trả lại báo cáo (từ 5 đến 2000 ký tự)."})
	}
	r, entries, err := s.rollupOf(ctx, a, p)
	if err != nil {
		return nil, err
	}
	i := -1
	for j, c := range r.Children {
		if c.AgencyID == agencyID {
			i = j
		}
	}
	if i < 0 {
		return nil, notFound("cơ quan thực hiện kế hoạch")
	}
	ch, e := r.Children[i], entries[i]
	switch {
	case e.final == nil:
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "%s chưa có báo cáo kết quả đã hoàn thiện.", ch.AgencyName)
	case accept && !ch.CanAccept:
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả của %s đã được tiếp nhận.", ch.AgencyName)
	case !accept && !ch.CanReturn:
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo kết quả của %s đã được trả lại.", ch.AgencyName)
	}
	d := &kehoach.AgencyReportDecision{SummaryID: e.final.ID, PlanID: e.plan.ID, ParentPlanID: p.ID, AgencyID: agencyID, Accepted: accept, Reason: reason}
	if _, err := s.store.DecideAgencyReport(as(ctx, a), d); err != nil {
		return nil, err
	}
	s.changed()
	return s.Rollup(ctx, a, p.ID)
}
