package web

import (
	"math"
	"strconv"

	"github.com/kehoach/kehoach"
)

// bar is one horizontal bar of a chart drawn on the server as SVG (the
// "bar" template): Width is the filled share of the track, 0 to 100, and
// Text the value written beside it. None marks a bar over nothing to
// measure: no fill, "—".
type bar struct {
	Kind  string // what the bar measures, written before it ("Đầy đủ"); may be empty
	Label string // what it belongs to, for its title and aria-label
	Text  string
	Width string
	None  bool
}

// unitProgress is a unit's two bars: completeness and timeliness.
type unitProgress struct {
	UnitID, Unit         string
	Completeness, OnTime bar
}

// progressChart is what the "progress" template draws.
type progressChart struct {
	*page
	Units []unitProgress
	// Indicators are the indicators with a target: total / target.
	Indicators []indicatorProgress
}

type indicatorProgress struct {
	Code string
	Bar  bar
}

// Progress makes the charts of a plan's progress: each unit's rates over
// what is due (from m) and each target's indicator total (from t). Either
// may be nil.
func (p *page) Progress(m *kehoach.Monitoring, t *kehoach.IndicatorTable) *progressChart {
	c := &progressChart{page: p}
	if m != nil {
		for _, r := range m.Rows {
			c.Units = append(c.Units, unitProgress{UnitID: r.Unit.ID, Unit: r.Unit.Name,
				Completeness: p.rateBar(p.T("Đầy đủ"), r.Unit.Name, r.Completeness()),
				OnTime:       p.rateBar(p.T("Đúng hạn"), r.Unit.Name, r.OnTimeRate())})
		}
	}
	if t != nil {
		for _, ind := range t.Indicators {
			target, ok := t.Targets[ind.Code]
			if !ok {
				continue
			}
			v := t.Totals[ind.Code]
			b := bar{Label: ind.Name, Text: kehoach.FormatValue(v, ind.Decimal) + " / " + kehoach.FormatValue(target, ind.Decimal) + " " + ind.Unit}
			if target > 0 {
				share := 100 * v / target
				b.Text += " (" + p.Percent(&share) + ")"
				b.Width = barWidth(share)
			} else {
				b.None = true
			}
			c.Indicators = append(c.Indicators, indicatorProgress{Code: ind.Code, Bar: b})
		}
	}
	return c
}

// rateBar is the bar of a rate; nil (nothing due) draws no fill and "—".
func (p *page) rateBar(kind, label string, rate *float64) bar {
	b := bar{Kind: kind, Label: label, Text: p.Percent(rate)}
	if rate == nil {
		b.None = true
	} else {
		b.Width = barWidth(*rate)
	}
	return b
}

// barWidth is a share in percent as the width of a bar: between 0 and 100
// (a target exceeded fills the track), to one decimal.
func barWidth(share float64) string {
	return strconv.FormatFloat(math.Round(10*max(0, min(100, share)))/10, 'f', -1, 64)
}
