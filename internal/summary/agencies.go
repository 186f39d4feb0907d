package summary

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
)

// KindAgencies marks a report composed from the result reports of the
// agencies implementing a plan (the superior's report), not from units'
// reports.
const KindAgencies = "agencies"

// AgencyResult is one agency expected to implement the plan, in the
// superior's report: what it did and its figures when its result report was
// accepted, else why it has not reported.
type AgencyResult struct {
	AgencyID string `json:"agencyId"`
	Agency   string `json:"agency"`
	// Reported is true when its result report was accepted and counts.
	Reported bool `json:"reported"`
	// Report names the accepted report: "Báo cáo số 01/BC-SGDĐT ngày 04/7/2023".
	Report string `json:"report,omitempty"`
	// Why says why an agency has not reported (not issued, drafting,
	// finalised but not yet accepted, returned).
	Why        string   `json:"why,omitempty"`
	Figures    []Figure `json:"figures,omitempty"`
	Narratives []string `json:"narratives,omitempty"`
}

// AgencySource is one agency of the roll-up with the frozen content of its
// accepted result report (nil when it has none accepted).
type AgencySource struct {
	Child  kehoach.RollupChild
	Report *Report
}

// AgenciesInput is what the superior's report on a plan is composed from.
type AgenciesInput struct {
	Plan     *kehoach.Plan
	Tree     *kehoach.OrgTree
	People   []*kehoach.Person
	Agencies []AgencySource
	// Catalogue is the indicator catalogue; Targets the plan's targets.
	Catalogue []kehoach.Indicator
	Targets   map[string]float64
	// Summary is the current version (nil before anyone edited it).
	Summary *kehoach.Summary
	Now     time.Time
}

// ReportFigures returns the totals of a result report, dated by it: what
// the roll-up aggregates across agencies.
func (r *Report) ReportFigures() kehoach.ReportFigures {
	fig := kehoach.ReportFigures{Date: r.IssuedOn, Values: map[string]float64{}}
	for _, f := range r.Totals {
		fig.Values[f.Code] = f.Total
	}
	return fig
}

// Author returns the agency that writes the report on plan p from its
// implementing agencies' reports: the unit p's results go to (the
// superior), else p's own agency.
func Author(p *kehoach.Plan, tree *kehoach.OrgTree) string {
	if u := tree.Unit(p.ReportToUnitID); u != nil {
		return u.ID
	}
	return p.AgencyID
}

// ComposeAgencies drafts the superior's report on plan in.Plan from the
// accepted result reports of the agencies implementing it: per agency what
// it did and its figures, the indicators aggregated across agencies by each
// indicator's own aggregation, and the agencies that have not reported and
// why. Only accepted reports are counted.
func ComposeAgencies(in *AgenciesInput) (*Report, error) {
	p := in.Plan
	author := Author(p, in.Tree)
	// The superior writes to the plan's issuer; a signer still to be named
	// leaves the draft with an empty name rather than no draft.
	lh, err := LetterheadFor(&kehoach.Plan{AgencyID: author, ReportToUnitID: p.AgencyID}, in.Tree, in.People)
	if err != nil && (lh == nil || !onlySignerMissing(err)) {
		return nil, err
	}
	if lh.SignerTitle == "" {
		lh.SignerTitle = "GIÁM ĐỐC"
	}
	if author == p.AgencyID {
		lh.To = reportTo(p, in.Tree)
	}
	r := &Report{PlanID: p.ID, Kind: KindAgencies, Letterhead: *lh, Draft: true, Version: 1, Symbol: kehoach.DocSymbol(kehoach.DocReport, lh.Abbrev), ComposedAt: in.Now,
		Activities: []Activity{}, Totals: []Figure{}, Missing: []Missing{}, Decisions: []Difficulty{}}
	var edits kehoach.SummaryEdits
	if in.Summary != nil {
		r.Version, edits = in.Summary.Version, in.Summary.Edits
	}
	r.Year = in.Now.In(kehoach.Zone).Year()
	if p.Year != nil {
		r.Year = *p.Year
	}
	r.PlanTitle = p.FullTitle()
	r.Title = "Kết quả thực hiện " + r.PlanTitle
	r.Recipients = []string{"Như trên"}

	var figures []kehoach.ReportFigures
	var shortcomings, proposals []string
	for _, src := range in.Agencies {
		c := src.Child
		ar := AgencyResult{AgencyID: c.AgencyID, Agency: c.AgencyName}
		if src.Report == nil {
			ar.Why = notReported(c)
			r.Missing = append(r.Missing, Missing{Unit: c.AgencyName, Pending: ar.Why})
			r.Agencies = append(r.Agencies, ar)
			continue
		}
		rep := src.Report
		ar.Reported = true
		ar.Report = "Báo cáo số " + kehoach.FormatDocNumber(rep.Number, rep.Symbol)
		if d := shortDateOf(rep.IssuedOn); d != "" {
			ar.Report += " ngày " + d
		}
		ar.Figures = rep.Totals
		ar.Narratives = agencyNarratives(rep)
		figures = append(figures, rep.ReportFigures())
		if s := agencyPart(rep.Shortcomings.Text(), "Không có tồn tại"); s != "" {
			shortcomings = append(shortcomings, "- "+c.AgencyName+": "+s)
		}
		if s := agencyPart(rep.Proposals.Text(), "Không có đề xuất"); s != "" {
			proposals = append(proposals, "- "+c.AgencyName+": "+s)
		}
		r.Agencies = append(r.Agencies, ar)
	}
	r.Owed, r.Accepted = len(in.Agencies), len(figures)

	// The indicators across the accepted reports, each by its own rule.
	aggregation := map[string]kehoach.Aggregation{}
	for _, ind := range in.Catalogue {
		aggregation[ind.Code] = ind.Aggregation
	}
	for i, ind := range kehoach.AggregateFigures(in.Catalogue, figures, in.Targets) {
		f := Figure{ID: fmt.Sprintf("f%d", i+1), Code: ind.Code, Name: ind.Name, Measure: ind.Unit, Decimal: ind.Decimal, Total: ind.Value, Target: ind.Target,
			Aggregation: string(aggregation[ind.Code]), Sources: []Source{}}
		for _, a := range r.Agencies {
			for _, af := range a.Figures {
				if af.Code == ind.Code {
					f.Sources = append(f.Sources, Source{Kind: "report", UnitID: a.AgencyID, Unit: a.Agency, Ref: a.Report, Value: af.Total})
				}
			}
		}
		r.Totals = append(r.Totals, f)
	}
	// The annex: the reporting agencies × the aggregated indicators.
	for _, a := range r.Agencies {
		if !a.Reported {
			continue
		}
		row := make([]*float64, len(r.Totals))
		for i, t := range r.Totals {
			for _, af := range a.Figures {
				if af.Code == t.Code {
					v := af.Total
					row[i] = &v
				}
			}
		}
		r.AnnexUnits = append(r.AnnexUnits, a.Agency)
		r.AnnexValues = append(r.AnnexValues, row)
	}

	r.PlanRef, r.Period = planRef(p), periodText(p)
	r.Opening.Generated = agenciesOpening(p, r)
	r.Opening.Edited = edits.Opening
	r.Results.Edited = edits.Results
	r.Shortcomings.Generated = strings.Join(shortcomings, "\n")
	if len(r.Missing) > 0 {
		line := fmt.Sprintf("- Còn %s/%s cơ quan, đơn vị chưa có báo cáo kết quả được tiếp nhận nên chưa được tổng hợp.", pad2(len(r.Missing)), pad2(r.Owed))
		r.Shortcomings.Generated = strings.TrimSpace(line + "\n" + r.Shortcomings.Generated)
	}
	if r.Shortcomings.Generated == "" {
		r.Shortcomings.Generated = "- Không có tồn tại, hạn chế đáng kể."
	}
	r.Shortcomings.Edited = edits.Shortcomings
	r.Difficulties.Edited = edits.Difficulties
	r.Proposals.Generated = strings.Join(proposals, "\n")
	if r.Proposals.Generated == "" {
		r.Proposals.Generated = "- Không có đề xuất, kiến nghị."
	}
	r.Proposals.Edited = edits.Proposals
	r.Closing.Generated = "Trên đây là báo cáo " + lowerFirst(r.Title) + " của " + r.AgencyName + "./."
	r.Closing.Edited = edits.Closing
	return r, nil
}

// onlySignerMissing reports whether err says only that the agency has no
// signer yet.
func onlySignerMissing(err error) bool {
	var ke *kehoach.Error
	if !errors.As(err, &ke) || ke.Code != kehoach.EINVALID {
		return false
	}
	_, signer := ke.Fields["signer"]
	return signer && len(ke.Fields) == 1
}

// reportTo names the addressee when the plan's agency writes the report
// itself.
func reportTo(p *kehoach.Plan, tree *kehoach.OrgTree) []string {
	if ag := tree.Unit(p.AgencyID); ag != nil {
		if up := tree.Unit(ag.ParentID); up != nil {
			return []string{up.Name}
		}
	}
	return nil
}

// notReported says why an agency of the roll-up has no accepted report.
func notReported(c kehoach.RollupChild) string {
	switch {
	case c.Status == kehoach.ChildNotIssued:
		return "chưa ban hành kế hoạch thực hiện"
	case c.Status == string(kehoach.PlanDraft):
		return "kế hoạch thực hiện còn là dự thảo"
	case c.Report.ReturnReason != nil:
		return "báo cáo kết quả bị trả lại, chưa gửi lại"
	}
	switch c.Report.State {
	case kehoach.SummaryDrafting:
		return "đang dự thảo báo cáo kết quả"
	case kehoach.SummaryFinalised:
		return "đã hoàn thiện báo cáo kết quả, chưa được tiếp nhận"
	case kehoach.SummaryReceived:
		return "đã nhận báo cáo kết quả, chưa được tiếp nhận"
	}
	return "chưa lập báo cáo kết quả"
}

// agencyNarratives condenses what an agency's report says it did: per
// activity, its title and what the section says; then its overall
// assessment.
func agencyNarratives(rep *Report) []string {
	var out []string
	for _, a := range rep.Activities {
		t := strings.Join(strings.Fields(a.Text.Text()), " ")
		if t == "" {
			var texts []string
			for _, n := range a.Narratives {
				texts = append(texts, strings.TrimRight(n.Text, ".;"))
			}
			t = strings.Join(texts, "; ")
		}
		if t == "" {
			continue
		}
		out = append(out, Condense(strings.TrimRight(a.Title, ".:")+": "+strings.TrimRight(t, ".;")+".", 500))
	}
	if t := strings.TrimSpace(rep.Results.Text()); t != "" {
		out = append(out, Condense(t, 500))
	}
	return out
}

// agencyPart condenses a narrative part of an agency's report, or returns
// "" when it is the text saying there is nothing (starting with none).
func agencyPart(text, none string) string {
	text = strings.TrimSpace(text)
	if text == "" || strings.HasPrefix(text, none) {
		return ""
	}
	return Condense(text, 400)
}

// agenciesOpening is the first paragraph of the superior's report: the
// plan reported on, the period, and where the figures come from.
func agenciesOpening(p *kehoach.Plan, r *Report) string {
	ref := r.PlanRef
	if p.Issuer != nil && *p.Issuer != "" && ref != p.FullTitle() {
		ref += " của " + *p.Issuer
	}
	if ref != p.FullTitle() {
		ref += " " + lowerFirst(strings.TrimPrefix(p.FullTitle(), "Kế hoạch "))
	}
	s := "Thực hiện " + ref + "; trên cơ sở báo cáo kết quả của các cơ quan, đơn vị được giao thực hiện, " + r.AgencyName + " tổng hợp, báo cáo kết quả thực hiện"
	if r.Period != "" {
		s += " " + r.Period
	}
	return s + " như sau:"
}

// aggregationName says how an indicator combines across agencies.
func aggregationName(a string) string {
	switch kehoach.Aggregation(a) {
	case kehoach.AggMax:
		return "Lớn nhất"
	case kehoach.AggLatest:
		return "Mới nhất"
	}
	return "Cộng"
}

// agenciesDocument lays the superior's report out for docgen, in the same
// official layout as an agency's report.
func (r *Report) agenciesDocument(d *docgen.Document) *docgen.Document {
	b := paragraphs(r.Opening.Text())
	b = append(b, docgen.Block{Kind: docgen.Section, Label: "I", Text: "Kết quả thực hiện"})
	b = append(b, docgen.Block{Kind: docgen.Item, Label: "1", Text: "Tình hình triển khai của các cơ quan, đơn vị"})
	issued := 0
	for _, a := range r.Agencies {
		if !strings.Contains(a.Why, "kế hoạch thực hiện") {
			issued++
		}
	}
	b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: fmt.Sprintf("Có %s cơ quan, đơn vị được giao thực hiện Kế hoạch; %s cơ quan, đơn vị đã ban hành kế hoạch thực hiện; %s/%s cơ quan, đơn vị có báo cáo kết quả được tiếp nhận.",
		pad2(r.Owed), pad2(issued), pad2(r.Accepted), pad2(r.Owed))})
	b = append(b, docgen.Block{Kind: docgen.Item, Label: "2", Text: "Kết quả của các cơ quan, đơn vị"})
	if r.Accepted == 0 {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Đến thời điểm báo cáo, chưa có cơ quan, đơn vị nào có báo cáo kết quả được tiếp nhận."})
	}
	letter := 0
	for _, a := range r.Agencies {
		if !a.Reported {
			continue
		}
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Label: string(rune('a'+letter)) + ")", Bold: true, Text: a.Agency + " (" + a.Report + ")"})
		letter++
		for _, n := range a.Narratives {
			b = append(b, docgen.Block{Kind: docgen.Bullet, Text: n})
		}
		if len(a.Figures) > 0 {
			var parts []string
			for _, f := range a.Figures {
				parts = append(parts, lowerFirst(f.Name)+": "+f.Value()+" "+f.Measure)
			}
			b = append(b, docgen.Block{Kind: docgen.Bullet, Text: "Kết quả: " + strings.Join(parts, "; ") + "."})
		}
	}
	b = append(b, docgen.Block{Kind: docgen.Item, Label: "3", Text: "Tổng hợp kết quả các chỉ tiêu"})
	if len(r.Totals) > 0 {
		t := &docgen.Table{Columns: []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Kết quả", "Tỷ lệ đạt", "Cách tổng hợp"}, Widths: []float64{1.1, 4.6, 2, 1.7, 1.7, 1.6, 1.8}}
		for i, f := range r.Totals {
			t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), f.Name, f.Measure, f.TargetText(), f.Value(), f.Rate(), aggregationName(f.Aggregation)})
		}
		b = append(b, docgen.Block{Kind: docgen.TableBlock, Table: t})
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Italic: true, Text: fmt.Sprintf("Số liệu tổng hợp từ báo cáo kết quả đã được tiếp nhận của %s/%s cơ quan, đơn vị; chi tiết tại Phụ lục kèm theo.", pad2(r.Accepted), pad2(r.Owed))})
	} else {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Chưa có số liệu từ báo cáo kết quả được tiếp nhận."})
	}
	if line := r.NotReportedLine(); line != "" {
		b = append(b, docgen.Block{Kind: docgen.Item, Label: "4", Text: "Các cơ quan, đơn vị chưa báo cáo"})
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: line})
	}
	b = append(b, paragraphs(r.Results.Text())...)
	b = append(b, docgen.Block{Kind: docgen.Section, Label: "II", Text: "Tồn tại, hạn chế"})
	b = append(b, paragraphs(r.Shortcomings.Text())...)
	b = append(b, docgen.Block{Kind: docgen.Section, Label: "III", Text: "Kiến nghị, đề xuất"})
	b = append(b, paragraphs(r.Proposals.Text())...)
	b = append(b, paragraphs(r.Closing.Text())...)
	d.Body = b
	if len(r.Totals) > 0 {
		d.Annex = r.AnnexPage()
		d.Annex.Subtitle, d.Annex.Note = agenciesAnnexTitle, agenciesAnnexNote
		d.Annex.Table.Columns[1] = "Cơ quan, đơn vị"
	}
	return d
}

// agenciesAnnexTitle and agenciesAnnexNote head and close the annex of the
// superior's report.
const (
	agenciesAnnexTitle = "SỐ LIỆU KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC CƠ QUAN, ĐƠN VỊ"
	agenciesAnnexNote  = "Ghi chú: số liệu của mỗi cơ quan, đơn vị lấy từ báo cáo kết quả đã được tiếp nhận; cơ quan, đơn vị chưa có báo cáo được tiếp nhận không có trong bảng."
)

// agenciesAnnex heads the .xlsx annex a of the superior's report.
func (r *Report) agenciesAnnex(a *docgen.Annex) *docgen.Annex {
	a.Title = "PHỤ LỤC\n" + agenciesAnnexTitle + "\n" + r.annexRef()
	a.Note = agenciesAnnexNote
	return a
}

// NotReportedLine names the agencies with no accepted report and why:
// "Các cơ quan, đơn vị chưa có báo cáo kết quả được tiếp nhận: Sở Tư pháp
// (chưa ban hành kế hoạch thực hiện); …", or "" when every one reported.
func (r *Report) NotReportedLine() string {
	var names []string
	for _, a := range r.Agencies {
		if !a.Reported {
			names = append(names, a.Agency+" ("+a.Why+")")
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "Các cơ quan, đơn vị chưa có báo cáo kết quả được tiếp nhận: " + strings.Join(names, "; ") + "."
}
