package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestOpenRedirect sends "next" values that browsers turn into another
// site's address; every redirect must stay on a local path.
func TestOpenRedirect(t *testing.T) {
	f := newFixture(t, "sqlite")
	evil := []string{
		"//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example",
		"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\x00/evil.example", "/\x7f/evil.example",
		"/\t\\evil.example", " //evil.example",
	}
	safe := func(loc string) bool {
		if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\\\t\r\n") {
			return false
		}
		// What a browser makes of it: tabs and line breaks dropped.
		u, err := url.Parse(strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(loc))
		return err == nil && u.Host == "" && u.Scheme == ""
	}
	for _, next := range evil {
		status, hdr, _ := f.do("", "GET", "/lang/en?next="+url.QueryEscape(next), "", nil, nil)
		if status != http.StatusSeeOther || !safe(hdr.Get("Location")) {
			t.Errorf("/lang next=%q: status %d, Location %q", next, status, hdr.Get("Location"))
		}
		status, hdr, _ = f.do("", "POST", "/login", "application/x-www-form-urlencoded",
			strings.NewReader(url.Values{"username": {"vanphong"}, "password": {kehoachtest.DemoPassword}, "next": {next}}.Encode()), nil)
		if status != http.StatusSeeOther || !safe(hdr.Get("Location")) {
			t.Errorf("login next=%q: status %d, Location %q", next, status, hdr.Get("Location"))
		}
	}
	// A local path survives.
	if _, hdr, _ := f.do("", "GET", "/lang/en?next="+url.QueryEscape("/plans?x=1"), "", nil, nil); hdr.Get("Location") != "/plans?x=1" {
		t.Errorf("local next: Location %q, want /plans?x=1", hdr.Get("Location"))
	}
}
