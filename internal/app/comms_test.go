package app_test

import (
	"context"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// privateStrings plants things the public page must never show: a unit
// report's narrative, a person's name and e-mail, a draft plan's title.
func privateStrings(t *testing.T, f *fixture) []string {
	t.Helper()
	ctx := kehoachtest.ActorCtx(t, f.db, "vanphong")
	secret := []string{"vanphong@sogtvt.demo.kehoach.vn", "Lò Thị Hương", "Nguyễn Văn Bình", "barpass", kehoachtest.DemoPassword}
	reports, err := f.db.FindReports(ctx, f.plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		for _, s := range []string{r.Results, r.Shortcomings, r.Proposals} {
			if len(s) > 20 {
				secret = append(secret, s)
			}
		}
	}
	if len(secret) < 6 {
		t.Fatal("the demo has no report narrative to plant")
	}
	draft := &kehoach.Plan{AgencyID: f.plan.AgencyID, Title: "Kế hoạch nội bộ tuyệt mật chưa ban hành", Status: kehoach.PlanDraft}
	if err := f.db.CreatePlan(ctx, draft); err != nil {
		t.Fatal(err)
	}
	return append(secret, draft.Title, draft.ID)
}

func TestCommsPages(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	id := f.plan.ID
	secret := privateStrings(t, f)

	// The demo's items feed the two indicators; the ceremony its own.
	tab, err := f.db.PlanIndicatorValues(kehoachtest.ActorCtx(t, f.db, "vanphong"), id)
	if err != nil {
		t.Fatal(err)
	}
	if v := tab.Value("u-website", kehoach.IndNewsItems); v == nil || v.Value != 5 {
		t.Errorf("website news items: %+v", v)
	}
	if v := tab.Value("u-chidoan", kehoach.IndEventAttendance); v == nil || v.Value != 42 {
		t.Errorf("attendance: %+v", v)
	}

	status, hdr, body := f.do("", "GET", "/public/plans/"+id, "", nil, nil)
	if status != 200 {
		t.Fatalf("public page: %d %s", status, body)
	}
	for _, s := range []string{`href="tel:111"`, "Tháng hành động vì trẻ em năm 2023", "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em",
		"Trung tâm Văn hóa - Điện ảnh tỉnh", "Phòng Bảo vệ, chăm sóc trẻ em", "https://sogtvt.sonla.gov.vn/tin-tuc/tong-dai-111"} {
		if !strings.Contains(body, s) {
			t.Errorf("public page lacks %q", s)
		}
	}
	if strings.Index(body, "tel:111") > strings.Index(body, "Thông điệp") {
		t.Error("hotline 111 is not shown first")
	}
	for _, s := range append(secret, "<script") {
		if strings.Contains(body, s) {
			t.Errorf("public page shows %q", s)
		}
	}
	if !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Errorf("content type %q", hdr.Get("Content-Type"))
	}

	// Atom feed and calendar, read by independent parsers.
	_, _, atom := f.do("", "GET", "/public/plans/"+id+"/feed.atom", "", nil, nil)
	_, _, ics := f.do("", "GET", "/public/plans/"+id+"/events.ics", "", nil, nil)
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import feedparser, icalendar").Run(); err != nil {
		kehoachtest.Require(t, "python3-feedparser and python3-icalendar (Debian)", err)
	}
	var out []byte
	cmd := exec.Command(py, "-c", `import sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
assert not d.bozo, d.bozo_exception
assert d.version == "atom10", d.version
print(len(d.entries)); print(d.entries[0].link)`)
	cmd.Stdin = strings.NewReader(atom)
	if out, err = cmd.CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "6\n") || !strings.Contains(string(out), "https://sogtvt.sonla.gov.vn/") {
		t.Errorf("feed: %v %s", err, out)
	}
	cmd = exec.Command(py, "-c", `import sys, icalendar
c = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
ev = [e for e in c.walk("VEVENT")]
assert len(ev) == 1, len(ev)
import datetime
print(ev[0].get("summary")); print(ev[0].decoded("dtstart").astimezone(datetime.timezone.utc).isoformat()); print(ev[0].get("location"))`)
	cmd.Stdin = strings.NewReader(ics)
	if out, err = cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "Lễ phát động") || !strings.Contains(string(out), "2023-05-30T00:30:00+00:00") ||
		!strings.Contains(string(out), "Trung tâm Văn hóa - Điện ảnh tỉnh") {
		t.Errorf("ics: %v %s", err, out)
	}

	// Bad input is shown beside the field, with what was typed.
	form := url.Values{"title": {"Tin thử"}, "url": {"ftp://sogtvt.sonla.gov.vn/x"}, "publishedOn": {"1990-01-01"}, "kind": {"video"},
		"minutes": {"-5"}, "unitId": {"u-website"}}
	status, _, body = f.do("bientap", "POST", "/plans/"+id+"/posts", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), nil)
	if status != 400 {
		t.Fatalf("bad item: %d", status)
	}
	for _, s := range []string{"http:// hoặc https://", "Ngày đăng quá xa", "Thời lượng không được âm", `value="ftp://sogtvt.sonla.gov.vn/x"`, `value="Tin thử"`, `value="-5"`} {
		if !strings.Contains(body, s) {
			t.Errorf("form lacks %q", s)
		}
	}
	// The same link as a demo item, written differently.
	form = url.Values{"title": {"Trùng"}, "url": {"https://SOGTVT.sonla.gov.vn/tin-tuc/tong-dai-111/?utm_medium=zalo"}, "publishedOn": {"2023-06-20"}, "kind": {"news"}, "unitId": {"u-website"}}
	status, _, body = f.do("bientap", "POST", "/plans/"+id+"/posts", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), nil)
	if status != 409 || !strings.Contains(body, "đã được ghi nhận") {
		t.Errorf("duplicate: %d", status)
	}
	form.Set("url", "https://sogtvt.sonla.gov.vn/tin-tuc/bai-moi")
	if status, _, _ = f.do("bientap", "POST", "/plans/"+id+"/posts", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), nil); status != 303 {
		t.Errorf("new item: %d", status)
	}
	form.Set("unitId", "u-pkhtc")
	form.Set("url", "https://sogtvt.sonla.gov.vn/tin-tuc/bai-khac")
	if status, _, _ = f.do("bientap", "POST", "/plans/"+id+"/posts", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), nil); status != 403 {
		t.Errorf("item for another unit: %d", status)
	}
	for _, p := range []string{"/posts", "/events", "/publicity"} {
		if status, _, body = f.do("vanphong", "GET", "/plans/"+id+p, "", nil, nil); status != 200 {
			t.Errorf("%s: %d %.300s", p, status, body)
		}
	}

	// Unpublished, the page is gone; a draft cannot be published.
	if status, _, _ = f.do("pkhtc", "POST", "/plans/"+id+"/publish", "application/x-www-form-urlencoded", strings.NewReader("published=0"), nil); status != 403 {
		t.Errorf("unit head unpublishes: %d", status)
	}
	if status, _, _ = f.do("vanphong", "POST", "/plans/"+id+"/publish", "application/x-www-form-urlencoded", strings.NewReader("published=0"), nil); status != 303 {
		t.Errorf("unpublish: %d", status)
	}
	for _, p := range []string{"", "/feed.atom", "/events.ics"} {
		if status, _, _ = f.do("", "GET", "/public/plans/"+id+p, "", nil, nil); status != 404 {
			t.Errorf("unpublished %s: %d", p, status)
		}
	}
	_, _, hist := f.do("vanphong", "GET", "/plans/"+id+"/history", "", nil, nil)
	if !strings.Contains(hist, "Gỡ trang tuyên truyền công khai") {
		t.Error("unpublishing is not in the history")
	}
}

// TestPublicPageInBrowser loads the public page in Chromium with scripts
// disabled and measures what crossed the network.
func TestPublicPageInBrowser(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	secret := privateStrings(t, f)
	ctx := kehoachtest.Browser(t, 60*time.Second)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 740, DeviceScaleFactor: 2, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	evctx, cancel := context.WithCancel(ctx)
	defer cancel()
	finished := chromedp.Events(evctx, network.LoadingFinished)
	if err := chromedp.Do(ctx, chromedp.Navigate(f.srv.URL+"/public/plans/"+f.plan.ID), chromedp.WaitVisible(chromedp.CSS("a.call"))); err != nil {
		t.Fatal(err)
	}
	// Collect the loads of the page and its stylesheet.
	var total float64
	n := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range finished {
			if err != nil {
				return
			}
			total += ev.EncodedDataLength
			n++
		}
	}()
	time.Sleep(time.Second)
	cancel()
	<-done
	if n < 2 {
		t.Errorf("only %d loads seen (page and stylesheet expected)", n)
	}
	if total <= 0 || total > 60*1024 {
		t.Errorf("page weighs %.0f bytes over the network", total)
	}
	t.Logf("public page: %d requests, %.0f bytes", n, total)
	call, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("a.call")))
	if err != nil || !strings.Contains(call, "111") {
		t.Errorf("hotline: %q %v", call, err)
	}
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Tháng hành động vì trẻ em", "Lễ phát động", "Tin, bài mới"} {
		if !strings.Contains(html, s) {
			t.Errorf("rendered page lacks %q", s)
		}
	}
	for _, s := range append(secret, "<script") {
		if strings.Contains(html, s) {
			t.Errorf("rendered page shows %q", s)
		}
	}
}

func TestCommsAPI(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	id := f.plan.ID
	tests := []httpCase{
		{name: "posts", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id + "/posts", want: 200, contains: []string{"Tổng đài điện thoại quốc gia bảo vệ trẻ em 111"}},
		{name: "bad post", user: "bientap", method: "POST", path: "/api/v1/plans/" + id + "/posts", json: `{"unitId":"u-website","title":"X","url":"ftp://a.vn/x","kind":"news","publishedOn":"2023-06-03","minutes":-1}`, want: 400, contains: []string{`"url"`, `"minutes"`}},
		{name: "duplicate post", user: "bientap", method: "POST", path: "/api/v1/plans/" + id + "/posts", json: `{"unitId":"u-website","title":"X","url":"https://sogtvt.sonla.gov.vn/tin-tuc/tong-dai-111#top","kind":"news","publishedOn":"2023-06-03"}`, want: 409, contains: []string{"đã được ghi nhận"}},
		{name: "post for another unit", user: "bientap", method: "POST", path: "/api/v1/plans/" + id + "/posts", json: `{"unitId":"u-pkhtc","title":"X","url":"https://a.vn/x","kind":"news","publishedOn":"2023-06-03"}`, want: 403},
		{name: "new post", user: "bientap", method: "POST", path: "/api/v1/plans/" + id + "/posts", json: `{"unitId":"u-website","title":"Bài mới","url":"https://sogtvt.sonla.gov.vn/bai-moi","kind":"video","publishedOn":"2023-06-25","minutes":3.5}`, want: 201, contains: []string{`"minutes":3.5`}},
		{name: "publicity", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id + "/publicity", want: 200, contains: []string{`"phone":"111"`}},
		{name: "publicity refused to a unit", user: "pkhtc", method: "PUT", path: "/api/v1/plans/" + id + "/publicity", json: `{"messages":[],"contacts":[]}`, want: 403},
		{name: "bad contact", user: "vanphong", method: "PUT", path: "/api/v1/plans/" + id + "/publicity", json: `{"messages":[{"kind":"slogan","text":"A"}],"contacts":[{"name":"B","phone":"gọi đi","national":false}]}`, want: 400, contains: []string{`"contacts.0.phone"`}},
		{name: "events", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id + "/events", want: 200, contains: []string{`"attendance":42`, `"status":"confirmed"`}},
		{name: "event in the future with attendance", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/events", json: `{"unitId":"u-vp","name":"Tọa đàm","start":"2099-06-10T08:00:00+07:00","status":"tentative","attendance":10}`, want: 400, contains: []string{`"attendance"`}},
		{name: "new event", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/events", json: `{"unitId":"u-vp","name":"Tọa đàm","start":"2099-06-10T08:00:00+07:00","status":"tentative","place":"Hội trường Sở"}`, want: 201, contains: []string{`"photos":[]`}},
		{name: "publication", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id + "/publication", want: 200, contains: []string{`"published":true`}},
		{name: "unpublish refused to a unit", user: "pkhtc", method: "PUT", path: "/api/v1/plans/" + id + "/publication", json: `{"published":false}`, want: 403},
		{name: "unpublish", user: "vanphong", method: "PUT", path: "/api/v1/plans/" + id + "/publication", json: `{"published":false}`, want: 200, contains: []string{`"published":false`}},
	}
	f.expectAll(t, tests)
	if status, _, _ := f.do("", "GET", "/public/plans/"+id, "", nil, nil); status != 404 {
		t.Errorf("unpublished page: %d", status)
	}
}
