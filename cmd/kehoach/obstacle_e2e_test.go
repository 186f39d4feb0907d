package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// browserSession drives one Chromium through the demo as several people in
// turn.
type browserSession struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b *browserSession) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browserSession) login(user string) {
	b.t.Helper()
	b.do("login "+user,
		chromedp.Navigate(b.base+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), "mat-khau-e2e"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS("header .who")),
	)
}

func (b *browserSession) logout() {
	b.t.Helper()
	b.do("logout",
		chromedp.Click(chromedp.Search(`//button[contains(., "Đăng xuất")]`)),
		chromedp.WaitVisible(chromedp.ID("username")),
	)
}

// submitAndWait clicks a submit button and waits until the address holds
// want, so that the next step reads the new page, not the old one.
func (b *browserSession) submitAndWait(button, want string) string {
	b.t.Helper()
	b.do("click "+button, chromedp.Click(chromedp.ID(button)))
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		loc, err := chromedp.Run(b.ctx, chromedp.Location())
		if err == nil && strings.Contains(loc, want) {
			b.do("page ready", chromedp.WaitVisible(chromedp.CSS("footer.foot")))
			return loc
		}
		time.Sleep(100 * time.Millisecond)
	}
	text, _ := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("main")))
	b.t.Fatalf("after %s the page is not %q: %.600s", button, want, text)
	return ""
}

// selectOption picks the option of a select whose text holds part.
func (b *browserSession) selectOption(id, part string) {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => { const s = document.getElementById(`+quoteJS(id)+`);
		for (const o of s.options) { if (o.text.includes(`+quoteJS(part)+`)) { s.value = o.value; return o.value; } } return ""; })()`))
	if err != nil || v == "" {
		b.t.Fatalf("no option %q in #%s (%v)", part, id, err)
	}
}

func quoteJS(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func (b *browserSession) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func obstacleIDOf(loc string) string {
	i := strings.Index(loc, "/obstacles/")
	return strings.SplitN(loc[i+len("/obstacles/"):], "?", 2)[0]
}

// TestEndToEndObstacle: a staff member raises a difficulty, the Office
// merges it into a second one and escalates, the Director extends the due
// date, the unit sees the new date and the decision, and the raiser is
// notified.
func TestEndToEndObstacle(t *testing.T) {
	base := startDemo(t)
	b := &browserSession{t: t, ctx: kehoachtest.Browser(t, 120*time.Second), base: base}
	const unit = "Phòng Kế hoạch - Tài chính"

	// The staff member raises a difficulty on the unit's task.
	b.login("nhanvien")
	b.do("open the plan",
		chromedp.Navigate(base+"/plans"),
		chromedp.Click(chromedp.Search(`//a[contains(., "Tháng hành động vì trẻ em")]`)),
		chromedp.WaitVisible(chromedp.CSS("article.plan h1")),
		chromedp.Click(chromedp.Search(`//a[contains(., "Nêu khó khăn, vướng mắc")]`)),
		chromedp.WaitVisible(chromedp.ID("what")),
	)
	b.selectOption("taskId", unit)
	b.do("fill the difficulty",
		chromedp.SendKeys(chromedp.ID("what"), "Thiếu người tổ chức buổi tuyên truyền cho người lao động"),
		chromedp.SendKeys(chromedp.ID("why"), "Hai chuyên viên được cử đi kiểm tra công trình đến cuối tháng 6."),
		chromedp.SendKeys(chromedp.ID("proposal"), "Đề nghị lùi thời hạn đến 20/7/2023."),
	)
	staffID := obstacleIDOf(b.submitAndWait("raise", "done=raised"))
	b.logout()

	// The head of the unit raises the same difficulty for the unit.
	b.login("pkhtc")
	b.do("open the raise form", chromedp.Navigate(base+"/obstacles"), chromedp.WaitVisible(chromedp.ID("mine")))
	loc, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('a[href$="/obstacles"][href^="/plans/"]').getAttribute('href')`))
	if err != nil || loc == "" {
		t.Fatalf("no plan link on the obstacles page: %v", err)
	}
	b.do("open the plan's difficulties", chromedp.Navigate(base+loc), chromedp.WaitVisible(chromedp.ID("what")))
	b.selectOption("taskId", unit)
	b.do("fill for the unit",
		chromedp.Click(chromedp.ID("forUnit")),
		chromedp.SendKeys(chromedp.ID("what"), "Phòng không đủ nhân lực tuyên truyền trước 30/6"),
		chromedp.SendKeys(chromedp.ID("why"), "Cán bộ đi kiểm tra công trình."),
	)
	unitID := obstacleIDOf(b.submitAndWait("raise", "done=raised"))
	b.logout()

	// The Office merges the staff member's into the unit's and escalates.
	b.login("vanphong")
	b.do("open the staff difficulty", chromedp.Navigate(base+"/obstacles/"+staffID), chromedp.WaitVisible(chromedp.ID("merge-form")))
	b.do("choose the primary", chromedp.SetValue(chromedp.ID("primaryId"), unitID))
	b.submitAndWait("merge", "done=merged")
	if s := b.text("#state"); !strings.Contains(s, "Đã gộp") {
		t.Errorf("state after merging: %q", s)
	}
	b.do("open the unit difficulty", chromedp.Navigate(base+"/obstacles/"+unitID), chromedp.WaitVisible(chromedp.ID("escalate-form")))
	b.do("assess", chromedp.SendKeys(chromedp.ID("assessment"), "Hai khó khăn trùng nhau; lý do chính đáng, đề nghị gia hạn."))
	b.submitAndWait("escalate", "done=escalated")
	b.logout()

	// The Director extends the task.
	b.login("giamdoc")
	b.do("open the queue", chromedp.Navigate(base+"/obstacles"), chromedp.WaitVisible(chromedp.ID("queue")))
	if q := b.text("#queue"); !strings.Contains(q, "Phòng không đủ nhân lực") {
		t.Errorf("the Director's queue lacks the difficulty: %q", q)
	}
	b.do("open the difficulty", chromedp.Navigate(base+"/obstacles/"+unitID), chromedp.WaitVisible(chromedp.ID("decide-form")))
	b.selectOption("extendTask", unit)
	b.do("decide",
		chromedp.SendKeys(chromedp.ID("decision-text"), "Đồng ý gia hạn đến ngày 20/7/2023."),
		chromedp.SetValue(chromedp.ID("extendDue"), "2023-07-20"),
	)
	b.submitAndWait("decide-submit", "done=decided")
	b.logout()

	// The unit sees the new date and the decision on the plan page.
	b.login("pkhtc")
	b.do("open the plan", chromedp.Navigate(base+loc[:len(loc)-len("/obstacles")]), chromedp.WaitVisible(chromedp.ID("obstacles")))
	sec := b.text("#obstacles")
	for _, want := range []string{"Thời hạn được gia hạn từ 30/06/2023 đến 20/07/2023", "Đồng ý gia hạn đến ngày 20/7/2023"} {
		if !strings.Contains(sec, want) {
			t.Errorf("the plan page lacks %q: %q", want, sec)
		}
	}
	b.logout()

	// The staff member is notified and sees the decision.
	b.login("nhanvien")
	b.do("open the notices", chromedp.Navigate(base+"/obstacles"), chromedp.WaitVisible(chromedp.ID("notices")))
	if n := b.text("#notices"); !strings.Contains(n, "Thiếu người tổ chức buổi tuyên truyền") || !strings.Contains(n, "đã quyết định") {
		t.Errorf("the raiser was not notified: %q", n)
	}
	b.do("open the difficulty", chromedp.Navigate(base+"/obstacles/"+staffID), chromedp.WaitVisible(chromedp.ID("decision")))
	if d := b.text("#decision"); !strings.Contains(d, "20/7/2023") {
		t.Errorf("the raiser does not see the decision: %q", d)
	}
	screenshot(b.ctx, "obstacle.png")
}
