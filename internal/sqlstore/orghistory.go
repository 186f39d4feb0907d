package sqlstore

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

const successionCols = `unit_id, successor_id, kind, on_date, note`

func scanSuccession(sc scanner) (kehoach.Succession, error) {
	var s kehoach.Succession
	err := sc.Scan(&s.UnitID, &s.SuccessorID, &s.Kind, &s.OnDate, &s.Note)
	return s, err
}

// FindSuccessions returns every successor link, by date.
func (db *DB) FindSuccessions(ctx context.Context) ([]kehoach.Succession, error) {
	rows, err := db.query(ctx, `SELECT `+successionCols+` FROM unit_successors ORDER BY on_date, unit_id, successor_id`)
	return nonNil(scanAll(rows, err, scanSuccession))
}

// SetSuccessors replaces the successors of unit id, checked against the
// tree as the transaction sees it.
func (db *DB) SetSuccessors(ctx context.Context, id string, list []kehoach.Succession) error {
	return db.InTx(ctx, func(tx *Tx) error {
		u, err := scanUnit(tx.queryRow(`SELECT `+unitCols+` FROM org_units WHERE id = ?`, id))
		if err != nil {
			return notFound(err, "đơn vị")
		}
		units, err := tx.units()
		if err != nil {
			return err
		}
		rows, err := tx.query(`SELECT ` + successionCols + ` FROM unit_successors ORDER BY on_date, unit_id, successor_id`)
		all, err := nonNil(scanAll(rows, err, scanSuccession))
		if err != nil {
			return err
		}
		var others, before []kehoach.Succession
		for _, s := range all {
			if s.UnitID == id {
				before = append(before, s)
			} else {
				others = append(others, s)
			}
		}
		if err := kehoach.ValidateSuccessions(kehoach.NewOrgTree(units).WithSuccessions(others), id, list); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM unit_successors WHERE unit_id = ?`, id); err != nil {
			return err
		}
		var names []string
		for i := range list {
			s := &list[i]
			s.UnitID, s.Note = id, strings.TrimSpace(s.Note)
			if _, err := tx.exec(`INSERT INTO unit_successors (`+successionCols+`) VALUES (?, ?, ?, ?, ?)`, s.UnitID, s.SuccessorID, s.Kind, s.OnDate, s.Note); err != nil {
				return err
			}
			names = append(names, s.SuccessorID)
		}
		summary := "Bỏ đơn vị kế thừa của " + u.Name
		if len(names) > 0 {
			summary = "Đặt đơn vị kế thừa của " + u.Name + ": " + strings.Join(names, ", ")
		}
		return tx.audit("unit.successors", "unit", id, "", summary, nonEmpty(before), nonEmpty(list))
	})
}

func nonEmpty(list []kehoach.Succession) []kehoach.Succession {
	if list == nil {
		return []kehoach.Succession{}
	}
	return list
}

// PlanCopy is a plan copied for a new year with what belongs to it, ready
// to store: the caller has mapped units and moved dates.
type PlanCopy struct {
	Plan    *kehoach.Plan
	Tasks   []*kehoach.Task
	Targets map[string]float64
	// Rule is the reminder schedule, nil to keep the default.
	Rule *notify.Rule
	// Publicity is the messages and contacts, nil when there are none.
	Publicity *kehoach.Publicity
	Events    []*kehoach.CampaignEvent
	// Summary says in the audit trail what was copied from where.
	Summary string
}

// CreatePlanCopy stores the copy in one transaction: the plan, its tasks,
// targets, reminder rule, publicity and events, and an audit entry naming
// its predecessor and the warnings.
func (db *DB) CreatePlanCopy(ctx context.Context, c *PlanCopy) error {
	return db.InTx(ctx, func(tx *Tx) error {
		p := c.Plan
		if err := tx.createPlan(p); err != nil {
			return err
		}
		for _, t := range c.Tasks {
			t.PlanID = p.ID
			if err := tx.createTask(t); err != nil {
				return err
			}
		}
		for code, v := range c.Targets {
			if _, err := tx.exec(`INSERT INTO plan_targets (plan_id, indicator_code, value) VALUES (?, ?, ?)`, p.ID, code, v); err != nil {
				return err
			}
		}
		if c.Rule != nil {
			raw, err := json.Marshal(c.Rule)
			if err != nil {
				return err
			}
			if _, err := tx.exec(`INSERT INTO plan_reminder_rules (plan_id, rule, updated_at) VALUES (?, ?, ?)`, p.ID, string(raw), tx.Now); err != nil {
				return err
			}
		}
		if c.Publicity != nil {
			c.Publicity.PlanID = p.ID
			raw, err := json.Marshal(c.Publicity)
			if err != nil {
				return err
			}
			if _, err := tx.exec(`INSERT INTO publicity (plan_id, content, updated_at) VALUES (?, ?, ?)`, p.ID, string(raw), tx.Now); err != nil {
				return err
			}
		}
		if len(c.Events) > 0 {
			if err := tx.ensureCommsIndicators(); err != nil {
				return err
			}
		}
		for _, e := range c.Events {
			e.PlanID = p.ID
			if err := tx.createEvent(e); err != nil {
				return err
			}
		}
		return tx.audit("plan.next_year", "plan", p.ID, p.ID, c.Summary, nil, p.Warnings)
	})
}
