package ops

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

// The kinds of work waiting in a person's queue.
const (
	// The Office's: a submitted report to accept or return, a raised
	// obstacle to assess, a unit with overdue work to remind, a result
	// report due and not finalised.
	QueueReportReview   = "report_review"
	QueueObstacleAssess = "obstacle_assess"
	QueueUnitRemind     = "unit_remind"
	QueueSummaryFinish  = "summary_finish"
	// The Director's: an escalated obstacle to decide.
	QueueObstacleDecide = "obstacle_decide"
	// A unit head's: an obligation due within [QueueDueDays] or late, a
	// returned report to correct, an answer to confirm.
	QueueObligationDue   = "obligation_due"
	QueueReportReturned  = "report_returned"
	QueueObstacleConfirm = "obstacle_confirm"
)

// QueueDueDays is how many days before its due date an obligation enters
// its unit head's queue.
const QueueDueDays = 7

// QueueItem is one thing waiting for a person: what, on which plan and
// unit, since when, and where to do it.
type QueueItem struct {
	Kind      string    `json:"kind"`
	PlanID    string    `json:"planId"`
	PlanTitle string    `json:"planTitle"`
	UnitID    string    `json:"unitId"`
	UnitName  string    `json:"unitName"`
	Since     time.Time `json:"since"`
	Link      string    `json:"link"`
	Title     string    `json:"title"`
	// key tells items apart, so that a person holding several roles gets
	// each once.
	key string
}

// Queue is what waits for a person, oldest first.
type Queue struct {
	Items []QueueItem `json:"items"`
}

// activePlan reports whether a plan's work is under way.
func activePlan(p *kehoach.Plan) bool {
	switch p.Status {
	case kehoach.PlanIssued, kehoach.PlanInProgress, kehoach.PlanReporting:
		return true
	}
	return false
}

// queueBuilder collects the items of one queue.
type queueBuilder struct {
	a     *kehoach.Actor
	plans map[string]*kehoach.Plan
	seen  map[string]bool
	items []QueueItem
}

func (q *queueBuilder) add(kind, key, planID, unitID string, since time.Time, link, title string) {
	p := q.plans[planID]
	if p == nil || q.seen[kind+" "+key] {
		return
	}
	q.seen[kind+" "+key] = true
	it := QueueItem{Kind: kind, PlanID: p.ID, PlanTitle: p.Title, UnitID: unitID, Since: since, Link: link, Title: title, key: key}
	if q.a.Tree != nil {
		if u := q.a.Tree.Unit(unitID); u != nil {
			it.UnitName = u.Name
		}
	}
	q.items = append(q.items, it)
}

// Queue returns the work waiting for a, oldest first: for the Office of an
// agency, reports to review, obstacles to assess, units to remind and
// result reports to finish; for its Director, obstacles to decide; for a
// unit head, the unit's obligations due or late, its returned reports and
// the answers to its obstacles to confirm. A person with several roles
// gets each item once.
func (s *Service) Queue(ctx context.Context, a *kehoach.Actor) (*Queue, error) {
	plans, err := s.Plans(ctx, a, kehoach.PlanFilter{})
	if err != nil {
		return nil, err
	}
	q := &queueBuilder{a: a, plans: map[string]*kehoach.Plan{}, seen: map[string]bool{}}
	for _, p := range plans {
		if activePlan(p) {
			q.plans[p.ID] = p
		}
	}
	now := s.Now()
	for _, p := range plans {
		if q.plans[p.ID] == nil {
			continue
		}
		obls, err := s.store.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID})
		if err != nil {
			return nil, err
		}
		if a.CanEditPlan(p.AgencyID) {
			officeObligations(q, p, obls, now)
		}
		if a.Has(kehoach.RoleUnitHead) {
			unitObligations(q, p, obls, now)
		}
		if a.CanEditPlan(p.AgencyID) {
			if err := s.summaryDue(ctx, q, p, obls, now); err != nil {
				return nil, err
			}
		}
	}
	obstacles, err := s.store.FindObstacles(ctx, kehoach.ObstacleFilter{States: []kehoach.ObstacleState{kehoach.ObstacleOpen, kehoach.ObstacleEscalated, kehoach.ObstacleAnswered}})
	if err != nil {
		return nil, err
	}
	for _, o := range obstacles {
		link := "/obstacles/" + o.ID
		switch {
		case o.State == kehoach.ObstacleOpen && a.CanConsolidate(o.AgencyID):
			since := o.CreatedAt
			if o.Reopened > 0 {
				since = o.UpdatedAt
			}
			q.add(QueueObstacleAssess, o.ID, o.PlanID, o.UnitID, since, link, "Xem xét khó khăn, vướng mắc: "+o.What)
		case o.State == kehoach.ObstacleEscalated && a.CanDecide(o.AgencyID) && o.EscalatedAt != nil:
			q.add(QueueObstacleDecide, o.ID, o.PlanID, o.UnitID, *o.EscalatedAt, link, "Cho ý kiến chỉ đạo: "+o.What)
		case o.State == kehoach.ObstacleAnswered && o.Decision != nil && !a.IsSystem() && a.CanConfirmObstacle(o):
			q.add(QueueObstacleConfirm, o.ID, o.PlanID, o.UnitID, o.Decision.DecidedAt, link, "Xác nhận kết quả giải quyết: "+o.What)
		}
	}
	slices.SortStableFunc(q.items, func(x, y QueueItem) int {
		return cmp.Or(x.Since.Compare(y.Since), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.key, y.key))
	})
	return &Queue{Items: append([]QueueItem{}, q.items...)}, nil
}

// reported reports whether an obligation is answered by a report (not an
// acknowledgement or a briefing).
func reported(o *kehoach.Obligation) bool {
	return o.Kind == kehoach.KindProgress || o.Kind == kehoach.KindFinal
}

// officeObligations adds the Office's items of a plan: the submitted
// reports to review, and one reminder per unit with overdue work.
func officeObligations(q *queueBuilder, p *kehoach.Plan, obls []*kehoach.Obligation, now time.Time) {
	late := map[string][]*kehoach.Obligation{}
	var units []string
	for _, o := range obls {
		switch o.Status(now) {
		case kehoach.StatusSubmitted:
			if reported(o) && o.SubmittedAt != nil {
				q.add(QueueReportReview, o.ID, p.ID, o.UnitID, *o.SubmittedAt, "/obligations/"+o.ID+"/report", "Xem xét "+notify.KindName(string(o.Kind))+" của đơn vị")
			}
		case kehoach.StatusLate:
			if late[o.UnitID] == nil {
				units = append(units, o.UnitID)
			}
			late[o.UnitID] = append(late[o.UnitID], o)
		}
	}
	for _, u := range units {
		first := slices.MinFunc(late[u], func(x, y *kehoach.Obligation) int { return x.DueEnd().Compare(y.DueEnd()) })
		q.add(QueueUnitRemind, p.ID+" "+u, p.ID, u, first.DueEnd(), "/plans/"+p.ID+"/monitoring",
			"Đôn đốc đơn vị: "+strconv.Itoa(len(late[u]))+" việc quá hạn")
	}
}

// unitObligations adds a unit head's items of a plan: the obligations of
// their unit due within [QueueDueDays] or late, and the returned reports.
func unitObligations(q *queueBuilder, p *kehoach.Plan, obls []*kehoach.Obligation, now time.Time) {
	for _, o := range obls {
		if !q.a.HeadsUnit(o.UnitID) {
			continue
		}
		switch st := o.Status(now); st {
		case kehoach.StatusReturned:
			if o.ReturnedAt != nil {
				q.add(QueueReportReturned, o.ID, p.ID, o.UnitID, *o.ReturnedAt, "/obligations/"+o.ID+"/report", "Sửa và gửi lại "+notify.KindName(string(o.Kind)))
			}
		case kehoach.StatusLate, kehoach.StatusDueSoon, kehoach.StatusNotDue:
			due := o.DueEnd()
			if due.Sub(now) > QueueDueDays*24*time.Hour {
				continue
			}
			since := due.AddDate(0, 0, -QueueDueDays)
			if o.CreatedAt.After(since) {
				since = o.CreatedAt
			}
			title := "Hạn " + due.AddDate(0, 0, -1).Format("02/01/2006") + ": " + notify.KindName(string(o.Kind))
			if st == kehoach.StatusLate {
				title += " (quá hạn)"
			}
			q.add(QueueObligationDue, o.ID, p.ID, o.UnitID, since, obligationLink(p, o), title)
		}
	}
}

// summaryDue adds the Office's item for a plan whose units' result
// reports are all due and whose result report is not final yet.
func (s *Service) summaryDue(ctx context.Context, q *queueBuilder, p *kehoach.Plan, obls []*kehoach.Obligation, now time.Time) error {
	var due time.Time
	for _, o := range obls {
		if o.Kind == kehoach.KindFinal && o.DueEnd().After(due) {
			due = o.DueEnd()
		}
	}
	if due.IsZero() || now.Before(due) {
		return nil
	}
	sum, err := s.store.FindSummary(ctx, p.ID)
	switch {
	case kehoach.ErrorCode(err) == kehoach.ENOTFOUND:
	case err != nil:
		return err
	case sum.Status == kehoach.SummaryFinal:
		return nil
	}
	q.add(QueueSummaryFinish, p.ID, p.ID, p.AgencyID, due, "/plans/"+p.ID+"/summary", "Hoàn thành báo cáo kết quả thực hiện kế hoạch")
	return nil
}

// obligationLink is where a unit answers an obligation.
func obligationLink(p *kehoach.Plan, o *kehoach.Obligation) string {
	switch o.Kind {
	case kehoach.KindAcknowledgement:
		return "/plans/" + p.ID + "#my-work"
	case kehoach.KindBriefing:
		return "/plans/" + p.ID + "/briefing?unit=" + o.UnitID
	}
	return "/obligations/" + o.ID + "/report"
}
