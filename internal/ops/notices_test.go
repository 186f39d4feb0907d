package ops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestInboxAndCalendar(t *testing.T) {
	demoOps(t, func(t *testing.T, svc *ops.Service, db *sqlstore.DB, plan *kehoach.Plan, actor func(string) *kehoach.Actor) {
		ctx := context.Background()
		owner, other := actor("thanhtra"), actor("pkhtc")

		_, err := svc.CreateCalendarFeed(ctx, owner, ops.FeedInput{Scope: "world"})
		wantFields(t, err, "scope")
		_, err = svc.CreateCalendarFeed(ctx, owner, ops.FeedInput{Scope: "plan", PlanID: "khong-co"})
		wantFields(t, err, "plan")
		tok, err := svc.CreateCalendarFeed(ctx, owner, ops.FeedInput{Scope: "plan", PlanID: plan.ID})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := svc.Calendar(ctx, tok)
		if err != nil || cal.Name != plan.FullTitle() || len(cal.Items) == 0 {
			t.Fatalf("calendar: %v %+v", err, cal)
		}
		in, err := svc.Inbox(ctx, owner)
		if err != nil || len(in.Feeds) != 1 || in.Feeds[0].Label != plan.FullTitle() || len(in.Plans) == 0 {
			t.Fatalf("inbox: %v %+v", err, in)
		}
		// Someone else's address is not known to exist.
		wantCode(t, svc.RevokeCalendarFeed(ctx, other, in.Feeds[0].Feed.ID), kehoach.ENOTFOUND)
		if err := svc.RevokeCalendarFeed(ctx, owner, in.Feeds[0].Feed.ID); err != nil {
			t.Fatal(err)
		}
		_, err = svc.Calendar(ctx, tok)
		wantCode(t, err, kehoach.ENOTFOUND)

		// A notification is read by its owner only.
		before, _ := svc.UnreadNotifications(ctx, owner)
		sys := kehoach.NewContextWithActor(ctx, kehoach.SystemActor("test"))
		n := &notify.Notification{PersonID: owner.ID(), Title: "Đôn đốc", Link: "/plans/" + plan.ID}
		if err := db.CreateNotification(sys, n); err != nil {
			t.Fatal(err)
		}
		_, err = svc.ReadNotification(ctx, other, n.ID)
		wantCode(t, err, kehoach.ENOTFOUND)
		if c, _ := svc.UnreadNotifications(ctx, owner); c != before+1 {
			t.Fatalf("unread before: %d", c)
		}
		got, err := svc.ReadNotification(ctx, owner, n.ID)
		if err != nil || !strings.HasPrefix(got.Link, "/plans/") {
			t.Fatalf("read: %v %+v", err, got)
		}
		if c, _ := svc.UnreadNotifications(ctx, owner); c != before {
			t.Fatalf("unread after: %d", c)
		}
		if err := svc.MarkNoticesRead(ctx, owner); err != nil {
			t.Fatal(err)
		}
		if ns, err := svc.Notices(ctx, owner, 10); err != nil {
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
	demoOps(t, func(t *testing.T, svc *ops.Service, db *sqlstore.DB, plan *kehoach.Plan, actor func(string) *kehoach.Actor) {
		ctx := context.Background()
		office := actor("vanphong")
		_, err := svc.SendReminder(ctx, actor("pkhtc"), plan.ID, ops.ReminderInput{})
		wantCode(t, err, kehoach.EFORBIDDEN)
		// Reminders off on this server.
		_, err = svc.SendReminder(ctx, office, plan.ID, ops.ReminderInput{UnitID: "u-thanhtra", Message: "Nhắc"})
		wantCode(t, err, kehoach.ECONFLICT)

		svc.SetReminders(notify.NewRunner(db, db.ReminderSource(), nil, notify.RunnerConfig{Clock: svc.Clock()}))
		_, err = svc.SendReminder(ctx, office, plan.ID, ops.ReminderInput{Message: " "})
		wantFields(t, err, "unitId", "message")
		rs, err := svc.SendReminder(ctx, office, plan.ID, ops.ReminderInput{UnitID: "u-thanhtra", Message: "Đề nghị gửi báo cáo.", Key: "k1"})
		if err != nil || len(rs) == 0 {
			t.Fatalf("sent: %v %d", err, len(rs))
		}
		log, err := svc.SentReminders(ctx, office, plan.ID, 0)
		if err != nil || len(log) < len(rs) {
			t.Fatalf("log: %v %d", err, len(log))
		}
	})
}
