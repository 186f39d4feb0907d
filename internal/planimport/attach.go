package planimport

import (
	"fmt"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/vntext"
)

// Attachment is what an incoming document of another kind than a plan
// does to the plan it is attached to.
type Attachment struct {
	// Kind is one of kehoach.AttachRequest, AttachRegime, AttachReport,
	// AttachOther.
	Kind string
	// Effects say what changed in the plan; Warnings what changed that
	// the plan already said otherwise.
	Effects, Warnings []string
}

// Attach applies the incoming document d to the plan p: a dispatch that
// asks for a report sets whom the plan reports to and by when; a decision
// on a reporting regime sets the reporting periods within the plan's
// period; a report is only kept.
func Attach(d *docparse.Document, p *kehoach.Plan) Attachment {
	text := bodyText(d)
	f := vntext.Fold(d.Title + "\n" + text)
	var at Attachment
	switch {
	case d.Type == "BC":
		at.Kind = kehoach.AttachReport
		at.Effects = append(at.Effects, "Lưu báo cáo cùng kế hoạch.")
	case d.Type == "QĐ" && (strings.Contains(f, "che do bao cao") || strings.Contains(f, "bao cao dinh ky")):
		at.Kind = kehoach.AttachRegime
		at.regime(f, p)
	case d.Type != "KH" && strings.Contains(f, "bao cao"):
		at.Kind = kehoach.AttachRequest
		at.request(d, text, p)
	default:
		at.Kind = kehoach.AttachOther
	}
	return at
}

// request sets the recipient and due date of the plan's report.
func (at *Attachment) request(d *docparse.Document, text string, p *kehoach.Plan) {
	to := ""
	if len(d.ReportTo) > 0 {
		to = d.ReportTo[0]
	} else if d.Issuer != nil {
		to = sentenceCase(*d.Issuer)
	}
	if to != "" {
		if len(p.ReportTo) > 0 && !vntext.FoldEqual(p.ReportTo[0], to) {
			at.Warnings = append(at.Warnings, fmt.Sprintf("Nơi nhận báo cáo đổi từ “%s” thành “%s”.", p.ReportTo[0], to))
		}
		if len(p.ReportTo) == 0 || !vntext.FoldEqual(p.ReportTo[0], to) {
			p.ReportTo = append([]string{to}, p.ReportTo...)
			at.Effects = append(at.Effects, "Báo cáo gửi: "+to+".")
		}
	}
	year := 0
	if p.Year != nil {
		year = *p.Year
	}
	if due := dueDate(text, year); due != "" {
		if p.ReportDue != nil && *p.ReportDue != due {
			at.Warnings = append(at.Warnings, fmt.Sprintf("Hạn báo cáo đổi từ %s thành %s.", dmy(*p.ReportDue), dmy(due)))
		}
		if p.ReportDue == nil || *p.ReportDue != due {
			p.ReportDue = &due
			at.Effects = append(at.Effects, "Hạn gửi báo cáo: "+dmy(due)+".")
		}
	}
}

// regime sets the reporting periods a regime asks whose data cut-off falls
// within the plan's period (else its year), with the cut-off of Decree
// 09/2019: from the 15th of the month before a period to the 14th of its
// last month; the report is due the day after.
func (at *Attachment) regime(f string, p *kehoach.Plan) {
	months := 0
	switch {
	case strings.Contains(f, "hang thang") || strings.Contains(f, "hàng tháng") || strings.Contains(f, "bao cao thang"):
		months = 1
	case strings.Contains(f, "hang quy") || strings.Contains(f, "bao cao quy"):
		months = 3
	case strings.Contains(f, "6 thang") || strings.Contains(f, "sau thang"):
		months = 6
	case strings.Contains(f, "hang nam") || strings.Contains(f, "bao cao nam"):
		months = 12
	}
	if months == 0 {
		at.Effects = append(at.Effects, "Không đọc được kỳ báo cáo; văn bản được lưu cùng kế hoạch.")
		return
	}
	start, end := planSpan(p)
	if start.IsZero() {
		at.Effects = append(at.Effects, "Kế hoạch chưa có thời gian thực hiện hay năm; chưa đặt được kỳ báo cáo.")
		return
	}
	var periods []kehoach.ReportingPeriod
	for m := 1; m <= 12*3 && len(periods) < 40; m += months {
		// The period of the calendar months [m, m+months) of start's year on.
		last := time.Date(start.Year(), time.Month(m+months-1), 14, 0, 0, 0, 0, time.UTC)
		from := time.Date(start.Year(), time.Month(m-1), 15, 0, 0, 0, 0, time.UTC)
		if last.Before(start) {
			continue
		}
		if last.After(end) {
			break
		}
		periods = append(periods, kehoach.ReportingPeriod{Start: from.Format(time.DateOnly), End: last.Format(time.DateOnly), Due: last.AddDate(0, 0, 1).Format(time.DateOnly)})
	}
	if len(p.ReportingPeriods) > 0 {
		at.Warnings = append(at.Warnings, fmt.Sprintf("Thay %d kỳ báo cáo đã có bằng %d kỳ theo văn bản này.", len(p.ReportingPeriods), len(periods)))
	}
	p.ReportingPeriods = periods
	at.Effects = append(at.Effects, fmt.Sprintf("Đặt %d kỳ báo cáo định kỳ (%d tháng một kỳ).", len(periods), months))
}

// planSpan is the plan's period, else its year.
func planSpan(p *kehoach.Plan) (time.Time, time.Time) {
	if pd := p.Period; pd != nil && pd.Start != nil && pd.End != nil {
		s, err1 := time.Parse(time.DateOnly, *pd.Start)
		e, err2 := time.Parse(time.DateOnly, *pd.End)
		if err1 == nil && err2 == nil {
			return s, e
		}
	}
	if p.Year != nil {
		return time.Date(*p.Year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(*p.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}, time.Time{}
}

// dueWords come just before a deadline.
var dueWords = []string{"truoc ngay", "truoc", "cham nhat", "han"}

// dueDate returns the first full date the text sets as a deadline for a
// report ("… báo cáo … trước ngày 20/6/2026"), as YYYY-MM-DD.
func dueDate(text string, year int) string {
	for _, sent := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		if !strings.Contains(vntext.Fold(sent), "bao cao") {
			continue
		}
		for _, dm := range vntext.FindDates(sent, year) {
			before := vntext.Fold(sent[max(0, dm.Start-24):dm.Start])
			for _, w := range dueWords {
				if strings.HasSuffix(strings.TrimSpace(before), w) && dm.Err == nil && dm.Date.Precision == vntext.DayPrecision && dm.Date.Year > 0 {
					return dm.Date.String()
				}
			}
		}
	}
	return ""
}

// bodyText is the text of the document's body: the preamble, the sections
// and their closings.
func bodyText(d *docparse.Document) string {
	var b strings.Builder
	for _, t := range d.Preamble {
		b.WriteString(t + "\n")
	}
	var items func([]docparse.Item)
	items = func(its []docparse.Item) {
		for _, it := range its {
			b.WriteString(it.Text + "\n")
			items(it.Items)
		}
	}
	for _, s := range d.Sections {
		if s.Intro != nil {
			b.WriteString(*s.Intro + "\n")
		}
		items(s.Items)
		if s.Closing != nil {
			b.WriteString(*s.Closing + "\n")
		}
	}
	return b.String()
}

// sentenceCase turns a name written in capitals in a header ("SỞ LAO
// ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") into its written form's first capital
// only; a name already in mixed case is kept.
func sentenceCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	r := []rune(strings.ToLower(s))
	if len(r) > 0 {
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	}
	return string(r)
}

func dmy(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}
