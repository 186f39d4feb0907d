package summary

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
)

// Formats are the file formats a report is written in.
var Formats = []string{"docx", "xlsx", "pdf"}

// ContentType returns the media type of a format.
func ContentType(format string) string {
	switch format {
	case "docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "pdf":
		return "application/pdf"
	}
	return "application/octet-stream"
}

// Options choose how files are written.
type Options struct {
	// Soffice is passed to docgen for PDF: "" finds LibreOffice on PATH
	// (drawing the PDF itself without it), "-" never uses it.
	Soffice string
}

// Write writes the report in format (docx, xlsx or pdf).
func Write(ctx context.Context, w io.Writer, r *Report, format string, opt Options) error {
	switch format {
	case "docx":
		return docgen.WriteDocx(w, r.Document())
	case "xlsx":
		return docgen.WriteXLSX(w, r.Annex())
	case "pdf":
		return docgen.WritePDFWith(ctx, w, r.Document(), docgen.PDFOptions{Soffice: opt.Soffice})
	}
	return kehoach.Errorf(kehoach.EINVALID, "Định dạng không hỗ trợ: %q (chọn docx, xlsx hoặc pdf).", format)
}

// FileName returns a file name for the report in format.
func (r *Report) FileName(format string) string {
	if r.Number > 0 {
		return fmt.Sprintf("bao-cao-%02d-%s.%s", r.Number, strings.ToLower(r.Symbol), format)
	}
	return fmt.Sprintf("du-thao-bao-cao-ket-qua-%d.%s", r.Year, format)
}

// issued returns the report's date, or the zero time for a draft.
func (r *Report) issued() time.Time {
	if r.IssuedOn == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, r.IssuedOn)
	if err != nil {
		return time.Time{}
	}
	return t
}

// paragraphs splits a narrative part into paragraph blocks.
func paragraphs(text string, bullet bool) []docgen.Block {
	var out []docgen.Block
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- "))
		if line == "" {
			continue
		}
		if bullet {
			out = append(out, docgen.Block{Kind: docgen.Bullet, Text: line})
		} else {
			out = append(out, docgen.Block{Kind: docgen.Paragraph, Text: line})
		}
	}
	return out
}

// MissingLine returns "Các đơn vị chưa gửi báo cáo: …", or "" when none.
func (r *Report) MissingLine() string {
	if len(r.Missing) == 0 {
		return ""
	}
	var names []string
	for _, m := range r.Missing {
		n := m.Unit
		if m.Pending != "" {
			n += " (" + m.Pending + ")"
		}
		names = append(names, n)
	}
	return "Các đơn vị chưa gửi báo cáo: " + strings.Join(names, "; ") + "."
}

// Document lays the report out for docgen.
func (r *Report) Document() *docgen.Document {
	d := &docgen.Document{
		Header: docgen.Header{GoverningBody: r.GoverningBody, Agency: r.Agency, Number: r.Number, Symbol: r.Symbol,
			Place: r.Place, Date: r.issued(), Year: r.Year},
		TypeName:   "BÁO CÁO",
		Summary:    r.Title,
		To:         r.To,
		Recipients: r.Recipients,
		Archive:    r.Archive,
		Signer:     docgen.Signer{Title: r.SignerTitle, Name: r.SignerName},
		Draft:      r.Draft,
	}
	if r.Kind == KindAgencies {
		return r.agenciesDocument(d)
	}
	b := paragraphs(r.Opening.Text(), false)
	b = append(b, docgen.Block{Kind: docgen.Section, Label: "I", Text: "Kết quả thực hiện"})
	n := 0
	item := func(title string) {
		n++
		b = append(b, docgen.Block{Kind: docgen.Item, Label: strconv.Itoa(n), Text: title})
	}
	item("Công tác quán triệt, triển khai Kế hoạch")
	if r.BriefedUnits > 0 {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: fmt.Sprintf("%s đã quán triệt, triển khai Kế hoạch đến các phòng, đơn vị; %s đơn vị đã tổ chức quán triệt với tổng số %s người tham dự.",
			r.AgencyName, pad2(r.BriefedUnits), kehoach.FormatValue(float64(r.BriefedPeople), false))})
	} else {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Chưa có đơn vị nào xác nhận đã quán triệt Kế hoạch."})
	}
	item("Công tác thông tin, truyền thông")
	if len(r.Communication) > 0 {
		var parts []string
		for _, f := range r.Communication {
			parts = append(parts, lowerFirst(f.Name)+": "+f.Sentence())
		}
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Kết quả: " + strings.Join(parts, "; ") + "."})
	} else {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Chưa có số liệu tin, bài được ghi nhận."})
	}
	for _, a := range r.Activities {
		if len(a.Figures) == 0 && len(a.Narratives) == 0 {
			continue
		}
		item(a.Title)
		if len(a.Figures) > 0 {
			var parts []string
			for _, f := range a.Figures {
				parts = append(parts, lowerFirst(f.Name)+": "+f.Sentence())
			}
			b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Kết quả: " + strings.Join(parts, "; ") + "."})
		}
		for _, nv := range a.Narratives {
			b = append(b, docgen.Block{Kind: docgen.Bullet, Text: nv.Unit + ": " + strings.TrimRight(nv.Text, ".;") + "."})
		}
	}
	if len(r.Totals) > 0 {
		item("Tổng hợp kết quả các chỉ tiêu")
		t := &docgen.Table{Columns: []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Kết quả", "Tỷ lệ đạt"}, Widths: []float64{1.2, 5.2, 2.1, 1.9, 1.9, 1.8}}
		for i, f := range r.Totals {
			target := ""
			if f.Target != nil {
				target = kehoach.FormatValue(*f.Target, f.Decimal)
			}
			t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), f.Name, f.Measure, target, f.Value(), f.Rate()})
		}
		b = append(b, docgen.Block{Kind: docgen.TableBlock, Table: t})
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Italic: true, Text: "(Chi tiết số liệu của từng đơn vị tại Phụ lục kèm theo.)"})
	}
	if r.Accepted == 0 {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Đến thời điểm báo cáo, chưa có đơn vị nào có báo cáo kết quả được chấp nhận; số liệu trên là số liệu kehoach ghi nhận được."})
	} else if r.Owed > 0 {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: fmt.Sprintf("Số liệu trên tổng hợp từ báo cáo đã được chấp nhận của %s/%s đơn vị.", pad2(r.Accepted), pad2(r.Owed))})
	}
	if line := r.MissingLine(); line != "" {
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: line})
	}
	b = append(b, paragraphs(r.Results.Text(), false)...)
	b = append(b, docgen.Block{Kind: docgen.Section, Label: "II", Text: "Tồn tại, hạn chế"})
	b = append(b, paragraphs(r.Shortcomings.Text(), true)...)
	b = append(b, docgen.Block{Kind: docgen.Section, Label: "III", Text: "Khó khăn, vướng mắc và ý kiến chỉ đạo của Giám đốc Sở"})
	b = append(b, paragraphs(r.Difficulties.Text(), true)...)
	b = append(b, docgen.Block{Kind: docgen.Section, Label: "IV", Text: "Đề xuất, kiến nghị"})
	b = append(b, paragraphs(r.Proposals.Text(), true)...)
	b = append(b, docgen.Block{Kind: docgen.Paragraph, Text: "Trên đây là báo cáo " + lowerFirst(r.Title) + " của " + r.AgencyName + "./."})
	d.Body = b
	return d
}

// Annex lays out the figures annex: units × indicators with totals and targets.
func (r *Report) Annex() *docgen.Annex {
	ref := "(Kèm theo dự thảo Báo cáo của " + r.AgencyName + ")"
	if r.Number > 0 {
		t := r.issued()
		ref = fmt.Sprintf("(Kèm theo Báo cáo số %s ngày %d/%d/%d của %s)", kehoach.FormatDocNumber(r.Number, r.Symbol), t.Day(), int(t.Month()), t.Year(), r.AgencyName)
	}
	a := &docgen.Annex{
		Title:  "PHỤ LỤC: " + strings.ToUpper(r.Title) + "\n" + ref,
		Units:  r.AnnexUnits,
		Values: r.AnnexValues,
		Note:   "Ghi chú: ô để trống là đơn vị không báo cáo chỉ tiêu đó.",
	}
	if line := r.MissingLine(); line != "" {
		a.Note += " " + line
	}
	for _, f := range r.Totals {
		// The annex numbers its columns; catalogue codes are for machines.
		a.Indicators = append(a.Indicators, docgen.AnnexIndicator{Code: strconv.Itoa(len(a.Indicators) + 1), Name: f.Name, Unit: f.Measure, Target: f.Target, Decimal: f.Decimal})
	}
	return a
}

func pad2(n int) string { return fmt.Sprintf("%02d", n) }

// PlanDocument lays a plan out in the same official layout, for its .docx.
func PlanDocument(p *kehoach.Plan, lh *Letterhead) *docgen.Document {
	d := &docgen.Document{
		Header:   docgen.Header{GoverningBody: lh.GoverningBody, Agency: lh.Agency, Place: lh.Place, Symbol: kehoach.DocSymbol(kehoach.DocPlan, lh.Abbrev)},
		TypeName: "KẾ HOẠCH",
		Summary:  p.Title,
		Archive:  "Lưu: VT",
		Signer:   docgen.Signer{Title: lh.SignerTitle, Name: lh.SignerName},
		Draft:    p.Status == kehoach.PlanDraft,
	}
	if p.ParentIssuer != nil && *p.ParentIssuer != "" {
		d.GoverningBody = upper(*p.ParentIssuer)
	}
	if p.Issuer != nil && *p.Issuer != "" {
		d.Agency = upper(*p.Issuer)
	}
	if p.Number != nil {
		d.Number, _ = strconv.Atoi(strings.TrimSpace(*p.Number))
	}
	if p.Symbol != nil && *p.Symbol != "" {
		d.Symbol = *p.Symbol
	}
	if p.Place != nil && *p.Place != "" {
		d.Place = *p.Place
	}
	if p.Date != nil {
		if t, err := time.Parse(time.DateOnly, *p.Date); err == nil {
			d.Date = t
		}
	}
	if p.Year != nil {
		d.Year = *p.Year
	}
	for _, bs := range p.Basis {
		d.Basis = append(d.Basis, bs.Text)
	}
	for _, s := range p.Sections {
		d.Body = append(d.Body, docgen.Block{Kind: docgen.Section, Label: s.Label, Text: s.Heading})
		d.Body = append(d.Body, planItems(s.Items)...)
		if s.Closing != nil && *s.Closing != "" {
			d.Body = append(d.Body, docgen.Block{Kind: docgen.Paragraph, Text: *s.Closing})
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

// planItems turns numbered items and their sub-items into paragraphs that
// keep their labels ("1.", "a)").
func planItems(items []kehoach.Item) []docgen.Block {
	var out []docgen.Block
	for _, it := range items {
		out = append(out, docgen.Block{Kind: docgen.Paragraph, Label: it.Label, Text: it.Text})
		out = append(out, planItems(it.Items)...)
	}
	return out
}
