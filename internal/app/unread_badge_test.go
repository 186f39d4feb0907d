package app_test

import (
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

var badgeRE = regexp.MustCompile(`<span class="badge">(\d+)</span>`)

// TestUnreadBadgeFollowsTheInbox: the count every page shows is read with
// the session in one statement; it must follow the inbox at once: a new
// notification adds one, reading it and reading all take it away.
func TestUnreadBadgeFollowsTheInbox(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	sys := kehoach.NewContextWithActor(t.Context(), kehoach.SystemActor("kiểm thử"))
	p, err := f.db.FindPersonByUsername(sys, "pkhtc")
	if err != nil {
		t.Fatal(err)
	}
	c := f.as("pkhtc")
	badge := func(resp *http.Response, err error) int {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", resp.Request.URL.Path, resp.StatusCode)
		}
		m := badgeRE.FindSubmatch(b)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	start := badge(c.Get(f.srv.URL + "/plans"))
	n := &notify.Notification{ID: sqlstore.NewID(), PersonID: p.ID, Title: "Thông báo kiểm thử", Body: "…", Link: "/plans"}
	if err := f.db.CreateNotification(sys, n); err != nil {
		t.Fatal(err)
	}
	if got := badge(c.Get(f.srv.URL + "/plans")); got != start+1 {
		t.Fatalf("after a new notification the badge shows %d, want %d", got, start+1)
	}
	post(t, c, f.srv.URL+"/notifications/"+n.ID+"/read")
	if got := badge(c.Get(f.srv.URL + "/plans")); got != start {
		t.Errorf("after reading it the badge shows %d, want %d", got, start)
	}
	if err := f.db.CreateNotification(sys, &notify.Notification{ID: sqlstore.NewID(), PersonID: p.ID, Title: "Thông báo thứ hai", Link: "/plans"}); err != nil {
		t.Fatal(err)
	}
	post(t, c, f.srv.URL+"/notifications/read-all")
	if got := badge(c.Get(f.srv.URL + "/plans")); got != 0 {
		t.Errorf("after reading all the badge shows %d, want 0", got)
	}
}

// post sends an empty form and requires the redirect that answers it.
func post(t *testing.T, c *http.Client, url string) {
	t.Helper()
	resp, err := c.Post(url, "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s: status %d", url, resp.StatusCode)
	}
}
