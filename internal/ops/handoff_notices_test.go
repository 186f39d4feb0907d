package ops_test

import (
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

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
	if err != nil {
		t.Fatal(err)
	}
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

// usernames returns the demo people holding role, active.
func (in *inboxes) usernames(role kehoach.Role) []string {
	var out []string
	for _, p := range in.people {
		if p.Active && p.HasRole(role) {
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
		if err != nil {
			t.Fatal(err)
		}
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
