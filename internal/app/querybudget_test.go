package app_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/kehoach/kehoach"
)

// TestQueriesPerPage holds each page of the demo to a budget of database
// statements for one request, counted by the store, so that a page that
// starts asking once per row (an "N+1") fails here. Each page is requested
// once first, so that what is kept in memory is loaded.
func TestQueriesPerPage(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ctx := context.Background()
	obls, err := f.db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &f.plan.ID})
	if err != nil {
		t.Fatal(err)
	}
	report := ""
	for _, o := range obls {
		if o.Kind == kehoach.KindFinal {
			report = o.ID
			break
		}
	}
	if report == "" {
		t.Fatal("the demo has no final report obligation")
	}
	q := "?q=" + url.QueryEscape("trẻ em")
	// The budgets are what each page needs today plus one (a session
	// renewal); a search or a list that reads once per result would pass
	// them by the number of results. (The plan page also reads its parent
	// plan, roll-up rights and incoming documents.)
	pages := []struct {
		user, path string
		budget     int64
	}{
		{"vanphong", "/", 15},
		{"vanphong", "/plans", 4},
		{"vanphong", "/plans/" + f.plan.ID, 30},
		{"vanphong", "/plans/" + f.plan.ID + "/monitoring", 3},
		{"vanphong", "/obligations/" + report + "/report", 7},
		{"vanphong", "/search" + q, 6},
		{"vanphong", "/notifications", 9},
		{"pkhtc", "/", 12},
		{"", "/public/plans/" + f.plan.ID, 2},
		{"vanphong", "/api/v1/plans/" + f.plan.ID + "/monitoring", 3},
		{"vanphong", "/api/v1/plans/" + f.plan.ID + "/obligations", 5},
		{"vanphong", "/api/v1/search" + q, 6},
		{"vanphong", "/api/v1/me/queue", 10},
	}
	for _, p := range pages {
		c := f.as(p.user)
		get := func() int {
			resp, err := c.Get(f.srv.URL + p.path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		if code := get(); code != 200 {
			t.Fatalf("%s as %q: status %d", p.path, p.user, code)
		}
		before := f.db.Queries()
		get()
		n := f.db.Queries() - before
		t.Logf("%-60s %-9s %3d queries", p.path, p.user, n)
		if n > p.budget {
			t.Errorf("%s as %q: %d queries, budget %d", p.path, p.user, n, p.budget)
		}
	}
}

// TestPublicPagesRevalidate asks for the public page and its feeds again
// with the ETag they carried: the answer is 304 with no body, and a
// different tag gets the page.
func TestPublicPagesRevalidate(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	for _, path := range []string{"/public/plans/" + f.plan.ID, "/public/plans/" + f.plan.ID + "/feed.atom", "/public/plans/" + f.plan.ID + "/events.ics"} {
		status, hdr, body := f.do("", "GET", path, "", nil, nil)
		tag := hdr.Get("ETag")
		if status != 200 || tag == "" || body == "" {
			t.Fatalf("%s: status %d, ETag %q", path, status, tag)
		}
		status, _, body = f.do("", "GET", path, "", nil, map[string]string{"If-None-Match": tag})
		if status != 304 || body != "" {
			t.Errorf("%s with its ETag: status %d, %d bytes", path, status, len(body))
		}
		status, _, _ = f.do("", "GET", path, "", nil, map[string]string{"If-None-Match": `W/"other"`})
		if status != 200 {
			t.Errorf("%s with another ETag: status %d", path, status)
		}
	}
}
