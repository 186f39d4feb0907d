package vntext

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestFindDates(t *testing.T) {
	type want struct {
		text    string
		date    string
		hasYear bool
		invalid bool
	}
	tests := []struct {
		name        string
		text        string
		contextYear int
		want        []want
	}{
		{"words", "Sơn La, ngày 05 tháng 5 năm 2023", 0, []want{{"ngày 05 tháng 5 năm 2023", "2023-05-05", true, false}}},
		{"words capitalised", "Ngày 5 Tháng 5 Năm 2023", 0, []want{{"Ngày 5 Tháng 5 Năm 2023", "2023-05-05", true, false}}},
		{"words with comma", "ngày 05 tháng 5, năm 2023", 0, []want{{"ngày 05 tháng 5, năm 2023", "2023-05-05", true, false}}},
		{"words without ngày", "Hà Nội, 05 tháng 5 năm 2023", 0, []want{{"05 tháng 5 năm 2023", "2023-05-05", true, false}}},
		{"ngày slash", "ban hành ngày 5/5/2023.", 0, []want{{"ngày 5/5/2023", "2023-05-05", true, false}}},
		{"slash", "(05/5/2023)", 0, []want{{"05/5/2023", "2023-05-05", true, false}}},
		{"dash", "05-5-2023", 0, []want{{"05-5-2023", "2023-05-05", true, false}}},
		{"dot", "05.5.2023", 0, []want{{"05.5.2023", "2023-05-05", true, false}}},
		{"day month with context", "hạn chót 30/5", 2024, []want{{"30/5", "2024-05-30", false, false}}},
		{"day month without context", "hạn chót 30/5", 0, []want{{"30/5", "0000-05-30", false, false}}},
		{"month slash", "trong tháng 6/2024", 0, []want{{"tháng 6/2024", "2024-06", true, false}}},
		{"month padded", "tháng 06/2024", 0, []want{{"tháng 06/2024", "2024-06", true, false}}},
		{"month words", "tháng 6 năm 2024", 0, []want{{"tháng 6 năm 2024", "2024-06", true, false}}},
		{"month no year", "họp vào tháng 6", 2023, []want{{"tháng 6", "2023-06", false, false}}},
		{"day month words no year", "từ ngày 01 tháng 6", 2022, []want{{"ngày 01 tháng 6", "2022-06-01", false, false}}},
		{"two dates", "Kế hoạch số 115/KH-UBND ngày 05/5/2023 thay thế Kế hoạch ngày 01 tháng 02 năm 2022", 0, []want{
			{"ngày 05/5/2023", "2023-05-05", true, false},
			{"ngày 01 tháng 02 năm 2022", "2022-02-01", true, false},
		}},
		{"31 June", "ngày 31/6/2023", 0, []want{{"ngày 31/6/2023", "2023-06-31", true, true}}},
		{"31 June no year", "31/6", 2023, []want{{"31/6", "2023-06-31", false, true}}},
		{"29 Feb 2023", "29/2/2023", 0, []want{{"29/2/2023", "2023-02-29", true, true}}},
		{"29 Feb 2024 leap", "29/2/2024", 0, []want{{"29/2/2024", "2024-02-29", true, false}}},
		{"29 Feb unknown year", "29/2", 0, []want{{"29/2", "0000-02-29", false, false}}},
		{"29 Feb context 2023", "29/2", 2023, []want{{"29/2", "2023-02-29", false, true}}},
		{"month 13", "ngày 05 tháng 13 năm 2023", 0, []want{{"ngày 05 tháng 13 năm 2023", "2023-13-05", true, true}}},
		{"month 13 numeric", "05/13/2023", 0, []want{{"05/13/2023", "2023-13-05", true, true}}},
		{"day 0", "ngày 00 tháng 5 năm 2023", 0, []want{{"ngày 00 tháng 5 năm 2023", "2023-05-00", true, true}}},
		{"dash between dates", "01/6-30/6/2023", 0, []want{
			{"01/6", "0000-06-01", false, false},
			{"30/6/2023", "2023-06-30", true, false},
		}},
		// Not dates.
		{"document symbol", "Kế hoạch số 115/KH-UBND", 2023, nil},
		{"decision symbol", "Quyết định số 06/2024/QĐ-UBND", 2023, nil},
		{"dated symbol", "số 12/06/2024/QĐ-UBND", 2023, nil},
		{"decimal", "tăng 1.5 lần, đạt 2,5 điểm", 2023, nil},
		{"big number", "10.000.000 đồng", 2023, nil},
		{"bare year", "Kế hoạch năm 2023 và 2024", 2023, nil},
		{"duration", "trong 6 tháng đầu năm 2023", 2023, nil},
		{"glued", "A12/5/2023 và 1/12/5/2023", 2023, nil},
		{"fraction with big month", "đạt 3/50 chỉ tiêu", 2023, nil},
		{"three digit day", "115/6", 2023, nil},
		{"ngày without number", "ngày hội", 2023, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindDates(tt.text, tt.contextYear)
			if len(got) != len(tt.want) {
				t.Fatalf("FindDates(%q) = %+v, want %d matches", tt.text, got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Text != w.text || g.Date.String() != w.date || g.HasYear != w.hasYear || (g.Err != nil) != w.invalid {
					t.Errorf("match %d = %+v, want %+v", i, g, w)
				}
				if tt.text[g.Start:g.End] != g.Text {
					t.Errorf("match %d: text[%d:%d] = %q, Text = %q", i, g.Start, g.End, tt.text[g.Start:g.End], g.Text)
				}
				if g.Err != nil && !errors.Is(g.Err, ErrInvalidDate) {
					t.Errorf("match %d: Err %v does not wrap ErrInvalidDate", i, g.Err)
				}
			}
		})
	}
}

func TestFindDatesPrecision(t *testing.T) {
	got := FindDates("ngày 05 tháng 5 năm 2023; tháng 6/2024", 0)
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if got[0].Date != (Date{Year: 2023, Month: 5, Day: 5, Precision: DayPrecision}) {
		t.Errorf("day date = %#v", got[0].Date)
	}
	if got[1].Date != (Date{Year: 2024, Month: 6, Precision: MonthPrecision}) {
		t.Errorf("month date = %#v", got[1].Date)
	}
}

func TestFindDatesNFDOffsets(t *testing.T) {
	text := norm.NFD.String("Ủy ban ban hành ngày 05 tháng 5 năm 2023 và ngày 1/6/2023.")
	got := FindDates(text, 0)
	if len(got) != 2 {
		t.Fatalf("FindDates(NFD) = %+v", got)
	}
	for i, m := range got {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("match %d: offsets do not point at the text", i)
		}
		if !strings.HasPrefix(NFC(m.Text), "ngày") {
			t.Errorf("match %d: Text = %q", i, m.Text)
		}
	}
	if got[0].Date.String() != "2023-05-05" || got[1].Date.String() != "2023-06-01" {
		t.Errorf("dates = %v, %v", got[0].Date, got[1].Date)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in          string
		contextYear int
		want        string
		prec        Precision
		err         error // nil, ErrInvalidDate, or ErrNotDate
	}{
		{"ngày 05 tháng 5 năm 2023", 0, "2023-05-05", DayPrecision, nil},
		{"  05/5/2023. ", 0, "2023-05-05", DayPrecision, nil},
		{"5-5-2023", 0, "2023-05-05", DayPrecision, nil},
		{"05.5.2023", 0, "2023-05-05", DayPrecision, nil},
		{"30/5", 2024, "2024-05-30", DayPrecision, nil},
		{"tháng 6/2024", 0, "2024-06", MonthPrecision, nil},
		{"tháng 6 năm 2024", 0, "2024-06", MonthPrecision, nil},
		{"06/2024", 0, "2024-06", MonthPrecision, nil},
		{"năm 2023", 0, "2023", YearPrecision, nil},
		{"2023", 0, "2023", YearPrecision, nil},
		{"2023-05-05", 0, "2023-05-05", DayPrecision, nil},
		{"2023-05", 0, "2023-05", MonthPrecision, nil},
		{norm.NFD.String("ngày 01 tháng 6"), 2022, "2022-06-01", DayPrecision, nil},
		{"31/6/2023", 0, "2023-06-31", DayPrecision, ErrInvalidDate},
		{"29/2/2023", 0, "2023-02-29", DayPrecision, ErrInvalidDate},
		{"29/2/2024", 0, "2024-02-29", DayPrecision, nil},
		{"tháng 13/2023", 0, "2023-13", MonthPrecision, ErrInvalidDate},
		{"", 0, "", 0, ErrNotDate},
		{"ngày 05", 2023, "", 0, ErrNotDate},
		{"05/5/2023 và 06/5/2023", 0, "", 0, ErrNotDate},
		{"115/KH-UBND", 0, "", 0, ErrNotDate},
		{"1.5", 0, "", 0, ErrNotDate},
		{"hôm nay", 0, "", 0, ErrNotDate},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDate(tt.in, tt.contextYear)
			if tt.err == nil {
				if err != nil {
					t.Fatalf("ParseDate(%q) error %v", tt.in, err)
				}
			} else if !errors.Is(err, tt.err) {
				t.Fatalf("ParseDate(%q) error = %v, want %v", tt.in, err, tt.err)
			}
			if tt.want != "" && (d.String() != tt.want || d.Precision != tt.prec) {
				t.Errorf("ParseDate(%q) = %v (%v), want %s (%v)", tt.in, d, d.Precision, tt.want, tt.prec)
			}
		})
	}
}

func TestFindRanges(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		contextYear int
		text0       string // matched text
		start, end  string
		invalid     bool
	}{
		{"seed sentence", "Tháng hành động vì trẻ em được triển khai từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022.", 0,
			"từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022", "2022-06-01", "2022-06-30", false},
		{"shared month", "từ ngày 01 đến ngày 30 tháng 6 năm 2022", 0,
			"từ ngày 01 đến ngày 30 tháng 6 năm 2022", "2022-06-01", "2022-06-30", false},
		{"numeric", "Thời gian: từ 01/6 đến 30/6/2023.", 0, "từ 01/6 đến 30/6/2023", "2023-06-01", "2023-06-30", false},
		{"đến hết", "từ ngày 15/5/2023 đến hết ngày 15/6/2023", 0,
			"từ ngày 15/5/2023 đến hết ngày 15/6/2023", "2023-05-15", "2023-06-15", false},
		{"months", "từ tháng 5 đến tháng 7 năm 2024", 0, "từ tháng 5 đến tháng 7 năm 2024", "2024-05", "2024-07", false},
		{"trong tháng", "Tổ chức trong tháng 6/2023", 0, "trong tháng 6/2023", "2023-06", "2023-06", false},
		{"trong năm", "trong năm 2023", 0, "trong năm 2023", "2023", "2023", false},
		{"dash spaced", "01/6 - 30/6/2023", 0, "01/6 - 30/6/2023", "2023-06-01", "2023-06-30", false},
		{"dash unspaced", "01/6-30/6/2023", 0, "01/6-30/6/2023", "2023-06-01", "2023-06-30", false},
		{"en dash", "01/6/2023 – 30/6/2023", 0, "01/6/2023 – 30/6/2023", "2023-06-01", "2023-06-30", false},
		{"tới", "từ ngày 01/6 tới ngày 30/6", 2021, "từ ngày 01/6 tới ngày 30/6", "2021-06-01", "2021-06-30", false},
		{"year from start", "từ 15/5/2023 đến 15/6", 0, "từ 15/5/2023 đến 15/6", "2023-05-15", "2023-06-15", false},
		{"across new year", "từ 15/12 đến 15/1/2024", 0, "từ 15/12 đến 15/1/2024", "2023-12-15", "2024-01-15", false},
		{"inverted", "từ ngày 30/6/2023 đến ngày 01/6/2023", 0,
			"từ ngày 30/6/2023 đến ngày 01/6/2023", "2023-06-30", "2023-06-01", false},
		{"years", "giai đoạn 2021 - 2025", 0, "giai đoạn 2021 - 2025", "2021", "2025", false},
		{"years words", "từ năm 2021 đến năm 2025", 0, "từ năm 2021 đến năm 2025", "2021", "2025", false},
		{"invalid end", "từ 01/6 đến 31/6/2023", 0, "từ 01/6 đến 31/6/2023", "2023-06-01", "2023-06-31", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindRanges(tt.text, tt.contextYear)
			if len(got) != 1 {
				t.Fatalf("FindRanges(%q) = %+v, want one range", tt.text, got)
			}
			r := got[0]
			if r.Text != tt.text0 || r.Start.String() != tt.start || r.End.String() != tt.end || (r.Err != nil) != tt.invalid {
				t.Errorf("FindRanges(%q) = %+v, want %q %s..%s invalid=%v", tt.text, r, tt.text0, tt.start, tt.end, tt.invalid)
			}
			if tt.text[r.StartOffset:r.EndOffset] != r.Text {
				t.Errorf("offsets %d:%d do not match Text", r.StartOffset, r.EndOffset)
			}
		})
	}
}

func TestFindRangesNone(t *testing.T) {
	for _, text := range []string{
		"từ 5 đến 7 người",
		"từ Hà Nội đến Sơn La",
		"Kế hoạch số 115/KH-UBND năm 2023",
		"5 - 7 ngày",
	} {
		t.Run(text, func(t *testing.T) {
			if got := FindRanges(text, 2023); len(got) != 0 {
				t.Errorf("FindRanges(%q) = %+v, want none", text, got)
			}
		})
	}
}

func TestDateTimeAndString(t *testing.T) {
	tests := []struct {
		d    Date
		str  string
		time time.Time
	}{
		{Date{2023, 5, 5, DayPrecision}, "2023-05-05", time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC)},
		{Date{2023, 5, 0, MonthPrecision}, "2023-05", time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)},
		{Date{2023, 0, 0, YearPrecision}, "2023", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			if got := tt.d.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := tt.d.Time(); !got.Equal(tt.time) || got.Location() != time.UTC {
				t.Errorf("Time() = %v, want %v", got, tt.time)
			}
			if !tt.d.Valid() {
				t.Errorf("Valid() = false")
			}
		})
	}
}

func TestFormatDateLine(t *testing.T) {
	tests := []struct {
		place string
		t     time.Time
		want  string
	}{
		{"", time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC), "ngày 05 tháng 5 năm 2023"},
		{"Sơn La", time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC), "Sơn La, ngày 05 tháng 5 năm 2023"},
		{"", time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC), "ngày 05 tháng 02 năm 2024"},
		{"", time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC), "ngày 20 tháng 01 năm 2024"},
		{"", time.Date(2023, 12, 15, 0, 0, 0, 0, time.UTC), "ngày 15 tháng 12 năm 2023"},
		{"Hà Nội", time.Date(2023, 10, 1, 23, 0, 0, 0, time.UTC), "Hà Nội, ngày 01 tháng 10 năm 2023"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatDateLine(tt.place, tt.t); got != tt.want {
				t.Errorf("FormatDateLine(%q, %v) = %q, want %q", tt.place, tt.t, got, tt.want)
			}
			// The line must read back as the same date.
			m := FindDates(tt.want, 0)
			if len(m) != 1 || !m[0].Date.Time().Equal(time.Date(tt.t.Year(), tt.t.Month(), tt.t.Day(), 0, 0, 0, 0, time.UTC)) {
				t.Errorf("FindDates(%q) = %+v", tt.want, m)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{1, "01"}, {9, "09"}, {10, "10"}, {12, "12"}, {125, "125"}, {0, "00"}}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatNumber(tt.n); got != tt.want {
				t.Errorf("FormatNumber(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}
