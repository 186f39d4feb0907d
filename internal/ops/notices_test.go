package ops_test

import (
	"strings"
	"testing"

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
		if err != nil {
			t.Fatal(err)
		}
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
