package app_test

import (
	"net/url"
	"testing"

	"github.com/kehoach/kehoach"
)

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
