package vntext

import (
	"testing"
	"unicode/utf8"
)

func FuzzFindDates(f *testing.F) {
	// The seed inputs are in testdata/fuzz/FuzzFindDates.
	f.Fuzz(func(t *testing.T, text string, year int) {
		for _, m := range FindDates(text, year) {
			if m.Start < 0 || m.Start > m.End || m.End > len(text) || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad match %+v in %q", m, text)
			}
			if m.Err == nil && !m.Date.Valid() {
				t.Fatalf("invalid date without error: %+v", m)
			}
			_ = m.Date.String()
			_ = m.Date.Time()
		}
		for _, r := range FindRanges(text, year) {
			if r.StartOffset < 0 || r.StartOffset > r.EndOffset || r.EndOffset > len(text) || text[r.StartOffset:r.EndOffset] != r.Text {
				t.Fatalf("bad range %+v in %q", r, text)
			}
		}
		_, _ = ParseDate(text, year)
	})
}

func FuzzToUnicode(f *testing.F) {
	// The seed inputs are in testdata/fuzz/FuzzToUnicode: legacy TCVN3 and
	// VNI bytes, Unicode, Windows-1252, a byte-order mark, nothing.
	f.Fuzz(func(t *testing.T, b []byte) {
		text, from, err := ToUnicode(b)
		if err == nil && !utf8.ValidString(text) {
			t.Fatalf("ToUnicode(%q) = invalid UTF-8 %q (%v)", b, text, from)
		}
		for _, e := range []Encoding{TCVN3, VNI} {
			s, err := Decode(b, e)
			if err != nil || !utf8.ValidString(s) {
				t.Fatalf("Decode(%q, %v) = %q, %v", b, e, s, err)
			}
			// Decoded text is always encodable again.
			if _, err := Encode(s, e); err != nil {
				t.Fatalf("Encode(Decode(%q, %v)): %v", b, e, err)
			}
		}
		_ = Detect(b)
		_ = DetectString(string(b))
		_ = Fold(string(b))
		_ = Compare(string(b), "a")
	})
}
