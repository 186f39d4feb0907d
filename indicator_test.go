package kehoach_test

import (
	"testing"

	"github.com/kehoach/kehoach"
)

// TestDefaultIndicators: the catalogue read from indicators.json holds the
// seed plan's measures, with what the reports and news items rely on.
func TestDefaultIndicators(t *testing.T) {
	want := map[string]struct {
		decimal bool
		source  string
	}{
		kehoach.IndNewsItems: {false, "posts"}, kehoach.IndNewsMinutes: {true, "posts"}, kehoach.IndStaffReached: {false, ""},
		kehoach.IndChildClasses: {false, ""}, kehoach.IndSummerSafety: {false, ""}, kehoach.IndBriefed: {false, "briefings"},
	}
	if len(kehoach.DefaultIndicators) != len(want) {
		t.Fatalf("%d indicators, want %d", len(kehoach.DefaultIndicators), len(want))
	}
	for code, w := range want {
		ind := kehoach.IndicatorByCode(kehoach.DefaultIndicators, code)
		if ind == nil {
			t.Fatalf("no indicator %s", code)
		}
		if ind.Decimal != w.decimal || ind.Source != w.source || ind.Aggregation != kehoach.AggSum || ind.Name == "" || ind.Unit == "" {
			t.Errorf("%s = %+v", code, ind)
		}
	}
}
