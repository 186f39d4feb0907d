package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/app"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
)

// browserUser drives pages as one person after another in one browser.
type browserUser struct {
	t    *testing.T
	ctx  context.Context
	base string
	who  string
}

func (b *browserUser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("as %s: %v", b.who, err)
	}
}

func (b *browserUser) text(sel chromedp.CSS) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(sel))
	if err != nil {
		b.t.Fatalf("as %s: text of %s: %v", b.who, sel, err)
	}
	return s
}

func (b *browserUser) loginAs(user string) {
	b.t.Helper()
	if b.who != "" {
		b.do(chromedp.Navigate(b.base+"/"), chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.ID("username")))
	} else {
		b.do(chromedp.Navigate(b.base + "/login"))
	}
	b.who = user
	b.do(chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), kehoachtest.DemoPassword),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS("header.top nav")))
}

// TestBrowserExecutionCycle: the Office issues the seed plan, two unit heads
// acknowledge and brief, one submits a report with an evidence file, the
// other does not; the Office returns the report and accepts it after
// correction; the monitoring page shows the late unit.
func TestBrowserExecutionCycle(t *testing.T) {
	mailbox := kehoachtest.StartSMTP(t)
	db, draft := kehoachtest.DraftDB(t, "sqlite")
	runner := mailRunner(t, db, mailbox)
	f := startFixture(t, db, draft, app.Options{Reminders: runner})
	ctx := kehoachtest.Browser(t, 3*time.Minute)
	b := &browserUser{t: t, ctx: ctx, base: f.srv.URL}
	plan := "/plans/" + f.plan.ID
	today := time.Now().In(kehoach.Zone)
	soon := today.AddDate(0, 0, 10).Format(time.DateOnly)
	past := today.AddDate(0, 0, -1).Format(time.DateOnly)

	// The Office adds two tasks and issues the plan.
	b.loginAs("vanphong")
	for _, task := range []struct{ title, lead, due string }{
		{"Tuyên truyền trong Phòng Kế hoạch - Tài chính", "u-pkhtc", soon},
		{"Tuyên truyền trong Phòng Quản lý vận tải", "u-pqlvt", past},
	} {
		b.do(chromedp.Navigate(b.base+plan+"/tasks/new"), chromedp.WaitVisible(chromedp.ID("title")),
			chromedp.SendKeys(chromedp.ID("title"), task.title),
			chromedp.SetValue(chromedp.ID("leadUnitId"), task.lead),
			chromedp.SetValue(chromedp.ID("due"), task.due),
			chromedp.Click(chromedp.CSS(`input[name="indicatorCodes"][value="staff_reached"]`)),
			chromedp.Submit(chromedp.ID("title")),
			chromedp.WaitVisible(chromedp.ID("tasks")))
	}
	b.do(chromedp.Navigate(b.base+plan+"/issue"), chromedp.WaitVisible(chromedp.ID("ackDays")),
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.Submit(chromedp.ID("ackDays")), chromedp.WaitVisible(chromedp.CSS("article.plan h1")))
	if got := b.text("article.plan .meta"); !strings.Contains(got, "Đã ban hành") {
		t.Fatalf("plan not issued: %q", got)
	}
	// Each recipient unit hears of it by e-mail too.
	if _, ok := mailbox.WaitForSubject("pqlvt@sogtvt.demo.kehoach.vn", "ban hành", 20*time.Second); !ok {
		t.Fatal("the recipient unit got no e-mail about the issued plan")
	}

	// Two unit heads acknowledge and brief; pkhtc reports with evidence.
	png := filepath.Join(t.TempDir(), "anh-tuyen-truyen.png")
	if err := os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, head := range []string{"pkhtc", "pqlvt"} {
		b.loginAs(head)
		b.do(chromedp.Navigate(b.base+plan), chromedp.WaitVisible(chromedp.ID("my-work")),
			chromedp.Click(chromedp.Search(`//button[contains(., "Xác nhận đã nhận")]`)),
			chromedp.WaitNotPresent(chromedp.Search(`//button[contains(., "Xác nhận đã nhận")]`)),
			chromedp.Click(chromedp.Search(`//a[contains(., "Xác nhận quán triệt")]`)),
			chromedp.WaitVisible(chromedp.ID("participants")),
			chromedp.SendKeys(chromedp.ID("method"), "Họp giao ban phòng"),
			chromedp.SendKeys(chromedp.ID("participants"), "9"),
			chromedp.Submit(chromedp.ID("participants")),
			chromedp.WaitVisible(chromedp.ID("my-work")),
			chromedp.WaitNotPresent(chromedp.Search(`//a[contains(., "Xác nhận quán triệt")]`)))
	}
	b.loginAs("pkhtc")
	b.do(chromedp.Navigate(b.base+"/"), chromedp.Click(chromedp.Search(`//a[contains(., "Báo cáo kết quả")]`)),
		chromedp.WaitVisible(chromedp.ID("results")),
		chromedp.SendKeys(chromedp.ID("value_staff_reached"), "-5"),
		chromedp.SendKeys(chromedp.ID("results"), "Đã tuyên truyền đến toàn thể công chức."),
		chromedp.Click(chromedp.ID("submit-report")),
		chromedp.WaitVisible(chromedp.CSS(".problem")))
	if got := b.text(".problem"); !strings.Contains(got, "không được âm") {
		t.Fatalf("negative value not refused: %q", got)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("results"))); !strings.Contains(v, "toàn thể công chức") {
		t.Fatalf("typed results lost: %q", v)
	}
	b.do(chromedp.SetValue(chromedp.ID("value_staff_reached"), "12"),
		chromedp.SetUploadFiles(chromedp.ID("evidence"), []string{png}),
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.Click(chromedp.ID("submit-report")),
		chromedp.WaitVisible(chromedp.CSS("p.ok")))
	if got := b.text("ul.evidence"); !strings.Contains(got, "anh-tuyen-truyen.png") {
		t.Fatalf("evidence not listed: %q", got)
	}

	// The Office returns the report, pkhtc corrects it, the Office accepts.
	unit := "u-pkhtc"
	kind := kehoach.KindFinal
	obls, _ := f.db.FindObligations(t.Context(), kehoach.ObligationFilter{PlanID: &f.plan.ID, UnitID: &unit, Kind: &kind})
	report := "/obligations/" + obls[0].ID + "/report"
	b.loginAs("vanphong")
	b.do(chromedp.Navigate(b.base+report), chromedp.WaitVisible(chromedp.ID("reason")),
		chromedp.SendKeys(chromedp.ID("reason"), "Đề nghị bổ sung hình ảnh buổi tuyên truyền."),
		chromedp.Click(chromedp.ID("return-report")), chromedp.WaitVisible(chromedp.CSS(".state-returned")))
	b.loginAs("pkhtc")
	b.do(chromedp.Navigate(b.base+report), chromedp.WaitVisible(chromedp.ID("results")))
	if got := b.text(".problem"); !strings.Contains(got, "bổ sung hình ảnh") {
		t.Fatalf("return reason not shown: %q", got)
	}
	b.do(chromedp.SendKeys(chromedp.ID("shortcomings"), "Chưa có ảnh tại buổi thứ hai."),
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.Click(chromedp.ID("submit-report")), chromedp.WaitVisible(chromedp.CSS("p.ok")))
	b.loginAs("vanphong")
	b.do(chromedp.Navigate(b.base+report), chromedp.WaitVisible(chromedp.ID("accept-report")),
		chromedp.Click(chromedp.ID("accept-report")), chromedp.WaitVisible(chromedp.CSS(".state-accepted")))
	if got := b.text("p.meta"); !strings.Contains(got, "Đã chấp nhận") || !strings.Contains(got, "lần gửi 2") {
		t.Fatalf("report state: %q", got)
	}

	// The monitoring page shows the late unit.
	b.do(chromedp.Navigate(b.base+plan+"/monitoring"), chromedp.WaitVisible(chromedp.ID("monitoring")))
	row := b.text(`tr[data-unit="u-pqlvt"]`)
	if !strings.Contains(row, "Quá hạn") {
		t.Fatalf("late unit not shown: %q", row)
	}
	if row := b.text(`tr[data-unit="u-pkhtc"]`); !strings.Contains(row, "Đã chấp nhận") {
		t.Fatalf("pkhtc row: %q", row)
	}
	// The Office urges the late unit; the reminder goes out through SMTP.
	b.do(chromedp.SetValue(chromedp.ID("r-unit"), "u-pqlvt"),
		chromedp.SendKeys(chromedp.ID("r-message"), "Đề nghị Phòng gửi báo cáo kết quả trước 17 giờ hôm nay."),
		chromedp.Click(chromedp.ID("send-reminder")),
		chromedp.WaitVisible(chromedp.CSS(".remind p.ok")))
	m, ok := mailbox.WaitForSubject("pqlvt@sogtvt.demo.kehoach.vn", "đôn đốc", 20*time.Second)
	if !ok {
		rs, _ := f.db.FindReminders(t.Context(), notify.ReminderFilter{PlanID: &f.plan.ID})
		for _, r := range rs {
			t.Logf("reminder to %s %s by %s: %s %s", r.RecipientName, r.Email, r.Channel, r.Status, r.Error)
		}
		t.Fatal("no reminder e-mail reached the late unit")
	}
	if !strings.Contains(m.Subject, "đôn đốc") || !strings.Contains(string(m.Raw), "=?") && !strings.Contains(m.Subject, "Văn phòng") {
		t.Errorf("reminder subject %q", m.Subject)
	}
	if got := b.text("section.remind + h2 + table"); !strings.Contains(got, "đã gửi") || !strings.Contains(got, "Thư điện tử") {
		t.Errorf("the reminder is not recorded as delivered by e-mail: %q", got)
	}
	if dir := os.Getenv("KEHOACH_SCREENSHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			_ = os.WriteFile(filepath.Join(dir, "monitoring.png"), shot, 0o644)
		}
	}
}
