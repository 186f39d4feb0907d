package docparse

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/kehoach/kehoach/vntext"
)

// encPlan is a short plan in Unicode; its title is line 6.
const encPlan = "SỞ GIAO THÔNG VẬN TẢI\nSố: 12/KH-SGTVT\nSơn La, ngày 05 tháng 5 năm 2023\n\nKẾ HOẠCH\nTuyên truyền an toàn giao thông cho học sinh năm 2023\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức về an toàn giao thông cho học sinh.\n"

func mustEncode(t *testing.T, s string, e vntext.Encoding) []byte {
	t.Helper()
	b, err := vntext.Encode(s, e)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func warningOf(d *Document, code string) *Warning {
	for i := range d.Warnings {
		if d.Warnings[i].Code == code {
			return &d.Warnings[i]
		}
	}
	return nil
}

func parseWhere(t *testing.T, data []byte, code, where string) *Document {
	t.Helper()
	d, err := Parse(bytes.NewReader(data), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	w := warningOf(d, code)
	if w == nil {
		t.Fatalf("no %s warning: %+v", code, d.Warnings)
	}
	if where != "" && (w.Where == nil || *w.Where != where) {
		t.Errorf("%s warning at %v, want %s: %s", code, w.Where, where, w.Message)
	}
	return d
}

// A text in UTF-8 whose title line is in TCVN3 bytes: the title is read
// right and the warning names its line.
func TestMixedUTF8AndTCVN3Bytes(t *testing.T) {
	lines := strings.Split(encPlan, "\n")
	var b bytes.Buffer
	for i, l := range lines {
		if i == 5 {
			b.Write(mustEncode(t, l, vntext.TCVN3))
		} else {
			b.WriteString(l)
		}
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	d := parseWhere(t, b.Bytes(), WarnMixedEncoding, "dòng 6")
	if d.Title != lines[5] {
		t.Errorf("title %q, want %q", d.Title, lines[5])
	}
}

// The same with the TCVN3 line already read as Windows-1252 and saved as
// UTF-8 ("Tuyªn truyÒn …").
func TestMixedUTF8AndTCVN3Mojibake(t *testing.T) {
	lines := strings.Split(encPlan, "\n")
	moji := charmap.Windows1252.NewDecoder()
	s, err := moji.Bytes(mustEncode(t, lines[5], vntext.TCVN3))
	if err != nil {
		t.Fatal(err)
	}
	lines[5] = string(s)
	d := parseWhere(t, []byte(strings.Join(lines, "\n")), WarnMixedEncoding, "dòng 6")
	if want := strings.Split(encPlan, "\n")[5]; d.Title != want {
		t.Errorf("title %q, want %q", d.Title, want)
	}
}

// A broken byte is reported with its line, not silently replaced.
func TestInvalidUTF8Line(t *testing.T) {
	data := []byte(strings.Replace(encPlan, "Nâng cao", "N\xffng cao", 1))
	parseWhere(t, data, WarnInvalidUTF8, "dòng 9")
	// In a text without other Vietnamese letters, too.
	parseWhere(t, []byte("KE HOACH\nTrien khai nam 2023\n\nI. MUC DICH\n1. Viec \xfe mot.\n"), WarnInvalidUTF8, "dòng 5")
}

// Windows-1258 (tone marks as combining characters) is read.
func TestCP1258(t *testing.T) {
	decomposed := norm.NFD.String(encPlan)
	// Windows-1258 composes the letters with a circumflex, breve or horn;
	// the tone marks stay combining.
	var b bytes.Buffer
	enc := charmap.Windows1258.NewEncoder()
	for _, r := range norm.NFC.String(decomposed) {
		if x, err := enc.String(string(r)); err == nil {
			b.WriteString(x)
			continue
		}
		var base, tone []rune
		for _, x := range norm.NFD.String(string(r)) {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", x) {
				tone = append(tone, x)
			} else {
				base = append(base, x)
			}
		}
		b1, err := enc.String(norm.NFC.String(string(base)))
		mark, err2 := enc.String(string(tone))
		base1 := b1
		if err != nil || err2 != nil {
			t.Fatalf("cannot encode %q", r)
		}
		b.WriteString(base1 + mark)
	}
	d, src, err := ParseWithSource(bytes.NewReader(b.Bytes()), "cp1258.txt")
	if err != nil {
		t.Fatal(err)
	}
	if src.Encoding != "cp1258" || d.Title != "Tuyên truyền an toàn giao thông cho học sinh năm 2023" {
		t.Errorf("%s %q", src.Encoding, d.Title)
	}
}

// UTF-16 without a byte order mark, both byte orders.
func TestUTF16WithoutBOM(t *testing.T) {
	for _, be := range []bool{false, true} {
		var b []byte
		for _, u := range utf16.Encode([]rune(encPlan)) {
			if be {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		d, src, err := ParseWithSource(bytes.NewReader(b), "u16.txt")
		if err != nil || src.Encoding != "utf-16" || d.Title != "Tuyên truyền an toàn giao thông cho học sinh năm 2023" {
			t.Errorf("big-endian %v: %v %+v", be, err, d)
		}
	}
}

// An RTF file renamed .docx is named as RTF.
func TestRTFRenamed(t *testing.T) {
	_, err := Parse(strings.NewReader(`{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} K\u7871? ho\u7841?ch}`), "ke-hoach.docx")
	if !errors.Is(err, ErrRTF) || !strings.Contains(Message(err), "RTF") {
		t.Errorf("%v", err)
	}
}

// A .docx with two main parts is refused.
func TestDocxTwoMainParts(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, text := range []string{"Kế hoạch một", "Kế hoạch hai"} {
		w, _ := zw.Create("word/document.xml")
		w.Write([]byte(`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`))
	}
	zw.Close()
	if _, err := Parse(bytes.NewReader(buf.Bytes()), "x.docx"); !errors.Is(err, ErrDuplicatePart) {
		t.Errorf("%v", err)
	}
}

// A zero-width space between words is a space; a word joiner leaves the
// title.
func TestZeroWidthCharacters(t *testing.T) {
	data := strings.Replace(encPlan, "Tuyên truyền an toàn", "Tuyên\u200btruyền\u2060 an\u200b toàn", 1)
	d, err := Parse(strings.NewReader(data), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Tuyên truyền an toàn giao thông cho học sinh năm 2023" {
		t.Errorf("title %q", d.Title)
	}
}

// A missing title and a title of 68,000 characters are warned about.
func TestTitleMissingOrHuge(t *testing.T) {
	d, err := Parse(strings.NewReader("SỞ GIAO THÔNG VẬN TẢI\nSố: 12/KH-SGTVT\n\nI. MỤC ĐÍCH\n1. Việc một.\n"), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title == "" && warningOf(d, WarnMissingTitle) == nil {
		t.Errorf("no warning for a missing title: %+v", d.Warnings)
	}
	huge := strings.Replace(encPlan, "Tuyên truyền an toàn giao thông cho học sinh năm 2023", strings.Repeat("Tuyên truyền ", 68000/13), 1)
	d, err = Parse(strings.NewReader(huge), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	if warningOf(d, WarnLongTitle) == nil || len([]rune(d.Title)) > maxTitleRunes {
		t.Errorf("title of %d runes, warnings %+v", len([]rune(d.Title)), d.Warnings)
	}
}

// The errors of a broken .docx are in Vietnamese, without the reader's
// own words.
func TestBrokenDocxMessages(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p></w:body></w:document><<<`))
	zw.Close()
	for name, data := range map[string][]byte{
		"not a zip": append([]byte("PK\x03\x04"), bytes.Repeat([]byte("x"), 200)...),
		"bad XML":   buf.Bytes(),
		"truncated": buf.Bytes()[:len(buf.Bytes())/2],
	} {
		_, err := Parse(bytes.NewReader(data), "x.docx")
		if err == nil {
			t.Errorf("%s: read", name)
			continue
		}
		msg := Message(err)
		for _, english := range []string{"zip:", "XML syntax", "not a valid", "unexpected", "EOF", "syntax error"} {
			if strings.Contains(msg, english) || strings.Contains(err.Error(), english) {
				t.Errorf("%s: %q", name, msg)
			}
		}
	}
}
