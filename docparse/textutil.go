package docparse

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/vntext"
)

// foldTable holds the fold of every rune below foldLimit but those of
// Greek Extended, so that folding does not normalise each string again; -1
// where the rune is left to vntext.Fold. It is made on first use.
var foldTable = sync.OnceValue(func() []rune {
	t := make([]rune, foldLimit)
	for r := rune(0); r < foldLimit; r++ {
		f := []rune(vntext.Fold(string(r)))
		if len(f) == 1 && (r < 0x1F00 || r >= 0x2000) {
			t[r] = f[0]
		} else {
			t[r] = -1
		}
	}
	return t
})

// foldLimit ends the General Punctuation block (dashes, quotes, "…").
const foldLimit = 0x2070

// fold is the diacritic-free lowercase search key of s, as vntext.Fold.
func fold(s string) string {
	table := foldTable()
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		if r < foldLimit && table[r] >= 0 {
			if f := table[r]; f < utf8.RuneSelf {
				b.WriteByte(byte(f))
			} else {
				b.WriteRune(f)
			}
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		return vntext.Fold(s)
	}
	return b.String()
}

// foldRunes folds s rune by rune so that the result lines up with the
// runes of s (every Vietnamese letter in NFC folds to one rune).
func foldRunes(s string) (orig, folded []rune) {
	orig = []rune(s)
	folded = make([]rune, len(orig))
	for i, r := range orig {
		folded[i] = foldRune(r)
	}
	return orig, folded
}

// foldRune is the fold of one rune as foldRunes makes it.
func foldRune(r rune) rune {
	if table := foldTable(); r < foldLimit && table[r] >= 0 {
		return table[r]
	}
	f := []rune(vntext.Fold(string(r)))
	if len(f) == 1 {
		return f[0]
	}
	return unicode.ToLower(r)
}

// containsFolded reports whether the runes of s folded by foldRune hold
// needle, without making them: a cheap check before foldRunes. The first
// rune of needle must not occur again in it (a mismatch then restarts the
// match at the current rune).
func containsFolded(s string, needle []rune) bool {
	table := foldTable()
	k := 0
	for _, r := range s {
		f := r
		if r < foldLimit && table[r] >= 0 {
			f = table[r]
		} else {
			f = foldRune(r)
		}
		if f != needle[k] {
			k = 0
		}
		if f == needle[k] {
			k++
			if k == len(needle) {
				return true
			}
		}
	}
	return false
}

var reSpaces = lazyRE(`[ \t\x{00A0}]+`)

// collapse trims s and collapses runs of spaces and tabs.
func collapse(s string) string {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\u00A0") {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(collapseRuns(s))
}

// collapseRuns is reSpaces.ReplaceAllString(s, " "): each run of spaces,
// tabs and no-break spaces becomes one space.
func collapseRuns(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	run := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == ' ' || r == '\t' || r == '\u00A0' {
			if !run {
				b.WriteByte(' ')
			}
			run = true
		} else {
			run = false
			b.WriteString(s[i : i+n]) // as written, even when not UTF-8
		}
		i += n
	}
	return b.String()
}

// isCaps reports whether s has letters and none of them is lowercase.
func isCaps(s string) bool {
	up := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			up++
		}
	}
	return up >= 2
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \"“(‘'"))
	return unicode.IsLower(r)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \"“(‘'"))
	return unicode.IsUpper(r)
}

var reRule = lazyRE(`^[\s\-_=–—.*•~|+]{3,}$`)

// isRule reports whether s is a horizontal rule such as "-------".
func isRule(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 3 && reRule.MatchString(s) && strings.ContainsAny(s, "-_=–—*~")
}

var reTrailingRule = lazyRE(`\s*[-_=–—]{3,}\s*$`)

var rePageNumber = lazyRE(`(?i)^\s*(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?\s*$`)

// terminal reports whether s ends a sentence or a list entry.
func terminal(s string) bool {
	s = strings.TrimRight(s, " \"”’')*")
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".;:!?…", r)
}

// cleanItem trims list punctuation from a list entry.
func cleanEntry(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "-–—+•●▪◦·* \t")
	s = strings.TrimRight(s, " \t;.,:")
	return collapse(s)
}

// splitColumns splits a line laid out in columns: by "|", by tabs inside
// the text or by runs of three or more spaces. Empty fragments are dropped;
// a lone fragment indented far to the right is reported as column 1.
func splitColumns(line string) (frags []string, cols []int) {
	if strings.Contains(line, "|") {
		t := strings.TrimSpace(line)
		markdown := strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1
		for i, p := range strings.Split(line, "|") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			c := 0
			if len(frags) > 0 || (i > 0 && !markdown) {
				c = 1
			}
			frags = append(frags, p)
			cols = append(cols, c)
		}
		return
	}
	trimmed := strings.TrimLeft(line, " ")
	indent := len(line) - len(trimmed)
	var parts []string
	if t := strings.TrimSpace(line); hasGap(t) {
		t = mendGaps(t)
		parts = reGap.Split(t, -1)
	} else {
		parts = []string{t}
	}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		c := 0
		if i > 0 || (len(parts) == 1 && indent >= 20) {
			c = 1
		}
		frags = append(frags, p)
		cols = append(cols, c)
	}
	return
}

var reGap = lazyRE(`\t+|\s{3,}`)

var (
	reDateGaps   = lazyRE(`(?i)ngày[\s.…_]{0,40}?(\d{1,2})?[\s.…_]{0,40}?tháng[\s.…_]{0,40}?(\d{1,2})?[\s.…_]{0,40}?năm\b`)
	reNumberGaps = lazyRE(`(Số|SỐ)(\s*:?)\s{2,}(\d{0,6})\s*/`)
)

// mendGaps closes the runs of spaces that a layout leaves inside a date
// line ("ngày 23 tháng       7    năm 2026", or the blanks of a draft) and
// after "Số:" of a number still to be given ("Số:      /BC-SCT"), so that
// they are not taken for the gap between two columns.
func mendGaps(t string) string {
	if strings.Contains(t, "tháng") || strings.Contains(t, "THÁNG") {
		t = reDateGaps.ReplaceAllStringFunc(t, func(m string) string {
			sm := reDateGaps.FindStringSubmatch(m)
			out := "ngày "
			if sm[1] != "" {
				out += sm[1] + " "
			}
			out += "tháng "
			if sm[2] != "" {
				out += sm[2] + " "
			}
			return out + "năm"
		})
	}
	if strings.Contains(t, "Số") || strings.Contains(t, "SỐ") {
		t = reNumberGaps.ReplaceAllString(t, "$1$2 $3/")
	}
	return t
}

// hasGap reports whether reGap matches s: a tab, or three white-space
// characters of \s ([\t\n\f\r ]) in a row. Most lines have none, and
// the check is much cheaper than the regexp.
func hasGap(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t':
			return true
		case ' ', '\n', '\f', '\r':
			run++
			if run >= 3 {
				return true
			}
		default:
			run = 0
		}
	}
	return false
}

var vnLetters = []string{"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"}
var vnListLetters = "a b c d đ e g h i k l m n o p q r s t u v x y"
var latinLetters = "a b c d e f g h i j k l m n o p q r s t u v w x y z"

// nextLetter reports whether b follows a in the Vietnamese or Latin
// lettering of list items.
func nextLetter(a, b string) bool {
	for _, seq := range []string{vnListLetters, latinLetters} {
		f := strings.Fields(seq)
		for i := 0; i+1 < len(f); i++ {
			if f[i] == a && f[i+1] == b {
				return true
			}
		}
	}
	return false
}

func romanValue(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	total := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if toRoman(total) != s {
		return 0
	}
	return total
}
