package plandoc

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/planimport"
	"golang.org/x/text/unicode/norm"
)

// seedFiles are the seed plan as the demo embeds it and as the reference
// case holds it (when present).
var seedFiles = []string{"../demo/seed/ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt", "/work/shared/seed/ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt"}

// docxParagraphs returns the text of each paragraph of a .docx body, and
// whether a paragraph holds a line break.
func docxParagraphs(t *testing.T, data []byte) (paras []string, breaks bool) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var xml string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			xml = string(b)
		}
	}
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, p := range strings.Split(xml, "</w:p>") {
		if strings.Contains(p, "<w:br/>") {
			breaks = true
		}
		text := html.UnescapeString(tags.ReplaceAllString(p, ""))
		if text = strings.Join(strings.Fields(text), " "); text != "" {
			paras = append(paras, text)
		}
	}
	return paras, breaks
}

// seedPlan imports the seed as the demo does and makes the Office's
// correction of the period the importer warned about.
func seedPlan(t *testing.T, file string) (*kehoach.Plan, []byte) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Skip(err)
	}
	p, err := planimport.Read(bytes.NewReader(src), "seed.txt", "agency")
	if err != nil {
		t.Fatal(err)
	}
	start, end := "2023-06-01", "2023-06-30"
	p.Period = &kehoach.Period{Start: &start, End: &end, Text: "từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2023"}
	return p, src
}

// TestSeedPlanDocxKeepsEveryParagraph is the golden test of the plan's
// .docx: every paragraph of the seed appears in it, in order, as a
// paragraph of its own, with the period as corrected on the review.
func TestSeedPlanDocxKeepsEveryParagraph(t *testing.T) {
	for _, file := range seedFiles {
		t.Run(file, func(t *testing.T) {
			p, src := seedPlan(t, file)
			var buf bytes.Buffer
			if err := docgen.WriteDocx(&buf, Document(p, nil)); err != nil {
				t.Fatal(err)
			}
			got, breaks := docxParagraphs(t, buf.Bytes())
			if breaks {
				t.Error("a paragraph holds a line break: paragraphs must stay paragraphs")
			}
			norm := func(s string) string {
				s = norm.NFC.String(s)
				s = strings.ReplaceAll(s, "*", "") // Markdown emphasis of the seed
				s = strings.TrimPrefix(s, "- ")
				return strings.ToLower(strings.Join(strings.Fields(s), " "))
			}
			k := 0
			for _, line := range strings.Split(string(src), "\n") {
				want := norm(line)
				if want == "" {
					continue
				}
				// The review corrected the period's year.
				want = strings.Replace(want, "30 tháng 6 năm 2022", "30 tháng 6 năm 2023", 1)
				want = strings.TrimRight(want, ";.")
				found := false
				for j := k; j < len(got); j++ {
					if strings.Contains(norm(got[j]), want) {
						k, found = j+1, true
						break
					}
				}
				if !found {
					t.Errorf("seed paragraph not found in order after %q:\n  %s", got[max(k-1, 0)], line)
				}
			}
			for _, g := range got {
				if strings.Contains(g, "năm 2022") {
					t.Errorf("the uncorrected period is printed: %s", g)
				}
			}
		})
	}
}

// TestPeriodFixerTouchesOnlyThePeriod checks that only a range with the
// period's days and months takes the corrected year.
func TestPeriodFixerTouchesOnlyThePeriod(t *testing.T) {
	start, end := "2023-06-01", "2023-06-30"
	fix := periodFixer(&kehoach.Plan{Period: &kehoach.Period{Start: &start, End: &end}})
	cases := map[string]string{
		"Triển khai từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022.": "Triển khai từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2023.",
		"Thực hiện từ 01/6/2022 đến 30/6/2022.":                       "Thực hiện từ 01/6/2023 đến 30/6/2023.",
		"Từ ngày 01 tháng 5 đến ngày 30 tháng 5 năm 2022.":            "Từ ngày 01 tháng 5 đến ngày 30 tháng 5 năm 2022.",
		"Kế hoạch số 115/KH-UBND ngày 28/4/2022.":                     "Kế hoạch số 115/KH-UBND ngày 28/4/2022.",
	}
	for in, want := range cases {
		if got := fix(in); got != want {
			t.Errorf("fix(%q) = %q, want %q", in, got, want)
		}
	}
}
