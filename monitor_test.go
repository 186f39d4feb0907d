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

// TestTallyOfIsMonitorsTotal: the roll-up's tally without the grid counts
// what the grid's total counts — late, accepted, returned and not-due
// obligations alike — and leaves out units the counted function refuses,
// as the grid leaves out units not among its rows.
func TestTallyOfIsMonitorsTotal(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, kehoach.Zone)
	early := time.Date(2026, 3, 1, 9, 0, 0, 0, kehoach.Zone)
	later := time.Date(2026, 3, 8, 9, 0, 0, 0, kehoach.Zone)
	units := []*kehoach.OrgUnit{{ID: "u-a", Name: "A"}, {ID: "u-b", Name: "B"}}
	obls := []*kehoach.Obligation{
		{ID: "o1", UnitID: "u-a", Kind: kehoach.KindAcknowledgement, Due: "2026-03-02", SubmittedAt: &early, FirstSubmittedAt: &early, AcceptedAt: &later},
		{ID: "o2", UnitID: "u-a", Kind: kehoach.KindFinal, Due: "2026-03-03"},
		{ID: "o3", UnitID: "u-b", Kind: kehoach.KindBriefing, Due: "2026-03-05", SubmittedAt: &later, FirstSubmittedAt: &later},
		{ID: "o4", UnitID: "u-b", Kind: kehoach.KindProgress, Due: "2026-03-04", SubmittedAt: &early, FirstSubmittedAt: &early, ReturnedAt: &later},
		{ID: "o5", UnitID: "u-b", Kind: kehoach.KindFinal, Due: "2026-03-12"},
		{ID: "o6", UnitID: "u-gone", Kind: kehoach.KindFinal, Due: "2026-03-01"},
	}
	want := kehoach.Monitor(units, obls, nil, now, kehoach.MonitorFilter{}).Total
	known := func(id string) bool { return id == "u-a" || id == "u-b" }
	if got := kehoach.TallyOf(obls, now, known); got != want {
		t.Errorf("TallyOf: %+v, Monitor's total: %+v", got, want)
	}
	if want.Late != 1 || want.Accepted != 1 || want.Expected != 4 || want.OnTime != 2 {
		t.Errorf("Monitor's total: %+v", want)
	}
	if all := kehoach.TallyOf(obls, now, nil); all.Total != len(obls) {
		t.Errorf("TallyOf without a filter: %+v", all)
	}
}
