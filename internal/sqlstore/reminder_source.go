package sqlstore

import (
	"context"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

// reminderSource tells the reminders what units owe, from the
// obligations of plans under way, and who hears of it.
type reminderSource struct {
	db *DB
}

var _ notify.Source = (*reminderSource)(nil)

// ReminderSource returns what the reminders need to know of this database:
// the open obligations of plans under way, and who hears of them.
func (db *DB) ReminderSource() notify.Source { return &reminderSource{db: db} }

// OpenDues returns the unanswered obligations of every issued plan that is
// not closed.
func (s *reminderSource) OpenDues(ctx context.Context) ([]notify.Due, error) {
	now := s.db.Clock.Now()
	tree, err := s.db.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	var out []notify.Due
	for _, st := range []kehoach.PlanStatus{kehoach.PlanIssued, kehoach.PlanInProgress, kehoach.PlanReporting} {
		plans, _, err := s.db.FindPlans(ctx, kehoach.PlanFilter{Status: &st})
		if err != nil {
			return nil, err
		}
		for _, p := range plans {
			obls, err := s.db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID})
			if err != nil {
				return nil, err
			}
			name := p.FullTitle()
			if ns := p.NumberSymbol(); ns != "" {
				name = "Kế hoạch số " + ns
			}
			for _, o := range obls {
				label := capitalise(notify.KindName(string(o.Kind)))
				if o.Kind == kehoach.KindProgress && o.PeriodEnd != "" {
					label += " kỳ đến " + vnDate(o.PeriodEnd)
				}
				d := notify.DueFromObligation(o, label+" – "+name, now)
				if u := tree.Unit(o.UnitID); u != nil {
					d.UnitName = u.Name
				}
				if !d.Done {
					out = append(out, d)
				}
			}
		}
	}
	return out, nil
}

func capitalise(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func vnDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

// Recipients returns, for a unit, its staff (or its head when it has no
// staff) and its shared mailbox; for the head level, its heads; for the
// Office's flag, the Office people of its agency.
func (s *reminderSource) Recipients(ctx context.Context, unitID string, level notify.Level) ([]notify.Recipient, error) {
	tree, err := s.db.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	people := func(unit string, role kehoach.Role) ([]notify.Recipient, error) {
		ps, err := s.db.FindPeople(ctx, kehoach.PersonFilter{UnitID: &unit, Role: &role})
		if err != nil {
			return nil, err
		}
		var out []notify.Recipient
		for _, p := range ps {
			if p.Active {
				out = append(out, notify.Recipient{PersonID: p.ID, Name: p.FullName, Email: p.Email})
			}
		}
		return out, nil
	}
	switch level {
	case notify.LevelUnitHead:
		return people(unitID, kehoach.RoleUnitHead)
	case notify.LevelOfficeFlag:
		ag := tree.AgencyOf(unitID)
		if ag == nil {
			return nil, nil
		}
		var out []notify.Recipient
		for _, u := range tree.Units() {
			if u.Kind == kehoach.UnitOffice && tree.IsWithin(u.ID, ag.ID) {
				rs, err := people(u.ID, kehoach.RoleOffice)
				if err != nil {
					return nil, err
				}
				out = append(out, rs...)
			}
		}
		return out, nil
	}
	out, err := people(unitID, kehoach.RoleStaff)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if out, err = people(unitID, kehoach.RoleUnitHead); err != nil {
			return nil, err
		}
	}
	if u := tree.Unit(unitID); u != nil && u.Email != "" {
		out = append(out, notify.Recipient{Name: u.Name, Email: u.Email})
	}
	return out, nil
}
