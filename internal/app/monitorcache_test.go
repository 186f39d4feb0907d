package app_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// TestMonitoringPageSpliced asks twice for the monitoring page (the second
// from what is kept) compressed and plain, in both languages, as the
// Office and as the board: every compressed body is one gzip stream holding
// exactly the plain page, the kept grid is there, and only the board is
// told it only reads.
func TestMonitoringPageSpliced(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	clock := regexp.MustCompile(`\d{1,2}:\d{2}`)
	for _, user := range []string{"vanphong", "giamdoc"} {
		for _, lang := range []string{"", "?lang=en"} {
			path := "/plans/" + f.plan.ID + "/monitoring" + lang
			var plain string
			for i := 0; i < 2; i++ {
				status, _, body := f.do(user, "GET", path, "", nil, map[string]string{"Accept-Encoding": "identity"})
				if status != 200 || !strings.Contains(body, `id="monitoring"`) || strings.Contains(body, "<!--kept:") {
					t.Fatalf("%s %s: status %d, grid or mark wrong", user, path, status)
				}
				if lang == "" && strings.Contains(body, "chỉ xem") != (user == "giamdoc") {
					t.Errorf("%s %s: read-only mark wrong", user, path)
				}
				status, hdr, gz := f.do(user, "GET", path, "", nil, map[string]string{"Accept-Encoding": "gzip"})
				if status != 200 || hdr.Get("Content-Encoding") != "gzip" {
					t.Fatalf("%s %s: status %d, encoding %q", user, path, status, hdr.Get("Content-Encoding"))
				}
				zr, err := gzip.NewReader(bytes.NewReader([]byte(gz)))
				if err != nil {
					t.Fatal(err)
				}
				zr.Multistream(false)
				unzipped, err := io.ReadAll(zr)
				if err != nil {
					t.Fatalf("%s %s: %v", user, path, err)
				}
				if clock.ReplaceAllString(string(unzipped), "") != clock.ReplaceAllString(body, "") {
					t.Errorf("%s %s: the compressed page differs from the plain one", user, path)
				}
				if i == 1 && clock.ReplaceAllString(body, "") != plain {
					t.Errorf("%s %s: the page from memory differs from the first", user, path)
				}
				plain = clock.ReplaceAllString(body, "")
			}
		}
	}
	// Many at once (run with -race): the kept parts are only read.
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, path := range []string{"/plans/" + f.plan.ID + "/monitoring", "/api/v1/plans/" + f.plan.ID + "/monitoring"} {
				req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
				resp, err := f.client["vanphong"].Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("%s: status %d", path, resp.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
}
