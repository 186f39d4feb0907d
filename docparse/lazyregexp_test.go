package docparse

import "testing"

// TestLazyRegexpsCompile compiles every expression of the package, which
// the program otherwise does only on first use: a bad one fails here.
func TestLazyRegexpsCompile(t *testing.T) {
	if len(lazyRegexps) < 40 {
		t.Fatalf("%d expressions registered, want every one of the package", len(lazyRegexps))
	}
	for _, l := range lazyRegexps {
		if l.re() == nil || l.re() != l.re() {
			t.Fatal("an expression is not compiled once")
		}
	}
}
