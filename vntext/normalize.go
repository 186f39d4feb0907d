package vntext

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C, the composed form in which
// every Vietnamese letter is a single code point (for example "ệ" is U+1EC7
// rather than "e" followed by two combining marks).
func NFC(s string) string {
	return norm.NFC.String(s)
}

// IsNFC reports whether s is already in Unicode Normalization Form C.
func IsNFC(s string) bool {
	return allStable(s) || norm.NFC.IsNormalString(s)
}

// stableLimit ends the runes stableRunes describes: Latin, Vietnamese
// letters and General Punctuation.
const stableLimit = 0x2070

// stableRunes tells, for every rune below stableLimit, whether it is in NFC
// by itself and cannot combine with any rune before it: a text made only of
// such runes is in NFC, one rune at a time. Looking them up is much cheaper
// than the normaliser's own check. It is made on first use.
var stableRunes = sync.OnceValue(func() []bool {
	t := make([]bool, stableLimit)
	for r := rune(0); r < stableLimit; r++ {
		s := string(r)
		t[r] = norm.NFC.PropertiesString(s).BoundaryBefore() && norm.NFC.String(s) == s
	}
	return t
})

// allStable reports whether s is valid UTF-8 made only of stable runes.
func allStable(s string) bool {
	t := stableRunes()
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !t[c] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= stableLimit || r == utf8.RuneError && n == 1 || !t[r] {
			return false
		}
		i += n
	}
	return true
}

// Fold returns a search key for s: the text is normalised to NFC, lowercased,
// stripped of tone marks and of every other diacritic, and "đ"/"Đ" become
// "d". All other characters, including spaces and punctuation, are kept as
// they are, so Fold("Sở LĐ-TB&XH") is "so ld-tb&xh" and Fold("Đường") is
// "duong".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		case unicode.Is(unicode.Mn, r):
			// Drop combining marks: tones, breve, circumflex, horn, etc.
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return norm.NFC.String(b.String())
}

// FoldEqual reports whether a and b have the same Fold key once runs of
// white space are collapsed to a single space and leading and trailing white
// space is removed. It is the comparison to use when matching names typed by
// a user against names stored in a document.
func FoldEqual(a, b string) bool {
	return collapseSpace(Fold(a)) == collapseSpace(Fold(b))
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// offsetMap translates byte offsets in the NFC form of a string back to byte
// offsets in the original string.
type offsetMap struct {
	// norm[i] is the start of the i-th normalisation segment in the NFC
	// text and orig[i] the start of the same segment in the original
	// text. The final entries hold the two lengths.
	norm, orig []int
}

// nfcWithMap returns the NFC form of s and, when it differs from s, a map
// from offsets in the NFC form to offsets in s. A nil map means identity.
func nfcWithMap(s string) (string, *offsetMap) {
	if IsNFC(s) {
		return s, nil
	}
	var it norm.Iter
	it.InitString(norm.NFC, s)
	m := &offsetMap{}
	var b strings.Builder
	b.Grow(len(s))
	prev := 0
	for !it.Done() {
		m.norm = append(m.norm, b.Len())
		m.orig = append(m.orig, prev)
		b.Write(it.Next())
		prev = it.Pos()
	}
	m.norm = append(m.norm, b.Len())
	m.orig = append(m.orig, len(s))
	return b.String(), m
}

// start maps an offset that starts a span; an offset inside a segment maps
// to the start of that segment.
func (m *offsetMap) start(o int) int {
	if m == nil {
		return o
	}
	i := sort.SearchInts(m.norm, o+1) - 1
	if i < 0 {
		return 0
	}
	return m.orig[i]
}

// end maps an offset that ends a span (exclusive); an offset inside a
// segment maps to the end of that segment.
func (m *offsetMap) end(o int) int {
	if m == nil {
		return o
	}
	i := sort.SearchInts(m.norm, o)
	if i >= len(m.norm) {
		return m.orig[len(m.orig)-1]
	}
	return m.orig[i]
}
