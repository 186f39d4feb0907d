package web

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// oldGridBody is the template the grid's rows were written with before
// monitorData.GridBody.
const oldGridBody = `<tbody>{{range $m.Rows}}<tr data-unit="{{.Unit.ID}}"><th scope="row">{{.Unit.Name}}</th>
{{range .Cells}}<td>{{if .}}{{$o := .Obligation}}<span class="ob ob-{{.Status}}" title="{{$.T "Hạn"}} {{date $o.Due}}">{{$.ObligationStatus .Status}}{{if .DaysLate}} ({{.DaysLate}} {{$.T "ngày"}}){{end}}</span>{{if or (eq $o.Kind "progress") (eq $o.Kind "final")}}{{if $o.Received}} <a href="/obligations/{{$o.ID}}/report">{{$.T "xem"}}</a>{{end}}{{end}}{{else}}<span class="meta">—</span>{{end}}</td>{{end}}
<td>{{$.Percent .Completeness}}</td><td>{{$.Percent .OnTimeRate}}</td></tr>{{end}}</tbody>`

// TestMonitorGridSameAsTemplate: GridBody writes exactly what the template
// it replaced wrote, in both languages, for every kind of cell and for
// texts that need escaping (in content, attributes and the link).
func TestMonitorGridSameAsTemplate(t *testing.T) {
	funcs := template.FuncMap{"date": formatDate}
	before := template.Must(template.New("g").Funcs(funcs).Parse(`{{$d := .Data}}{{$m := $d.M}}` + oldGridBody))
	after := template.Must(template.New("g").Funcs(funcs).Parse(`{{$d := .Data}}{{$d.GridBody $}}`))
	at := time.Date(2023, 6, 1, 3, 0, 0, 0, time.UTC)
	ob := func(id string, kind kehoach.ObligationKind, due string, sent bool) *kehoach.Obligation {
		o := &kehoach.Obligation{ID: id, Kind: kind, Due: due}
		if sent {
			o.SubmittedAt = &at
		}
		return o
	}
	m := &kehoach.Monitoring{Now: at, Rows: []*kehoach.MonitorRow{
		{Unit: &kehoach.OrgUnit{ID: "u-a", Name: "Phòng Kế hoạch – Tài chính"}, Tally: kehoach.Tally{Total: 3, Expected: 2, Received: 1, OnTime: 1},
			Cells: []*kehoach.MonitorCell{
				{Obligation: ob("o-1", kehoach.KindProgress, "2023-06-10", true), Status: kehoach.StatusAccepted},
				nil,
				{Obligation: ob("o-2", kehoach.KindFinal, "2023-05-20", false), Status: kehoach.StatusLate, DaysLate: 12},
				{Obligation: ob("o-3", kehoach.KindBriefing, "2023-05-25", true), Status: kehoach.StatusSubmitted},
				{Obligation: ob("o-4", kehoach.KindFinal, "2023-05-25", true), Status: kehoach.StatusReturned, DaysLate: 1},
			}},
		{Unit: &kehoach.OrgUnit{ID: "u-<b>&'\"+", Name: "A+B <i>\"Đội\"</i> & 'x'\x00"},
			Cells: []*kehoach.MonitorCell{
				{Obligation: ob("o/5 é?&'\"<+%(x)%4a%4", kehoach.KindFinal, "bad<date>", true), Status: kehoach.ObligationStatus(`x"<&+'`), DaysLate: -3},
				{Obligation: ob("z%41", kehoach.KindProgress, "2023-05-01", true), Status: kehoach.StatusSubmitted},
				nil,
			}},
	}}
	for _, lang := range []Lang{Vietnamese, English} {
		p := &page{Lang: lang, Data: &monitorData{Monitoring: &ops.Monitoring{M: m}}}
		var want, got strings.Builder
		if err := before.Execute(&want, p); err != nil {
			t.Fatal(err)
		}
		if err := after.Execute(&got, p); err != nil {
			t.Fatal(err)
		}
		if want.String() != got.String() {
			t.Errorf("%s:\nwant %s\ngot  %s", lang, want.String(), got.String())
		}
	}
}
