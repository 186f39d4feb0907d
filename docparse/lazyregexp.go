package docparse

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on its first use rather than
// when the program starts: a server that imports no document never holds
// the compiled programs (about half a megabyte for this package's).
type lazyRegexp struct {
	re func() *regexp.Regexp
}

// lazyRegexps are all the package's expressions, for the test that
// compiles every one.
var lazyRegexps []*lazyRegexp

// lazyRE returns the expression src, compiled (and checked, panicking like
// regexp.MustCompile) on first use. Package variables only: it is not safe
// to call concurrently.
func lazyRE(src string) *lazyRegexp {
	l := &lazyRegexp{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })}
	lazyRegexps = append(lazyRegexps, l)
	return l
}

func (l *lazyRegexp) MatchString(s string) bool            { return l.re().MatchString(s) }
func (l *lazyRegexp) FindStringIndex(s string) []int       { return l.re().FindStringIndex(s) }
func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.re().FindStringSubmatch(s) }
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.re().FindStringSubmatchIndex(s)
}
func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.re().FindAllStringIndex(s, n)
}
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.re().FindAllStringSubmatchIndex(s, n)
}
func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.re().ReplaceAllString(src, repl)
}
func (l *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.re().ReplaceAllStringFunc(src, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.re().Split(s, n) }
