package app_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// handoffs watches, in the browser and through the API, whose turn an item
// of work is.
type handoffs struct {
	t    *testing.T
	f    *fixture
	b    *browserUser
	seen map[string]bool // notices given before the step, by id
}

// mark remembers every notice given so far to the people of the walk.
func (h *handoffs) mark() {
	h.t.Helper()
	for _, u := range []string{"thanhtra", "vanphong", "giamdoc", "pkhtc"} {
		h.apiNotices(u, "")
	}
}

// apiNotices returns the API's notifications of username that link to link
// and were given since the last mark (with link "", it marks them seen).
func (h *handoffs) apiNotices(username, link string) []string {
	h.t.Helper()
	got := h.f.expect(h.t, httpCase{user: username, method: "GET", path: "/api/v1/notifications", want: 200})
	var list struct {
		Notifications []struct{ ID, Text, Link string }
	}
	if err := json.Unmarshal([]byte(got), &list); err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, n := range list.Notifications {
		if link == "" {
			h.seen[n.ID] = true
		} else if n.Link == link && !h.seen[n.ID] {
			out = append(out, n.Text)
		}
	}
	return out
}

// inQueue tells whether username's API queue holds an item of kind linking
// to link.
func (h *handoffs) inQueue(username, kind, link string) bool {
	h.t.Helper()
	for _, it := range h.f.queue(h.t, username) {
		if it.Kind == kind && it.Link == link {
			return true
		}
	}
	return false
}

// pageHas tells whether the page at path, seen in the browser by the person
// logged in, has an element matching the CSS selector sel.
func (h *handoffs) pageHas(path, sel string) bool {
	h.t.Helper()
	h.b.do(chromedp.Navigate(h.b.base+path), chromedp.WaitVisible(chromedp.CSS("main")))
	n, err := chromedp.Run(h.b.ctx, chromedp.Evaluate[int]("document.querySelectorAll("+strconv.Quote(sel)+").length"))
	if err != nil {
		h.t.Fatalf("as %s: %v", h.b.who, err)
	}
	return n > 0
}

// pageText returns the text of main on the page at path.
func (h *handoffs) pageText(path string) string {
	h.t.Helper()
	h.b.do(chromedp.Navigate(h.b.base + path))
	return h.b.text("main")
}

// expect checks a handoff: the next person sees an item of kind linking to
// link on their home page, in their API queue and in their notifications
// (the browser's and the API's); the others see none of it.
func (h *handoffs) expect(step, kind, link, next string, others ...string) {
	h.t.Helper()
	sel := `section.queue tr.queue-` + kind + ` a[href="` + link + `"]`
	h.b.loginAs(next)
	if !h.pageHas("/", sel) {
		h.t.Errorf("%s: %s's home page does not list the %s of %s", step, next, kind, link)
	}
	if !h.inQueue(next, kind, link) {
		h.t.Errorf("%s: %s's API queue has no %s of %s", step, next, kind, link)
	}
	notices := h.apiNotices(next, link)
	if len(notices) == 0 {
		h.t.Errorf("%s: %s got no notice linking to %s", step, next, link)
	} else if inbox := h.pageText("/notifications"); !strings.Contains(inbox, notices[0]) {
		h.t.Errorf("%s: %s's notifications page lacks %q", step, next, notices[0])
	}
	for _, o := range others {
		h.b.loginAs(o)
		if h.pageHas("/", `section.queue a[href="`+link+`"]`) {
			h.t.Errorf("%s: %s's home page lists %s too", step, o, link)
		}
		for _, it := range h.f.queue(h.t, o) {
			if it.Link == link {
				h.t.Errorf("%s: %s's API queue has %s of %s too", step, o, it.Kind, link)
			}
		}
		if n := h.apiNotices(o, link); len(n) > 0 {
			h.t.Errorf("%s: %s was told too: %q", step, o, n)
		}
	}
	h.mark()
}

// act logs in as who, opens path and does actions.
func (h *handoffs) act(who, path string, actions ...chromedp.Action[chromedp.Void]) {
	h.t.Helper()
	h.b.loginAs(who)
	h.b.do(append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(h.b.base + path)}, actions...)...)
}

// fill types text into the field id, clicks the button id and waits for
// done, or with done nil for the button to go.
func fill(id, text, button string, done chromedp.Action[chromedp.Void]) []chromedp.Action[chromedp.Void] {
	if done == nil {
		done = chromedp.WaitNotPresent(chromedp.ID(button))
	}
	return []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.ID(id)), chromedp.SendKeys(chromedp.ID(id), text), chromedp.Click(chromedp.ID(button)), done}
}

// finalReport is the address of unit's result report on the seed plan.
func finalReport(t *testing.T, f *fixture, unit string) string {
	t.Helper()
	kind := kehoach.KindFinal
	obls, err := f.db.FindObligations(t.Context(), kehoach.ObligationFilter{PlanID: &f.plan.ID, UnitID: &unit, Kind: &kind})
	if err != nil || len(obls) == 0 {
		t.Fatalf("the result report of %s: %v", unit, err)
	}
	return "/obligations/" + obls[0].ID + "/report"
}

// TestBrowserHandoffs walks the lifecycle on the demo: the inspectorate
// submits its report, the Office returns it, the inspectorate raises an
// obstacle, the Office forwards it to the Director, the Director decides and
// the inspectorate is asked to confirm. At each handoff the next person sees
// the item on their home page, in their notifications and in the API
// queue; another unit head, and the Director when not concerned, do not.
func TestBrowserHandoffs(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ctx := kehoachtest.Browser(t, 3*time.Minute)
	b := &browserUser{t: t, ctx: ctx, base: f.srv.URL}
	h := &handoffs{t: t, f: f, b: b, seen: map[string]bool{}}
	h.mark()

	report := finalReport(t, f, "u-thanhtra")

	// The unit head submits the report: the Office reviews it.
	submit := fill("results", "Đã tuyên truyền tại 02 buổi sinh hoạt của Thanh tra Sở.", "submit-report", chromedp.WaitVisible(chromedp.CSS("p.ok")))
	// A submit asks the unit head to confirm it first.
	submit = slices.Insert(submit, 2, chromedp.Action[chromedp.Void](chromedp.Click(chromedp.ID("confirm"))))
	h.act("thanhtra", report, submit...)
	h.expect("submit", "report_review", report, "vanphong", "pkhtc", "giamdoc", "thanhtra")

	// The Office returns it: the unit head corrects it.
	h.act("vanphong", report, fill("reason", "Đề nghị bổ sung số buổi tuyên truyền.", "return-report", chromedp.WaitVisible(chromedp.CSS(".state-returned")))...)
	h.expect("return", "report_returned", report, "thanhtra", "pkhtc", "giamdoc", "vanphong")

	// The unit raises an obstacle: the Office assesses it.
	h.act("thanhtra", "/plans/"+f.plan.ID+"/obstacles", append([]chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.ID("why")),
		chromedp.Click(chromedp.ID("forUnit")), chromedp.SendKeys(chromedp.ID("why"), "Dự toán của Thanh tra Sở không có khoản chi này.")},
		fill("what", "Thiếu kinh phí in tờ rơi tuyên truyền", "raise", chromedp.WaitVisible(chromedp.ID("obstacle")))...)...)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "/obstacles/") {
		t.Fatalf("after raising: %s %v", loc, err)
	}
	obstacle := loc[strings.Index(loc, "/obstacles/"):]
	if i := strings.IndexAny(obstacle, "?#"); i >= 0 {
		obstacle = obstacle[:i]
	}
	h.expect("raise", "obstacle_assess", obstacle, "vanphong", "pkhtc", "giamdoc", "thanhtra")

	// The Office forwards it: the Director decides.
	h.act("vanphong", obstacle, fill("assessment", "Vượt thẩm quyền của Văn phòng.", "escalate", nil)...)
	h.expect("escalate", "obstacle_decide", obstacle, "giamdoc", "pkhtc", "vanphong", "thanhtra")

	// The Director decides: the unit confirms.
	h.act("giamdoc", obstacle, fill("decision-text", "Thanh tra Sở lồng ghép tuyên truyền trong hoạt động thường xuyên.", "decide-submit", nil)...)
	h.expect("decide", "obstacle_confirm", obstacle, "thanhtra", "pkhtc", "giamdoc")
}
