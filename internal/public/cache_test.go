package public_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/public"
)

// TestPublicPageKept: a second request for the page or the feed sends the
// kept bytes (no new rendering, same ETag, gzip when accepted), and a
// news item published, deleted, or the page withdrawn, shows at once.
func TestPublicPageKept(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testPublicPageKept(t, engine) })
	}
}

func testPublicPageKept(t *testing.T, engine string) {
	db, plan := kehoachtest.DemoDB(t, engine)
	svc := ops.New(db, nil)
	h, err := public.NewHandler(public.Deps{Ops: svc, BaseURL: "https://kehoach.example.vn"})
	if err != nil {
		t.Fatal(err)
	}
	path := "/public/plans/" + plan.ID
	_, hdr1, page1 := get(t, h, path)
	n := public.Renders()
	_, hdr2, page2 := get(t, h, path)
	_, _, feed1 := get(t, h, path+"/feed.atom")
	_, _, feed2 := get(t, h, path+"/feed.atom")
	if public.Renders() != n+1 || page1 != page2 || feed1 != feed2 || hdr1.Get("ETag") == "" || hdr1.Get("ETag") != hdr2.Get("ETag") {
		t.Fatalf("renders %d → %d (page and feed twice each); ETags %q %q", n, public.Renders(), hdr1.Get("ETag"), hdr2.Get("ETag"))
	}
	// Compressed for a client that accepts it: the same page.
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("Accept-Encoding", "gzip")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("not compressed: %v", w.Header())
	}
	zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); string(b) != page1 {
		t.Fatal("the compressed page differs")
	}
	// 304 to the kept ETag.
	r = httptest.NewRequest("GET", path, nil)
	r.Header.Set("If-None-Match", hdr1.Get("ETag"))
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 304 {
		t.Fatalf("If-None-Match: %d", w.Code)
	}

	ctx := context.Background()
	web := kehoach.ActorFromContext(kehoachtest.ActorCtx(t, db, "bientap"))
	post, err := svc.CreatePost(ctx, web, plan.ID, ops.PostInput{UnitID: "u-website", Title: "Bài mới vừa đăng về an toàn giao thông",
		URL: "https://sogtvt.sonla.gov.vn/tin/bai-moi-vua-dang", Kind: kehoach.PostNews, PublishedOn: "2023-06-02"})
	if err != nil {
		t.Fatal(err)
	}
	n = public.Renders()
	if _, _, page := get(t, h, path); !strings.Contains(page, "Bài mới vừa đăng") || public.Renders() != n+1 {
		t.Fatalf("after a publish: renders %d → %d, page has the item: %v", n, public.Renders(), strings.Contains(page, "Bài mới vừa đăng"))
	}
	if _, _, feed := get(t, h, path+"/feed.atom"); !strings.Contains(feed, "Bài mới vừa đăng") {
		t.Fatal("the feed misses the new item")
	}
	if _, err := svc.DeletePost(ctx, web, plan.ID, post.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, page := get(t, h, path); strings.Contains(page, "Bài mới vừa đăng") {
		t.Fatal("a deleted item is still on the page")
	}
	no := false
	vp := kehoach.ActorFromContext(kehoachtest.ActorCtx(t, db, "vanphong"))
	if _, err := svc.SetPublished(ctx, vp, plan.ID, ops.PublicationInput{Published: &no}); err != nil {
		t.Fatal(err)
	}
	if status, _, _ := get(t, h, path); status != 404 {
		t.Fatalf("withdrawn page: %d", status)
	}
	if status, _, _ := get(t, h, path+"/feed.atom"); status != 404 {
		t.Fatalf("withdrawn feed: %d", status)
	}
}
