package kehoach

import (
	"fmt"
	"sort"
	"time"
)

// MonitorColumn is one column of the monitoring grid: a kind of obligation,
// for a task and period where it has one.
type MonitorColumn struct {
	Key        string
	Kind       ObligationKind
	TaskID     string
	TaskNumber int
	PeriodEnd  string
}

// MonitorCell is one unit's obligation in a column, with its computed status.
type MonitorCell struct {
	Obligation *Obligation
	Status     ObligationStatus
	DaysLate   int
}

// MonitorRow is one unit's line: its cells and its rates.
type MonitorRow struct {
	Unit  *OrgUnit
	Cells []*MonitorCell // aligned with Monitoring.Columns; nil where nothing is owed
	Tally
}

// Tally counts obligations: Expected are those due by now (their deadline
// has passed); Received and OnTime count those of them answered, and
// answered by the due day. An obligation not yet due counts in Total only:
// the rates speak of what was owed, not of what is still to come.
type Tally struct {
	Total, Expected, Received, OnTime, Late, Accepted int
}

// Completeness returns received / expected in percent, or nil when nothing
// is due yet (shown as "—", never as 100 %).
func (t Tally) Completeness() *float64 { return t.rate(t.Received) }

// OnTimeRate returns on time / expected in percent, or nil when nothing is
// due yet.
func (t Tally) OnTimeRate() *float64 { return t.rate(t.OnTime) }

func (t Tally) rate(n int) *float64 {
	if t.Expected == 0 {
		return nil
	}
	r := 100 * float64(n) / float64(t.Expected)
	return &r
}

func (t *Tally) add(o *Obligation, st ObligationStatus, now time.Time) {
	t.Total++
	if !now.Before(o.DueEnd()) {
		t.Expected++
		if o.Received() {
			t.Received++
			if o.OnTime() {
				t.OnTime++
			}
		}
	}
	if st == StatusLate {
		t.Late++
	}
	if st == StatusAccepted {
		t.Accepted++
	}
}

// Monitoring is the units × obligations grid of one plan.
type Monitoring struct {
	Now     time.Time
	Columns []MonitorColumn
	Rows    []*MonitorRow
	Total   Tally
}

// MonitorFilter narrows the grid.
type MonitorFilter struct {
	UnitID string
	Kind   ObligationKind
	Status ObligationStatus
}

// Monitor computes the grid from the plan's obligations at now. units gives
// the row order; tasks give the columns' numbers.
func Monitor(units []*OrgUnit, obligations []*Obligation, tasks []*Task, now time.Time, f MonitorFilter) *Monitoring {
	num := map[string]int{}
	for _, t := range tasks {
		num[t.ID] = t.Number
	}
	m := &Monitoring{Now: now}
	colIdx := map[string]int{}
	var kept []*Obligation
	for _, o := range obligations {
		if f.UnitID != "" && o.UnitID != f.UnitID || f.Kind != "" && o.Kind != f.Kind || f.Status != "" && o.Status(now) != f.Status {
			continue
		}
		kept = append(kept, o)
		key := fmt.Sprintf("%s|%s|%s", o.Kind, o.TaskID, o.PeriodEnd)
		if _, ok := colIdx[key]; !ok {
			colIdx[key] = len(m.Columns)
			m.Columns = append(m.Columns, MonitorColumn{Key: key, Kind: o.Kind, TaskID: o.TaskID, TaskNumber: num[o.TaskID], PeriodEnd: o.PeriodEnd})
		}
	}
	kindOrder := map[ObligationKind]int{}
	for i, k := range ObligationKinds {
		kindOrder[k] = i
	}
	sort.SliceStable(m.Columns, func(i, j int) bool {
		a, b := m.Columns[i], m.Columns[j]
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.TaskNumber != b.TaskNumber {
			return a.TaskNumber < b.TaskNumber
		}
		return a.PeriodEnd < b.PeriodEnd
	})
	for i, c := range m.Columns {
		colIdx[c.Key] = i
	}
	rows := map[string]*MonitorRow{}
	for _, u := range units {
		rows[u.ID] = &MonitorRow{Unit: u, Cells: make([]*MonitorCell, len(m.Columns))}
	}
	for _, o := range kept {
		r := rows[o.UnitID]
		if r == nil {
			continue
		}
		st := o.Status(now)
		r.Cells[colIdx[fmt.Sprintf("%s|%s|%s", o.Kind, o.TaskID, o.PeriodEnd)]] = &MonitorCell{Obligation: o, Status: st, DaysLate: o.DaysLate(now)}
		r.add(o, st, now)
		m.Total.add(o, st, now)
	}
	for _, u := range units {
		if r := rows[u.ID]; r.Total > 0 {
			m.Rows = append(m.Rows, r)
		}
	}
	return m
}
