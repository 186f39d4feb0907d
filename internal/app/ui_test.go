package app_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/notify"
)

// checkPage fails unless body has every text of want and none of absent.
func checkPage(t *testing.T, name, body string, want, absent []string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("%s: missing %q", name, s)
		}
	}
	for _, s := range absent {
		if strings.Contains(body, s) {
			t.Errorf("%s: should not show %q", name, s)
		}
	}
}

// TestObstacleStateFilter: the Office's difficulties page filters by state,
// open by default, counts each state and links each item to its plan's
// difficulties page. In the demo all four difficulties are answered, closed
// or resolved, so none is open.
func TestObstacleStateFilter(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	planLink := `href="/plans/` + f.plan.ID + `/obstacles"`
	tests := []struct {
		name, user, path string
		want, absent     []string
	}{
		{"open by default", "vanphong", "/obstacles",
			[]string{"Đang chờ Văn phòng xử lý (0)", `<a href="/obstacles?state=open#open" aria-current="page">Đang chờ xử lý (0)</a>`,
				`<a href="/obstacles?state=decided#open">Đã xử lý, đã đóng (4)</a>`, `<a href="/obstacles?state=all#open">Tất cả (4)</a>`},
			[]string{"Đề nghị bổ sung kinh phí"}},
		{"decided and closed", "vanphong", "/obstacles?state=decided",
			[]string{"Đã có ý kiến xử lý, đã đóng (4)", `href="/obstacles?state=decided#open" aria-current="page"`,
				"Đề nghị bổ sung kinh phí", "Chưa có tài liệu tuyên truyền về Tổng đài 111", "Không thể hoàn thành nhiệm vụ tuyên truyền",
				"Thiếu tài liệu, thông điệp tuyên truyền năm 2023", planLink, "Thuộc kế hoạch",
				`<td><span class="meta">—</span></td>`},
			nil},
		{"all", "vanphong", "/obstacles?state=all",
			[]string{"Tất cả khó khăn, vướng mắc (4)", `href="/obstacles?state=all#open" aria-current="page"`, "Đề nghị bổ sung kinh phí", planLink},
			nil},
		{"unknown state is the default", "vanphong", "/obstacles?state=nonsense",
			[]string{"Đang chờ Văn phòng xử lý (0)", `href="/obstacles?state=open#open" aria-current="page"`}, nil},
		{"director has no office filter", "giamdoc", "/obstacles",
			[]string{"Đã trình Giám đốc, chờ quyết định (0)"}, []string{`class="state-filter"`}},
		{"english", "vanphong", "/obstacles?state=decided",
			[]string{"Answered, decided or closed (4)", "Decided or closed (4)", "Waiting (0)", ">Plan</th>"}, nil},
	}
	for _, tt := range tests {
		var hdr map[string]string
		if tt.name == "english" {
			hdr = map[string]string{"Cookie": "kh_lang=en"}
		}
		st, _, body := f.do(tt.user, "GET", tt.path, "", nil, hdr)
		if st != 200 {
			t.Fatalf("%s: status %d", tt.name, st)
		}
		checkPage(t, tt.name, body, tt.want, tt.absent)
	}
}

// TestImportWarningsFolded: import warnings are a section of their own on
// a draft and fold under a <details> once the plan is issued.
func TestImportWarningsFolded(t *testing.T) {
	draft := newFixture(t, "sqlite")
	if len(draft.plan.Warnings) == 0 {
		t.Fatal("the draft has no import warnings to show")
	}
	_, _, body := draft.do("vanphong", "GET", "/plans/"+draft.plan.ID, "", nil, nil)
	checkPage(t, "draft", body, []string{`<section class="warnings"`, `<h2 id="warn-h">Cảnh báo khi nhập</h2>`, `class="warning"`},
		[]string{"<details", "(đã ban hành)"})

	issued := newDemoFixture(t, "sqlite")
	if issued.plan.Status == kehoach.PlanDraft || len(issued.plan.Warnings) == 0 {
		t.Fatalf("the demo plan is %s with %d warnings", issued.plan.Status, len(issued.plan.Warnings))
	}
	_, _, body = issued.do("vanphong", "GET", "/plans/"+issued.plan.ID, "", nil, nil)
	checkPage(t, "issued", body, []string{`<details class="warnings issued-warnings">`,
		fmt.Sprintf("<summary>Cảnh báo khi nhập (đã ban hành) (%d)</summary>", len(issued.plan.Warnings)), `class="warning"`},
		[]string{`<section class="warnings"`, `id="warn-h"`, "<details open"})
	_, _, body = issued.do("vanphong", "GET", "/plans/"+issued.plan.ID, "", nil, map[string]string{"Cookie": "kh_lang=en"})
	checkPage(t, "issued in English", body, []string{"Import warnings (plan issued)"}, nil)
}

// TestSentRemindersLatest: the monitoring page lists the latest 20 sent
// reminders, their channel in words, and links to all of them.
func TestSentRemindersLatest(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ctx := kehoach.NewContextWithActor(t.Context(), kehoach.SystemActor("kiểm thử"))
	before, err := f.db.FindReminders(ctx, notify.ReminderFilter{PlanID: &f.plan.ID})
	if err != nil {
		t.Fatal(err)
	}
	var rs []*notify.Reminder
	for i := range 25 {
		ch := notify.ChannelApp
		if i%2 == 1 {
			ch = notify.ChannelEmail
		}
		rs = append(rs, &notify.Reminder{Key: fmt.Sprintf("ui-test-%d", i), PlanID: f.plan.ID, UnitID: demo.UnitFinance, Step: "manual",
			Level: notify.LevelUnit, Recipient: fmt.Sprintf("ui-%d@example.vn", i), Email: fmt.Sprintf("ui-%d@example.vn", i), Channel: ch,
			Reason: "Kiểm thử danh sách nhắc việc.", Subject: "Đôn đốc", Message: "Đề nghị đơn vị hoàn thành."})
	}
	if _, err := f.db.EnqueueReminders(ctx, rs); err != nil {
		t.Fatal(err)
	}
	total := len(before) + len(rs)
	if total <= 20 {
		t.Fatalf("only %d reminders", total)
	}

	// sent returns the rows of the sent-reminder table, which must follow
	// its heading directly (the browser test reads "h2 + table").
	table := regexp.MustCompile(`(?s)<h2 id="sent-reminders">[^<]*</h2>\s*<table class="list">(.*?)</table>`)
	sent := func(body string) int {
		t.Helper()
		m := table.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no sent-reminder table right after its heading")
		}
		return strings.Count(m[1], "<tr><td>")
	}
	path := "/plans/" + f.plan.ID + "/monitoring"
	st, _, body := f.do("vanphong", "GET", path, "", nil, nil)
	if st != 200 {
		t.Fatalf("monitoring: %d", st)
	}
	if n := sent(body); n != 20 {
		t.Errorf("monitoring lists %d sent reminders, want the latest 20", n)
	}
	checkPage(t, "latest", body, []string{`id="more-reminders"`, `<a href="` + path + `?reminders=all#sent-reminders">Xem tất cả</a>`,
		"<td>Trong ứng dụng</td>", "<td>Thư điện tử</td>"}, []string{"<td>app</td>", "<td>email</td>"})

	// The link keeps the grid's filter.
	_, _, body = f.do("vanphong", "GET", path+"?unit="+demo.UnitFinance, "", nil, nil)
	checkPage(t, "filtered", body, []string{`href="` + path + `?reminders=all&amp;unit=` + demo.UnitFinance + `#sent-reminders"`}, nil)

	st, _, body = f.do("vanphong", "GET", path+"?reminders=all", "", nil, nil)
	if st != 200 {
		t.Fatalf("all reminders: %d", st)
	}
	if n := sent(body); n != total {
		t.Errorf("all reminders lists %d, want %d", n, total)
	}
	checkPage(t, "all", body, nil, []string{`id="more-reminders"`})

	_, _, body = f.do("vanphong", "GET", path, "", nil, map[string]string{"Cookie": "kh_lang=en"})
	checkPage(t, "english", body, []string{"<td>In the app</td>", "<td>E-mail</td>", ">Show all</a>"}, nil)
}
