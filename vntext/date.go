package vntext

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Precision tells which fields of a Date were written.
type Precision int

// The precisions a Date can have.
const (
	// DayPrecision means year, month and day are known.
	DayPrecision Precision = iota
	// MonthPrecision means only the year and the month are known; Day is 0.
	MonthPrecision
	// YearPrecision means only the year is known; Month and Day are 0.
	YearPrecision
)

// String returns "day", "month" or "year".
func (p Precision) String() string {
	switch p {
	case DayPrecision:
		return "day"
	case MonthPrecision:
		return "month"
	case YearPrecision:
		return "year"
	}
	return "Precision(" + strconv.Itoa(int(p)) + ")"
}

// Date is a calendar date as written in a document, possibly without a day
// (MonthPrecision) or without a month (YearPrecision). A Date returned with
// a non-nil error holds the numbers as written, which may not form a real
// date.
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

// Time returns the first instant of the date in UTC. A month-precision date
// gives the first day of the month and a year-precision date the first of
// January. Out-of-range fields are normalised as by time.Date.
func (d Date) Time() time.Time {
	m, day := d.Month, d.Day
	switch d.Precision {
	case MonthPrecision:
		day = 1
	case YearPrecision:
		m, day = 1, 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// String formats the date as ISO 8601 at its precision: "2023-05-05",
// "2023-05" or "2023".
func (d Date) String() string {
	switch d.Precision {
	case MonthPrecision:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case YearPrecision:
		return fmt.Sprintf("%04d", d.Year)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d denotes a real date at its precision. A year of 0
// means the year is unknown, in which case 29 February is accepted.
func (d Date) Valid() bool {
	return validate(d) == nil
}

// ErrInvalidDate is the error wrapped by DateMatch.Err, Range.Err and
// ParseDate when the written numbers do not form a real date, such as 31/6,
// 29/2/2023 or month 13. Test for it with errors.Is.
var ErrInvalidDate = errors.New("vntext: invalid date")

// ErrNotDate is the error wrapped by ParseDate for text that is not a
// single date expression.
var ErrNotDate = errors.New("vntext: not a date expression")

// DateMatch is one date found in a text by FindDates.
type DateMatch struct {
	// Start and End are byte offsets of the match in the text given to
	// FindDates (the original text, even when it is not in NFC).
	Start, End int
	// Text is text[Start:End].
	Text string
	// Date is the date read. When HasYear is false its Year is the
	// context year (0 when none was given).
	Date Date
	// HasYear reports whether the year was written in the match.
	HasYear bool
	// Err is non-nil, wrapping ErrInvalidDate, when the written date does
	// not exist (for example "31/6"). Date then holds the numbers as
	// written, unadjusted.
	Err error
}

// Range is a period found by FindRanges.
type Range struct {
	// Start and End are the first and last dates of the period, both
	// inclusive, each at its own precision ("từ tháng 5 đến tháng 7" gives
	// two month-precision dates, End being the whole month of July).
	// Start may be after End when the text says so.
	Start, End Date
	// Text is the matched text, text[StartOffset:EndOffset].
	Text string
	// StartOffset and EndOffset are byte offsets in the original text.
	StartOffset, EndOffset int
	// HasYear reports whether a year was written anywhere in the range;
	// when false both years come from the context year.
	HasYear bool
	// Err is non-nil, wrapping ErrInvalidDate, when Start or End does not
	// exist.
	Err error
}

// ---------------------------------------------------------------------------
// Tokenizer

type tokKind int

const (
	tokSpace tokKind = iota
	tokWord
	tokNum
	tokPunct
)

type token struct {
	kind       tokKind
	s          string
	start, end int
}

func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F' || r == '\u2007'
}

// putTokens returns a token slice to the pool, dropping the strings it
// points into; a very long one is left to the collector.
func putTokens(buf *[]token) {
	if cap(*buf) > 1<<16 {
		return
	}
	clear(*buf)
	*buf = (*buf)[:0]
	tokenPool.Put(buf)
}

// tokenPool recycles the token slices of FindDates and FindRanges: the
// tokens of a long text are most of what reading its dates allocates.
var tokenPool = sync.Pool{New: func() any { return new([]token) }}

// classOf returns the kind of token r belongs to.
func classOf(r rune) tokKind {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return tokWord
		case '0' <= r && r <= '9':
			return tokNum
		case r == ' ' || '\t' <= r && r <= '\r':
			return tokSpace
		}
		return tokPunct
	}
	switch {
	case isSpaceRune(r):
		return tokSpace
	case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
		return tokWord
	}
	return tokPunct
}

// hasDigit reports whether s holds an ASCII digit: every date expression
// has one, so a text without any has no date.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

func tokenize(s string) []token { return appendTokens(nil, s) }

// appendTokens appends the tokens of s to toks.
func appendTokens(toks []token, s string) []token {
	i := 0
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		start := i
		kind := classOf(r)
		i += n
		if kind != tokPunct {
			for i < len(s) {
				r, n = rune(s[i]), 1
				if r >= utf8.RuneSelf {
					r, n = utf8.DecodeRuneInString(s[i:])
				}
				if classOf(r) != kind {
					break
				}
				i += n
			}
		}
		toks = append(toks, token{kind, s[start:i], start, i})
	}
	return toks
}

// ---------------------------------------------------------------------------
// Parser

type partKind int

const (
	kindDay   partKind = iota // a day, with or without month and year
	kindMonth                 // a month, with or without year
	kindYear                  // a year only
)

// part is a date expression that may lack some fields (0 = not written).
type part struct {
	kind             partKind
	day, month, year int
	start, end       int // byte offsets in the scanned (NFC) text
	next             int // token index after the part
}

type scanner struct {
	toks []token
	// whole enables the extra forms accepted by ParseDate.
	whole bool
	// ranges enables a bare day number ("01") as a part.
	ranges bool
}

func (sc *scanner) tok(i int) *token {
	if i < 0 || i >= len(sc.toks) {
		return nil
	}
	return &sc.toks[i]
}

func (sc *scanner) isWord(i int, w string) bool {
	t := sc.tok(i)
	return t != nil && t.kind == tokWord && strings.EqualFold(t.s, w)
}

func (sc *scanner) isPunct(i int, chars string) bool {
	t := sc.tok(i)
	return t != nil && t.kind == tokPunct && strings.Contains(chars, t.s)
}

// num returns the value of token i if it is a number with between minLen
// and maxLen digits.
func (sc *scanner) num(i, minLen, maxLen int) (int, bool) {
	t := sc.tok(i)
	if t == nil || t.kind != tokNum || len(t.s) < minLen || len(t.s) > maxLen {
		return 0, false
	}
	v, err := strconv.Atoi(t.s)
	return v, err == nil
}

func (sc *scanner) skipSpace(i int) int {
	if t := sc.tok(i); t != nil && t.kind == tokSpace {
		return i + 1
	}
	return i
}

// alnum reports whether token i is a word or a number.
func (sc *scanner) alnum(i int) bool {
	t := sc.tok(i)
	return t != nil && (t.kind == tokWord || t.kind == tokNum)
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }

// leftOK reports whether a numeric expression may start at token i: it must
// not be glued to a preceding word or number, directly or through a
// separator ("12/06/2024" inside "A12/06/2024" or "1/12/06/2024").
func (sc *scanner) leftOK(i int) bool {
	if sc.alnum(i - 1) {
		return false
	}
	if sc.isPunct(i-1, "/.-\\") && sc.alnum(i-2) {
		return false
	}
	return true
}

// rightOK reports whether an expression may end before token i: it must
// not be followed directly by a word or number, nor by a separator and a
// word or number (as in "06/2024/QĐ-UBND"), except for a dash leading to
// another date ("01/6-30/6/2023").
func (sc *scanner) rightOK(i int) bool {
	if sc.alnum(i) {
		return false
	}
	if sc.isPunct(i, "/.-\\") && sc.alnum(i+1) {
		if isDash(sc.toks[i].s) {
			if _, ok := sc.numeric(i+1, false); ok {
				return true
			}
		}
		return false
	}
	return true
}

// span completes p, which starts at byte start and ends before token next,
// when a date may end there.
func (sc *scanner) span(p part, start, next int) (part, bool) {
	if !sc.rightOK(next) {
		return part{}, false
	}
	p.start = start
	p.end = sc.toks[next-1].end
	p.next = next
	return p, true
}

// numeric parses d/m/yyyy, d-m-yyyy, d.m.yyyy and d/m at token i (and, in
// whole mode, m/yyyy, yyyy-mm-dd and yyyy-mm).
func (sc *scanner) numeric(i int, checkLeft bool) (part, bool) {
	if checkLeft && !sc.leftOK(i) {
		return part{}, false
	}
	start := sc.tok(i)
	if start == nil {
		return part{}, false
	}
	finish := func(p part, next int) (part, bool) { return sc.span(p, start.start, next) }
	if a, ok := sc.num(i, 1, 2); ok {
		if !sc.isPunct(i+1, "/-.") {
			return part{}, false
		}
		sep := sc.toks[i+1].s
		if b, ok := sc.num(i+2, 1, 2); ok {
			if sc.isPunct(i+3, sep) {
				if y, ok := sc.num(i+4, 4, 4); ok {
					return finish(part{kind: kindDay, day: a, month: b, year: y}, i+5)
				}
			}
			// Without a year only plausible numbers count, so that
			// fractions such as "3/50" are not taken for dates.
			if sep == "/" && a >= 1 && a <= 31 && b >= 1 && b <= 12 {
				return finish(part{kind: kindDay, day: a, month: b}, i+3)
			}
			return part{}, false
		}
		if sc.whole && sep != "." {
			if y, ok := sc.num(i+2, 4, 4); ok {
				return finish(part{kind: kindMonth, month: a, year: y}, i+3)
			}
		}
		return part{}, false
	}
	if y, ok := sc.num(i, 4, 4); ok && sc.whole && sc.isPunct(i+1, "-") {
		if m, ok := sc.num(i+2, 1, 2); ok {
			if sc.isPunct(i+3, "-") {
				if d, ok := sc.num(i+4, 1, 2); ok {
					return finish(part{kind: kindDay, day: d, month: m, year: y}, i+5)
				}
			}
			return finish(part{kind: kindMonth, month: m, year: y}, i+3)
		}
	}
	return part{}, false
}

// yearSuffix parses an optional year after a month ending before token i:
// "/2023", "-2023", ".2023" or " năm 2023" (with an optional comma). It
// returns the year (0 if none) and the token index after it.
func (sc *scanner) yearSuffix(i int) (int, int) {
	if sc.isPunct(i, "/-.") {
		if y, ok := sc.num(i+1, 4, 4); ok {
			return y, i + 2
		}
		return 0, i
	}
	j := sc.skipSpace(i)
	if sc.isPunct(j, ",") {
		j = sc.skipSpace(j + 1)
	}
	if sc.isWord(j, "năm") {
		j = sc.skipSpace(j + 1)
		if y, ok := sc.num(j, 4, 4); ok {
			return y, j + 1
		}
	}
	return 0, i
}

// monthAfter parses "tháng 6", "tháng 6/2024", "tháng 6 năm 2024" where
// token i is the word "tháng".
func (sc *scanner) monthAfter(i int) (month, year, next int, ok bool) {
	j := sc.skipSpace(i + 1)
	m, ok := sc.num(j, 1, 2)
	if !ok {
		return 0, 0, 0, false
	}
	year, next = sc.yearSuffix(j + 1)
	return m, year, next, true
}

// parse reads a date expression starting at token i.
func (sc *scanner) parse(i int, checkLeft bool) (part, bool) {
	t := sc.tok(i)
	if t == nil {
		return part{}, false
	}
	done := func(p part, next int) (part, bool) { return sc.span(p, t.start, next) }
	switch {
	case sc.isWord(i, "ngày"):
		j := sc.skipSpace(i + 1)
		if p, ok := sc.numeric(j, false); ok && p.kind == kindDay {
			p.start = t.start
			return p, true
		}
		d, ok := sc.num(j, 1, 2)
		if !ok {
			return part{}, false
		}
		k := sc.skipSpace(j + 1)
		if sc.isWord(k, "tháng") {
			if m, y, next, ok := sc.monthAfter(k); ok {
				return done(part{kind: kindDay, day: d, month: m, year: y}, next)
			}
		}
		return done(part{kind: kindDay, day: d}, j+1)
	case sc.isWord(i, "tháng"):
		if m, y, next, ok := sc.monthAfter(i); ok {
			return done(part{kind: kindMonth, month: m, year: y}, next)
		}
	case sc.isWord(i, "năm"):
		j := sc.skipSpace(i + 1)
		if y, ok := sc.num(j, 4, 4); ok {
			return done(part{kind: kindYear, year: y}, j+1)
		}
	case t.kind == tokNum:
		if checkLeft && !sc.leftOK(i) {
			return part{}, false
		}
		if p, ok := sc.numeric(i, false); ok {
			return p, true
		}
		d, ok := sc.num(i, 1, 2)
		if ok {
			// "05 tháng 5 năm 2023" without the word "ngày": the
			// year is required so that durations are not taken
			// for dates.
			k := sc.skipSpace(i + 1)
			if sc.isWord(k, "tháng") {
				if m, y, next, ok := sc.monthAfter(k); ok && y != 0 {
					return done(part{kind: kindDay, day: d, month: m, year: y}, next)
				}
			}
			if sc.ranges {
				return done(part{kind: kindDay, day: d}, i+1)
			}
		}
		if sc.whole {
			if y, ok := sc.num(i, 4, 4); ok {
				return done(part{kind: kindYear, year: y}, i+1)
			}
		}
	}
	return part{}, false
}

// ---------------------------------------------------------------------------
// Validation and conversion

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year == 0 || (year%4 == 0 && (year%100 != 0 || year%400 == 0)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func validate(d Date) error {
	if d.Precision == YearPrecision {
		if d.Year < 0 || d.Year > 9999 {
			return ErrInvalidDate
		}
		return nil
	}
	if d.Month < 1 || d.Month > 12 {
		return ErrInvalidDate
	}
	if d.Precision == DayPrecision && (d.Day < 1 || d.Day > daysIn(d.Month, d.Year)) {
		return ErrInvalidDate
	}
	return nil
}

func (p part) date(year int) Date {
	if p.year != 0 {
		year = p.year
	}
	switch p.kind {
	case kindMonth:
		return Date{Year: year, Month: p.month, Precision: MonthPrecision}
	case kindYear:
		return Date{Year: year, Precision: YearPrecision}
	}
	return Date{Year: year, Month: p.month, Day: p.day, Precision: DayPrecision}
}

func invalidErr(text string) error {
	return fmt.Errorf("%w: %q", ErrInvalidDate, text)
}

// ---------------------------------------------------------------------------
// Public functions

// FindDates returns the dates written in text, in order of appearance.
//
// It recognises the forms used in Vietnamese administrative documents:
//
//	ngày 05 tháng 5 năm 2023    ngày 01 tháng 6 (no year)
//	ngày 5/5/2023  05/5/2023  05-5-2023  05.5.2023
//	30/5 (no year)
//	tháng 6/2024  tháng 06/2024  tháng 6 năm 2024  tháng 6 (no year)
//
// Dates with a day have DayPrecision and those introduced by "tháng" have
// MonthPrecision. Bare years ("năm 2023", "2023") are not reported, nor are
// document symbols such as "115/KH-UBND" or "06/2024/QĐ-UBND", decimals
// such as "1.5", or numbers glued to other words and numbers. The words are
// matched case-insensitively.
//
// When no year is written, HasYear is false and Date.Year is contextYear
// (which may be 0 for "unknown"). A date that does not exist, such as
// "31/6", "29/2/2023" or "tháng 13", is still returned, with its numbers
// unadjusted and Err wrapping ErrInvalidDate.
//
// A bare day and month such as "30/5" is taken only when the numbers are a
// plausible day (1 to 31) and month (1 to 12); such a pair cannot be told
// apart from a fraction like "1/2".
//
// The text may be in any normalisation form; it is matched in NFC, and
// Start and End are byte offsets in the original text, so
// text[m.Start:m.End] == m.Text.
func FindDates(text string, contextYear int) []DateMatch {
	if !hasDigit(text) {
		return nil
	}
	ntext, om := nfcWithMap(text)
	buf := tokenPool.Get().(*[]token)
	defer putTokens(buf)
	*buf = appendTokens((*buf)[:0], ntext)
	sc := &scanner{toks: *buf}
	var out []DateMatch
	dashAfter := -1 // index of a dash right after the previous match
	for i := 0; i < len(sc.toks); {
		// A date right after "date-" ("01/6-30/6/2023") is not glued
		// to the number before the dash.
		p, ok := sc.parse(i, i != dashAfter+1)
		if !ok || (p.kind == kindDay && p.month == 0) || p.kind == kindYear {
			i++
			continue
		}
		m := DateMatch{
			Start:   om.start(p.start),
			End:     om.end(p.end),
			HasYear: p.year != 0,
			Date:    p.date(contextYear),
		}
		m.Text = text[m.Start:m.End]
		if validate(m.Date) != nil {
			m.Err = invalidErr(m.Text)
		}
		out = append(out, m)
		i = p.next
		if sc.isPunct(i, "-–—") {
			dashAfter = i
		}
	}
	return out
}

// ParseDate parses s, which must consist of a single date expression and
// nothing else apart from surrounding white space and a final full stop or
// comma. Besides the forms recognised by FindDates it accepts "5/2023"
// (month and year), "năm 2023" and "2023" (year precision), and ISO
// "2023-05-05" and "2023-05". A missing year is taken from contextYear
// (0 means unknown). ParseDate returns an error wrapping ErrInvalidDate for
// a date that does not exist, together with the numbers as written, and an
// error wrapping ErrNotDate for text that is not a date.
func ParseDate(s string, contextYear int) (Date, error) {
	t := strings.TrimFunc(NFC(s), isSpaceRune)
	t = strings.TrimRight(t, ".,")
	t = strings.TrimFunc(t, isSpaceRune)
	sc := &scanner{toks: tokenize(t), whole: true}
	p, ok := sc.parse(0, true)
	if !ok || p.next != len(sc.toks) || (p.kind == kindDay && p.month == 0) {
		return Date{}, fmt.Errorf("%w: %q", ErrNotDate, s)
	}
	d := p.date(contextYear)
	if validate(d) != nil {
		return d, invalidErr(s)
	}
	return d, nil
}

// FindRanges returns the periods written in text, in order of appearance.
//
// It recognises:
//
//	từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022
//	từ ngày 01 đến ngày 30 tháng 6 năm 2022
//	từ 01/6 đến 30/6/2023    từ ngày 15/5/2023 đến hết ngày 15/6/2023
//	từ tháng 5 đến tháng 7 năm 2024    từ năm 2021 đến năm 2025
//	01/6 - 30/6/2023 (also with "–", "—" or no spaces)
//	trong tháng 6/2023    trong năm 2023
//	giai đoạn 2021 - 2025
//
// "tới" is accepted in place of "đến". Fields written only at the end of a
// range apply to its start too: in "từ ngày 01 tháng 6 đến ngày 30 tháng 6
// năm 2022" both dates are in 2022, and in "từ ngày 01 đến ngày 30 tháng 6"
// both are in June. A year written only at the start applies to the end.
// When the start's year was taken from the end and that would put the start
// after the end ("từ 15/12 đến 15/1/2024"), the start is placed in the
// previous year. Otherwise a start after the end is returned as written so
// the caller can report the inverted period. Missing years come from
// contextYear, as in FindDates. A period of a single month or year
// ("trong tháng 6/2023") has Start equal to End.
//
// Offsets refer to the original text, as in FindDates.
func FindRanges(text string, contextYear int) []Range {
	if !hasDigit(text) {
		return nil
	}
	ntext, om := nfcWithMap(text)
	buf := tokenPool.Get().(*[]token)
	defer putTokens(buf)
	*buf = appendTokens((*buf)[:0], ntext)
	sc := &scanner{toks: *buf, ranges: true}
	var out []Range
	for i := 0; i < len(sc.toks); {
		r, next, ok := sc.parseRange(i, contextYear)
		if !ok {
			i++
			continue
		}
		r.StartOffset = om.start(r.StartOffset)
		r.EndOffset = om.end(r.EndOffset)
		r.Text = text[r.StartOffset:r.EndOffset]
		if validate(r.Start) != nil || validate(r.End) != nil {
			r.Err = invalidErr(r.Text)
		}
		out = append(out, r)
		i = next
	}
	return out
}

// connector parses the word joining the two ends of a range ("đến",
// "tới", "đến hết", or a dash) at token i, returning the index after it.
func (sc *scanner) connector(i int, dashOnly bool) (int, bool) {
	j := sc.skipSpace(i)
	if sc.isPunct(j, "-–—") {
		return sc.skipSpace(j + 1), true
	}
	if dashOnly {
		return 0, false
	}
	if sc.isWord(j, "đến") || sc.isWord(j, "tới") {
		j = sc.skipSpace(j + 1)
		if sc.isWord(j, "hết") {
			j = sc.skipSpace(j + 1)
		}
		return j, true
	}
	return 0, false
}

func (sc *scanner) parseRange(i, contextYear int) (Range, int, bool) {
	t := sc.tok(i)
	switch {
	case sc.isWord(i, "từ"):
		p1, ok := sc.parse(sc.skipSpace(i+1), false)
		if !ok {
			return Range{}, 0, false
		}
		return sc.rangeEnd(p1, t.start, contextYear, false, func(part) bool { return true })

	case sc.isWord(i, "trong"):
		j := sc.skipSpace(i + 1)
		if !sc.isWord(j, "tháng") && !sc.isWord(j, "năm") {
			return Range{}, 0, false
		}
		p, ok := sc.parse(j, false)
		if !ok {
			return Range{}, 0, false
		}
		d := p.date(contextYear)
		return Range{Start: d, End: d, HasYear: p.year != 0, StartOffset: t.start, EndOffset: p.end}, p.next, true

	case sc.isWord(i, "giai") && sc.isWord(sc.skipSpace(i+1), "đoạn"):
		j := sc.skipSpace(sc.skipSpace(i+1) + 1)
		y1, ok := sc.num(j, 4, 4)
		if !ok {
			return Range{}, 0, false
		}
		k, ok := sc.connector(j+1, true)
		if !ok {
			return Range{}, 0, false
		}
		y2, ok := sc.num(k, 4, 4)
		if !ok || !sc.rightOK(k+1) {
			return Range{}, 0, false
		}
		return Range{
			Start:       Date{Year: y1, Precision: YearPrecision},
			End:         Date{Year: y2, Precision: YearPrecision},
			HasYear:     true,
			StartOffset: t.start, EndOffset: sc.toks[k].end,
		}, k + 1, true

	case sc.isWord(i, "ngày") || sc.isWord(i, "tháng") || t.kind == tokNum:
		// Dash form: both ends need at least a day and a month, or
		// both a month.
		p1, ok := sc.parse(i, true)
		if !ok || p1.kind == kindYear || (p1.kind == kindDay && p1.month == 0) {
			return Range{}, 0, false
		}
		return sc.rangeEnd(p1, p1.start, contextYear, true, func(p2 part) bool {
			return p2.kind == p1.kind && (p2.kind != kindDay || p2.month != 0)
		})
	}
	return Range{}, 0, false
}

// rangeEnd reads the connector after the first end p1 of a range that starts
// at byte start, then a second end that accept takes, and combines both.
func (sc *scanner) rangeEnd(p1 part, start, contextYear int, dashOnly bool, accept func(part) bool) (Range, int, bool) {
	j, ok := sc.connector(p1.next, dashOnly)
	if !ok {
		return Range{}, 0, false
	}
	p2, ok := sc.parse(j, false)
	if !ok || !accept(p2) {
		return Range{}, 0, false
	}
	r, ok := combine(p1, p2, contextYear)
	if !ok {
		return Range{}, 0, false
	}
	r.StartOffset, r.EndOffset = start, p2.end
	return r, p2.next, true
}

// combine completes the two ends of a range with each other's fields.
func combine(p1, p2 part, contextYear int) (Range, bool) {
	r := Range{HasYear: p1.year != 0 || p2.year != 0}
	switch {
	case p1.kind == kindYear && p2.kind == kindYear:
	case p1.kind == kindYear || p2.kind == kindYear:
		return Range{}, false
	case p2.kind == kindDay && p2.month == 0:
		// The end must at least say the month.
		return Range{}, false
	}
	borrowedYear := false
	if p1.kind == kindDay && p1.month == 0 {
		p1.month = p2.month
	}
	if p1.year == 0 && p2.year != 0 {
		p1.year = p2.year
		borrowedYear = true
	}
	if p2.year == 0 && p1.year != 0 {
		p2.year = p1.year
	}
	r.Start = p1.date(contextYear)
	r.End = p2.date(contextYear)
	if borrowedYear && r.Start.Time().After(r.End.Time()) && validate(r.Start) == nil {
		prev := r.Start
		prev.Year--
		if validate(prev) == nil {
			r.Start = prev
		}
	}
	return r, true
}

// FormatDateLine returns the date line of an official document, such as
// "Sơn La, ngày 05 tháng 5 năm 2023". A day below 10 takes a leading zero,
// as do the months January and February ("tháng 01", "tháng 02"); other
// months do not ("tháng 5", "tháng 12"). When place is empty the result is
// just "ngày 05 tháng 5 năm 2023". Only the calendar date of t is used.
func FormatDateLine(place string, t time.Time) string {
	y, m, d := t.Date()
	month := strconv.Itoa(int(m))
	if m <= 2 {
		month = "0" + month
	}
	line := fmt.Sprintf("ngày %02d tháng %s năm %d", d, month, y)
	if place == "" {
		return line
	}
	return place + ", " + line
}

// FormatNumber formats a document number: numbers from 0 to 9 take a
// leading zero ("01" … "09"); others are written in full ("10", "125").
func FormatNumber(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
