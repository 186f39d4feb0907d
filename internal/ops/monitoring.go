package ops

import (
	"context"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// SentReminderRows is how many sent reminders the monitoring lists unless
// all are asked for.
const SentReminderRows = 20

// MonitorQuery selects what the monitoring shows.
type MonitorQuery struct {
	Filter kehoach.MonitorFilter
	// Details adds the reminders sent and the indicator values.
	Details bool
	// AllReminders lists every reminder sent, not only the latest
	// [SentReminderRows].
	AllReminders bool
}

// Monitoring is the follow-up of a plan's execution: the grid of every
// unit's obligations and, with details, reminders sent and indicator values.
// Its parts but the grid's Now and the viewer's rights are shared by every
// viewer and kept in memory (see monitorcache.go): callers only read them.
type Monitoring struct {
	Plan  *kehoach.Plan
	M     *kehoach.Monitoring
	Units []*kehoach.OrgUnit
	Tasks map[string]*kehoach.Task
	// CanEdit tells whether a is the plan's Office (the board only reads);
	// CanRemind whether it may send a reminder by hand now.
	CanEdit, CanRemind bool
	Values             *kehoach.IndicatorTable
	Reminders          []*notify.Reminder
	// MoreReminders is true when only the latest reminders are listed.
	MoreReminders bool
	// Kept numbers the shared computation this answer comes from, the
	// same for every answer from it (0 when it is not kept): what a door
	// makes of the shared parts alone may be kept under it.
	Kept uint64
}

// Monitoring returns the follow-up of a plan a monitors (its Office and
// its board).
func (s *Service) Monitoring(ctx context.Context, a *kehoach.Actor, planID string, q MonitorQuery) (*Monitoring, error) {
	ctx = readOnly(ctx)
	return s.keptMonitoring(ctx, a, planID, q, func() (*Monitoring, int, error) {
		p, err := s.monitoredPlan(ctx, a, planID)
		if err != nil {
			return nil, 0, err
		}
		m, err := s.computeMonitoring(ctx, a, p, q)
		if err != nil {
			return nil, 0, err
		}
		return m.Monitoring, m.size, nil
	})
}

// computeMonitoring computes what [Service.Monitoring] shows of plan p.
func (s *Service) computeMonitoring(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, q MonitorQuery) (*monitoring, error) {
	obls, err := s.store.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	tasks, err := s.store.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	m := &Monitoring{Plan: p, Units: sqlstore.UnitsOfPlan(a.Tree, obls), Tasks: tasksByID(tasks)}
	m.M = kehoach.Monitor(m.Units, obls, tasks, s.Now(), q.Filter)
	out := &monitoring{Monitoring: m, size: len(obls) + len(tasks)}
	if !q.Details {
		return out, nil
	}
	rf := notify.ReminderFilter{PlanID: &p.ID}
	if !q.AllReminders {
		// One more than shown tells whether there are more.
		rf.Limit = SentReminderRows + 1
	}
	if m.Reminders, err = s.store.FindReminders(ctx, rf); err != nil {
		return nil, err
	}
	if rf.Limit > 0 && len(m.Reminders) > SentReminderRows {
		m.Reminders, m.MoreReminders = m.Reminders[:SentReminderRows], true
	}
	out.size += len(m.Reminders)
	if m.Values, err = s.store.PlanIndicatorValues(ctx, p.ID); err != nil {
		return nil, err
	}
	return out, nil
}

// monitoring is a computed monitoring and its size for the cache.
type monitoring struct {
	*Monitoring
	size int
}

// progress computes the Progress of plan p, whose tasks are given, for a
// who monitors it.
func (s *Service) progress(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, tasks []*kehoach.Task) (*Progress, error) {
	obls, err := s.store.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	pr := &Progress{M: kehoach.Monitor(sqlstore.UnitsOfPlan(a.Tree, obls), obls, tasks, s.Now(), kehoach.MonitorFilter{})}
	if pr.Values, err = s.store.PlanIndicatorValues(ctx, p.ID); err != nil {
		return nil, err
	}
	return pr, nil
}

// PlanValues returns the indicator values of a plan a monitors, by unit.
func (s *Service) PlanValues(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.IndicatorTable, error) {
	t, err := ofPlan(ctx, a, planID, s.monitoredPlan, s.store.PlanIndicatorValues)
	if err != nil {
		return nil, err
	}
	if t.Units == nil {
		t.Units = []string{}
	}
	return t, nil
}
