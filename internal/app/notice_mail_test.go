package app_test

import (
	"strings"
	"testing"
	"time"

	"net/url"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestDecisionReachesRaiserByMail: when the Office answers a difficulty, the
// person who raised it hears of it in the app and by e-mail, through a real
// SMTP exchange on loopback.
func TestDecisionReachesRaiserByMail(t *testing.T) {
	mailbox := kehoachtest.StartSMTP(t)
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	runner := mailRunner(t, db, mailbox)
	staff := kehoachtest.ActorCtx(t, db, "nhanvien")
	o := &kehoach.Obstacle{PlanID: plan.ID, What: "Thiếu tài liệu tuyên truyền về Tổng đài 111", Why: "Chưa nhận được tờ rơi từ tỉnh", Proposal: "Văn phòng in bổ sung"}
	if err := db.RaiseObstacle(staff, o, nil); err != nil {
		t.Fatal(err)
	}
	office := kehoachtest.ActorCtx(t, db, "vanphong")
	if _, err := db.AnswerObstacle(office, o.ID, "Văn phòng sẽ in bổ sung 200 tờ rơi trong tuần.", false); err != nil {
		t.Fatal(err)
	}
	if err := runner.Deliver(kehoach.NewContextWithActor(t.Context(), kehoach.SystemActor("test")), db.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	m, ok := mailbox.WaitForSubject("nhanvien@sogtvt.demo.kehoach.vn", "Khó khăn", 10*time.Second)
	if !ok {
		t.Fatal("the raiser got no e-mail")
	}
	if !strings.Contains(m.Subject, "Khó khăn, vướng mắc") {
		t.Errorf("subject %q", m.Subject)
	}
	raiser, _ := db.FindPersonByUsername(t.Context(), "nhanvien")
	inbox, err := db.FindNotifications(t.Context(), raiser.ID, true, 10)
	if err != nil || len(inbox) == 0 || !strings.Contains(inbox[0].Body, "200 tờ rơi") {
		t.Fatalf("inbox: %v %+v", err, inbox)
	}
}

// TestNotificationsAPI: a report submitted through the API reaches the
// Office's notifications, listed by GET /api/v1/notifications for the
// caller only; the page's "mark all read" clears them.
func TestNotificationsAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		final := f.obligationOf("u-thanhtra", kehoach.KindFinal)
		f.expectAll(t, []httpCase{
			{name: "submit", user: "thanhtra", method: "PUT", path: "/api/v1/obligations/" + final.ID + "/report",
				json: `{"results":"Đã tuyên truyền tại 02 buổi sinh hoạt.","values":{},"submit":true}`, want: 200},
			{name: "office is told", user: "vanphong", method: "GET", path: "/api/v1/notifications", want: 200,
				contains: []string{`"text":"Báo cáo chờ xem xét: Thanh tra Sở`, `"link":"/obligations/` + final.ID + `/report"`, `"read":false`}},
			{name: "the unit head is not", user: "thanhtra", method: "GET", path: "/api/v1/notifications", want: 200, absent: []string{"Báo cáo chờ xem xét"}},
			{name: "the page offers read-all", user: "vanphong", method: "GET", path: "/notifications", want: 200,
				contains: []string{"Báo cáo chờ xem xét: Thanh tra Sở", `action="/notifications/read-all"`, "Đánh dấu tất cả đã đọc"}},
			{name: "read all", user: "vanphong", method: "POST", path: "/notifications/read-all", form: url.Values{}, want: 303},
			{name: "all read", user: "vanphong", method: "GET", path: "/api/v1/notifications?page=1", want: 200,
				contains: []string{`"unread":0`, `"read":true`}, absent: []string{`"read":false`}},
			{name: "nothing left to mark", user: "vanphong", method: "GET", path: "/notifications", want: 200, absent: []string{`action="/notifications/read-all"`}},
		})
	})
}

// TestNoticesGroupedAndMailOff: the notifications page heads the notices
// per plan and unit, the API names the plan and unit of each, and without
// a mail server the administrator's people page says in one line that
// e-mail is off and how to turn it on.
func TestNoticesGroupedAndMailOff(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		final := f.obligationOf("u-thanhtra", kehoach.KindFinal)
		mailOff := "Thư điện tử đang tắt"
		f.expectAll(t, []httpCase{
			{name: "submit", user: "thanhtra", method: "PUT", path: "/api/v1/obligations/" + final.ID + "/report",
				json: `{"results":"Đã tuyên truyền tại 02 buổi sinh hoạt.","values":{},"submit":true}`, want: 200},
			{name: "the API names plan and unit", user: "vanphong", method: "GET", path: "/api/v1/notifications", want: 200,
				contains: []string{`"planId":"` + f.plan.ID + `","unitId":"u-thanhtra","text":"Báo cáo chờ xem xét: Thanh tra Sở`}},
			{name: "the page heads plan and unit", user: "vanphong", method: "GET", path: "/notifications", want: 200,
				contains: []string{`<section class="notice-plan">` + "\n<h2>" + f.plan.FullTitle() + ` <span class="meta">(`, "<h3>Thanh tra Sở <span class=\"meta\">(1, 1 chưa đọc)</span></h3>"}},
		})
		body := f.expect(t, httpCase{name: "e-mail is off", user: "quantri", method: "GET", path: "/people", want: 200, contains: []string{mailOff, "KEHOACH_SMTP_URL"}})
		if strings.Count(body, mailOff) != 1 {
			t.Errorf("said %d times", strings.Count(body, mailOff))
		}
		f.db.Mail = true
		f.expectAll(t, []httpCase{{name: "e-mail is on", user: "quantri", method: "GET", path: "/people", want: 200, absent: []string{mailOff}}})
	})
}
