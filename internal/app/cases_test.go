package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// httpCase is one request of a table-driven HTTP test and what its answer
// must be.
type httpCase struct {
	name               string // the subtest's name, for expectAll
	user, method, path string
	form               url.Values // sent as a form when not nil
	json               string     // sent as JSON when not empty
	body               io.Reader  // sent as is, with Content-Type bodyType, when not nil (multipart forms)
	bodyType           string
	header             map[string]string
	want               int
	contains, absent   []string
	contentType        string // a part the answer's Content-Type must hold, when not empty
}

// expect sends c's request and checks its status and body; API answers are
// also checked against the OpenAPI document.
func (f *fixture) expect(t *testing.T, c httpCase) string {
	t.Helper()
	body, ct := c.body, c.bodyType
	if c.form != nil {
		body, ct = strings.NewReader(c.form.Encode()), "application/x-www-form-urlencoded"
	} else if c.json != "" {
		body, ct = strings.NewReader(c.json), "application/json"
	}
	status, hdr, got := f.do(c.user, c.method, c.path, ct, body, c.header)
	if status != c.want {
		t.Fatalf("%s %s as %q: status %d, want %d\n%.2000s", c.method, c.path, c.user, status, c.want, got)
	}
	for _, s := range c.contains {
		if !strings.Contains(got, s) {
			t.Errorf("response lacks %q", s)
		}
	}
	for _, s := range c.absent {
		if strings.Contains(got, s) {
			t.Errorf("response has %q", s)
		}
	}
	if c.contentType != "" && !strings.Contains(hdr.Get("Content-Type"), c.contentType) {
		t.Errorf("content type %q, want %s", hdr.Get("Content-Type"), c.contentType)
	}
	if strings.HasPrefix(c.path, "/api/") {
		f.spec.check(t, c.method, c.path, status, []byte(got))
	}
	return got
}

// expectAll runs each case, in order, as a subtest named by the case.
func (f *fixture) expectAll(t *testing.T, cases []httpCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { f.expect(t, c) })
	}
}

// eachEngine runs test once on each database engine, as a subtest named by
// the engine; t is a *testing.T or a *testing.B.
func eachEngine[T interface{ Run(string, func(T)) bool }](t T, test func(t T, engine string)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t T) { test(t, engine) })
	}
}

// mailRunner is a notice runner over db that sends its e-mail, from the
// Office, to mailbox.
func mailRunner(t *testing.T, db *sqlstore.DB, mailbox *kehoachtest.SMTPServer) *notify.Runner {
	t.Helper()
	cfg, err := notify.ParseSMTPURL(mailbox.URL("vanphong@sogtvt.demo.kehoach.vn"))
	if err != nil {
		t.Fatal(err)
	}
	mailer, err := notify.NewSMTPMailer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db.Mail = true
	return notify.NewRunner(db, db.ReminderSource(), mailer, notify.RunnerConfig{Clock: db.Clock})
}

// draftSaver returns a function that saves draft number i of one of the
// demo plan's open final reports through the API, as the Office; it may be
// called from many goroutines at once.
func (f *fixture) draftSaver(t testing.TB) func(i int) error {
	t.Helper()
	kind := kehoach.KindFinal
	obls, err := f.db.FindObligations(t.Context(), kehoach.ObligationFilter{PlanID: &f.plan.ID, Kind: &kind})
	if err != nil {
		t.Fatal(err)
	}
	var open []*kehoach.Obligation
	for _, o := range obls {
		if !o.Received() {
			open = append(open, o)
		}
	}
	if len(open) == 0 {
		t.Fatal("no open obligations in the demo")
	}
	client := f.as("vanphong")
	return func(i int) error {
		body, _ := json.Marshal(map[string]string{"results": fmt.Sprintf("Bản nháp số %d", i)})
		req, err := http.NewRequest("PUT", f.srv.URL+"/api/v1/obligations/"+open[i%len(open)].ID+"/report", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
}
