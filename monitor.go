package kehoach

import (
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

func (t *Tally) add(o *Obligation, st ObligationStatus, now, dueEnd time.Time) {
	t.Total++
	if !now.Before(dueEnd) {
		t.Expected++
		if o.Received() {
			t.Received++
			if o.onTime(dueEnd) {
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

// columnKey identifies a column of the grid.
type columnKey struct {
	kind              ObligationKind
	taskID, periodEnd string
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
	colIdx := map[columnKey]int{}
	var kept []*Obligation
	for _, o := range obligations {
		if f.UnitID != "" && o.UnitID != f.UnitID || f.Kind != "" && o.Kind != f.Kind || f.Status != "" && o.Status(now) != f.Status {
			continue
		}
		kept = append(kept, o)
		key := columnKey{o.Kind, o.TaskID, o.PeriodEnd}
		if _, ok := colIdx[key]; !ok {
			colIdx[key] = len(m.Columns)
			m.Columns = append(m.Columns, MonitorColumn{Key: string(o.Kind) + "|" + o.TaskID + "|" + o.PeriodEnd, Kind: o.Kind, TaskID: o.TaskID, TaskNumber: num[o.TaskID], PeriodEnd: o.PeriodEnd})
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
		colIdx[columnKey{c.Kind, c.TaskID, c.PeriodEnd}] = i
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
		end := o.DueEnd()
		st := o.statusAt(now, func() time.Time { return end })
		cell := &MonitorCell{Obligation: o, Status: st}
		if st == StatusLate {
			cell.DaysLate = daysLate(now, end)
		}
		r.Cells[colIdx[columnKey{o.Kind, o.TaskID, o.PeriodEnd}]] = cell
		r.add(o, st, now, end)
		m.Total.add(o, st, now, end)
	}
	for _, u := range units {
		if r := rows[u.ID]; r.Total > 0 {
			m.Rows = append(m.Rows, r)
		}
	}
	return m
}

// UnitObligationCounts counts one unit's obligations of a plan at a day:
// all of them, those due before it (Expected) and those of them answered.
type UnitObligationCounts struct {
	UnitID                    string
	Total, Expected, Received int
}

// FirstAnswers are N answered obligations of a unit due on Due (YYYY-MM-DD)
// whose first answer came at At.
type FirstAnswers struct {
	UnitID, Due string
	At          time.Time
	N           int
}

// TallyCounts is the Total of [Monitor] from counts made by the database: units as
// counted at the day of now, and the first answers of the expected and
// received obligations, each on time when it came by the end of its due
// day. Late and Accepted are not counted.
func TallyCounts(units []UnitObligationCounts, first []FirstAnswers, counted func(unitID string) bool) Tally {
	var t Tally
	for _, u := range units {
		if counted == nil || counted(u.UnitID) {
			t.Total, t.Expected, t.Received = t.Total+u.Total, t.Expected+u.Expected, t.Received+u.Received
		}
	}
	for _, f := range first {
		o := Obligation{Due: f.Due, FirstSubmittedAt: &f.At}
		if (counted == nil || counted(f.UnitID)) && o.OnTime() {
			t.OnTime += f.N
		}
	}
	return t
}
