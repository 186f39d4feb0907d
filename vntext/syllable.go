package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spelling of Vietnamese syllables, used to tell Vietnamese text from
// misdecoded bytes. The check is deliberately permissive: it accepts every
// syllable of the language and some impossible ones, but rejects words with
// foreign letters, symbols, several tone marks or impossible vowel groups.

var (
	initials = []string{
		"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
	}
	finals = []string{"ng", "nh", "ch", "c", "m", "n", "p", "t", ""}
	nuclei = makeSet("a ă â e ê i o ô ơ u ư y " +
		"ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê oo " +
		"iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu")
	vowelSet = makeSet("a ă â e ê i o ô ơ u ư y")
)

func makeSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// openOnly lists the vowel groups that end in a glide (i, y, o, u) and so
// cannot be followed by a final consonant.
var openOnly = makeSet("ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu yêu oai oay oeo uây uôi ươi ươu uyu")

// isSyllable reports whether w (NFC, any case) is spelled like a Vietnamese
// syllable, with its tone mark (if any) on the vowel that carries it.
func isSyllable(w string) bool {
	if w == "" || utf8.RuneCountInString(w) > 7 {
		return false
	}
	var bases []rune
	tonePos := -1
	for _, r := range strings.ToLower(w) {
		base, tone, _ := splitLetter(r)
		if !(base >= 'a' && base <= 'z') && !vowelSet[string(base)] && base != 'đ' {
			return false
		}
		if tone != toneNone {
			if tonePos >= 0 || !vowelSet[string(base)] {
				return false
			}
			tonePos = len(bases)
		}
		bases = append(bases, base)
	}
	s := string(bases)
	for _, in := range initials {
		if !strings.HasPrefix(s, in) {
			continue
		}
		nIn := utf8.RuneCountInString(in)
		rest := s[len(in):]
		for _, fi := range finals {
			if !strings.HasSuffix(rest, fi) {
				continue
			}
			nucleus := rest[:len(rest)-len(fi)]
			if !nuclei[nucleus] || (fi != "" && openOnly[nucleus]) {
				continue
			}
			if tonePos < 0 || toneFits([]rune(nucleus), fi != "", tonePos-nIn) {
				return true
			}
		}
	}
	return false
}

// toneFits reports whether a tone mark at index pos of nucleus is where
// Vietnamese spelling puts it. Both the older ("hòa", "thủy") and the newer
// ("hoà", "thuỷ") placements are accepted.
func toneFits(nucleus []rune, closed bool, pos int) bool {
	if pos < 0 || pos >= len(nucleus) {
		return false
	}
	last := len(nucleus) - 1
	for i := last; i >= 0; i-- {
		switch nucleus[i] {
		case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
			return pos == i
		}
	}
	switch {
	case len(nucleus) == 1:
		return true
	case closed:
		return pos == last
	case len(nucleus) == 2:
		switch string(nucleus) {
		case "oa", "oe", "uy":
			return true
		}
		return pos == 0
	}
	return pos == 1
}

// isWordRune reports whether r belongs to a word for syllableScore: any
// letter or non-ASCII character except white space and the general
// punctuation block (quotes, dashes, bullets).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return unicode.IsLetter(r)
	}
	if isSpaceRune(r) || (r >= 0x2000 && r <= 0x206F) {
		return false
	}
	return true
}

// syllableScore counts the words of s that contain a non-ASCII character
// and are (valid) or are not (invalid) spelled like Vietnamese syllables.
func syllableScore(s string) (valid, invalid int) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }) {
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		if ascii {
			continue
		}
		if isSyllable(w) {
			valid++
		} else {
			invalid++
		}
	}
	return valid, invalid
}
