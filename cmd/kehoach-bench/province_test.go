package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// TestProvinceBuilds builds a small province (three agencies) and reads it
// as the harness does: the superior's roll-up names every agency's plan,
// the third agency's result report finalised and accepted, and the first
// agency's monitoring counts its reports.
func TestProvinceBuilds(t *testing.T) {
	defer func(n int) { provAgencies = n }(provAgencies)
	provAgencies = 3
	ctx := context.Background()
	dbArgs := []string{"--data", t.TempDir()}
	if err := buildProvince(ctx, options{logf: t.Logf}, dbArgs); err != nil {
		t.Fatal(err)
	}
	svc, err := ops.Open(ctx, filepath.Join(dbArgs[1], "kehoach.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	svc.SetClock(kehoach.ClockFunc(func() time.Time { return provNow }))
	sup, err := svc.ActAs(ctx, "sldtbxh")
	if err != nil {
		t.Fatal(err)
	}
	plans, err := svc.Plans(ctx, sup, kehoach.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var parent, first *kehoach.Plan
	for _, p := range plans {
		switch p.AgencyID {
		case "prov":
			parent = p
		case agencyID(1):
			first = p
		}
	}
	if parent == nil || first == nil {
		t.Fatalf("plans: %d, no province plan or no plan of %s", len(plans), agencyID(1))
	}
	r, err := svc.Rollup(ctx, sup, parent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Children) != provAgencies {
		t.Fatalf("roll-up children: %d, want %d", len(r.Children), provAgencies)
	}
	for i, ch := range r.Children {
		if ch.PlanID == nil || ch.Completeness == nil {
			t.Errorf("child %s: plan %v, completeness %v", ch.AgencyID, ch.PlanID, ch.Completeness)
		}
		want := kehoach.SummaryNotStarted
		if i == 2 {
			want = kehoach.SummaryAccepted
		}
		if ch.Report.State != want {
			t.Errorf("child %s: report %s, want %s", ch.AgencyID, ch.Report.State, want)
		}
	}
	office, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	m, err := svc.Monitoring(ctx, office, first.ID, ops.MonitorQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if m.M.Total.Received == 0 || m.M.Total.Expected <= m.M.Total.Received {
		t.Errorf("monitoring of %s: %+v", agencyID(1), m.M.Total)
	}
}
