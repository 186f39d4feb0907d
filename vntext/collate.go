package vntext

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Tone values, in collation order.
const (
	toneNone  = iota // ngang
	toneGrave        // huyền
	toneHook         // hỏi
	toneTilde        // ngã
	toneAcute        // sắc
	toneDot          // nặng
)

// toneOf maps a combining tone mark to its tone value.
func toneOf(r rune) int {
	switch r {
	case '\u0300':
		return toneGrave
	case '\u0309':
		return toneHook
	case '\u0303':
		return toneTilde
	case '\u0301':
		return toneAcute
	case '\u0323':
		return toneDot
	}
	return toneNone
}

// vnAlphabet is the Vietnamese alphabet, extended with f, j, w and z at
// their Latin positions so that loan words and abbreviations sort sensibly.
const vnAlphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

var letterRank = func() map[rune]int {
	m := make(map[rune]int)
	i := 0
	for _, r := range vnAlphabet {
		m[r] = i
		i++
	}
	return m
}()

// Primary weight bands.
const (
	weightSpace  = 1
	weightPunct  = 1 << 20 // + code point
	weightDigit  = 3 << 20 // + digit value
	weightLetter = 4 << 20 // + alphabet rank
	weightOther  = 5 << 20 // + code point
)

// collKey is the multi-level collation key of a string.
type collKey struct {
	primary   []int
	secondary []int // tone per element
	tertiary  []int // 0 lower, 1 upper per element
}

// splitLetter splits a single NFC rune into its base letter (with breve,
// circumflex or horn kept, lowercased) and its tone value.
func splitLetter(r rune) (base rune, tone int, upper bool) {
	upper = unicode.IsUpper(r)
	r = unicode.ToLower(r)
	if r < 0x80 {
		return r, toneNone, upper
	}
	keep := make([]rune, 0, 3)
	for _, c := range norm.NFD.String(string(r)) {
		if t := toneOf(c); t != toneNone {
			tone = t
			continue
		}
		keep = append(keep, c)
	}
	rs := []rune(norm.NFC.String(string(keep)))
	if len(rs) == 1 {
		return rs[0], tone, upper
	}
	return r, toneNone, upper
}

func makeKey(s string) collKey {
	s = norm.NFC.String(s)
	k := collKey{
		primary:   make([]int, 0, len(s)),
		secondary: make([]int, 0, len(s)),
		tertiary:  make([]int, 0, len(s)),
	}
	for _, r := range s {
		base, tone, upper := splitLetter(r)
		var w int
		switch {
		case unicode.IsSpace(r):
			w = weightSpace
		case '0' <= r && r <= '9':
			w = weightDigit + int(r-'0')
		case unicode.IsLetter(base):
			if rank, ok := letterRank[base]; ok {
				w = weightLetter + rank
			} else {
				w = weightOther + int(base)
			}
		case unicode.IsDigit(r):
			w = weightDigit + int(r)
		default:
			w = weightPunct + int(r)
		}
		u := 0
		if upper {
			u = 1
		}
		k.primary = append(k.primary, w)
		k.secondary = append(k.secondary, tone)
		k.tertiary = append(k.tertiary, u)
	}
	return k
}

// compareKeys compares two strings by the three collation levels without
// the final tiebreak.
func compareKeys(a, b string) int {
	ka, kb := makeKey(a), makeKey(b)
	if c := slices.Compare(ka.primary, kb.primary); c != 0 {
		return c
	}
	if c := slices.Compare(ka.secondary, kb.secondary); c != 0 {
		return c
	}
	return slices.Compare(ka.tertiary, kb.tertiary)
}

// Compare compares a and b in Vietnamese dictionary order and returns -1, 0
// or +1.
//
// Letters follow the Vietnamese alphabet a ă â b c d đ e ê g h i k l m n o ô
// ơ p q r s t u ư v x y (f, j, w and z, which occur in loan words, take their
// Latin places). Strings are first compared by base letters ignoring case
// and tone; digits sort before letters and white space before everything
// else. Ties are broken by the tones, compared from left to right in the
// order: none, huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng
// (dot below); then by case, lowercase first; and finally by the bytes of
// the NFC forms, so Compare returns 0 only for strings that are
// canonically equivalent.
func Compare(a, b string) int {
	if c := compareKeys(a, b); c != 0 {
		return c
	}
	return strings.Compare(norm.NFC.String(a), norm.NFC.String(b))
}

// splitName splits a Vietnamese personal name into family name (first
// word), middle names and given name (last word).
func splitName(s string) (family, middle, given string) {
	f := strings.Fields(s)
	switch len(f) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", f[0]
	}
	return f[0], strings.Join(f[1:len(f)-1], " "), f[len(f)-1]
}

// CompareNames compares two full Vietnamese personal names written family
// name first, such as "Nguyễn Văn An", the way Vietnamese name lists are
// ordered: by given name (the last word), then by the middle names, then by
// the family name (the first word), each part compared as by Compare. A
// one-word name is taken as a given name only. Names that are equal on all
// parts are ordered by Compare on the whole strings, so the result is
// deterministic.
func CompareNames(a, b string) int {
	fa, ma, ga := splitName(a)
	fb, mb, gb := splitName(b)
	if c := compareKeys(ga, gb); c != 0 {
		return c
	}
	if c := compareKeys(ma, mb); c != 0 {
		return c
	}
	if c := compareKeys(fa, fb); c != 0 {
		return c
	}
	return Compare(a, b)
}

// SortNames sorts full personal names in place with CompareNames. The sort
// is stable.
func SortNames(names []string) {
	slices.SortStableFunc(names, CompareNames)
}

// SortStrings sorts s in place in Vietnamese dictionary order (see Compare).
// The sort is stable.
func SortStrings(s []string) {
	slices.SortStableFunc(s, Compare)
}
