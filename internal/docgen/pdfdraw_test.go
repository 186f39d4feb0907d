package docgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// TestDrawnPDFTables draws a document whose table starts lower and lower
// on the page: the header row never stands alone at the foot of a page,
// it comes back on every page the table runs onto, and the annex pages are
// landscape with their header repeated too.
func TestDrawnPDFTables(t *testing.T) {
	needTools(t, "pdftotext")
	t.Parallel()
	table := &Table{Columns: []string{"STT", "Tên chỉ tiêu", "Kết quả"}, Foot: 1}
	for i := 1; i <= 40; i++ {
		table.Rows = append(table.Rows, []string{fmt.Sprint(i), fmt.Sprintf("Dòng số %d của bảng", i), fmt.Sprint(i * 3)})
	}
	dir := t.TempDir()
	for lead := 0; lead < 24; lead += 1 {
		d := draftReport()
		for i := 0; i < lead; i++ {
			d.Body = append(d.Body, Block{Kind: Paragraph, Text: fmt.Sprintf("Đoạn văn thứ %d trước bảng, đủ dài để chiếm một dòng rưỡi trên trang giấy khổ A4 theo thể thức.", i)})
		}
		d.Body = append(d.Body, Block{Kind: TableBlock, Table: table})
		d.Annex = &AnnexPage{Title: "Phụ lục", Subtitle: "SỐ LIỆU", Ref: "(Kèm theo Báo cáo số" + Blank + "/BC-SGTVT)", Table: table}
		var buf bytes.Buffer
		if err := drawPDF(&buf, d); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("t%d.pdf", lead))
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(pdfText(t, p, "-layout"), "\f")
		inTable := false
		for i, pg := range pages {
			rows := regexp.MustCompile(`Dòng số (\d+)`).FindAllStringSubmatch(pg, -1)
			head := strings.Contains(pg, "Tên chỉ tiêu")
			if head && len(rows) == 0 {
				t.Errorf("lead %d: page %d ends with the table header alone", lead, i+1)
			}
			if len(rows) > 0 && !head {
				t.Errorf("lead %d: page %d carries rows %s… without the header", lead, i+1, rows[0][1])
			}
			if len(rows) > 0 && rows[0][1] != "1" && !inTable {
				t.Errorf("lead %d: page %d starts the table at row %s", lead, i+1, rows[0][1])
			}
			inTable = len(rows) > 0 && rows[len(rows)-1][1] != "40"
		}
		if lead == 0 {
			// The draft keeps the blanks of its number and date.
			if !regexp.MustCompile(`Số:\s{3,}/BC-SGTVT`).MatchString(pages[0]) || !regexp.MustCompile(`ngày\s{3,}tháng\s{3,}năm 2023`).MatchString(pages[0]) {
				t.Errorf("the draft's blanks collapsed:\n%s", pages[0][:min(len(pages[0]), 600)])
			}
		}
	}
}

// TestDrawnRulesUnderText checks that each rule of the drawn header stands
// clear of the text above it: lower than the deepest mark under a
// Vietnamese letter (a dot below under a descender).
func TestDrawnRulesUnderText(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("serif", "B", fontBold)
	p.SetFont("serif", "B", 14)
	_, unitMM := p.GetFontSize()
	// A line of 14 pt text drawn by centred: baseline at 0.78 of the line,
	// the line lineH high; descenders and the dot below reach about 0.3 of
	// the font size under the baseline.
	lh := lineH(14)
	bottom := lh*0.78 + 0.3*unitMM
	if rule := lh + ruleGap; rule <= bottom+0.5 {
		t.Errorf("the rule at %.2f mm sits on the text reaching %.2f mm", rule, bottom)
	}
}
