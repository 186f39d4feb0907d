package docgen

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// PDFOptions chooses how WritePDFWith renders.
type PDFOptions struct {
	// Soffice is the LibreOffice binary: "" looks up "soffice" on PATH (and
	// draws the PDF itself if it is missing or fails), "-" never uses
	// LibreOffice, any other value is that binary (its failure is an error).
	Soffice string
}

// WritePDF writes d as PDF. When LibreOffice is available it converts the
// .docx, so that the PDF has exactly the layout of the .docx; otherwise it
// draws the document directly with embedded Liberation Serif fonts.
func WritePDF(ctx context.Context, w io.Writer, d *Document) error {
	return WritePDFWith(ctx, w, d, PDFOptions{})
}

// WritePDFWith is WritePDF with explicit options.
func WritePDFWith(ctx context.Context, w io.Writer, d *Document, opts PDFOptions) error {
	if d == nil {
		return fmt.Errorf("docgen: nil document")
	}
	if bin := lookSoffice(opts.Soffice); bin != "" {
		var buf bytes.Buffer
		err := pdfViaSoffice(ctx, &buf, d, bin)
		if err == nil {
			_, err = w.Write(buf.Bytes())
			return err
		}
		// A LibreOffice found on PATH that fails (broken install, no
		// writable temp space) falls back to drawing; an explicitly named
		// one, or a cancelled context, reports the error.
		if opts.Soffice != "" || ctx.Err() != nil {
			return err
		}
	}
	return drawPDF(w, d)
}

func pdfViaSoffice(ctx context.Context, w io.Writer, d *Document, bin string) error {
	dir, err := os.MkdirTemp("", "docgen-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "document.docx")
	var buf bytes.Buffer
	if err := WriteDocx(&buf, d); err != nil {
		return err
	}
	if err := os.WriteFile(src, buf.Bytes(), 0o600); err != nil {
		return err
	}
	if err := ConvertFiles(ctx, bin, "pdf", dir, src); err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(dir, "document.pdf"))
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// Drawn PDF geometry, in millimetres (same page as the .docx).
const (
	mmPerPt   = 25.4 / 72
	pdfPageW  = 210.0
	pdfPageH  = 297.0
	pdfTop    = 20.0
	pdfBottom = 20.0
	pdfLeft   = 30.0
	pdfRight  = 15.0
	pdfTextW  = pdfPageW - pdfLeft - pdfRight
	lineGap   = 1.25 // line height as a multiple of the font size
)

// drawer lays a Document out on fpdf pages.
type drawer struct {
	pdf *fpdf.Fpdf
	y   float64
	// The current page's geometry: portrait for the document, landscape
	// for its annex.
	pageH, left, textW float64
	landscape          bool
}

func drawPDF(w io.Writer, d *Document) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	stamp := docxEpoch
	if !d.Date.IsZero() {
		stamp = time.Date(d.Date.Year(), d.Date.Month(), d.Date.Day(), 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)
	pdf.SetLang("vi-VN")
	pdf.SetTitle(strings.TrimSpace(d.TypeName+" "+d.Summary), true)
	pdf.SetAuthor(d.Agency, true)
	pdf.SetCreator("kehoach", true)
	pdf.AddUTF8FontFromBytes("serif", "", fontRegular)
	pdf.AddUTF8FontFromBytes("serif", "B", fontBold)
	pdf.AddUTF8FontFromBytes("serif", "I", fontItalic)
	pdf.AddUTF8FontFromBytes("serif", "BI", fontBoldItalic)
	pdf.SetMargins(pdfLeft, pdfTop, pdfRight)
	pdf.SetAutoPageBreak(false, pdfBottom)
	pdf.SetLineWidth(0.3)
	dr := &drawer{pdf: pdf, pageH: pdfPageH, left: pdfLeft, textW: pdfTextW}
	pdf.SetHeaderFunc(func() {
		pw, _ := pdf.GetPageSize()
		if pdf.PageNo() > 1 {
			pdf.SetFont("serif", "", 13)
			pdf.SetXY(dr.left, 8)
			pdf.CellFormat(dr.textW, 6, fmt.Sprint(pdf.PageNo()), "", 0, "C", false, 0, "")
		}
		if d.Draft {
			pdf.SetFont("serif", "B", 13)
			wd := pdf.GetStringWidth(draftMark) + 4
			pdf.SetXY(pw-pdfRight-wd, 8)
			pdf.CellFormat(wd, 7, draftMark, "1", 0, "C", false, 0, "")
		}
	})
	dr.page()
	dr.header(d)
	dr.title(d)
	dr.addressees(d)
	for _, l := range d.basisLines() {
		dr.paragraph(l, "I", 13, true, true)
	}
	for i := range d.Body {
		dr.block(&d.Body[i])
	}
	dr.closing(d)
	if d.Annex != nil {
		dr.annex(d.Annex)
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

func (dr *drawer) page() {
	if dr.landscape {
		dr.pdf.AddPageFormat("L", fpdf.SizeType{Wd: pdfPageW, Ht: pdfPageH})
	} else {
		dr.pdf.AddPage()
	}
	dr.y = pdfTop
}

// Landscape geometry of the annex pages: 20 mm left, 15 mm right.
const (
	annexLeftMM  = 20.0
	annexTextWMM = pdfPageH - annexLeftMM - pdfRight
)

// annex draws the annex on landscape pages: its title lines, a rule, the
// table with its header repeated on each page, the note.
func (dr *drawer) annex(a *AnnexPage) {
	dr.landscape, dr.pageH, dr.left, dr.textW = true, pdfPageW, annexLeftMM, annexTextWMM
	dr.page()
	dr.y, _ = dr.centred(dr.left, dr.y, dr.textW, strings.ToUpper(a.Title), "B", 14)
	if a.Subtitle != "" {
		dr.y, _ = dr.centred(dr.left, dr.y, dr.textW, a.Subtitle, "B", 13)
	}
	if a.Ref != "" {
		dr.y, _ = dr.centred(dr.left, dr.y, dr.textW, a.Ref, "I", 13)
	}
	dr.rule(dr.left+dr.textW/2, dr.y+ruleGap, 130*mmPerPt)
	dr.y += 2*ruleGap + 3
	if a.Table != nil {
		dr.table(a.Table)
	}
	if a.Note != "" {
		dr.paragraph(a.Note, "I", 12, true, true)
	}
}

func lineH(size float64) float64 { return size * mmPerPt * lineGap }

// ensure starts a new page unless h millimetres fit below the current
// line; it reports whether it did.
func (dr *drawer) ensure(h float64) bool {
	if dr.y+h > dr.pageH-pdfBottom {
		dr.page()
		return true
	}
	return false
}

// ruleGap is the space between a line of text and the rule under it, and
// between the rule and what follows: the rule never touches the marks
// under Vietnamese letters ("ạ", "ộ").
const ruleGap = 1.8

// centred draws text centred in [x, x+w], wrapping it; it returns the y
// under the last line and the width of the widest line.
func (dr *drawer) centred(x, y, w float64, text, style string, size float64) (float64, float64) {
	p := dr.pdf
	p.SetFont("serif", style, size)
	lh := lineH(size)
	widest := 0.0
	for _, l := range dr.wrap(text, w, w) {
		lw := p.GetStringWidth(l)
		widest = max(widest, lw)
		p.Text(x+(w-lw)/2, y+lh*0.78, l)
		y += lh
	}
	return y, widest
}

// wrap breaks text into lines no wider than first (the first line) and rest.
func (dr *drawer) wrap(text string, first, rest float64) []string {
	p := dr.pdf
	// Text that fits stays as written: the blanks a clerk fills in by hand
	// ("Số:      /BC-SGTVT") keep their width.
	if t := strings.TrimSpace(text); !strings.Contains(t, "\n") && p.GetStringWidth(t) <= first {
		return []string{t}
	}
	words := strings.Fields(text)
	var lines []string
	cur, width := "", first
	for _, wd := range words {
		try := wd
		if cur != "" {
			try = cur + " " + wd
		}
		if cur != "" && p.GetStringWidth(try) > width {
			lines = append(lines, cur)
			cur, width = wd, rest
			continue
		}
		cur = try
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

func (dr *drawer) rule(cx, y, w float64) {
	dr.pdf.Line(cx-w/2, y, cx+w/2, y)
}

func (dr *drawer) header(d *Document) {
	leftW := float64(headLeftW) / 56.7
	rightW := pdfTextW - leftW
	xl, xr := pdfLeft, pdfLeft+leftW
	yl, yr := dr.y, dr.y
	if d.GoverningBody != "" {
		yl, _ = dr.centred(xl, yl, leftW, strings.ToUpper(d.GoverningBody), "", 13)
	}
	var aw float64
	yl, aw = dr.centred(xl, yl, leftW, strings.ToUpper(d.Agency), "B", 13)
	dr.rule(xl+leftW/2, yl+ruleGap, aw*2/5)
	yl += 2 * ruleGap
	yr, _ = dr.centred(xr, yr, rightW, nationalTitle, "B", 12)
	var mw float64
	yr, mw = dr.centred(xr, yr, rightW, nationalMotto, "B", 13)
	dr.rule(xr+rightW/2, yr+ruleGap, mw)
	yr += 2 * ruleGap
	y := max(yl, yr) + 2
	y1, _ := dr.centred(xl, y, leftW, d.numberLine(), "", 13)
	y2, _ := dr.centred(xr, y, rightW, d.dateLine(), "I", 13)
	dr.y = max(y1, y2) + 6
}

func (dr *drawer) title(d *Document) {
	if d.TypeName != "" {
		dr.y, _ = dr.centred(pdfLeft, dr.y, pdfTextW, strings.ToUpper(d.TypeName), "B", 14)
	}
	if d.Summary != "" {
		var sw float64
		dr.y, sw = dr.centred(pdfLeft, dr.y, pdfTextW, d.Summary, "B", 14)
		dr.rule(pdfLeft+pdfTextW/2, dr.y+ruleGap, min(sw/3, 130*mmPerPt))
		dr.y += 2 * ruleGap
	}
	dr.y += 4
}

func (dr *drawer) addressees(d *Document) {
	to := d.addresseeLines()
	const label = "Kính gửi:"
	p := dr.pdf
	if len(to) == 1 {
		dr.y, _ = dr.centred(pdfLeft, dr.y, pdfTextW, label+" "+to[0], "", 14)
	} else if len(to) > 1 {
		p.SetFont("serif", "", 14)
		lw := p.GetStringWidth(label + " ")
		x := pdfLeft + 30
		lh := lineH(14)
		p.Text(x, dr.y+lh*0.78, label)
		for _, a := range to {
			for _, l := range dr.wrap(a, pdfTextW-30-lw, pdfTextW-30-lw) {
				p.Text(x+lw, dr.y+lh*0.78, l)
				dr.y += lh
			}
		}
	}
	if len(to) > 0 {
		dr.y += 4
	}
}

// paragraph draws a justified paragraph with a first-line indent of 1.27 cm.
func (dr *drawer) paragraph(text, style string, size float64, indentFirst, justify bool) {
	p := dr.pdf
	p.SetFont("serif", style, size)
	first := 0.0
	if indentFirst {
		first = 12.7
	}
	lh := size * mmPerPt * 1.3
	lines := dr.wrap(text, dr.textW-first, dr.textW)
	for i, l := range lines {
		dr.ensure(lh)
		x := dr.left
		if i == 0 {
			x += first
		}
		avail := dr.left + dr.textW - x
		words := strings.Fields(l)
		base := dr.y + lh*0.75
		if justify && i < len(lines)-1 && len(words) > 1 {
			total := 0.0
			for _, wd := range words {
				total += p.GetStringWidth(wd)
			}
			gap := (avail - total) / float64(len(words)-1)
			for _, wd := range words {
				p.Text(x, base, wd)
				x += p.GetStringWidth(wd) + gap
			}
		} else {
			p.Text(x, base, l)
		}
		dr.y += lh
	}
	dr.y += 6 * mmPerPt
}

func (dr *drawer) block(b *Block) {
	text := blockText(b)
	style := ""
	if b.Bold || b.Kind == Section || b.Kind == Item {
		style += "B"
	}
	if b.Italic {
		style += "I"
	}
	switch b.Kind {
	case Section, Item:
		// keep a heading with at least two lines of what follows
		dr.ensure(3 * lineH(13) * 1.1)
		if b.Kind == Section {
			dr.y += 6 * mmPerPt
		}
		dr.paragraph(text, style, 13, true, true)
	case TableBlock:
		if b.Table != nil {
			dr.table(b.Table)
		}
	default:
		dr.paragraph(text, style, 13, true, true)
	}
}

func (dr *drawer) table(t *Table) {
	n := len(t.Columns)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return
	}
	tws := colWidths(int(dr.textW*56.7), n, t.Widths)
	widths := make([]float64, n)
	for i, v := range tws {
		widths[i] = float64(v) / 56.7
	}
	p := dr.pdf
	const size, pad = 12.0, 1.2
	lh := lineH(size)
	// measure returns a row's lines per cell and its height.
	measure := func(cells []string, bold bool) ([][]string, float64) {
		style, lines := "", make([][]string, n)
		if bold {
			style = "B"
		}
		p.SetFont("serif", style, size)
		h := 0.0
		for i := 0; i < n; i++ {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			lines[i] = dr.wrap(c, widths[i]-2*pad, widths[i]-2*pad)
			h = max(h, float64(len(lines[i]))*lh+2*pad)
		}
		return lines, h
	}
	var row func(cells []string, header, bold bool)
	row = func(cells []string, header, bold bool) {
		lines, h := measure(cells, header || bold)
		style := ""
		if header || bold {
			style = "B"
		}
		if header {
			// The header row never stands alone at the foot of a page.
			first := 0.0
			if len(t.Rows) > 0 {
				_, first = measure(t.Rows[0], t.Foot >= len(t.Rows))
			}
			dr.ensure(h + first)
		} else if dr.ensure(h) && len(t.Columns) > 0 {
			// A new page repeats the header row.
			row(t.Columns, true, true)
		}
		p.SetFont("serif", style, size)
		x := dr.left
		for i := 0; i < n; i++ {
			p.Rect(x, dr.y, widths[i], h, "D")
			y := dr.y + (h-float64(len(lines[i]))*lh)/2
			for _, l := range lines[i] {
				lw := p.GetStringWidth(l)
				tx := x + pad
				if header {
					tx = x + (widths[i]-lw)/2
				} else if isNumeric(l) {
					tx = x + widths[i] - pad - lw
				}
				p.Text(tx, y+lh*0.78, l)
				y += lh
			}
			x += widths[i]
		}
		dr.y += h
	}
	if len(t.Columns) > 0 {
		row(t.Columns, true, true)
	}
	for i, r := range t.Rows {
		row(r, false, i >= len(t.Rows)-t.Foot)
	}
	dr.y += 6 * mmPerPt
}

func (dr *drawer) closing(d *Document) {
	p := dr.pdf
	rec := d.recipientLines()
	need := lineH(12) + float64(len(rec))*lineH(11) + 45
	dr.ensure(min(need, pdfPageH-pdfTop-pdfBottom))
	leftW := float64(closeLeftW) / 56.7
	rightW := pdfTextW - leftW
	y := dr.y + 2
	p.SetFont("serif", "BI", 12)
	p.Text(pdfLeft, y+lineH(12)*0.78, "Nơi nhận:")
	yl := y + lineH(12)
	p.SetFont("serif", "", 11)
	for _, l := range rec {
		for _, s := range dr.wrap(l, leftW-2, leftW-2) {
			p.Text(pdfLeft, yl+lineH(11)*0.78, s)
			yl += lineH(11)
		}
	}
	yr := y
	for _, l := range d.Signer.lines() {
		yr, _ = dr.centred(pdfLeft+leftW, yr, rightW, l, "B", 13)
	}
	yr += 30
	yr, _ = dr.centred(pdfLeft+leftW, yr, rightW, d.Signer.Name, "B", 13)
	dr.y = max(yl, yr)
}
