package docparse

import (
	"bytes"
	"encoding/xml"
	"math/rand"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest/filetest"
	"github.com/kehoach/kehoach/vntext"
)

// sentencesByRegexp is the former sentences, kept to check the hand-written
// scanner against reSentence.
func sentencesByRegexp(t string) []string {
	var out []string
	start := 0
	for _, m := range reSentence.FindAllStringIndex(t, -1) {
		out = append(out, t[start:m[0]+1])
		start = m[1] - len(string([]rune(t[m[0]:m[1]])[len([]rune(t[m[0]:m[1]]))-1]))
	}
	out = append(out, t[start:])
	return out
}

// TestScannersMatchRegexps checks that the hand-written scanners that
// replaced regexps on hot paths (sentences, hasGap) agree with them, on the
// test documents and on random strings made of the characters that matter.
func TestScannersMatchRegexps(t *testing.T) {
	var inputs []string
	for _, p := range goldenInputs(t) {
		d, _ := os.ReadFile(p)
		inputs = append(inputs, string(d))
		inputs = append(inputs, strings.Split(string(d), "\n")...)
	}
	alphabet := []string{".", ";", "!", "?", " ", "  ", "\t", "\n", "\r", "\f", "\v", "\u00A0", "A", "a", "Đ", "đ", "Ư", "ư", "1", "\xff", "É", "x"}
	rng := rand.New(rand.NewSource(2))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(12) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		if got, want := sentences(s), sentencesByRegexp(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("sentences(%q) = %q, want %q", s, got, want)
		}
		if got, want := hasGap(s), reGap.MatchString(s); got != want {
			t.Fatalf("hasGap(%q) = %v, want %v", s, got, want)
		}
	}
}

// The former forms of code made faster, kept to check the new ones.
var reNamedUnitAnywhere = regexp.MustCompile(namedUnitPattern)

func cleanMarkdownAlways(l string) string {
	if !strings.ContainsAny(l, "*_#\\") {
		return l
	}
	l = reMdHeading.ReplaceAllString(l, "")
	for range 3 {
		n := reEmphStrong.ReplaceAllString(l, "$2")
		n = reEmphStar.ReplaceAllString(n, "$1$2$3")
		n = reEmphUnder.ReplaceAllString(n, "$1$2$3")
		if n == l {
			break
		}
		l = n
	}
	return reMdEscape.ReplaceAllString(l, "$1")
}

func isOrgNameByConcat(s string) bool {
	l := strings.ToLower(strings.TrimSpace(strings.TrimLeft(s, "-–+• ")))
	for _, n := range notOrg {
		if l == n || strings.HasPrefix(l, n+" ") || strings.HasPrefix(l, n+",") {
			return false
		}
	}
	for _, h := range orgHeads {
		if l == h || strings.HasPrefix(l, h+" ") || strings.HasPrefix(l, h+",") {
			return true
		}
	}
	return false
}

// speedInputs returns the lines and paragraphs of the test documents, and
// random strings made of the words and characters the scanners look for.
func speedInputs(t *testing.T) []string {
	var inputs []string
	for _, p := range goldenInputs(t) {
		d, _ := os.ReadFile(p)
		inputs = append(inputs, string(d))
		inputs = append(inputs, strings.Split(string(d), "\n")...)
	}
	words := []string{"Trang", "Cổng", " thông tin điện tử", " của Sở", "Văn phòng", "Thanh tra", "Chi đoàn", "Công đoàn",
		"Đoàn Thanh niên", "Ban Giám đốc", "Chi bộ", "Phòng", "Trung tâm", "các phòng, đơn vị", "CÁC PHÒNG, ĐƠN VỊ", "Các Phòng, đơn vị",
		" thuộc Sở", " Kế", " Hoạch", " và ", " tại ", "tại ", " ở ", ",", ".", "(", " ", "a", "Đ", "báo cáo", "BÁO CÁO", "bao", " cao",
		"bbao cao", "ba\u0301o ca\u0301o", "*", "**", "_", "__", "#", "# ", "\\", "\\*", "\n", "xã", "Sở", "Ủy ban nhân dân", "\xff", "\u212a"}
	words = append(words, "ban hành", "xây dựng", "triển khai", "hướng dẫn", " Kế hoạch", "kết quả", "  ", "\t", ";", ":",
		"Sở Giao thông vận tải tỉnh Sơn La phối hợp với các cơ quan liên quan ",
		"phối hợp", "PHỐI HỢP ", "Phối Hợp với ", "phối  hợp", "phối hợp chặt chẽ với ", "tổ chức", "ph", "\u00A0", " \t ", "\xe1\xbb")
	rng := rand.New(rand.NewSource(4))
	for k := range 4000 {
		var b strings.Builder
		for range rng.Intn(10 + k%3*40) {
			b.WriteString(words[rng.Intn(len(words))])
		}
		inputs = append(inputs, b.String())
	}
	return inputs
}

// TestFoldMatchesVntext checks the table of fold against vntext.Fold for
// every rune it holds, alone, after a letter and before a combining mark.
func TestFoldMatchesVntext(t *testing.T) {
	for r := rune(0); r < foldLimit+16; r++ {
		for _, s := range []string{string(r), "a" + string(r), string(r) + "\u0301", "Ư" + string(r) + "\u0323"} {
			if got, want := collapseRuns(s), reSpaces.ReplaceAllString(s, " "); got != want {
				t.Fatalf("collapseRuns(%q) = %q, want %q", s, got, want)
			}
			if got, want := fold(s), vntext.Fold(s); got != want {
				t.Fatalf("fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

// TestFastPathsMatchFormer checks that the prefilters and hand-written
// scanners added for speed find what the code they replaced found.
func TestFastPathsMatchFormer(t *testing.T) {
	for _, s := range speedInputs(t) {
		var got [][]int
		namedUnits(s, func(start, end int) bool {
			got = append(got, []int{start, end})
			return true
		})
		if want := reNamedUnitAnywhere.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("namedUnits(%q) = %v, want %v", s, got, want)
		}
		if got, want := cleanMarkdown(s), cleanMarkdownAlways(s); got != want {
			t.Fatalf("cleanMarkdown(%q) = %q, want %q", s, got, want)
		}
		if got, want := isOrgName(s), isOrgNameByConcat(s); got != want {
			t.Fatalf("isOrgName(%q) = %v, want %v", s, got, want)
		}
		if got, want := collapseRuns(s), reSpaces.ReplaceAllString(s, " "); got != want {
			t.Fatalf("collapseRuns(%q) = %q, want %q", s, got, want)
		}
		if got, want := fold(s), vntext.Fold(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := findIssues(s), reIssues.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("findIssues(%q) = %v, want %v", s, got, want)
		}
		var support []string
		if i := indexFold(s, phoiHop); i >= 0 {
			support = rePhoiHop.FindStringSubmatch(s[i:])
		}
		if want := rePhoiHop.FindStringSubmatch(s); !reflect.DeepEqual(support, want) {
			t.Fatalf("rePhoiHop from indexFold(%q) = %q, want %q", s, support, want)
		}
		_, f := foldRunes(s)
		if got, want := containsFolded(s, baoCao), indexRunes(f, baoCao, 0) >= 0; got != want {
			t.Fatalf("containsFolded(%q) = %v, want %v", s, got, want)
		}
	}
}

// docxOf makes a .docx whose paragraphs are the lines of text.
func docxOf(tb testing.TB, text string) []byte {
	var b strings.Builder
	b.WriteString(`<w:document xmlns:w="` + wordNS + `"><w:body>`)
	for _, l := range strings.Split(text, "\n") {
		b.WriteString("<w:p><w:r><w:t xml:space=\"preserve\">")
		xml.EscapeText(&b, []byte(l))
		b.WriteString("</w:t></w:r></w:p>")
	}
	b.WriteString("</w:body></w:document>")
	return filetest.Zip(tb, map[string][]byte{"word/document.xml": []byte(b.String())})
}

// benchmarkParse parses data as the upload name, reporting CPU time too.
func benchmarkParse(b *testing.B, data []byte, name string) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), name); err != nil {
			b.Fatal(err)
		}
	}
}

// The .docx benchmarks cover the whole reading of an upload: unzipping,
// decoding the XML into lines, then the same analysis as the text.
func BenchmarkParseSeedDocx(b *testing.B) {
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkParse(b, docxOf(b, string(seed)), "seed.docx")
}

func BenchmarkParse200PagesDocx(b *testing.B) {
	benchmarkParse(b, docxOf(b, string(plan200())), "200.docx")
}
