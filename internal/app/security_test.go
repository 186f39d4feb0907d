package app_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
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

// TestExpiredSessionKeepsTheForm: a form posted after the session expired
// shows the login form keeping what was typed (never a password); after
// logging in, a page sends it again to where it was going. A cross-site post
// is still refused.
func TestExpiredSessionKeepsTheForm(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	o := f.obligationOf("u-thanhtra", kehoach.KindFinal)
	path := "/obligations/" + o.ID + "/report"
	// The session ends behind the browser's back.
	c := f.as("thanhtra")
	u, _ := url.Parse(f.srv.URL)
	req, _ := http.NewRequest("POST", f.srv.URL+"/logout", nil)
	for _, ck := range c.Jar.Cookies(u) {
		req.AddCookie(ck)
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	typed := "Đã tuyên truyền <b>sau</b> khi hết phiên"
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	h := httpCase{user: "thanhtra", method: "POST", path: path, want: 401,
		contains: []string{"Phiên đăng nhập đã hết hạn", `name="next" value="` + path + `"`, `name="keep.results" value="Đã tuyên truyền &lt;b&gt;sau&lt;/b&gt; khi hết phiên"`,
			`name="keep.action" value="save"`, `name="keepMultipart" value="1"`, `name="keepFiles" value="1"`},
		absent: []string{"mat-khau-go-nham", "Dữ liệu không hợp lệ."}}
	h.bodyType, h.body = multipartReport(t, map[string]string{"results": typed, "action": "save", "new_password": "mat-khau-go-nham"}, map[string][]byte{"anh.png": png})
	f.expect(t, h)
	// Protection against cross-site requests holds.
	f.expect(t, httpCase{user: "thanhtra", method: "POST", path: path, form: url.Values{"results": {typed}},
		header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, want: 403})

	// Logging in from that form shows the page that sends it again.
	login := url.Values{"username": {"thanhtra"}, "password": {kehoachtest.DemoPassword}, "next": {path},
		"keep.results": {typed}, "keep.action": {"save"}, "keep.new_password": {"mat-khau-go-nham"}, "keepMultipart": {"1"}, "keepFiles": {"1"}}
	f.expect(t, httpCase{user: "thanhtra", method: "POST", path: "/login", form: login, want: 200,
		contains: []string{`action="` + path + `" enctype="multipart/form-data"`, `name="results" value="Đã tuyên truyền &lt;b&gt;sau&lt;/b&gt; khi hết phiên"`,
			`name="action" value="save"`, "chọn lại tệp", `id="resume-send"`}, absent: []string{"mat-khau-go-nham"}})
	// A wrong password keeps the form too.
	login.Set("password", "sai")
	f.expect(t, httpCase{user: "thanhtra", method: "POST", path: "/login", form: login, want: 401, contains: []string{`name="keep.results"`}})

	// Sending it again saves what was typed.
	h = httpCase{user: "thanhtra", method: "POST", path: path, want: 303}
	h.bodyType, h.body = multipartReport(t, map[string]string{"results": typed, "action": "save"}, nil)
	f.expect(t, h)
	rep, err := f.db.FindReportByObligation(t.Context(), o.ID)
	if err != nil || rep.Results != typed {
		t.Fatalf("stored report: %v %+v", err, rep)
	}
	// Without a form to keep, logging in goes straight to the page.
	f.expect(t, httpCase{method: "POST", path: "/login", form: url.Values{"username": {"thanhtra"}, "password": {kehoachtest.DemoPassword}, "next": {path}}, want: 303})
}
