package web

import (
	"net/url"
	"strings"
)

// localNext returns next when it is a path of this site to go back to, else
// "/". Browsers drop tabs and line breaks from a Location and read a
// backslash as a slash, so "/\t/evil.example" would become "//evil.example",
// another site: any control character or backslash refuses the path, as
// does anything that parses with a scheme, a host or a user.
func localNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f {
			return "/"
		}
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
