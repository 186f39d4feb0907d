package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// RunnerConfig sets up a [Runner]; every field may be left zero.
type RunnerConfig struct {
	// Rule is the schedule of plans whose Source gives none; DefaultRule
	// when zero.
	Rule *Rule
	// BaseURL is the address of the site, such as
	// https://kehoach.so.gov.vn, for links in e-mail; without it the
	// e-mail carries no link.
	BaseURL string
	// Clock tells the time of manual reminders; the system clock when nil.
	Clock kehoach.Clock
	// Logger receives what goes wrong in the background; discarded when
	// nil.
	Logger *slog.Logger
	// MaxAttempts is how many times an e-mail is tried before it fails
	// for good; 5 when zero.
	MaxAttempts int
	// Lease is how long a claimed reminder is held before another
	// process may take it; 5 minutes when zero.
	Lease time.Duration
}

// Runner sends reminders: on each tick it plans the reminders of every
// open obligation, queues them durably, and delivers what is due.
//
// Delivery is at least once: the queue never holds a reminder twice, and a
// reminder is marked delivered in the same transaction that puts it in the
// person's inbox; an e-mail accepted by the server just before a crash,
// before it was marked, is sent again once its lease runs out.
type Runner struct {
	store  Store
	source Source
	mailer Mailer
	cfg    RunnerConfig
	rule   Rule
	log    *slog.Logger
}

// NewRunner returns a runner over store and source. With a nil mailer only
// in-app reminders are sent.
func NewRunner(store Store, source Source, mailer Mailer, cfg RunnerConfig) *Runner {
	r := &Runner{store: store, source: source, mailer: mailer, cfg: cfg, rule: DefaultRule, log: cfg.Logger}
	if cfg.Rule != nil {
		r.rule = *cfg.Rule
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.cfg.Clock == nil {
		r.cfg.Clock = kehoach.SystemClock
	}
	if r.cfg.MaxAttempts <= 0 {
		r.cfg.MaxAttempts = 5
	}
	if r.cfg.Lease <= 0 {
		r.cfg.Lease = 5 * time.Minute
	}
	r.cfg.BaseURL = strings.TrimRight(r.cfg.BaseURL, "/")
	return r
}

// Run ticks now and then every interval until ctx ends, logging what goes
// wrong; it returns nil when ctx ends.
func (r *Runner) Run(ctx context.Context, every time.Duration, clock kehoach.Clock) error {
	if clock == nil {
		clock = kehoach.SystemClock
	}
	t := time.NewTicker(every)
	defer t.Stop()
	tick := func(ctx context.Context) error { return r.Tick(ctx, clock.Now()) }
	for {
		var err error
		if a, ok := r.store.(Alone); ok {
			var ran bool
			if ran, err = a.RunAlone(ctx, "reminders", tick); err == nil && !ran {
				r.log.Debug("reminders: another process is running them")
			}
		} else {
			err = tick(ctx)
		}
		if err != nil && ctx.Err() == nil {
			r.log.Error("reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Alone is an optional interface of a [Store] that several processes
// share: RunAlone runs fn unless another process is running the work named
// name, and tells whether it ran. [Runner.Run] ticks through it, so that
// one process at a time plans and delivers the reminders.
type Alone interface {
	RunAlone(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error)
}

// Tick plans and queues the reminders due by now, then delivers the
// queue. A failure with one obligation does not stop the others; the
// errors are returned together.
func (r *Runner) Tick(ctx context.Context, now time.Time) error {
	err1 := r.Schedule(ctx, now)
	err2 := r.Deliver(ctx, now)
	return errors.Join(err1, err2)
}

// Schedule plans the reminders of every open obligation at now and queues
// those not queued before.
func (r *Runner) Schedule(ctx context.Context, now time.Time) error {
	dues, err := r.source.OpenDues(ctx)
	if err != nil {
		return fmt.Errorf("open obligations: %w", err)
	}
	rules := map[string]Rule{}
	type rk struct {
		unit  string
		level Level
	}
	recipients := map[rk][]Recipient{}
	var errs []error
	for _, d := range dues {
		if d.Done {
			continue
		}
		rule, ok := rules[d.PlanID]
		if !ok {
			rule = r.rule
			if rs, isRS := r.source.(RuleSource); isRS {
				if rule, err = rs.RuleFor(ctx, d.PlanID); err != nil {
					errs = append(errs, fmt.Errorf("rule of plan %s: %w", d.PlanID, err))
					continue
				}
			}
			rules[d.PlanID] = rule
		}
		// One reminder per person (and per mailbox) for this obligation
		// however many roles or lists bring them in: the head's words
		// before the unit's, the unit's before the Office's flag.
		planned := Plan(rule, d, now)
		sort.SliceStable(planned, func(i, j int) bool { return levelRank(planned[i].Level) < levelRank(planned[j].Level) })
		seen := reached{}
		var batch []*Reminder
		for _, p := range planned {
			k := rk{d.UnitID, p.Level}
			to, ok := recipients[k]
			if !ok {
				if to, err = r.source.Recipients(ctx, d.UnitID, p.Level); err != nil {
					errs = append(errs, fmt.Errorf("recipients of %s (%s): %w", d.UnitID, p.Level, err))
					continue
				}
				recipients[k] = to
			}
			p.Subject, p.Message = r.words(p, d)
			p.Link = dueLink(d)
			for _, rc := range to {
				batch = append(batch, r.channels(p, rc, p.Level != LevelOfficeFlag, seen)...)
			}
		}
		if len(batch) == 0 {
			continue
		}
		if _, err := r.store.EnqueueReminders(ctx, batch); err != nil {
			errs = append(errs, fmt.Errorf("queue reminders of %s: %w", d.ObligationID, err))
		}
	}
	return errors.Join(errs...)
}

// levelRank orders the levels of one obligation's reminders for a person
// reached by several: the head's, then the unit's, then the Office's flag.
func levelRank(l Level) int {
	switch l {
	case LevelUnitHead:
		return 0
	case LevelUnit:
		return 1
	}
	return 2
}

// reached records who an event has reached already: person ids in the app,
// addresses by e-mail.
type reached map[string]bool

// channels turns a reminder into one per channel for a recipient not
// reached before: in the app for a person, by e-mail when the recipient
// has an address, a mailer is set and mail is wanted.
func (r *Runner) channels(p Reminder, rc Recipient, mail bool, seen reached) []*Reminder {
	var out []*Reminder
	if rc.PersonID != "" && !seen["app|"+rc.PersonID] {
		seen["app|"+rc.PersonID] = true
		c := p
		c.Recipient, c.RecipientName, c.Email, c.Channel = rc.PersonID, rc.Name, rc.Email, ChannelApp
		c.Key = p.Key + "|" + rc.PersonID + "|app"
		out = append(out, &c)
	}
	addr := strings.ToLower(strings.TrimSpace(rc.Email))
	if addr != "" && mail && r.mailer != nil && !seen["email|"+addr] {
		seen["email|"+addr] = true
		c := p
		c.Recipient, c.RecipientName, c.Email, c.Channel = rc.PersonID, rc.Name, rc.Email, ChannelEmail
		if c.Recipient == "" {
			c.Recipient = rc.Email
		}
		c.Key = p.Key + "|" + addr + "|email"
		out = append(out, &c)
	}
	return out
}

// dueLink is where the unit answers an obligation: its report form for a
// report, the plan (to confirm) otherwise.
func dueLink(d Due) string {
	switch {
	case d.ObligationID != "" && (d.Kind == string(kehoach.KindProgress) || d.Kind == string(kehoach.KindFinal)):
		return "/obligations/" + d.ObligationID + "/report"
	case d.PlanID != "":
		return "/plans/" + d.PlanID
	}
	return ""
}

// words writes the subject and the message of a planned reminder.
func (r *Runner) words(p Reminder, d Due) (subject, message string) {
	subject = "Đôn đốc: " + strings.TrimSuffix(p.Reason, ".")
	var ask string
	switch {
	case p.Level == LevelOfficeFlag:
		subject = "Cần theo dõi: " + strings.TrimSuffix(p.Reason, ".")
		ask = "Đề nghị Văn phòng liên hệ đơn vị để đôn đốc hoặc báo cáo Lãnh đạo Sở."
	case p.Level == LevelUnitHead:
		subject = "Đôn đốc (gửi thủ trưởng đơn vị): " + strings.TrimSuffix(p.Reason, ".")
		ask = "Thư này gửi đồng chí là thủ trưởng đơn vị vì nhiệm vụ đã quá hạn. Đề nghị đồng chí chỉ đạo hoàn thành ngay và cập nhật trên hệ thống."
	case strings.HasPrefix(p.Step, "late-"):
		ask = "Đề nghị đơn vị khẩn trương hoàn thành và cập nhật kết quả trên hệ thống."
	default:
		ask = "Đề nghị đơn vị hoàn thành và cập nhật kết quả trên hệ thống đúng hạn."
	}
	if todo := whatToDo(d.Kind); todo != "" && p.Level != LevelOfficeFlag {
		ask += " " + todo
	}
	return subject, p.Reason + "\n\n" + ask
}

// whatToDo says in one sentence how an obligation of kind is answered.
func whatToDo(kind string) string {
	switch kehoach.ObligationKind(kind) {
	case kehoach.KindAcknowledgement:
		return "Cách làm: mở kế hoạch và bấm «Xác nhận đã nhận»."
	case kehoach.KindBriefing:
		return "Cách làm: mở kế hoạch và bấm «Xác nhận quán triệt»."
	case kehoach.KindProgress, kehoach.KindFinal:
		return "Cách làm: mở báo cáo, nhập kết quả và bấm «Gửi báo cáo»."
	}
	return ""
}

// Deliver sends every queued reminder due at now, claiming them in
// batches so that another process running at the same time sends none of
// them twice.
func (r *Runner) Deliver(ctx context.Context, now time.Time) error {
	const batch = 50
	var errs []error
	for round := 0; round < 1000; round++ {
		claimed, err := r.store.ClaimReminders(ctx, now, batch, r.cfg.Lease)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		for _, rm := range claimed {
			if err := r.deliver(ctx, rm, now); err != nil {
				errs = append(errs, err)
			}
		}
		if len(claimed) < batch || ctx.Err() != nil {
			break
		}
	}
	return errors.Join(errs...)
}

func (r *Runner) deliver(ctx context.Context, rm *Reminder, now time.Time) error {
	switch rm.Channel {
	case ChannelApp:
		n := &Notification{PersonID: rm.Recipient, PlanID: rm.PlanID, UnitID: rm.UnitID, Title: rm.Subject, Body: rm.Message, Link: rm.Link}
		return r.store.MarkReminderDelivered(ctx, rm.ID, n)
	case ChannelEmail:
		if r.mailer == nil {
			// E-mail is simply off: set aside, not a failure.
			if p, ok := r.store.(Parker); ok {
				return p.ParkReminder(ctx, rm.ID, MailOff)
			}
			retry := now.Add(time.Hour)
			return r.store.MarkReminderFailed(ctx, rm.ID, "Chưa cấu hình máy chủ thư.", &retry)
		}
		m := *rm
		if r.cfg.BaseURL != "" && strings.HasPrefix(m.Link, "/") {
			m.Link = r.cfg.BaseURL + m.Link
		} else {
			m.Link = ""
		}
		err := r.mailer.Send(ctx, composeMail(&m))
		if err == nil {
			return r.store.MarkReminderDelivered(ctx, rm.ID, nil)
		}
		r.log.Warn("reminder e-mail failed", "to", rm.Email, "attempt", rm.Attempts+1, "err", err)
		var retry *time.Time
		if !IsPermanent(err) && rm.Attempts+1 < r.cfg.MaxAttempts {
			// 5, 10, 20, 40 minutes …
			t := now.Add(5 * time.Minute << rm.Attempts)
			retry = &t
		}
		return r.store.MarkReminderFailed(ctx, rm.ID, err.Error(), retry)
	}
	return r.store.MarkReminderFailed(ctx, rm.ID, fmt.Sprintf("Kênh gửi không hợp lệ: %q.", rm.Channel), nil)
}

// Manual is a reminder the Office writes itself.
type Manual struct {
	PlanID       string
	UnitID       string
	ObligationID string
	// Label names what is urged, for the subject.
	Label   string
	Message string
	// Key, when set, makes the request idempotent: a form sent twice with
	// the same key queues one reminder.
	Key string
}

// Validate checks a manual reminder.
func (m Manual) Validate() error {
	f := map[string]string{}
	if m.UnitID == "" {
		f["unitId"] = "Chọn đơn vị cần đôn đốc."
	}
	if msg := strings.TrimSpace(m.Message); msg == "" {
		f["message"] = "Nhập nội dung đôn đốc."
	} else if len([]rune(msg)) > 4000 {
		f["message"] = "Nội dung đôn đốc dài quá 4000 ký tự."
	}
	if len(f) > 0 {
		return kehoach.Invalid(f)
	}
	return nil
}

// SendManual queues the Office's own reminder to a unit's people, in the
// app and by e-mail, and delivers it at once. The actor comes from ctx and
// must be the Office of the unit's agency (or the system). It returns the
// reminders queued.
func (r *Runner) SendManual(ctx context.Context, m Manual) ([]*Reminder, error) {
	a := kehoach.ActorFromContext(ctx)
	if a == nil || a.Person == nil {
		return nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	if !a.IsSystem() && !(a.Has(kehoach.RoleOffice) && a.CanReadUnitWork(m.UnitID)) {
		return nil, kehoach.Errorf(kehoach.EFORBIDDEN, "Chỉ Văn phòng được đôn đốc đơn vị này.")
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	to, err := r.source.Recipients(ctx, m.UnitID, LevelUnit)
	if err != nil {
		return nil, err
	}
	if len(to) == 0 {
		return nil, kehoach.Errorf(kehoach.EINVALID, "Đơn vị chưa có người nhận nhắc việc.")
	}
	now := r.cfg.Clock.Now()
	key := m.Key
	if key == "" {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		key = hex.EncodeToString(b)
	}
	subject := "Văn phòng đôn đốc thực hiện kế hoạch"
	if m.Label != "" {
		subject = "Văn phòng đôn đốc: " + m.Label
	}
	base := Reminder{
		Key: "manual|" + key, ObligationID: m.ObligationID, PlanID: m.PlanID, UnitID: m.UnitID, Step: "manual",
		Level: LevelUnit, At: now, Reason: subject + ".", Subject: subject,
		Message: strings.TrimSpace(m.Message) + "\n\nNgười gửi: " + a.Name() + ".", CreatedBy: a.ID(),
	}
	if m.PlanID != "" {
		base.Link = "/plans/" + m.PlanID
	}
	seen := reached{}
	var batch []*Reminder
	for _, rc := range to {
		batch = append(batch, r.channels(base, rc, true, seen)...)
	}
	queued, err := r.store.EnqueueReminders(ctx, batch)
	if err != nil {
		return nil, err
	}
	// Delivery may also send other reminders that fell due; it is the
	// system's act, while the queue entries above record who asked.
	if err := r.Deliver(kehoach.NewContextWithActor(ctx, kehoach.SystemActor("nhắc việc")), now); err != nil {
		r.log.Warn("manual reminder delivery", "err", err)
	}
	return queued, nil
}
