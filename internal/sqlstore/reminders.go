package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

var _ notify.Store = (*DB)(nil)

const reminderCols = `id, dedupe_key, obligation_id, plan_id, unit_id, step, level, recipient, recipient_name, email, channel,
	reason, subject, message, link, status, error, attempts, step_at, next_attempt_at, created_by, created_at, sent_at`

func scanReminder(sc scanner) (*notify.Reminder, error) {
	var r notify.Reminder
	var level, channel, status string
	var stepAt, next, created, sent nullTime
	if err := sc.Scan(&r.ID, &r.Key, &r.ObligationID, &r.PlanID, &r.UnitID, &r.Step, &level, &r.Recipient, &r.RecipientName, &r.Email, &channel,
		&r.Reason, &r.Subject, &r.Message, &r.Link, &status, &r.Error, &r.Attempts, &stepAt, &next, &r.CreatedBy, &created, &sent); err != nil {
		return nil, err
	}
	r.Level, r.Channel, r.Status = notify.Level(level), notify.Channel(channel), notify.Status(status)
	r.At, r.CreatedAt = stepAt.T, created.T
	r.NextAttempt, r.SentAt = next.ptr(), sent.ptr()
	return &r, nil
}

// reminderAudit is what the audit trail keeps of a reminder: who, how and
// why, not the whole message.
func reminderAudit(r *notify.Reminder) map[string]any {
	return map[string]any{
		"key": r.Key, "obligationId": r.ObligationID, "unitId": r.UnitID, "level": r.Level, "recipient": r.Recipient,
		"channel": r.Channel, "status": r.Status, "attempts": r.Attempts, "error": r.Error,
	}
}

// EnqueueReminders queues the reminders whose key is new, in one
// transaction, and silently skips those whose key is already in the queue
// (from an earlier tick, an earlier run, or another process). It returns
// the reminders queued, with their ids set.
func (db *DB) EnqueueReminders(ctx context.Context, rs []*notify.Reminder) ([]*notify.Reminder, error) {
	return inTx(db, ctx, func(tx *Tx) ([]*notify.Reminder, error) { return tx.enqueueReminders(rs) })
}

// enqueueReminders queues reminders within a transaction; see
// [DB.EnqueueReminders].
func (tx *Tx) enqueueReminders(rs []*notify.Reminder) ([]*notify.Reminder, error) {
	var queued []*notify.Reminder
	for _, r := range rs {
		if r.Key == "" || r.Recipient == "" || r.Message == "" {
			return nil, kehoach.Errorf(kehoach.EINVALID, "Nhắc việc thiếu khóa, người nhận hoặc nội dung.")
		}
		if r.Channel != notify.ChannelApp && r.Channel != notify.ChannelEmail {
			return nil, kehoach.Errorf(kehoach.EINVALID, "Kênh gửi nhắc việc không hợp lệ: %q.", r.Channel)
		}
		c := *r
		c.ID, c.Status, c.Attempts, c.Error, c.CreatedAt, c.SentAt = NewID(), notify.StatusPending, 0, "", tx.Now, nil
		if c.At.IsZero() {
			c.At = tx.Now
		}
		// Times are kept to the microsecond, as PostgreSQL does, so that
		// a reminder due "now" is claimed by the same "now".
		c.At = c.At.UTC().Truncate(time.Microsecond)
		next := c.At
		c.NextAttempt = &next
		if c.CreatedBy == "" {
			c.CreatedBy = tx.Actor.ID()
		}
		res, err := tx.exec(`INSERT INTO reminders (`+reminderCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (dedupe_key) DO NOTHING`,
			c.ID, c.Key, c.ObligationID, c.PlanID, c.UnitID, c.Step, string(c.Level), c.Recipient, c.RecipientName, c.Email, string(c.Channel),
			c.Reason, c.Subject, c.Message, c.Link, string(c.Status), "", 0, c.At.UTC(), next, c.CreatedBy, c.CreatedAt, nil)
		if err != nil {
			return nil, fmt.Errorf("enqueue reminder: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, err
		} else if n == 0 {
			continue
		}
		if err := tx.audit("reminder.queue", "reminder", c.ID, c.PlanID, "Xếp hàng nhắc việc: "+c.Reason, nil, reminderAudit(&c)); err != nil {
			return nil, err
		}
		r.ID, r.Status, r.CreatedAt, r.NextAttempt, r.At = c.ID, c.Status, c.CreatedAt, c.NextAttempt, c.At
		queued = append(queued, r)
	}
	return queued, nil
}

// ClaimReminders takes up to limit reminders that are pending, or failed
// with a retry time, whose attempt is due at now, and holds them until
// now+lease. A reminder held by another process is left alone, so two
// processes never deliver the same one; one held by a process that died is
// taken again once the lease runs out. Holding is bookkeeping, not a change
// of the reminder, and is not audited.
func (db *DB) ClaimReminders(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*notify.Reminder, error) {
	if limit <= 0 {
		limit = 100
	}
	now = now.UTC().Truncate(time.Microsecond)
	return inTx(db, ctx, func(tx *Tx) ([]*notify.Reminder, error) {
		// The conditions are repeated outside the subquery so that, on
		// PostgreSQL, a row claimed meanwhile by another transaction is
		// re-checked after its lock is released and skipped.
		const open = `status IN ('pending', 'failed') AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)`
		rows, err := tx.query(fmt.Sprintf(`UPDATE reminders SET claimed_until = ?
			WHERE id IN (SELECT id FROM reminders WHERE %s ORDER BY next_attempt_at, id LIMIT %d) AND %s
			RETURNING `+reminderCols, open, limit, open),
			now.Add(lease), now, now, now, now)
		if err != nil {
			return nil, fmt.Errorf("claim reminders: %w", err)
		}
		return scanAll(rows, nil, scanReminder)
	})
}

// undeliveredReminder reads a reminder that has not reached its recipient
// yet; one delivered already is a conflict.
func (tx *Tx) undeliveredReminder(id string) (*notify.Reminder, error) {
	r, err := scanOne(tx.queryRow(`SELECT `+reminderCols+` FROM reminders WHERE id = ?`, id), scanReminder, "nhắc việc")
	if err != nil {
		return nil, err
	}
	if r.Status == notify.StatusDelivered {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Nhắc việc này đã được gửi.")
	}
	return r, nil
}

// MarkReminderDelivered records that the reminder reached its recipient.
// For the app channel, n (when not nil) is put in the person's inbox in the
// same transaction, so that a crash leaves either both or neither.
func (db *DB) MarkReminderDelivered(ctx context.Context, id string, n *notify.Notification) error {
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := tx.undeliveredReminder(id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE reminders SET status = 'delivered', attempts = attempts + 1, error = '', sent_at = ?,
			next_attempt_at = NULL, claimed_until = NULL WHERE id = ?`, tx.Now, id); err != nil {
			return err
		}
		after := *before
		after.Status, after.Attempts, after.Error, after.SentAt = notify.StatusDelivered, before.Attempts+1, "", &tx.Now
		if n != nil {
			if err := insertNotification(tx, n); err != nil {
				return err
			}
		}
		return tx.audit("reminder.send", "reminder", id, before.PlanID,
			fmt.Sprintf("Đã gửi nhắc việc (%s) tới %s: %s", channelName(before.Channel), recipientLabel(before), before.Reason),
			reminderAudit(before), reminderAudit(&after))
	})
}

// MarkReminderFailed records a failed attempt and its error. With retryAt
// the reminder is tried again from then; without, it has failed for good.
func (db *DB) MarkReminderFailed(ctx context.Context, id string, reason string, retryAt *time.Time) error {
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := tx.undeliveredReminder(id)
		if err != nil {
			return err
		}
		if len(reason) > 2000 {
			reason = reason[:2000]
		}
		if _, err := tx.exec(`UPDATE reminders SET status = 'failed', attempts = attempts + 1, error = ?,
			next_attempt_at = ?, claimed_until = NULL WHERE id = ?`, reason, timeArg(retryAt), id); err != nil {
			return err
		}
		after := *before
		after.Status, after.Attempts, after.Error, after.NextAttempt = notify.StatusFailed, before.Attempts+1, reason, retryAt
		summary := fmt.Sprintf("Gửi nhắc việc (%s) tới %s không thành công: %s", channelName(before.Channel), recipientLabel(before), reason)
		if retryAt != nil {
			summary += " Sẽ thử lại."
		}
		return tx.audit("reminder.fail", "reminder", id, before.PlanID, summary, reminderAudit(before), reminderAudit(&after))
	})
}

// ParkReminder sets aside an undelivered reminder with a note: it stays
// pending, is never claimed again, and records no failure. The runner
// parks e-mail queued while no mail server is set.
func (db *DB) ParkReminder(ctx context.Context, id, note string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := tx.undeliveredReminder(id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE reminders SET status = 'pending', error = ?, next_attempt_at = NULL, claimed_until = NULL WHERE id = ?`, note, id); err != nil {
			return err
		}
		after := *before
		after.Status, after.Error = notify.StatusPending, note
		return tx.audit("reminder.park", "reminder", id, before.PlanID, "Để lại nhắc việc chưa gửi: "+note, reminderAudit(before), reminderAudit(&after))
	})
}

func channelName(c notify.Channel) string {
	if c == notify.ChannelEmail {
		return "thư điện tử"
	}
	return "trong ứng dụng"
}

func recipientLabel(r *notify.Reminder) string {
	if r.RecipientName != "" {
		return r.RecipientName
	}
	return r.Recipient
}

// FindReminders returns queued reminders, newest first, for the
// monitoring page.
func (db *DB) FindReminders(ctx context.Context, f notify.ReminderFilter) ([]*notify.Reminder, error) {
	w, args := where(eq("plan_id", f.PlanID), eq("unit_id", f.UnitID), eq("obligation_id", f.ObligationID), eq("level", f.Level), eq("status", f.Status))
	rows, err := db.query(ctx, `SELECT `+reminderCols+` FROM reminders`+w+` ORDER BY created_at DESC, id DESC`+limit(f.Limit), args...)
	return scanAll(rows, err, scanReminder)
}

const notificationCols = `id, person_id, plan_id, unit_id, title, body, link, created_at, read_at`

func scanNotification(sc scanner) (*notify.Notification, error) {
	var n notify.Notification
	var created, read nullTime
	if err := sc.Scan(&n.ID, &n.PersonID, &n.PlanID, &n.UnitID, &n.Title, &n.Body, &n.Link, &created, &read); err != nil {
		return nil, err
	}
	n.CreatedAt, n.ReadAt = created.T, read.ptr()
	return &n, nil
}

func insertNotification(tx *Tx, n *notify.Notification) error {
	if n.PersonID == "" || strings.TrimSpace(n.Title) == "" {
		return kehoach.Errorf(kehoach.EINVALID, "Thông báo thiếu người nhận hoặc tiêu đề.")
	}
	n.ID, n.CreatedAt, n.ReadAt = NewID(), tx.Now, nil
	if _, err := tx.exec(`INSERT INTO notifications (`+notificationCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ID, n.PersonID, n.PlanID, n.UnitID, n.Title, n.Body, n.Link, n.CreatedAt, nil); err != nil {
		return err
	}
	return tx.addUnread(n.PersonID, 1)
}

// CreateNotification puts a message in a person's inbox.
func (db *DB) CreateNotification(ctx context.Context, n *notify.Notification) error {
	return db.InTx(ctx, func(tx *Tx) error {
		if err := insertNotification(tx, n); err != nil {
			return err
		}
		return tx.audit("notification.create", "notification", n.ID, n.PlanID, "Gửi thông báo: "+n.Title, nil,
			map[string]any{"personId": n.PersonID, "title": n.Title})
	})
}

// FindNotifications returns a person's notifications, newest first; only
// the unread ones when unreadOnly.
func (db *DB) FindNotifications(ctx context.Context, personID string, unreadOnly bool, most int) ([]*notify.Notification, error) {
	unread := cond{}
	if unreadOnly {
		unread.sql = `read_at IS NULL`
	}
	w, args := where(eq("person_id", &personID), unread)
	rows, err := db.query(ctx, `SELECT `+notificationCols+` FROM notifications`+w+` ORDER BY created_at DESC, id DESC`+limit(most), args...)
	return scanAll(rows, err, scanNotification)
}

// FindNotificationsPage returns at most most of a person's notifications,
// newest first, after skipping the first skip.
func (db *DB) FindNotificationsPage(ctx context.Context, personID string, skip, most int) ([]*notify.Notification, error) {
	rows, err := db.query(ctx, fmt.Sprintf(`SELECT `+notificationCols+` FROM notifications WHERE person_id = ? ORDER BY created_at DESC, id DESC LIMIT %d OFFSET %d`,
		max(most, 1), max(skip, 0)), personID)
	return scanAll(rows, err, scanNotification)
}

// CountNotifications returns how many notifications the person has.
func (db *DB) CountNotifications(ctx context.Context, personID string) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE person_id = ?`, personID).Scan(&n)
	return n, err
}

// MarkAllNotificationsRead marks every unread notification of the actor of
// ctx read and returns how many it marked.
func (db *DB) MarkAllNotificationsRead(ctx context.Context) (int, error) {
	return inTx(db, ctx, func(tx *Tx) (int, error) {
		res, err := tx.exec(`UPDATE notifications SET read_at = ? WHERE person_id = ? AND read_at IS NULL`, tx.Now, tx.Actor.ID())
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return int(n), err
		}
		if err := tx.addUnread(tx.Actor.ID(), -n); err != nil {
			return 0, err
		}
		return int(n), tx.audit("notification.read_all", "person", tx.Actor.ID(), "", fmt.Sprintf("Đánh dấu đã đọc %d thông báo", n), nil, map[string]any{"readAt": tx.Now, "count": n})
	})
}

// CountUnreadNotifications returns how many notifications the person has
// not read.
func (db *DB) CountUnreadNotifications(ctx context.Context, personID string) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT unread FROM notice_unread WHERE person_id = ?`, personID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return max(n, 0), err
}

// addUnread changes the person's count of unread notifications by d, in
// the transaction that adds or reads them.
func (tx *Tx) addUnread(personID string, d int64) error {
	_, err := tx.exec(`INSERT INTO notice_unread (person_id, unread) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET unread = notice_unread.unread + excluded.unread`, personID, d)
	return err
}

// FindNotification returns one notification.
func (db *DB) FindNotification(ctx context.Context, id string) (*notify.Notification, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+notificationCols+` FROM notifications WHERE id = ?`, id), scanNotification, "thông báo")
}

// MarkNotificationRead marks a notification read (the caller has checked
// that it is the actor's); marking it again changes nothing.
func (db *DB) MarkNotificationRead(ctx context.Context, id string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		n, err := scanOne(tx.queryRow(`SELECT `+notificationCols+` FROM notifications WHERE id = ?`, id), scanNotification, "thông báo")
		if err != nil {
			return err
		}
		if set, err := tx.stampOnce("notifications", "read_at", id); err != nil || !set {
			return err
		}
		if err := tx.addUnread(n.PersonID, -1); err != nil {
			return err
		}
		return tx.audit("notification.read", "notification", id, n.PlanID, "Đã đọc thông báo: "+n.Title, nil, map[string]any{"readAt": tx.Now})
	})
}

// stampOnce sets the time column col of row id of table to the
// transaction's time unless it is set already, and tells whether it did.
func (tx *Tx) stampOnce(table, col, id string) (bool, error) {
	res, err := tx.exec(`UPDATE `+table+` SET `+col+` = ? WHERE id = ? AND `+col+` IS NULL`, tx.Now, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

const feedCols = `id, scope, scope_id, person_id, created_at, revoked_at`

func scanFeed(sc scanner) (*notify.CalendarFeed, error) {
	var f notify.CalendarFeed
	var scope string
	var created, revoked nullTime
	if err := sc.Scan(&f.ID, &scope, &f.ScopeID, &f.PersonID, &created, &revoked); err != nil {
		return nil, err
	}
	f.Scope, f.CreatedAt, f.RevokedAt = notify.FeedScope(scope), created.T, revoked.ptr()
	return &f, nil
}

// CreateCalendarFeed gives f.PersonID a secret calendar address for a unit
// or a plan and returns its token, which is shown once: only its hash is
// kept. The caller has checked the scope.
func (db *DB) CreateCalendarFeed(ctx context.Context, f *notify.CalendarFeed) (token string, err error) {
	token = notify.NewFeedToken()
	err = db.InTx(ctx, func(tx *Tx) error {
		f.ID, f.CreatedAt, f.RevokedAt = NewID(), tx.Now, nil
		if _, err := tx.exec(`INSERT INTO calendar_feeds (id, token_hash, scope, scope_id, person_id, created_at, revoked_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, f.ID, notify.HashFeedToken(token), string(f.Scope), f.ScopeID, f.PersonID, f.CreatedAt, nil); err != nil {
			return err
		}
		planID := ""
		if f.Scope == notify.ScopePlan {
			planID = f.ScopeID
		}
		return tx.audit("calendar.create", "calendar_feed", f.ID, planID, "Tạo địa chỉ lịch riêng", nil,
			map[string]any{"scope": f.Scope, "scopeId": f.ScopeID, "personId": f.PersonID})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// FindCalendarFeedByToken returns the live feed whose token this is; a
// revoked or unknown token is not found.
func (db *DB) FindCalendarFeedByToken(ctx context.Context, token string) (*notify.CalendarFeed, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+feedCols+` FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL`, notify.HashFeedToken(token)), scanFeed, "lịch")
}

// FindCalendarFeeds returns a person's calendar addresses, revoked ones
// included, newest first.
func (db *DB) FindCalendarFeeds(ctx context.Context, personID string) ([]*notify.CalendarFeed, error) {
	rows, err := db.query(ctx, `SELECT `+feedCols+` FROM calendar_feeds WHERE person_id = ? ORDER BY created_at DESC, id DESC`, personID)
	return scanAll(rows, err, scanFeed)
}

// FindCalendarFeed returns one calendar address, revoked or not.
func (db *DB) FindCalendarFeed(ctx context.Context, id string) (*notify.CalendarFeed, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+feedCols+` FROM calendar_feeds WHERE id = ?`, id), scanFeed, "lịch")
}

// RevokeCalendarFeed turns a calendar address off for good (the caller has
// checked who may).
func (db *DB) RevokeCalendarFeed(ctx context.Context, id string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		if _, err := scanOne(tx.queryRow(`SELECT `+feedCols+` FROM calendar_feeds WHERE id = ?`, id), scanFeed, "lịch"); err != nil {
			return err
		}
		if set, err := tx.stampOnce("calendar_feeds", "revoked_at", id); err != nil || !set {
			return err
		}
		return tx.audit("calendar.revoke", "calendar_feed", id, "", "Thu hồi địa chỉ lịch riêng", nil, map[string]any{"revokedAt": tx.Now})
	})
}
