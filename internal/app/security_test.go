package app_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/app"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
)

// TestCalendarTokenNotLogged fetches a calendar feed by its secret address
// and checks that the request log does not keep the secret.
func TestCalendarTokenNotLogged(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	var logs bytes.Buffer
	srv := startLoggedFixture(t, db, plan, &logs).srv
	ttr := kehoachtest.ActorCtx(t, db, "thanhtra")
	feed := &notify.CalendarFeed{PersonID: kehoach.ActorFromContext(ttr).ID(), Scope: notify.ScopeUnit, ScopeID: "u-thanhtra"}
	tok, err := db.CreateCalendarFeed(ttr, feed)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/calendar/" + tok + ".ics", "/calendar/" + tok} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if path == "/calendar/"+tok+".ics" && resp.StatusCode != http.StatusOK {
			t.Fatalf("feed: status %d", resp.StatusCode)
		}
	}
	if strings.Contains(logs.String(), tok) {
		t.Errorf("the log shows the calendar secret:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "/calendar/") {
		t.Errorf("the feed request is not logged at all:\n%s", logs.String())
	}
}

// TestGETChangesNothing calls every GET route as the owner of what it names
// and checks that none of them wrote to the audit trail: only POST, PUT and
// DELETE may change state, so that a link or an image on another site
// cannot.
func TestGETChangesNothing(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ids := rightsSetup(t, f)
	// Log everyone in first: a login is recorded, and is no GET's doing.
	for _, row := range rightsTable {
		f.as(row.owner)
	}
	last, err := f.db.FindAuditEntries(t.Context(), kehoach.AuditFilter{Limit: 1})
	if err != nil || len(last) == 0 {
		t.Fatal(err)
	}
	for _, pattern := range registeredRoutes(t) {
		method, _, ok := strings.Cut(pattern, " ")
		if ok && method != "GET" || pattern == "GET /lang/{lang}" {
			continue
		}
		row := rightsTable[pattern]
		path := row.path
		if row.ownerPath != "" {
			path = row.ownerPath
		}
		f.do(row.owner, "GET", ids.fill(path), "", nil, nil)
		entries, err := f.db.FindAuditEntries(t.Context(), kehoach.AuditFilter{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Seq > last[0].Seq {
				t.Errorf("GET %s as %q wrote %s: %s", ids.fill(path), row.owner, e.Action, e.Summary)
			}
		}
		if entries[0].Seq > last[0].Seq {
			last = entries[:1]
		}
	}
}

// TestFeedIgnoresForgedHost: with the public address configured, the Atom
// feed's links do not follow a forged Host header (the feed is cached).
func TestFeedIgnoresForgedHost(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	f := startFixture(t, db, plan, app.Options{BaseURL: "https://kehoach.sogtvt.sonla.gov.vn/"})
	req, _ := http.NewRequest("GET", f.srv.URL+"/public/plans/"+plan.ID+"/feed.atom", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || strings.Contains(string(b), "evil.example") || !strings.Contains(string(b), "https://kehoach.sogtvt.sonla.gov.vn/public/plans/") {
		t.Fatalf("feed: %d %.400s", resp.StatusCode, b)
	}
}
