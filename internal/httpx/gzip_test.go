package httpx

import (
	"cmp"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestGzip(t *testing.T) {
	big := strings.Repeat("<p>kế hoạch</p>\n", 200)
	handler := func(ct, body string, status int, hdr map[string]string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			for k, v := range hdr {
				w.Header().Set(k, v)
			}
			w.WriteHeader(status)
			// Written in small pieces, to cross the threshold midway.
			for len(body) > 0 {
				n := min(len(body), 100)
				_, _ = io.WriteString(w, body[:n])
				body = body[n:]
			}
		})
	}
	tests := []struct {
		name, accept, method, ct, body string
		status                         int
		hdr                            map[string]string
		gzip                           bool
	}{
		{name: "page", accept: "gzip", ct: "text/html; charset=utf-8", body: big, status: 200, gzip: true},
		{name: "error page", accept: "br, gzip", ct: "text/html; charset=utf-8", body: big, status: 404, gzip: true},
		{name: "sniffed html", accept: "gzip", body: big, status: 200, gzip: true},
		{name: "json", accept: "*", ct: "application/json", body: `{"a":"` + big + `"}`, status: 200, gzip: true},
		{name: "not asked", accept: "", ct: "text/html", body: big, status: 200},
		{name: "refused", accept: "gzip;q=0, identity", ct: "text/html", body: big, status: 200},
		{name: "small", accept: "gzip", ct: "text/html", body: "<p>ok</p>", status: 200},
		{name: "image", accept: "gzip", ct: "image/png", body: big, status: 200},
		{name: "docx", accept: "gzip", ct: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body: big, status: 200},
		{name: "already encoded", accept: "gzip", ct: "text/plain", body: big, status: 200, hdr: map[string]string{"Content-Encoding": "br"}},
		{name: "partial", accept: "gzip", ct: "text/plain", body: big, status: 206},
		{name: "head", accept: "gzip", method: "HEAD", ct: "text/html", status: 200},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(cmp.Or(c.method, "GET"), "/", nil)
			if c.accept != "" {
				r.Header.Set("Accept-Encoding", c.accept)
			}
			w := httptest.NewRecorder()
			Gzip(handler(c.ct, c.body, c.status, c.hdr)).ServeHTTP(w, r)
			res := w.Result()
			if res.StatusCode != c.status {
				t.Errorf("status %d, want %d", res.StatusCode, c.status)
			}
			if v := res.Header.Values("Vary"); len(v) != 1 || v[0] != "Accept-Encoding" {
				t.Errorf("Vary %q", v)
			}
			got := w.Body.String()
			if enc := res.Header.Get("Content-Encoding"); (enc == "gzip") != c.gzip {
				t.Fatalf("Content-Encoding %q, want gzip %v", enc, c.gzip)
			}
			if c.gzip {
				zr, err := gzip.NewReader(w.Body)
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(zr)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) >= len(c.body)/2 {
					t.Errorf("%d bytes compressed to %d", len(c.body), len(got))
				}
				got = string(b)
			}
			if got != c.body {
				t.Errorf("body %d bytes, want %d", len(got), len(c.body))
			}
		})
	}
}
