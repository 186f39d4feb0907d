package app_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"regexp"
	"strings"
	"testing"
)

// gunzip reads a gzip body.
func gunzip(t *testing.T, body string) string {
	t.Helper()
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGzip: pages and style sheets are compressed for a client that asks
// for gzip and only then; every answer varies by Accept-Encoding; the icon
// (an image) and a small answer go as they are.
func TestGzip(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	page := "/plans/" + f.plan.ID + "/monitoring"
	status, hdr, body := f.do("vanphong", "GET", page, "", nil, map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if status != 200 || hdr.Get("Content-Encoding") != "gzip" || !strings.Contains(hdr.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("page with gzip: %d %v", status, hdr)
	}
	html := gunzip(t, body)
	if !strings.Contains(html, `id="monitoring"`) || len(body) >= len(html)/2 {
		t.Errorf("page: %d bytes compressed from %d", len(body), len(html))
	}
	for _, ae := range []string{"identity", "gzip;q=0"} {
		status, hdr, plain := f.do("vanphong", "GET", page, "", nil, map[string]string{"Accept-Encoding": ae})
		if status != 200 || hdr.Get("Content-Encoding") != "" || !strings.Contains(plain, `id="monitoring"`) || !strings.Contains(hdr.Get("Vary"), "Accept-Encoding") {
			t.Errorf("page with %q: %d %v", ae, status, hdr)
		}
	}
	css := regexp.MustCompile(`href="(/static/[^"]+/style\.css)"`).FindStringSubmatch(html)
	if css == nil {
		t.Fatal("no style sheet link")
	}
	status, hdr, body = f.do("", "GET", css[1], "", nil, map[string]string{"Accept-Encoding": "gzip"})
	if status != 200 || hdr.Get("Content-Encoding") != "gzip" || !strings.Contains(gunzip(t, body), "@media print") {
		t.Errorf("style sheet: %d %v", status, hdr)
	}
	status, hdr, body = f.do("", "GET", "/favicon.ico", "", nil, map[string]string{"Accept-Encoding": "gzip"})
	if status != 200 || hdr.Get("Content-Encoding") != "" || hdr.Get("Content-Type") != "image/x-icon" || !bytes.HasPrefix([]byte(body), []byte{0, 0, 1, 0, 1, 0}) {
		t.Errorf("favicon: %d %v %q", status, hdr, body[:min(len(body), 8)])
	}
	status, hdr, body = f.do("", "GET", "/healthz", "", nil, map[string]string{"Accept-Encoding": "gzip"})
	if status != 200 || hdr.Get("Content-Encoding") != "" || body != "ok\n" {
		t.Errorf("small answer: %d %v %q", status, hdr, body)
	}
}

// TestFaviconAndPrint: the pages link an SVG icon that is served, and the
// style sheet has the print rules that hide navigation, forms and buttons.
func TestFaviconAndPrint(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	html := f.expect(t, httpCase{user: "giamdoc", method: "GET", path: "/plans/" + f.plan.ID + "/summary", want: 200})
	icon := regexp.MustCompile(`<link rel="icon" href="(/static/[^"]+/favicon\.svg)" type="image/svg\+xml">`).FindStringSubmatch(html)
	if icon == nil {
		t.Fatal("no icon link")
	}
	f.expect(t, httpCase{method: "GET", path: icon[1], want: 200, contains: []string{"<svg", "#a3161c"}})
	status, hdr, _ := f.do("", "GET", icon[1], "", nil, nil)
	if status != 200 || hdr.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("icon: %d %v", status, hdr)
	}
	css := regexp.MustCompile(`href="(/static/[^"]+/style\.css)"`).FindStringSubmatch(html)
	if css == nil {
		t.Fatal("no style sheet link")
	}
	sheet := f.expect(t, httpCase{method: "GET", path: css[1], want: 200})
	_, print, ok := strings.Cut(sheet, "@media print{")
	if !ok {
		t.Fatal("no print rules")
	}
	for _, rule := range []string{"header.top", "nav", "form", "button", "color:#000", "background:#fff", "break-inside:avoid", "thead{display:table-header-group}"} {
		if !strings.Contains(print, rule) {
			t.Errorf("print rules lack %q", rule)
		}
	}
}
