package planimport

import (
	"os"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/orgmatch"
)

// TestSeedActivitiesMatchUnits checks that the seed's activities and
// duties reach the units they name, and that the activities naming no unit
// and the collective names are left for the Office to choose.
func TestSeedActivitiesMatchUnits(t *testing.T) {
	p := readSeed(t)
	cands := []orgmatch.Candidate{
		{ID: "vp", Name: "Văn phòng Sở", ParentName: "Sở Giao thông vận tải"},
		{ID: "pkhtc", Name: "Phòng Kế hoạch - Tài chính", ParentName: "Sở Giao thông vận tải"},
		{ID: "web", Name: "Trang thông tin điện tử của Sở", ParentName: "Sở Giao thông vận tải"},
		{ID: "cdtn", Name: "Chi đoàn thanh niên Sở", ParentName: "Sở Giao thông vận tải"},
	}
	MatchUnits(p, cands)
	got := map[string]string{}
	for _, task := range p.Tasks {
		got[task.Section] = task.LeadUnitID
	}
	want := map[string]string{"II.1": "", "II.2": "web", "II.3": "", "II.4": "", "III.1": "", "III.2": "vp"}
	for sec, id := range want {
		if g, ok := got[sec]; !ok || g != id {
			t.Errorf("task %s: lead unit %q (present %v), want %q", sec, g, ok, id)
		}
	}
}

// readSeed reads the reference plan of the demo as the agency's draft.
func readSeed(t *testing.T) *kehoach.Plan {
	t.Helper()
	f, err := os.Open("../demo/seed/ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Read(f, "seed.txt", "sgtvt")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
