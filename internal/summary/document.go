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

// paragraphs splits a narrative part into paragraph blocks; a line that
// starts with "- " is a point.
func paragraphs(text string) []docgen.Block {
	var out []docgen.Block
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "- "); ok {
			if rest = strings.TrimSpace(rest); rest != "" {
				out = append(out, docgen.Block{Kind: docgen.Bullet, Text: rest})
			}
			continue
		}
		if line != "" {
			out = append(out, docgen.Block{Kind: docgen.Paragraph, Text: line})
		}
	}
	return out
}

// MissingLine returns "Các đơn vị chưa có báo cáo được chấp nhận: …", or ""
// when none. It is for the Office's page only; the report never prints it.
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
	return strings.Join(names, "; ") + "."
}

// TotalsTable is the table of targets of the assessment.
func (r *Report) TotalsTable() *docgen.Table {
	t := &docgen.Table{Columns: []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Kết quả", "Tỷ lệ đạt", "Đánh giá"},
		Widths: []float64{1.1, 5.0, 1.9, 1.7, 1.7, 1.6, 1.8}}
	previous := false
	for _, f := range r.Totals {
		previous = previous || f.Previous != nil
	}
	if previous {
		// Last year's value beside this year's.
		t.Columns = append(t.Columns[:5:5], "Năm trước", "Tỷ lệ đạt", "Đánh giá")
		t.Widths = []float64{1.1, 4.4, 1.8, 1.6, 1.6, 1.6, 1.5, 1.6}
	}
	for i, f := range r.Totals {
		row := []string{strconv.Itoa(i + 1), f.Name, f.Measure, f.TargetText(), f.Value()}
		if previous {
			row = append(row, f.PreviousText())
		}
		t.Rows = append(t.Rows, append(row, f.Rate(), f.Assessment()))
	}
	return t
}

// Document lays the report out for docgen: the one list of paragraphs the
// .docx, the .pdf and the page's preview all print.
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
	b := paragraphs(r.Opening.Text())
	section := func(label, text string) {
		b = append(b, docgen.Block{Kind: docgen.Section, Label: label, Text: text})
	}
	n := 0
	item := func(title string) {
		n++
		b = append(b, docgen.Block{Kind: docgen.Item, Label: strconv.Itoa(n), Text: title})
	}
	section("I", "Kết quả thực hiện")
	// Versions frozen before the report had these parts print without
	// them, and with the closing line they had.
	if t := r.Direction.Text(); t != "" {
		item("Công tác chỉ đạo, triển khai")
		b = append(b, paragraphs(t)...)
	}
	for _, a := range r.Activities {
		item(a.Title)
		b = append(b, paragraphs(a.Text.Text())...)
	}
	section("II", "Đánh giá chung")
	n = 0
	item("Kết quả đạt được")
	b = append(b, paragraphs(r.Results.Text())...)
	if len(r.Totals) > 0 {
		b = append(b, docgen.Block{Kind: docgen.TableBlock, Table: r.TotalsTable()})
		b = append(b, docgen.Block{Kind: docgen.Paragraph, Italic: true, Text: "(Chi tiết số liệu của từng phòng, đơn vị tại Phụ lục kèm theo.)"})
	}
	item("Tồn tại, hạn chế")
	b = append(b, paragraphs(r.Shortcomings.Text())...)
	section("III", "Khó khăn, vướng mắc")
	b = append(b, paragraphs(r.Difficulties.Text())...)
	section("IV", "Kiến nghị, đề xuất")
	b = append(b, paragraphs(r.Proposals.Text())...)
	closing := r.Closing.Text()
	if closing == "" {
		closing = "Trên đây là báo cáo " + lowerFirst(r.Title) + " của " + r.AgencyName + "./."
	}
	b = append(b, paragraphs(closing)...)
	d.Body = b
	if len(r.Totals) > 0 {
		d.Annex = r.AnnexPage()
	}
	return d
}

// annexRef is "(Kèm theo Báo cáo số 01/BC-SGTVT ngày 05/7/2023 của Sở …)".
func (r *Report) annexRef() string {
	if r.Number > 0 {
		return fmt.Sprintf("(Kèm theo Báo cáo số %s ngày %s của %s)", kehoach.FormatDocNumber(r.Number, r.Symbol), ShortDate(r.issued()), r.AgencyName)
	}
	return "(Kèm theo Báo cáo số " + docgen.Blank + "/" + r.Symbol + " ngày" + docgen.Blank + "của " + r.AgencyName + ")"
}

// annexTitle is the annex's title line under "PHỤ LỤC".
const annexTitle = "SỐ LIỆU KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC PHÒNG, ĐƠN VỊ"

// annexNote says what the annex counts, as the report's text does.
const annexNote = "Ghi chú: số liệu của mỗi phòng, đơn vị lấy từ báo cáo kết quả đã được kiểm tra; số người dự quán triệt, số tin, bài và số người dự sự kiện do cơ quan trực tiếp ghi nhận; ô để trống là không có số liệu."

// AnnexPage lays the figures annex out as pages of the document: units ×
// indicators with totals, targets and rates.
func (r *Report) AnnexPage() *docgen.AnnexPage {
	cols := []string{"STT", "Phòng, đơn vị"}
	widths := []float64{1.4, 5.0}
	for _, f := range r.Totals {
		cols = append(cols, f.Name+" ("+f.Measure+")")
		widths = append(widths, 2.4)
	}
	t := &docgen.Table{Columns: cols, Widths: widths}
	for u, name := range r.AnnexUnits {
		row := []string{strconv.Itoa(u + 1), name}
		for i, f := range r.Totals {
			v := ""
			if u < len(r.AnnexValues) && i < len(r.AnnexValues[u]) && r.AnnexValues[u][i] != nil {
				v = kehoach.FormatValue(*r.AnnexValues[u][i], f.Decimal)
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	foot := func(label string, cell func(f Figure) string) {
		row := []string{"", label}
		for _, f := range r.Totals {
			row = append(row, cell(f))
		}
		t.Rows = append(t.Rows, row)
	}
	foot("Tổng cộng", func(f Figure) string { return f.Value() })
	foot("Chỉ tiêu", func(f Figure) string { return f.TargetText() })
	foot("Tỷ lệ đạt", func(f Figure) string { return f.Rate() })
	t.Foot = 3
	return &docgen.AnnexPage{Title: "PHỤ LỤC", Subtitle: annexTitle, Ref: r.annexRef(), Table: t, Note: annexNote}
}

// Annex lays out the figures annex for the .xlsx: the same table.
func (r *Report) Annex() *docgen.Annex {
	a := &docgen.Annex{
		Title:  "PHỤ LỤC\n" + annexTitle + "\n" + r.annexRef(),
		Units:  r.AnnexUnits,
		Values: r.AnnexValues,
		Note:   annexNote,
	}
	for _, f := range r.Totals {
		// The annex numbers its columns; catalogue codes are for machines.
		a.Indicators = append(a.Indicators, docgen.AnnexIndicator{Code: strconv.Itoa(len(a.Indicators) + 1), Name: f.Name, Unit: f.Measure, Target: f.Target, Decimal: f.Decimal})
	}
	if r.Kind == KindAgencies {
		return r.agenciesAnnex(a)
	}
	return a
}

func pad2(n int) string { return fmt.Sprintf("%02d", n) }
