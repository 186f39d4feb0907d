package app_test

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
)

// TestProgressCharts: the plan page and the monitoring page of the demo
// draw, for the Office and the Director, each unit's completeness and
// timeliness over what is due and each target's indicator total as SVG
// bars whose widths and written values are the API's figures; a unit with
// nothing due has an empty bar and "—". A unit head sees no chart.
func TestProgressCharts(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		id := f.plan.ID
		mon := f.monitoringAPI(t, id)
		var vals kehoach.IndicatorTable
		if err := json.Unmarshal([]byte(f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/api/v1/plans/" + id + "/indicator-values", want: 200})), &vals); err != nil {
			t.Fatal(err)
		}
		if len(mon.Units) == 0 || len(vals.Targets) == 0 {
			t.Fatalf("the demo should have units and targets: %d units, %d targets", len(mon.Units), len(vals.Targets))
		}
		someRate := false
		for _, page := range []struct{ user, path string }{{"vanphong", "/plans/" + id}, {"giamdoc", "/plans/" + id}, {"vanphong", "/plans/" + id + "/monitoring"}, {"giamdoc", "/plans/" + id + "/monitoring"}} {
			body := f.expect(t, httpCase{user: page.user, method: "GET", path: page.path, want: 200, contains: []string{`id="progress"`, `id="unit-progress"`, `id="indicator-progress"`}})
			for _, u := range mon.Units {
				row := regexp.MustCompile(`(?s)<li data-unit="` + regexp.QuoteMeta(u.Unit.ID) + `">.*?</li>`).FindString(body)
				bars := barsOf(row)
				if len(bars) != 2 {
					t.Fatalf("%s as %s: unit %s: %d bars in %q", page.path, page.user, u.Unit.ID, len(bars), row)
				}
				for i, rate := range []*float64{u.Completeness, u.OnTimeRate} {
					checkBar(t, page.path+" "+u.Unit.ID, bars[i], rate)
					someRate = someRate || rate != nil
				}
			}
			for code, target := range vals.Targets {
				row := regexp.MustCompile(`(?s)<li data-indicator="` + regexp.QuoteMeta(code) + `">.*?</li>`).FindString(body)
				bars := barsOf(row)
				if len(bars) != 1 {
					t.Fatalf("%s: indicator %s: %d bars in %q", page.path, code, len(bars), row)
				}
				share := 100 * vals.Totals[code] / target
				checkBar(t, page.path+" "+code, bars[0], &share)
				if !strings.Contains(bars[0].text, " / ") {
					t.Errorf("%s: indicator %s: text %q", page.path, code, bars[0].text)
				}
			}
		}
		if !someRate {
			t.Error("the demo should have a unit with something due")
		}
		f.expect(t, httpCase{user: "pkhtc", method: "GET", path: "/plans/" + id, want: 200, absent: []string{`id="progress"`, "<svg"}})
	})
}

// monitoringJSON is what the tests read of the API's monitoring answer.
type monitoringJSON struct {
	Units []struct {
		Unit struct {
			ID string `json:"id"`
		} `json:"unit"`
		Expected     int      `json:"expected"`
		Completeness *float64 `json:"completeness"`
		OnTimeRate   *float64 `json:"onTimeRate"`
	} `json:"units"`
}

// monitoringAPI reads the Office's monitoring of plan id through the API.
func (f *fixture) monitoringAPI(t *testing.T, id string) monitoringJSON {
	t.Helper()
	var out monitoringJSON
	api := f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/api/v1/plans/" + id + "/monitoring", want: 200})
	if err := json.Unmarshal([]byte(api), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

type svgBar struct {
	width, text, label string
	filled             bool
}

var (
	barRe   = regexp.MustCompile(`(?s)<svg class="bar-svg"[^>]*aria-label="([^"]*)"[^>]*>.*?</svg><span class="bar-value">([^<]*)</span>`)
	widthRe = regexp.MustCompile(`<rect class="bar-fill" width="([^"]*)"`)
)

// barsOf reads the SVG bars of a chart row.
func barsOf(row string) []svgBar {
	var out []svgBar
	for _, m := range barRe.FindAllStringSubmatch(row, -1) {
		b := svgBar{label: m[1], text: m[2]}
		if w := widthRe.FindStringSubmatch(m[0]); w != nil {
			b.width, b.filled = w[1], true
		}
		out = append(out, b)
	}
	return out
}

// checkBar checks a bar against a share in percent: nil draws no fill and
// "—"; otherwise the fill is the share (at most 100) and the rounded
// percentage is written beside it and in its label.
func checkBar(t *testing.T, where string, b svgBar, share *float64) {
	t.Helper()
	if share == nil {
		if b.filled || b.text != "—" {
			t.Errorf("%s: nothing due, bar %+v", where, b)
		}
		return
	}
	w, err := strconv.ParseFloat(b.width, 64)
	if err != nil || math.Abs(w-min(100, *share)) > 0.05 {
		t.Errorf("%s: width %q, want %.1f", where, b.width, min(100, *share))
	}
	pct := strconv.FormatFloat(*share, 'f', 0, 64) + "%"
	if !strings.Contains(b.text, pct) || !strings.Contains(b.label, pct) {
		t.Errorf("%s: bar %+v, want %s", where, b, pct)
	}
}
