package docgen

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/kehoach/kehoach/internal/kehoachtest/filetest"
)

// needTools skips the test when a program is missing, except under CI where
// a missing program is a failure.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	var missing []string
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("missing %s; install with: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation poppler-utils",
		strings.Join(missing, ", "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// draftReport is a draft signed on behalf of the director, with several
// addressees, no number and no date yet.
func draftReport() *Document {
	d := sampleReport()
	d.Number = 0
	d.Date = time.Time{}
	d.Year = 2023
	d.Draft = true
	d.To = []string{"Sở Lao động - Thương binh và Xã hội", "Ủy ban nhân dân tỉnh Sơn La"}
	d.Basis = []string{"Căn cứ Luật Trẻ em năm 2016;", "Căn cứ Kế hoạch số 115/KH-UBND ngày 28/4/2023 của UBND tỉnh"}
	d.Signer = Signer{Authority: "KT.", AuthorityTitle: "Giám đốc", Title: "Phó Giám đốc", Name: "Nguyễn Văn An"}
	d.Recipients = []string{"Như trên", "Ban Giám đốc Sở", "Các phòng, đơn vị thuộc Sở"}
	d.Copies = 0
	return d
}

// wellFormed checks that every .xml and .rels part parses.
func wellFormed(t *testing.T, parts map[string][]byte) {
	t.Helper()
	for name, b := range parts {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Errorf("%s: not well-formed XML: %v", name, err)
				break
			}
		}
	}
}

func TestDocxGolden(t *testing.T) {
	tests := []struct {
		name string
		doc  *Document
	}{
		{"report", sampleReport()},
		{"draft", draftReport()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := WriteDocx(&a, tt.doc); err != nil {
				t.Fatal(err)
			}
			if err := WriteDocx(&b, tt.doc); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes of the same document differ")
			}
			parts := filetest.Unzip(t, a.Bytes())
			wellFormed(t, parts)
			for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
				"word/document.xml", "word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml", "docProps/core.xml"} {
				body, ok := parts[p]
				if !ok {
					t.Errorf("part %s missing", p)
					continue
				}
				filetest.Golden(t, "docx-"+tt.name+"/"+strings.NewReplacer("/", "_", "[", "", "]", "").Replace(p), body)
			}
		})
	}
}

func TestDocxStructure(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDocx(&buf, draftReport()); err != nil {
		t.Fatal(err)
	}
	parts := filetest.Unzip(t, buf.Bytes())
	styles, doc := string(parts["word/styles.xml"]), string(parts["word/document.xml"])
	checks := []struct {
		what, part, want string
	}{
		{"default font", styles, `<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"`},
		{"default size 13 pt", styles, `<w:sz w:val="26"/>`},
		{"language", styles, `<w:lang w:val="vi-VN"`},
		{"A4", doc, `<w:pgSz w:w="11906" w:h="16838"/>`},
		{"margins", doc, `<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`},
		{"distinct first page", doc, `<w:titlePg/>`},
		{"borderless layout table", doc, `<w:tblBorders><w:top w:val="nil"/>`},
		{"draft number", doc, `Số:      /BC-SGTVT`},
		{"draft date", doc, `Sơn La, ngày      tháng      năm 2023`},
		{"addressee list", doc, `- Ủy ban nhân dân tỉnh Sơn La.`},
		{"basis", doc, `Căn cứ Luật Trẻ em năm 2016;`},
		{"basis last", doc, `ngày 28/4/2023 của UBND tỉnh.`},
		{"authority", doc, `KT. GIÁM ĐỐC`},
		{"archive", doc, `- Lưu: VT, VP.`},
		{"page field", string(parts["word/header1.xml"]), `PAGE`},
		{"draft mark", string(parts["word/header2.xml"]), draftMark},
	}
	for _, c := range checks {
		if !strings.Contains(c.part, c.want) {
			t.Errorf("%s: %q not found", c.what, c.want)
		}
	}
	if strings.Contains(string(parts["word/header2.xml"]), "PAGE") {
		t.Error("first-page header carries a page number")
	}
}

func TestXLSXGolden(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteXLSX(&a, sampleAnnex()); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&b, sampleAnnex()); err != nil {
		t.Fatal(err)
	}
	pa, pb := filetest.Unzip(t, a.Bytes()), filetest.Unzip(t, b.Bytes())
	wellFormed(t, pa)
	for _, p := range []string{"xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "docProps/core.xml"} {
		body, ok := pa[p]
		if !ok {
			continue // the stream writer keeps strings inline: no sharedStrings.xml
		}
		if !bytes.Equal(body, pb[p]) {
			t.Errorf("%s differs between two writes", p)
		}
		filetest.Golden(t, "xlsx-annex/"+strings.ReplaceAll(p, "/", "_"), body)
	}
}

// TestXLSXTotals checks the cached totals against the formulas.
func TestXLSXTotals(t *testing.T) {
	var buf bytes.Buffer
	an := sampleAnnex()
	if err := WriteXLSX(&buf, an); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total := annexFirstRow + len(an.Units)
	tests := []struct {
		cell, formula, cached string
	}{
		{cell(3, total), "SUM(C4:C7)", "12"},
		{cell(4, total), "SUM(D4:D7)", "146"},
		{cell(5, total), "SUM(E4:E7)", "5.75"},
		{cell(3, total+1), "", "10"},
		{cell(3, total+2), "ROUND(C8/C9*100,1)", "120"},
		{cell(4, total+2), "ROUND(D8/D9*100,1)", "97.3"},
		{cell(5, total+2), "", ""},
		{cell(2, annexHeaderRow+1), "", "Văn phòng Sở"},
	}
	for _, tt := range tests {
		formula, err := f.GetCellFormula(AnnexSheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		if formula != tt.formula {
			t.Errorf("%s formula = %q, want %q", tt.cell, formula, tt.formula)
		}
		raw, err := f.GetCellValue(AnnexSheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		if raw != tt.cached && strings.ReplaceAll(raw, ",", "") != tt.cached {
			t.Errorf("%s cached value = %q, want %q", tt.cell, raw, tt.cached)
		}
		if formula != "" {
			calc, err := f.CalcCellValue(AnnexSheet, tt.cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSuffix(strings.TrimSuffix(tt.cached, ".0"), "0") != strings.TrimSuffix(calc, "0") && calc != tt.cached {
				t.Errorf("%s computes %q, cached %q", tt.cell, calc, tt.cached)
			}
		}
	}
}

// pdfText runs pdftotext with the given mode ("-layout", "-raw" or "") and
// returns NFC text.
func pdfText(t *testing.T, path string, mode string) string {
	t.Helper()
	args := []string{path, "-"}
	if mode != "" {
		args = append([]string{mode}, args...)
	}
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", filepath.Base(path), err)
	}
	return norm.NFC.String(string(out))
}

// reportMarks are the parts of the sample report a reader must see.
var reportMarks = []string{
	nationalTitle, nationalMotto, "Số: 05/BC-SGTVT", "Sơn La, ngày 05 tháng 7 năm 2023", "BÁO CÁO",
	"Kết quả triển khai Tháng hành động vì trẻ em năm 2023", "Kính gửi:",
	"I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. ĐỀ XUẤT, KIẾN NGHỊ", "146 cán bộ", "420",
	"Nơi nhận:", "- Như trên;", "- Lưu: VT, VP (4b).", "GIÁM ĐỐC", "Đào Tài Tuệ",
}

func expectText(t *testing.T, what, text string, marks []string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	for _, m := range marks {
		if !strings.Contains(text, m) && !strings.Contains(flat, m) {
			t.Errorf("%s: %q not found in the text", what, m)
		}
	}
	if t.Failed() {
		t.Logf("%s text:\n%s", what, text)
	}
}

// keepDir returns where to keep rendered samples: $DOCGEN_SAMPLE_DIR or a
// temporary directory.
func keepDir(t *testing.T) string {
	if d := os.Getenv("DOCGEN_SAMPLE_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestLibreOfficeReads opens the .docx files and the .xlsx with LibreOffice
// (one start for all of them) and reads the PDFs back.
func TestLibreOfficeReads(t *testing.T) {
	needTools(t, "soffice", "pdftotext")
	t.Parallel()
	dir := keepDir(t)
	write := func(name string, fn func(io.Writer) error) string {
		var buf bytes.Buffer
		if err := fn(&buf); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	files := []string{
		write("report.docx", func(w io.Writer) error { return WriteDocx(w, sampleReport()) }),
		write("draft.docx", func(w io.Writer) error { return WriteDocx(w, draftReport()) }),
		write("annex.xlsx", func(w io.Writer) error { return WriteXLSX(w, sampleAnnex()) }),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	if err := ConvertFiles(ctx, "", "pdf", dir, files...); err != nil {
		t.Fatal(err)
	}
	expectText(t, "report.docx", pdfText(t, filepath.Join(dir, "report.pdf"), "-layout"), reportMarks)
	draft := pdfText(t, filepath.Join(dir, "draft.pdf"), "-layout")
	expectText(t, "draft.docx", draft, []string{nationalTitle, draftMark, "Kính gửi:", "- Sở Lao động - Thương binh và Xã hội;",
		"- Ủy ban nhân dân tỉnh Sơn La.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An", "/BC-SGTVT", "- Lưu: VT, VP."})
	if !regexp.MustCompile(`ngày\s+tháng\s+năm 2023`).MatchString(draft) {
		t.Errorf("draft.docx: blank date line not found")
	}
	annex := pdfText(t, filepath.Join(dir, "annex.pdf"), "-layout")
	expectText(t, "annex.xlsx", annex, []string{"STT", "Đơn vị", "Văn phòng Sở", "Trung tâm Đăng kiểm xe cơ giới", "Tổng cộng", "Chỉ tiêu", "Tỷ lệ đạt (%)", "146"})
	for _, re := range []string{`Tổng cộng\s+12\s+146\s+5[.,]75`, `Tỷ lệ đạt \(%\)\s+120\s+97,3`, `Tổng cộng\s+12\s+146\s+5,75`} {
		if !regexp.MustCompile(re).MatchString(annex) {
			t.Errorf("annex.xlsx: %s not found in\n%s", re, annex)
		}
	}
	// Page numbers: none on page 1, "2" on top of page 2.
	pages := strings.Split(pdfText(t, filepath.Join(dir, "report.pdf"), ""), "\f")
	if len(pages) < 2 {
		t.Fatalf("report.pdf has %d pages, want 2 or more", len(pages))
	}
	if first := strings.Fields(pages[1]); len(first) == 0 || first[0] != "2" {
		t.Errorf("page 2 does not start with its number: %.60q", pages[1])
	}
	if strings.HasPrefix(strings.TrimSpace(pages[0]), "1") {
		t.Errorf("page 1 carries a page number")
	}
}

// TestWritePDF renders the sample report both ways: through LibreOffice and
// drawn with the embedded fonts.
func TestWritePDF(t *testing.T) {
	tests := []struct {
		name  string
		opts  PDFOptions
		tools []string
	}{
		{"soffice", PDFOptions{}, []string{"soffice", "pdftotext"}},
		{"fpdf", PDFOptions{Soffice: "-"}, []string{"pdftotext"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			needTools(t, tt.tools...)
			t.Parallel()
			dir := keepDir(t)
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			var buf bytes.Buffer
			if err := WritePDFWith(ctx, &buf, sampleReport(), tt.opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatalf("not a PDF: %.20q", buf.Bytes())
			}
			p := filepath.Join(dir, "report-"+tt.name+".pdf")
			if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			expectText(t, tt.name, pdfText(t, p, "-layout"), reportMarks)
			if plain := pdfText(t, p, ""); !strings.Contains(plain, "BÁO CÁO") {
				t.Errorf("%s: plain pdftotext lacks BÁO CÁO", tt.name)
			}
		})
	}
}

// vietnameseLetters returns every Vietnamese vowel with every tone, in both
// cases, and Đ/đ.
func vietnameseLetters() []string {
	vowels := []string{"a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"}
	tones := []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}
	var out []string
	for _, v := range vowels {
		for _, tone := range tones {
			l := norm.NFC.String(v + tone)
			out = append(out, l, strings.ToUpper(l))
		}
	}
	return append(out, "đ", "Đ")
}

// TestPDFFallbackVietnamese draws every Vietnamese letter with each of the
// four embedded fonts and reads them back.
func TestPDFFallbackVietnamese(t *testing.T) {
	letters := vietnameseLetters()
	if len(letters) != 146 {
		t.Fatalf("%d letters, want 146 (144 vowel forms, 134 of them non-ASCII, + đ Đ)", len(letters))
	}
	needTools(t, "pdftotext")
	t.Parallel()
	line := strings.Join(letters, " ")
	d := &Document{
		Header:   Header{Agency: "ĐƠN VỊ", Symbol: "BC-ĐV", Place: "Đà Nẵng", Year: 2024},
		TypeName: "BÁO CÁO", Summary: line,
		Body: []Block{
			{Kind: Paragraph, Text: line},
			{Kind: Paragraph, Text: line, Bold: true},
			{Kind: Paragraph, Text: line, Italic: true},
			{Kind: Paragraph, Text: line, Bold: true, Italic: true},
		},
		Signer: Signer{Title: "Giám đốc", Name: "Đặng Thị Ước"},
	}
	var buf bytes.Buffer
	if err := WritePDFWith(context.Background(), &buf, d, PDFOptions{Soffice: "-"}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "letters.pdf")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// -raw keeps the spaces between one-letter words.
	text := pdfText(t, p, "-raw")
	flat := strings.Join(strings.Fields(text), " ")
	if n := strings.Count(flat, line); n < 4 {
		for _, l := range letters {
			if !strings.Contains(text, l) {
				t.Errorf("letter %q (%U) not read back", l, []rune(l))
			}
		}
		t.Errorf("the full letter line was read back %d times, want 4 (one per font)", n)
	}
	expectText(t, "letters", text, []string{"Đặng Thị Ước", "Đà Nẵng, ngày"})
}

// TestXLSXColumnsOrdered checks that <col> elements ascend, as spreadsheet
// programs require.
func TestXLSXColumnsOrdered(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sampleAnnex()); err != nil {
		t.Fatal(err)
	}
	sheet := filetest.Unzip(t, buf.Bytes())["xl/worksheets/sheet1.xml"]
	prev := 0
	for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllSubmatch(sheet, -1) {
		var n int
		fmt.Sscan(string(m[1]), &n)
		if n <= prev {
			t.Fatalf("<col> elements out of order: %s", regexp.MustCompile(`<cols>.*</cols>`).Find(sheet))
		}
		prev = n
	}
	if prev == 0 {
		t.Fatal("no <col> elements")
	}
}

// TestWritePDFBrokenSoffice: a named LibreOffice that fails is an error; an
// explicit "-" draws without it.
func TestWritePDFBrokenSoffice(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "soffice")
	if err := os.WriteFile(bad, []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePDFWith(context.Background(), &buf, sampleReport(), PDFOptions{Soffice: bad}); err == nil {
		t.Error("a failing soffice gave no error")
	}
	if buf.Len() != 0 {
		t.Errorf("a failing soffice wrote %d bytes", buf.Len())
	}
}
