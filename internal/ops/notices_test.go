package ops_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

func TestInboxAndCalendar(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		owner, other := f.as("thanhtra"), f.as("pkhtc")

		_, err := f.svc.CreateCalendarFeed(ctx, owner, ops.FeedInput{Scope: "world"})
		wantFields(t, err, "scope")
		_, err = f.svc.CreateCalendarFeed(ctx, owner, ops.FeedInput{Scope: "plan", PlanID: "khong-co"})
		wantFields(t, err, "plan")
		tok, err := f.svc.CreateCalendarFeed(ctx, owner, ops.FeedInput{Scope: "plan", PlanID: f.plan.ID})
		noErr(t, err)
		cal, err := f.svc.Calendar(ctx, tok)
		if err != nil || cal.Name != f.plan.FullTitle() || len(cal.Items) == 0 {
			t.Fatalf("calendar: %v %+v", err, cal)
		}
		in, err := f.svc.Inbox(ctx, owner, 1)
		if err != nil || len(in.Feeds) != 1 || in.Feeds[0].Label != f.plan.FullTitle() || len(in.Plans) == 0 {
			t.Fatalf("inbox: %v %+v", err, in)
		}
		// Someone else's address is not known to exist.
		wantCode(t, f.svc.RevokeCalendarFeed(ctx, other, in.Feeds[0].Feed.ID), kehoach.ENOTFOUND)
		if err := f.svc.RevokeCalendarFeed(ctx, owner, in.Feeds[0].Feed.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Calendar(ctx, tok)
		wantCode(t, err, kehoach.ENOTFOUND)

		// A notification is read by its owner only.
		before, _ := f.svc.UnreadNotifications(ctx, owner)
		sys := kehoach.NewContextWithActor(ctx, kehoach.SystemActor("test"))
		n := &notify.Notification{PersonID: owner.ID(), Title: "Đôn đốc", Link: "/plans/" + f.plan.ID}
		if err := f.db.CreateNotification(sys, n); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.ReadNotification(ctx, other, n.ID)
		wantCode(t, err, kehoach.ENOTFOUND)
		if c, _ := f.svc.UnreadNotifications(ctx, owner); c != before+1 {
			t.Fatalf("unread before: %d", c)
		}
		got, err := f.svc.ReadNotification(ctx, owner, n.ID)
		if err != nil || !strings.HasPrefix(got.Link, "/plans/") {
			t.Fatalf("read: %v %+v", err, got)
		}
		if c, _ := f.svc.UnreadNotifications(ctx, owner); c != before {
			t.Fatalf("unread after: %d", c)
		}
		if err := f.svc.MarkNoticesRead(ctx, owner); err != nil {
			t.Fatal(err)
		}
		if ns, err := f.svc.Notices(ctx, owner, 10); err != nil {
			t.Fatal(err)
		} else {
			for _, x := range ns {
				if x.ReadAt == nil {
					t.Errorf("notice left unread: %+v", x)
				}
			}
		}
	})
}

func TestSendReminder(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		_, err := f.svc.SendReminder(ctx, f.as("pkhtc"), f.plan.ID, ops.ReminderInput{})
		wantCode(t, err, kehoach.EFORBIDDEN)
		// Reminders off on this server.
		_, err = f.svc.SendReminder(ctx, office, f.plan.ID, ops.ReminderInput{UnitID: "u-thanhtra", Message: "Nhắc"})
		wantCode(t, err, kehoach.ECONFLICT)

		f.svc.SetReminders(notify.NewRunner(f.db, f.db.ReminderSource(), nil, notify.RunnerConfig{Clock: f.svc.Clock()}))
		_, err = f.svc.SendReminder(ctx, office, f.plan.ID, ops.ReminderInput{Message: " "})
		wantFields(t, err, "unitId", "message")
		rs, err := f.svc.SendReminder(ctx, office, f.plan.ID, ops.ReminderInput{UnitID: "u-thanhtra", Message: "Đề nghị gửi báo cáo.", Key: "k1"})
		if err != nil || len(rs) == 0 {
			t.Fatalf("sent: %v %d", err, len(rs))
		}
		log, err := f.svc.SentReminders(ctx, office, f.plan.ID, 0)
		if err != nil || len(log) < len(rs) {
			t.Fatalf("log: %v %d", err, len(log))
		}
	})
}

// inboxes counts, per username, the notifications each demo person has,
// and tells who got new ones since the last call, with their titles.
type inboxes struct {
	t      *testing.T
	f      *fixture
	people []*kehoach.Person
	seen   map[string]int
}

func newInboxes(t *testing.T, f *fixture) *inboxes {
	people, err := f.db.FindPeople(t.Context(), kehoach.PersonFilter{})
	noErr(t, err)
	in := &inboxes{t: t, f: f, people: people, seen: map[string]int{}}
	in.news()
	return in
}

// news returns the titles of the notifications each person got since the
// last call, by username.
func (in *inboxes) news() map[string][]string {
	in.t.Helper()
	out := map[string][]string{}
	for _, p := range in.people {
		ns, err := in.f.db.FindNotifications(in.t.Context(), p.ID, false, 0)
		if err != nil {
			in.t.Fatal(err)
		}
		for _, n := range ns[:len(ns)-in.seen[p.Username]] {
			out[p.Username] = append(out[p.Username], n.Title+" | "+n.Body+" | "+n.Link)
		}
		in.seen[p.Username] = len(ns)
	}
	return out
}

// usernames returns the demo people of the plan's agency holding role,
// active.
func (in *inboxes) usernames(role kehoach.Role) []string {
	tree, err := in.f.db.OrgTree(in.t.Context())
	noErr(in.t, err)
	var out []string
	for _, p := range in.people {
		if ag := tree.AgencyOf(p.UnitID); p.Active && p.HasRole(role) && ag != nil && ag.ID == in.f.plan.AgencyID {
			out = append(out, p.Username)
		}
	}
	return out
}

// expect fails unless exactly the people named got exactly one new
// notification each, containing every one of words.
func (in *inboxes) expect(step string, who []string, words ...string) {
	in.t.Helper()
	got := in.news()
	for _, u := range who {
		if len(got[u]) != 1 {
			in.t.Errorf("%s: %s got %d notices, want 1: %q", step, u, len(got[u]), got[u])
			continue
		}
		for _, w := range words {
			if !strings.Contains(got[u][0], w) {
				in.t.Errorf("%s: %s's notice lacks %q: %s", step, u, w, got[u][0])
			}
		}
		delete(got, u)
	}
	for u, ns := range got {
		in.t.Errorf("%s: %s was told too: %q", step, u, ns)
	}
}

// TestNoticesAtHandoffs: each handoff tells the next people, once each,
// naming the plan and the unit, and nobody else.
func TestNoticesAtHandoffs(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		in := newInboxes(t, f)
		office, directors := in.usernames(kehoach.RoleOffice), in.usernames(kehoach.RoleDirector)
		if len(office) == 0 || len(directors) == 0 {
			t.Fatalf("office %v, directors %v", office, directors)
		}
		unit, kind := "u-thanhtra", kehoach.KindFinal
		obls, err := f.db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &f.plan.ID, UnitID: &unit, Kind: &kind})
		if err != nil || len(obls) == 0 {
			t.Fatalf("obligation: %v", err)
		}
		obl := obls[0].ID
		head, vp := f.as("thanhtra"), f.as("vanphong")

		if _, err := f.svc.SaveReport(ctx, head, obl, ops.ReportInput{Results: "Đã tuyên truyền tại 02 buổi sinh hoạt.", Submit: true}); err != nil {
			t.Fatal(err)
		}
		in.expect("submit", office, "Thanh tra Sở", f.plan.FullTitle(), "/obligations/"+obl+"/report", "Văn phòng xem xét")

		if _, err := f.svc.ReviewReport(ctx, vp, obl, ops.ReviewInput{Reason: "Thiếu số liệu về số buổi tuyên truyền"}); err != nil {
			t.Fatal(err)
		}
		in.expect("return", []string{"thanhtra"}, "trả lại", "Thiếu số liệu về số buổi tuyên truyền", "sửa và gửi lại")

		if _, err := f.svc.SaveReport(ctx, head, obl, ops.ReportInput{Results: "Đã tuyên truyền tại 03 buổi sinh hoạt.", Submit: true}); err != nil {
			t.Fatal(err)
		}
		in.news()
		if _, err := f.svc.ReviewReport(ctx, vp, obl, ops.ReviewInput{Accept: true}); err != nil {
			t.Fatal(err)
		}
		in.expect("accept", []string{"thanhtra"}, "chấp nhận")

		o, err := f.svc.RaiseObstacle(ctx, head, f.plan.ID, ops.ObstacleInput{ForUnit: true, What: "Thiếu kinh phí in tờ rơi", Why: "Chưa được cấp", Proposal: "Cấp bổ sung"})
		noErr(t, err)
		in.expect("raise", office, "Khó khăn, vướng mắc mới", "Thanh tra Sở", "/obstacles/"+o.ID)

		if _, err := f.svc.EscalateObstacle(ctx, vp, o.ID, kehoach.ObstacleAssessment{Assessment: "Vượt thẩm quyền của Văn phòng"}); err != nil {
			t.Fatal(err)
		}
		in.expect("escalate", directors, "trình Giám đốc", "Thanh tra Sở", "Giám đốc quyết định")

		// Read-all leaves nothing unread, for the caller only.
		if n, _ := f.svc.UnreadNotifications(ctx, head); n == 0 {
			t.Fatal("the unit head has nothing unread")
		}
		list, err := f.svc.NotificationList(ctx, head, 1)
		if err != nil || list.Unread == 0 || len(list.Notifications) == 0 || list.Notifications[0].Read || list.Page != 1 {
			t.Fatalf("list: %v %+v", err, list)
		}
		director := f.as(directors[0])
		before, _ := f.svc.UnreadNotifications(ctx, director)
		if n, err := f.svc.ReadAllNotifications(ctx, head); err != nil || n != list.Unread {
			t.Fatalf("read all: %v %d, want %d", err, n, list.Unread)
		}
		if n, _ := f.svc.UnreadNotifications(ctx, head); n != 0 {
			t.Errorf("%d left unread", n)
		}
		if n, _ := f.svc.UnreadNotifications(ctx, director); n != before || n == 0 {
			t.Errorf("the director's unread went from %d to %d", before, n)
		}
		if list, _ := f.svc.NotificationList(ctx, head, 9999); list.Unread != 0 || list.Page != list.Pages || !list.Notifications[0].Read {
			t.Errorf("after read-all: %+v", list)
		}
	})
}

// TestNoticesGroupedPerPlanAndUnit: the inbox groups a person's notices per
// plan, then per unit, the newest first, with counts; the API's flat list
// says the plan and the unit of each.
func TestNoticesGroupedPerPlanAndUnit(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		vp := f.as("vanphong")
		base := f.db.Clock.Now()
		tick := 0
		f.db.Clock = kehoach.ClockFunc(func() time.Time { tick++; return base.Add(time.Duration(tick) * time.Second) })
		unit, kind := "u-thanhtra", kehoach.KindFinal
		obls, err := f.db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &f.plan.ID, UnitID: &unit, Kind: &kind})
		if err != nil || len(obls) == 0 {
			t.Fatalf("obligation: %v", err)
		}
		// The first of the Office's notices is a handoff: it keeps its unit.
		_, err = f.svc.SaveReport(ctx, f.as("thanhtra"), obls[0].ID, ops.ReportInput{Results: "Đã tuyên truyền tại 02 buổi sinh hoạt.", Submit: true})
		noErr(t, err)
		for _, n := range []*notify.Notification{
			{PlanID: f.plan.ID, UnitID: "u-pkhtc", Title: "Phòng Kế hoạch – Tài chính đã quá hạn 1 ngày"},
			{Title: "Thông báo không thuộc kế hoạch nào"},
			{PlanID: f.plan.ID, UnitID: "u-thanhtra", Title: "Thanh tra Sở đã quá hạn 2 ngày"},
		} {
			n.PersonID = vp.ID()
			noErr(t, f.db.CreateNotification(ctx, n))
		}
		page, err := f.svc.Notifications(ctx, vp, 1)
		noErr(t, err)
		// The demo's handoffs are there too: check the shape, not all.
		if len(page.Groups) != 2 || page.Groups[0].Title != f.plan.FullTitle() || page.Groups[1].Title != "" || page.Groups[1].Count != 1 ||
			page.Groups[1].Units[0].Items[0].Title != "Thông báo không thuộc kế hoạch nào" {
			t.Fatalf("plans %+v", page.Groups)
		}
		g, total := page.Groups[0], 0
		for _, u := range g.Units {
			total += u.Count
			if u.Name == "" || u.Count != len(u.Items) {
				t.Errorf("unit %q (%s): %d of %d", u.Name, u.UnitID, u.Count, len(u.Items))
			}
			for i, n := range u.Items {
				if n.UnitID != u.UnitID || n.PlanID != f.plan.ID || i > 0 && n.CreatedAt.After(u.Items[i-1].CreatedAt) {
					t.Errorf("%q in %q at %d", n.Title, u.Name, i)
				}
			}
		}
		if total != g.Count || g.Count+1 != len(page.Items) || g.Unread != g.Count {
			t.Errorf("plan count %d, units %d, items %d, unread %d", g.Count, total, len(page.Items), g.Unread)
		}
		// The unit with the newest notice first; the handoff kept its unit.
		th := g.Units[0]
		if th.Name != "Thanh tra Sở" || th.Count != 2 || th.Items[0].Title != "Thanh tra Sở đã quá hạn 2 ngày" ||
			!strings.HasPrefix(th.Items[1].Title, "Báo cáo chờ xem xét: Thanh tra Sở") {
			t.Errorf("first unit %q: %d", th.Name, th.Count)
		}
		if fi := g.Units[1]; fi.UnitID != "u-pkhtc" || fi.Items[0].Title != "Phòng Kế hoạch – Tài chính đã quá hạn 1 ngày" {
			t.Errorf("second unit %q", fi.Name)
		}
		list, err := f.svc.NotificationList(ctx, vp, 1)
		noErr(t, err)
		if first, second := list.Notifications[0], list.Notifications[1]; first.PlanID != f.plan.ID || first.UnitID != "u-thanhtra" || second.PlanID != "" || second.UnitID != "" {
			t.Fatalf("first %+v, second %+v", first, second)
		}
	})
}
