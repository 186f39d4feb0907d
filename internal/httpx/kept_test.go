package httpx

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestWriteSpliced sends a page with kept parts compressed and plain: the
// compressed body is one gzip stream (a reader that stops at the first
// member reads it all) holding exactly the page with the parts in place,
// the same as the plain body, whatever the sizes of the pieces.
func TestWriteSpliced(t *testing.T) {
	big := strings.Repeat("<tr><td>Phòng Kế hoạch - Tài chính</td><td>đã nộp</td></tr>\n", 400)
	parts := []*KeptBody{{Plain: []byte(big)}, {Plain: []byte("<p>nhỏ</p>")}, {Plain: nil}}
	for _, page := range []string{
		"<html>" + Mark(0) + "<p>giữa</p>" + Mark(1) + Mark(2) + "</html>",
		Mark(1) + strings.Repeat("đầu trang ", 300) + Mark(0),
		"<p>" + Mark(7) + " không phải phần nào " + keptMark + "x--> " + keptMark + "</p>" + Mark(0),
		"ngắn " + Mark(1),
	} {
		want := page
		for i := len(parts) - 1; i >= 0; i-- {
			want = strings.ReplaceAll(want, Mark(i), string(parts[i].Plain))
		}
		for _, gz := range []bool{true, false} {
			req := httptest.NewRequest("GET", "/", nil)
			if gz {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			rec := httptest.NewRecorder()
			WriteSpliced(rec, req, 200, []byte(page), parts)
			body := rec.Body.Bytes()
			compressed := rec.Header().Get("Content-Encoding") == "gzip"
			if compressed != (gz && len(want) >= GzipMinSize) {
				t.Fatalf("gzip %v, %d bytes: compressed %v", gz, len(want), compressed)
			}
			if compressed {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				zr.Multistream(false)
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if string(body) != want {
				t.Errorf("gzip %v: %d bytes, want %d", gz, len(body), len(want))
			}
		}
	}
}
