// Package notify urges units to meet their reporting obligations ("đôn
// đốc"): it works out from a [Rule] which reminders are due, keeps them in a
// durable queue so that none is sent twice or lost across restarts, delivers
// them in the app and by e-mail, and writes iCalendar feeds of due dates and
// events.
//
// The package owns the reminder types and the [Store] interface that
// internal/sqlstore implements; the execution code tells it what is owed
// through a [Source].
package notify

import (
	"context"
	"time"

	"github.com/kehoach/kehoach"
)

// Level says who a reminder is for.
type Level string

// The levels of a reminder, from the first nudge to the Office's flag.
const (
	// LevelUnit goes to the people of the unit who owe the report.
	LevelUnit Level = "unit"
	// LevelUnitHead also goes to the head of the unit once the
	// obligation is late enough.
	LevelUnitHead Level = "unit_head"
	// LevelOfficeFlag marks the obligation for the Office's attention.
	LevelOfficeFlag Level = "office_flag"
)

// Channel is how a reminder reaches its recipient.
type Channel string

// The channels.
const (
	ChannelApp   Channel = "app"
	ChannelEmail Channel = "email"
)

// Status is where a queued reminder stands.
type Status string

// The statuses of a queued reminder. A failed reminder with a NextAttempt
// is tried again at that time; without one it has failed for good.
const (
	StatusPending   Status = "pending"
	StatusDelivered Status = "delivered"
	StatusFailed    Status = "failed"
)

// Due is one open obligation as the reminders see it.
type Due struct {
	ObligationID string
	PlanID       string
	UnitID       string
	// UnitName names the unit that owes it; the reminder begins with it.
	UnitName string
	// Kind is the kind of obligation (see [kehoach.ObligationKind]); it
	// picks the words of the message.
	Kind string
	// Label names the obligation for a person, such as "Báo cáo tiến độ
	// tháng 6/2023 – Kế hoạch 12/KH-SGTVT".
	Label string
	// Due is the due date; only its calendar date in Vietnam counts.
	Due time.Time
	// Done is true once the unit has answered: nothing more is sent.
	Done bool
}

// DueFromObligation returns the [Due] of an obligation at now, with label
// naming it for a person. An obligation counts as done once submitted or
// accepted; a returned one is open again.
func DueFromObligation(o *kehoach.Obligation, label string, now time.Time) Due {
	d, _ := time.ParseInLocation(time.DateOnly, o.Due, kehoach.Zone)
	st := o.Status(now)
	return Due{
		ObligationID: o.ID, PlanID: o.PlanID, UnitID: o.UnitID, Kind: string(o.Kind), Label: label, Due: d,
		Done: st == kehoach.StatusSubmitted || st == kehoach.StatusAccepted,
	}
}

// Recipient is a person (or a shared mailbox, with no PersonID) who
// receives reminders.
type Recipient struct {
	PersonID string
	Name     string
	Email    string
}

// Source tells the [Runner] what is owed and by whom. The execution code
// implements it over the obligations and the organisation.
type Source interface {
	// OpenDues returns every obligation not yet answered (Done may also be
	// set on answered ones; they are skipped).
	OpenDues(ctx context.Context) ([]Due, error)
	// Recipients returns who receives a reminder at level for unitID:
	// the unit's people for [LevelUnit], its head for [LevelUnitHead],
	// the Office of its agency for [LevelOfficeFlag].
	Recipients(ctx context.Context, unitID string, level Level) ([]Recipient, error)
}

// RuleSource is an optional interface of a [Source] that gives each plan
// its own [Rule]. Without it the [Runner] uses its Rule for every plan.
type RuleSource interface {
	RuleFor(ctx context.Context, planID string) (Rule, error)
}

// Reminder is one reminder: planned by [Plan] (without recipient and
// channel), then queued once per recipient and channel.
type Reminder struct {
	ID string
	// Key identifies the reminder for ever: the same key is never queued
	// twice, across restarts and processes.
	Key          string
	ObligationID string
	PlanID       string
	UnitID       string
	// Step names the step of the schedule: "before-3", "due", "late-4",
	// "flag", or "manual".
	Step  string
	Level Level
	// At is when the step fell due.
	At time.Time
	// Recipient is a person id, or an e-mail address when the reminder
	// goes to a mailbox only.
	Recipient     string
	RecipientName string
	Email         string
	Channel       Channel
	// Reason is one sentence in Vietnamese: why this reminder.
	Reason string
	// Subject and Message are what the recipient reads.
	Subject string
	Message string
	Link    string

	Status      Status
	Error       string
	Attempts    int
	NextAttempt *time.Time
	CreatedAt   time.Time
	SentAt      *time.Time
	// CreatedBy is who queued it: "" for the schedule, a person for a
	// manual reminder.
	CreatedBy string
}

// ReminderFilter selects queued reminders; nil fields are not filtered.
type ReminderFilter struct {
	PlanID       *string
	UnitID       *string
	ObligationID *string
	Level        *Level
	Status       *Status
	Limit        int
}

// Notification is a message in a person's in-app inbox.
type Notification struct {
	ID       string
	PersonID string
	PlanID   string
	// UnitID is the unit the notice is about ("" when none).
	UnitID    string
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Store keeps the queue, the inbox and the calendar feeds. Every change
// is recorded in the audit trail.
type Store interface {
	// EnqueueReminders queues the reminders whose Key is new and skips
	// the others silently; it returns the ones queued.
	EnqueueReminders(ctx context.Context, rs []*Reminder) ([]*Reminder, error)
	// ClaimReminders takes up to limit reminders due for an attempt at
	// now and holds them for lease, so that no other process delivers
	// them meanwhile.
	ClaimReminders(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*Reminder, error)
	// MarkReminderDelivered records a delivery; for the app channel it
	// also puts n in the person's inbox, in the same transaction.
	MarkReminderDelivered(ctx context.Context, id string, n *Notification) error
	// MarkReminderFailed records a failed attempt with its error; the
	// reminder is tried again at retryAt, or never when retryAt is nil.
	MarkReminderFailed(ctx context.Context, id string, reason string, retryAt *time.Time) error
	FindReminders(ctx context.Context, f ReminderFilter) ([]*Reminder, error)
}

// Parker is a [Store] that can set aside an e-mail queued while no mail
// server is set: it is not attempted again and is no failure.
type Parker interface {
	ParkReminder(ctx context.Context, id, note string) error
}

// MailOff is the note on an e-mail set aside for want of a mail server.
const MailOff = "Chưa cấu hình máy chủ thư: thư điện tử đang tắt."
