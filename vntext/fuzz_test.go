package vntext

import (
	"testing"
	"unicode/utf8"
)

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{
		"ngày 05 tháng 5 năm 2023",
		"từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022.",
		"từ 01/6 - 30/6/2023; 01/6-30/6/2023",
		"Kế hoạch số 115/KH-UBND; 06/2024/QĐ-UBND; 1.5",
		"tháng 06/2024, tháng 6 năm 2024, trong tháng 6/2023",
		"giai đoạn 2021 - 2025 từ năm 2021 đến năm 2025",
		"Nga\u0300y 5/5/2023",
		"31/6 29/2/2023 29/2",
		"\xff ngày 1/",
	} {
		f.Add(s, 2023)
	}
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
	for _, s := range []string{
		"KÕ ho¹ch triÓn khai",
		"K\xD5 ho\xB9ch",
		"Ke\xE1 hoa\xEFch",
		"Kế hoạch",
		"caf\xE9",
		"\xEF\xBB\xBF",
		"",
	} {
		f.Add([]byte(s))
	}
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
