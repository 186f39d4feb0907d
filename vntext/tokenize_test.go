package vntext

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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
