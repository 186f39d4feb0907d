package ops_test

import (
	"math"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// TestNotFiniteNumbers: NaN and infinity are no numbers wherever one is
// read, typed or given as a value: an indicator's lower limit of NaN or
// infinity is refused naming "min" (it was stored, and broke pages).
func TestNotFiniteNumbers(t *testing.T) {
	for _, s := range []string{"NaN", "nan", "Infinity", "-Inf", "+Inf", "1e999", "1e308"} {
		if v, _, err := ops.ReadNumber(s, false); err == nil {
			t.Errorf("ReadNumber(%q) = %v, want an error", s, v)
		}
	}
	onDemo(t, func(t *testing.T, f *fixture) {
		admin := f.as("quantri")
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			_, err := f.svc.SaveIndicator(t.Context(), admin, ops.IndicatorInput{Indicator: kehoach.Indicator{Code: "thu_nghiem", Name: "Thử nghiệm",
				Unit: "lượt", Aggregation: kehoach.AggSum, Min: v}})
			wantFields(t, err, "min")
		}
		inds, err := f.svc.Indicators(t.Context(), admin)
		noErr(t, err)
		if kehoach.IndicatorByCode(inds, "thu_nghiem") != nil {
			t.Error("an indicator with a lower limit that is no number was stored")
		}
	})
}
