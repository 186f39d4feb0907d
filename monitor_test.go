package kehoach_test

import (
	"testing"
	"time"

	"github.com/kehoach/kehoach"
)

// TestMonitorRatesCountOnlyWhatIsDue: a unit with nothing due yet has no
// rate (shown "—"), not 100 %; an answer to what is not yet due does not
// raise a rate either, and a late answer counts as received, not on time.
func TestMonitorRatesCountOnlyWhatIsDue(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, kehoach.Zone)
	early := time.Date(2026, 3, 1, 9, 0, 0, 0, kehoach.Zone)
	late := time.Date(2026, 3, 8, 9, 0, 0, 0, kehoach.Zone)
	units := []*kehoach.OrgUnit{{ID: "u-a", Name: "A"}, {ID: "u-b", Name: "B"}}
	obls := []*kehoach.Obligation{
		// A: nothing due yet, one answered early.
		{ID: "o1", UnitID: "u-a", Kind: kehoach.KindAcknowledgement, Due: "2026-04-01", SubmittedAt: &early, FirstSubmittedAt: &early},
		{ID: "o2", UnitID: "u-a", Kind: kehoach.KindFinal, Due: "2026-05-01"},
		// B: two due, one answered on time, one late; one not yet due.
		{ID: "o3", UnitID: "u-b", Kind: kehoach.KindAcknowledgement, Due: "2026-03-05", SubmittedAt: &early, FirstSubmittedAt: &early},
		{ID: "o4", UnitID: "u-b", Kind: kehoach.KindBriefing, Due: "2026-03-05", SubmittedAt: &late, FirstSubmittedAt: &late},
		{ID: "o5", UnitID: "u-b", Kind: kehoach.KindFinal, Due: "2026-05-01"},
	}
	m := kehoach.Monitor(units, obls, nil, now, kehoach.MonitorFilter{})
	if len(m.Rows) != 2 {
		t.Fatalf("rows: %d", len(m.Rows))
	}
	a, b := m.Rows[0], m.Rows[1]
	if a.Completeness() != nil || a.OnTimeRate() != nil || a.Expected != 0 || a.Total != 2 {
		t.Errorf("unit with nothing due: completeness %v, on time %v, tally %+v", a.Completeness(), a.OnTimeRate(), a.Tally)
	}
	if c, o := b.Completeness(), b.OnTimeRate(); c == nil || *c != 100 || o == nil || *o != 50 {
		t.Errorf("unit with two due: completeness %v, on time %v", c, o)
	}
	if c := m.Total.Completeness(); c == nil || *c != 100 || m.Total.Expected != 2 {
		t.Errorf("total: %v %+v", c, m.Total)
	}
	none := kehoach.Monitor(units, obls[:2], nil, now, kehoach.MonitorFilter{})
	if none.Total.Completeness() != nil || none.Total.OnTimeRate() != nil {
		t.Errorf("nothing due anywhere: %+v", none.Total)
	}
}

// TestTallyCountsIsMonitorsTotal: the roll-up's tally from the database's
// counts gives the rates of the grid's total — answers on time and late,
// accepted, returned and not yet due alike — and leaves out units the
// counted function refuses, as the grid leaves out units not among its rows.
func TestTallyCountsIsMonitorsTotal(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, kehoach.Zone)
	early := time.Date(2026, 3, 1, 9, 0, 0, 0, kehoach.Zone)
	later := time.Date(2026, 3, 8, 9, 0, 0, 0, kehoach.Zone)
	units := []*kehoach.OrgUnit{{ID: "u-a", Name: "A"}, {ID: "u-b", Name: "B"}}
	obls := []*kehoach.Obligation{
		{ID: "o1", UnitID: "u-a", Kind: kehoach.KindAcknowledgement, Due: "2026-03-02", SubmittedAt: &early, FirstSubmittedAt: &early, AcceptedAt: &later},
		{ID: "o2", UnitID: "u-a", Kind: kehoach.KindFinal, Due: "2026-03-03"},
		{ID: "o3", UnitID: "u-b", Kind: kehoach.KindBriefing, Due: "2026-03-05", SubmittedAt: &later, FirstSubmittedAt: &later},
		{ID: "o4", UnitID: "u-b", Kind: kehoach.KindProgress, Due: "2026-03-04", SubmittedAt: &later, FirstSubmittedAt: &early, ReturnedAt: &later},
		{ID: "o5", UnitID: "u-b", Kind: kehoach.KindFinal, Due: "2026-03-12", SubmittedAt: &early, FirstSubmittedAt: &early},
		{ID: "o6", UnitID: "u-gone", Kind: kehoach.KindFinal, Due: "2026-03-01", SubmittedAt: &early},
	}
	want := kehoach.Monitor(units, obls, nil, now, kehoach.MonitorFilter{}).Total
	// What the database counts: by unit, and the first answers of those due
	// before today and answered.
	today := now.Format(time.DateOnly)
	byUnit := map[string]*kehoach.UnitObligationCounts{}
	var counts []kehoach.UnitObligationCounts
	var first []kehoach.FirstAnswers
	for _, o := range obls {
		if byUnit[o.UnitID] == nil {
			byUnit[o.UnitID] = &kehoach.UnitObligationCounts{UnitID: o.UnitID}
		}
		c := byUnit[o.UnitID]
		c.Total++
		if o.Due < today {
			c.Expected++
			if o.SubmittedAt != nil {
				c.Received++
				at := o.SubmittedAt
				if o.FirstSubmittedAt != nil {
					at = o.FirstSubmittedAt
				}
				first = append(first, kehoach.FirstAnswers{UnitID: o.UnitID, Due: o.Due, At: *at, N: 1})
			}
		}
	}
	for _, c := range byUnit {
		counts = append(counts, *c)
	}
	known := func(id string) bool { return id == "u-a" || id == "u-b" }
	got := kehoach.TallyCounts(counts, first, known)
	if got.Total != want.Total || got.Expected != want.Expected || got.Received != want.Received || got.OnTime != want.OnTime {
		t.Errorf("TallyCounts: %+v, Monitor's total: %+v", got, want)
	}
	if want.Expected != 4 || want.Received != 3 || want.OnTime != 2 {
		t.Errorf("Monitor's total: %+v", want)
	}
	if all := kehoach.TallyCounts(counts, first, nil); all.Total != len(obls) || all.OnTime != 3 {
		t.Errorf("TallyCounts without a filter: %+v", all)
	}
}
