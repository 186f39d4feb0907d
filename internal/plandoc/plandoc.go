// Package plandoc lays a plan out in the official layout for its .docx: the
// paragraphs of the document it was imported from, in their order, with the
// corrections the Office made on the review.
package plandoc

import (
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/summary"
	"github.com/kehoach/kehoach/vntext"
)

// Document lays p out for docgen; lh fills what the plan itself lacks
// (the agency's names, place and signer).
func Document(p *kehoach.Plan, lh *summary.Letterhead) *docgen.Document {
	if lh == nil {
		lh = &summary.Letterhead{}
	}
	d := &docgen.Document{
		Header:   docgen.Header{GoverningBody: lh.GoverningBody, Agency: lh.Agency, Place: lh.Place, Symbol: kehoach.DocSymbol(kehoach.DocPlan, lh.Abbrev)},
		TypeName: "KẾ HOẠCH",
		Summary:  p.Title,
		Archive:  "Lưu: VT",
		Signer:   docgen.Signer{Title: lh.SignerTitle, Name: lh.SignerName},
		Draft:    p.Status == kehoach.PlanDraft,
	}
	if s := given(p.ParentIssuer); s != "" {
		d.GoverningBody = strings.ToUpper(s)
	}
	if s := given(p.Issuer); s != "" {
		d.Agency = strings.ToUpper(s)
	}
	if p.Number != nil {
		d.Number, _ = strconv.Atoi(strings.TrimSpace(*p.Number))
	}
	if s := given(p.Symbol); s != "" {
		d.Symbol = s
	}
	if s := given(p.Place); s != "" {
		d.Place = s
	}
	if p.Date != nil {
		if t, err := time.Parse(time.DateOnly, *p.Date); err == nil {
			d.Date = t
		}
	}
	if p.Year != nil {
		d.Year = *p.Year
	}
	fix := periodFixer(p)
	for _, bs := range p.Basis {
		d.Basis = append(d.Basis, fix(bs.Text))
	}
	for _, t := range p.Preamble {
		d.Body = append(d.Body, paragraphs("", t, fix)...)
	}
	for _, s := range p.Sections {
		d.Body = append(d.Body, docgen.Block{Kind: docgen.Section, Label: s.Label, Text: s.Heading})
		if s.Intro != nil {
			d.Body = append(d.Body, paragraphs("", *s.Intro, fix)...)
		}
		d.Body = append(d.Body, items(s.Items, fix)...)
		if s.Closing != nil {
			d.Body = append(d.Body, paragraphs("", *s.Closing, fix)...)
		}
	}
	d.Recipients = p.Recipients
	if p.Archive != nil {
		if len(p.Archive.Holders) > 0 {
			d.Archive = "Lưu: " + strings.Join(p.Archive.Holders, ", ")
		}
		if p.Archive.Copies != nil {
			d.Copies = *p.Archive.Copies
		}
	}
	if p.Signer != nil && p.Signer.Name != "" {
		d.Signer = docgen.Signer{Authority: p.Signer.Authority, Title: p.Signer.Title, Name: p.Signer.Name}
		if p.Signer.Authority != "" {
			d.Signer.AuthorityTitle = "GIÁM ĐỐC"
		}
	}
	return d
}

func given(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

// items turns numbered items and their sub-items into paragraphs that keep
// their labels ("1.", "a)").
func items(its []kehoach.Item, fix func(string) string) []docgen.Block {
	var out []docgen.Block
	for _, it := range its {
		out = append(out, paragraphs(it.Label, it.Text, fix)...)
		out = append(out, items(it.Items, fix)...)
	}
	return out
}

// paragraphs splits a text whose paragraphs are joined by a blank line into
// one block each, the label on the first: a paragraph stays a paragraph
// rather than a line break inside the one before it.
func paragraphs(label, text string, fix func(string) string) []docgen.Block {
	var out []docgen.Block
	for _, t := range strings.Split(text, "\n\n") {
		t = strings.Join(strings.Fields(t), " ")
		if t == "" {
			continue
		}
		out = append(out, docgen.Block{Kind: docgen.Paragraph, Label: label, Text: fix(t)})
		label = ""
	}
	if len(out) == 0 && label != "" {
		out = append(out, docgen.Block{Kind: docgen.Paragraph, Label: label})
	}
	return out
}

// periodFixer returns a function that writes the period corrected on the
// review into a text that names it with other years: when the document
// says "từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022" and the Office
// set the period to June 2023, the text says "năm 2023". Only ranges with
// the same days and months as the plan's period are touched.
func periodFixer(p *kehoach.Plan) func(string) string {
	none := func(s string) string { return s }
	if p.Period == nil || p.Period.Start == nil || p.Period.End == nil {
		return none
	}
	start, err1 := time.Parse(time.DateOnly, *p.Period.Start)
	end, err2 := time.Parse(time.DateOnly, *p.Period.End)
	if err1 != nil || err2 != nil {
		return none
	}
	return func(text string) string {
		rs := vntext.FindRanges(text, start.Year())
		for k := len(rs) - 1; k >= 0; k-- {
			r := rs[k]
			if r.Err != nil || !r.HasYear || !sameDay(r.Start, start, false) || !sameDay(r.End, end, true) {
				continue
			}
			if r.Start.Year == start.Year() && r.End.Year == end.Year() {
				continue
			}
			fixed := r.Text
			if r.End.Year != end.Year() {
				fixed = strings.ReplaceAll(fixed, strconv.Itoa(r.End.Year), strconv.Itoa(end.Year()))
			}
			if r.Start.Year != start.Year() && r.Start.Year != r.End.Year {
				fixed = strings.ReplaceAll(fixed, strconv.Itoa(r.Start.Year), strconv.Itoa(start.Year()))
			}
			text = text[:r.StartOffset] + fixed + text[r.EndOffset:]
		}
		return text
	}
}

// sameDay reports whether d names t's day and month (at its precision: a
// month names its first day, or its last when last).
func sameDay(d vntext.Date, t time.Time, last bool) bool {
	switch d.Precision {
	case vntext.DayPrecision:
		return d.Month == int(t.Month()) && d.Day == t.Day()
	case vntext.MonthPrecision:
		if d.Month != int(t.Month()) {
			return false
		}
		if last {
			return t.AddDate(0, 0, 1).Day() == 1
		}
		return t.Day() == 1
	}
	return false
}
