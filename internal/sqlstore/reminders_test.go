package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func newReminder(key, recipient string, ch notify.Channel) *notify.Reminder {
	return &notify.Reminder{
		Key: key, ObligationID: "o1", PlanID: "p1", UnitID: "u1", Step: "due", Level: notify.LevelUnit,
		At: time.Date(2023, 6, 15, 1, 0, 0, 0, time.UTC), Recipient: recipient, Channel: ch,
		Reason: "Đến hạn hôm nay (15/06/2023) báo cáo tiến độ.", Subject: "Đôn đốc", Message: "Đề nghị đơn vị hoàn thành.",
	}
}

func auditActions(t *testing.T, db *sqlstore.DB, entityID string) []string {
	t.Helper()
	es, err := db.FindAuditEntries(context.Background(), kehoach.AuditFilter{EntityID: &entityID})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Action)
	}
	return out
}

func TestReminderQueue(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sysCtx()
		now := time.Date(2023, 6, 15, 2, 0, 0, 0, time.UTC)
		db.Clock = kehoach.ClockFunc(func() time.Time { return now })

		q, err := db.EnqueueReminders(ctx, []*notify.Reminder{newReminder("k1|app", "person-1", notify.ChannelApp), newReminder("k1|mail", "a@so.gov.vn", notify.ChannelEmail)})
		if err != nil || len(q) != 2 {
			t.Fatalf("queued %d: %v", len(q), err)
		}
		// The same keys again, with a new one: only the new one is queued.
		q, err = db.EnqueueReminders(ctx, []*notify.Reminder{newReminder("k1|app", "person-1", notify.ChannelApp), newReminder("k2|app", "person-2", notify.ChannelApp)})
		if err != nil || len(q) != 1 || q[0].Key != "k2|app" {
			t.Fatalf("queued %v: %v", q, err)
		}
		if _, err := db.EnqueueReminders(ctx, []*notify.Reminder{newReminder("bad", "p", "sms")}); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Fatalf("bad channel: %v", err)
		}

		// Claiming holds the reminders: a second claim gets none.
		claimed, err := db.ClaimReminders(ctx, now, 10, time.Minute)
		if err != nil || len(claimed) != 3 {
			t.Fatalf("claimed %d: %v", len(claimed), err)
		}
		if again, _ := db.ClaimReminders(ctx, now, 10, time.Minute); len(again) != 0 {
			t.Fatalf("claimed twice: %d", len(again))
		}
		byKey := map[string]*notify.Reminder{}
		for _, r := range claimed {
			byKey[r.Key] = r
		}
		app, mail, app2 := byKey["k1|app"], byKey["k1|mail"], byKey["k2|app"]
		if err := db.MarkReminderDelivered(ctx, app.ID, &notify.Notification{PersonID: "person-1", PlanID: "p1", Title: "Đôn đốc", Body: app.Message, Link: "/plans/p1"}); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkReminderDelivered(ctx, app.ID, nil); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Fatalf("delivered twice: %v", err)
		}
		retry := now.Add(10 * time.Minute)
		if err := db.MarkReminderFailed(ctx, mail.ID, "421 thử lại sau", &retry); err != nil {
			t.Fatal(err)
		}
		// app2's holder "died": after the lease it is taken again; the
		// failed e-mail only from its retry time.
		later := now.Add(2 * time.Minute)
		if got, _ := db.ClaimReminders(ctx, later, 10, time.Minute); len(got) != 1 || got[0].ID != app2.ID {
			t.Fatalf("after the lease: %v", got)
		}
		if err := db.MarkReminderDelivered(ctx, app2.ID, nil); err != nil {
			t.Fatal(err)
		}
		got, err := db.ClaimReminders(ctx, retry, 10, time.Minute)
		if err != nil || len(got) != 1 || got[0].ID != mail.ID || got[0].Attempts != 1 || got[0].Error != "421 thử lại sau" {
			t.Fatalf("retry: %+v %v", got, err)
		}
		if err := db.MarkReminderFailed(ctx, mail.ID, "550 không có hộp thư", nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ClaimReminders(ctx, retry.Add(24*time.Hour), 10, time.Minute); len(got) != 0 {
			t.Fatalf("failed for good was claimed: %v", got)
		}

		failed := notify.StatusFailed
		plan := "p1"
		rs, err := db.FindReminders(ctx, notify.ReminderFilter{PlanID: &plan, Status: &failed})
		if err != nil || len(rs) != 1 || rs[0].Attempts != 2 || rs[0].NextAttempt != nil || rs[0].Error != "550 không có hộp thư" {
			t.Fatalf("failed: %+v %v", rs, err)
		}
		all, _ := db.FindReminders(ctx, notify.ReminderFilter{PlanID: &plan})
		if len(all) != 3 {
			t.Fatalf("all: %d", len(all))
		}
		for _, r := range all {
			if r.ID == app.ID && (r.Status != notify.StatusDelivered || r.SentAt == nil || !r.SentAt.Equal(now)) {
				t.Fatalf("delivered: %+v", r)
			}
		}
		if a := fmt.Sprint(auditActions(t, db, app.ID)); a != "[reminder.queue reminder.send]" {
			t.Errorf("audit of app: %s", a)
		}
		if a := fmt.Sprint(auditActions(t, db, mail.ID)); a != "[reminder.queue reminder.fail reminder.fail]" {
			t.Errorf("audit of mail: %s", a)
		}
		if _, bad, err := db.VerifyAudit(ctx); err != nil || bad != 0 {
			t.Fatalf("audit chain: %d %v", bad, err)
		}

		// The delivered app reminder left a notification in the inbox.
		ns, err := db.FindNotifications(ctx, "person-1", true, 0)
		if err != nil || len(ns) != 1 || ns[0].Title != "Đôn đốc" || ns[0].Link != "/plans/p1" {
			t.Fatalf("inbox: %+v %v", ns, err)
		}
		// Whose notification it is is checked by the operation (internal/ops).
		owner := kehoach.NewContextWithActor(context.Background(), &kehoach.Actor{Person: &kehoach.Person{ID: "person-1"}, Via: "session"})
		if err := db.MarkNotificationRead(owner, ns[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.CountUnreadNotifications(ctx, "person-1"); n != 0 {
			t.Fatalf("unread %d", n)
		}
		if err := db.CreateNotification(ctx, &notify.Notification{PersonID: "person-1", Title: "Kế hoạch mới"}); err != nil {
			t.Fatal(err)
		}
		if ns, _ := db.FindNotifications(ctx, "person-1", false, 0); len(ns) != 2 || ns[1].ReadAt == nil {
			t.Fatalf("inbox: %+v", ns)
		}
	})
}

// TestReminderDedupeConcurrent queues the same reminders from several
// goroutines at once, as two processes would: each key is queued once.
func TestReminderDedupeConcurrent(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sysCtx()
		var mu sync.Mutex
		total := 0
		together(4, func(int) {
			var rs []*notify.Reminder
			for i := 0; i < 10; i++ {
				rs = append(rs, newReminder(fmt.Sprintf("k%d", i), "p", notify.ChannelApp))
			}
			q, err := db.EnqueueReminders(ctx, rs)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += len(q)
			mu.Unlock()
		})
		all, err := db.FindReminders(ctx, notify.ReminderFilter{})
		if err != nil || len(all) != 10 || total != 10 {
			t.Fatalf("rows %d, queued %d: %v", len(all), total, err)
		}
		// Concurrent claims share the queue without overlap.
		seen := map[string]int{}
		together(4, func(int) {
			got, err := db.ClaimReminders(ctx, time.Now().Add(time.Hour), 3, time.Hour)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			for _, r := range got {
				seen[r.ID]++
			}
			mu.Unlock()
		})
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("%s claimed %d times", id, n)
			}
		}
	})
}

func TestCalendarFeeds(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		owner := kehoach.NewContextWithActor(context.Background(), &kehoach.Actor{Person: &kehoach.Person{ID: "person-1"}, Via: "session"})
		f := &notify.CalendarFeed{Scope: notify.ScopePlan, ScopeID: "p1", PersonID: "person-1"}
		token, err := db.CreateCalendarFeed(owner, f)
		if err != nil || len(token) < 40 || f.ID == "" {
			t.Fatalf("token %q: %v", token, err)
		}
		got, err := db.FindCalendarFeedByToken(owner, token)
		if err != nil || got.ID != f.ID || got.Scope != notify.ScopePlan || got.ScopeID != "p1" {
			t.Fatalf("found %+v: %v", got, err)
		}
		if _, err := db.FindCalendarFeedByToken(owner, token+"x"); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Fatalf("wrong token: %v", err)
		}
		// Who may revoke is checked by the operation (internal/ops).
		if err := db.RevokeCalendarFeed(owner, f.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindCalendarFeedByToken(owner, token); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Fatalf("revoked token still works: %v", err)
		}
		if fs, _ := db.FindCalendarFeeds(owner, "person-1"); len(fs) != 1 || fs[0].RevokedAt == nil {
			t.Fatalf("feeds %+v", fs)
		}
		if a := fmt.Sprint(auditActions(t, db, f.ID)); a != "[calendar.create calendar.revoke]" {
			t.Errorf("audit %s", a)
		}
	})
}

// TestMailOffIsNoFailure: without a mail server an e-mail already queued is
// set aside with a note, is not tried again and records no failure; the
// app's copy is delivered.
func TestMailOffIsNoFailure(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sysCtx()
		now := time.Date(2023, 6, 15, 2, 0, 0, 0, time.UTC)
		db.Clock = kehoach.ClockFunc(func() time.Time { return now })
		q, err := db.EnqueueReminders(ctx, []*notify.Reminder{newReminder("off|app", "person-1", notify.ChannelApp), newReminder("off|mail", "a@so.gov.vn", notify.ChannelEmail)})
		if err != nil || len(q) != 2 {
			t.Fatalf("queued %d: %v", len(q), err)
		}
		r := notify.NewRunner(db, db.ReminderSource(), nil, notify.RunnerConfig{Clock: db.Clock})
		for range 2 {
			if err := r.Deliver(ctx, now.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		mail := q[1]
		// Set aside once (audited: monitoring shows it), never failed.
		if a := fmt.Sprint(auditActions(t, db, mail.ID)); a != "[reminder.queue reminder.park]" {
			t.Errorf("e-mail audit %s", a)
		}
		all, err := db.FindReminders(ctx, notify.ReminderFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range all {
			switch x.Channel {
			case notify.ChannelEmail:
				if x.Status != notify.StatusPending || x.Error != notify.MailOff || x.NextAttempt != nil || x.Attempts != 0 {
					t.Errorf("e-mail %+v", x)
				}
			default:
				if x.Status != notify.StatusDelivered {
					t.Errorf("app %+v", x)
				}
			}
		}
	})
}
