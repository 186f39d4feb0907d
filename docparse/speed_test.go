package docparse

import (
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"
)

// sentencesByRegexp is the former sentences, kept to check the hand-written
// scanner against reSentence.
func sentencesByRegexp(t string) []string {
	var out []string
	start := 0
	for _, m := range reSentence.FindAllStringIndex(t, -1) {
		out = append(out, t[start:m[0]+1])
		start = m[1] - len(string([]rune(t[m[0]:m[1]])[len([]rune(t[m[0]:m[1]]))-1]))
	}
	out = append(out, t[start:])
	return out
}

// TestScannersMatchRegexps checks that the hand-written scanners that
// replaced regexps on hot paths (sentences, hasGap) agree with them, on the
// test documents and on random strings made of the characters that matter.
func TestScannersMatchRegexps(t *testing.T) {
	var inputs []string
	for _, p := range goldenInputs(t) {
		d, _ := os.ReadFile(p)
		inputs = append(inputs, string(d))
		inputs = append(inputs, strings.Split(string(d), "\n")...)
	}
	alphabet := []string{".", ";", "!", "?", " ", "  ", "\t", "\n", "\r", "\f", "\v", "\u00A0", "A", "a", "Đ", "đ", "Ư", "ư", "1", "\xff", "É", "x"}
	rng := rand.New(rand.NewSource(2))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(12) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		if got, want := sentences(s), sentencesByRegexp(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("sentences(%q) = %q, want %q", s, got, want)
		}
		if got, want := hasGap(s), reGap.MatchString(s); got != want {
			t.Fatalf("hasGap(%q) = %v, want %v", s, got, want)
		}
	}
}
