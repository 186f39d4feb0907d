package app_test

import (
	"io"
	"net/url"
	"strings"
	"testing"
)

// httpCase is one request of a table-driven HTTP test and what its answer
// must be.
type httpCase struct {
	user, method, path string
	form               url.Values // sent as a form when not nil
	json               string     // sent as JSON when not empty
	header             map[string]string
	want               int
	contains, absent   []string
}

// expect sends c's request and checks its status and body; API answers are
// also checked against the OpenAPI document.
func (f *fixture) expect(t *testing.T, c httpCase) string {
	t.Helper()
	var body io.Reader
	ct := ""
	if c.form != nil {
		body, ct = strings.NewReader(c.form.Encode()), "application/x-www-form-urlencoded"
	} else if c.json != "" {
		body, ct = strings.NewReader(c.json), "application/json"
	}
	status, _, got := f.do(c.user, c.method, c.path, ct, body, c.header)
	if status != c.want {
		t.Fatalf("%s %s as %q: status %d, want %d\n%.2000s", c.method, c.path, c.user, status, c.want, got)
	}
	for _, s := range c.contains {
		if !strings.Contains(got, s) {
			t.Errorf("response lacks %q", s)
		}
	}
	for _, s := range c.absent {
		if strings.Contains(got, s) {
			t.Errorf("response has %q", s)
		}
	}
	if strings.HasPrefix(c.path, "/api/") {
		f.spec.check(t, c.method, c.path, status, []byte(got))
	}
	return got
}
