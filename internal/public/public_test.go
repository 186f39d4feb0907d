package public_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/public"
)

// TestMain stops the throwaway PostgreSQL server the tests started.
func TestMain(m *testing.M) { kehoachtest.Main(m) }

func get(t *testing.T, h http.Handler, path string) (int, http.Header, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, w.Result().Header, string(b)
}

// TestPublicPages: the page links its own stylesheet, carries no script,
// and anything else under /public/ is not found.
func TestPublicPages(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	h, err := public.NewHandler(public.Deps{Ops: ops.New(db, nil), BaseURL: "https://kehoach.example.vn/"})
	if err != nil {
		t.Fatal(err)
	}
	status, hdr, page := get(t, h, "/public/plans/"+plan.ID)
	if status != 200 || strings.Contains(page, "<script") || !strings.Contains(hdr.Get("Cache-Control"), "public") {
		t.Fatalf("page: %d %q %.300s", status, hdr.Get("Cache-Control"), page)
	}
	css := regexp.MustCompile(`href="(/public/static/[0-9a-f]+/public\.css)"`).FindStringSubmatch(page)
	if css == nil {
		t.Fatal("the page links no stylesheet")
	}
	if status, hdr, _ := get(t, h, css[1]); status != 200 || !strings.Contains(hdr.Get("Cache-Control"), "immutable") || !strings.HasPrefix(hdr.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: %d %v", status, hdr)
	}
	if _, _, feed := get(t, h, "/public/plans/"+plan.ID+"/feed.atom"); !strings.Contains(feed, "https://kehoach.example.vn/public/plans/"+plan.ID) {
		t.Errorf("feed links: %.300s", feed)
	}
	for _, p := range []string{"/public/plans/khong-co", "/public/plans/khong-co/feed.atom", "/public/khac", "/public/static/x/style.css"} {
		if status, _, body := get(t, h, p); status != 404 || !strings.Contains(body, "Không tìm thấy trang") {
			t.Errorf("%s: %d", p, status)
		}
	}
}
