package vntext

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// tokenizeByRunes is the former tokenizer, rune by rune through the
// unicode tables, kept to check the one with an ASCII fast path.
func tokenizeByRunes(s string) []token {
	class := func(r rune) tokKind {
		switch {
		case isSpaceRune(r):
			return tokSpace
		case '0' <= r && r <= '9':
			return tokNum
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			return tokWord
		}
		return tokPunct
	}
	var toks []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		start, kind := i, class(r)
		i += n
		for kind != tokPunct && i < len(s) {
			r, n = utf8.DecodeRuneInString(s[i:])
			if class(r) != kind {
				break
			}
			i += n
		}
		toks = append(toks, token{kind, s[start:i], start, i})
	}
	return toks
}

func TestTokenizeMatchesRuneByRune(t *testing.T) {
	alphabet := []string{"a", "Z", "đ", "Ư", "\u0301", "1", "9", " ", "\t", "\v", "\r", "\u00A0", "\u202F", "\u0085", "/", "-", "–", ".", "\xff", "\xe1\xba", "năm", "tháng"}
	rng := rand.New(rand.NewSource(3))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(14) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		if got, want := tokenize(s), tokenizeByRunes(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("tokenize(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFindWithoutDigits checks the shortcut of FindDates and FindRanges:
// a text without a digit has no date, as a full scan would find.
func TestFindWithoutDigits(t *testing.T) {
	for _, s := range []string{"", "ngày tháng năm", "từ tháng sáu đến tháng bảy", "giai đoạn hai", "Ngày mười lăm"} {
		if d := FindDates(s, 2023); d != nil {
			t.Errorf("FindDates(%q) = %v", s, d)
		}
		if r := FindRanges(s, 2023); r != nil {
			t.Errorf("FindRanges(%q) = %v", s, r)
		}
	}
	if len(FindDates("ngày 5 tháng 6", 2023)) != 1 || len(FindRanges("từ tháng 5 đến tháng 7", 2023)) != 1 {
		t.Error("dates with digits not found")
	}
}

// TestIsNFCMatchesNorm checks the table of stable runes against the
// normaliser: every short string made of runes from the table's range and
// combining marks is in NFC for IsNFC exactly when it is for norm.
func TestIsNFCMatchesNorm(t *testing.T) {
	marks := []rune{0x0300, 0x0301, 0x0303, 0x0309, 0x0323, 0x0306, 0x0302, 0x031B, 0x0340, 0x0344, 0x1161, 0x11A8, 0x3099}
	rng := rand.New(rand.NewSource(5))
	check := func(s string) {
		if got, want := IsNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Fatalf("IsNFC(%q) = %v, want %v", s, got, want)
		}
	}
	for r := rune(0); r < stableLimit+64; r++ {
		check(string(r))
		check("a" + string(r))
		check(string(r) + "\u0301")
		check(string(r) + string(marks[rng.Intn(len(marks))]))
	}
	for range 50000 {
		var b strings.Builder
		for range rng.Intn(6) {
			if rng.Intn(3) == 0 {
				b.WriteRune(marks[rng.Intn(len(marks))])
			} else {
				b.WriteRune(rune(rng.Intn(stableLimit + 64)))
			}
		}
		check(b.String())
	}
	check("a\xffb")
}
