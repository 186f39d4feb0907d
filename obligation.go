package kehoach

import (
	"context"
	"strings"
	"time"
)

// ObligationKind is what a unit owes.
type ObligationKind string

// The kinds of reporting obligations.
const (
	KindAcknowledgement ObligationKind = "acknowledgement" // xác nhận đã nhận kế hoạch
	KindBriefing        ObligationKind = "briefing"        // xác nhận đã quán triệt
	KindProgress        ObligationKind = "progress"        // báo cáo tiến độ (định kỳ)
	KindFinal           ObligationKind = "final"           // báo cáo kết quả
)

// ObligationKinds lists the kinds in the order a plan goes through them.
var ObligationKinds = []ObligationKind{KindAcknowledgement, KindBriefing, KindProgress, KindFinal}

// ObligationStatus is computed from an obligation's dates, never typed.
type ObligationStatus string

// The statuses shown on the monitoring page.
const (
	StatusNotDue    ObligationStatus = "not_due"
	StatusDueSoon   ObligationStatus = "due_soon"
	StatusLate      ObligationStatus = "late"
	StatusSubmitted ObligationStatus = "submitted"
	StatusReturned  ObligationStatus = "returned"
	StatusAccepted  ObligationStatus = "accepted"
)

// DueSoonDays is how many days before its due date an obligation is "due soon".
const DueSoonDays = 3

// Obligation is one thing a unit owes for a plan: one per unit × task (or
// the plan) × period × kind, each with its own due date. Whether it was
// received, on time or late is computed from the dates kept here.
type Obligation struct {
	ID     string         `json:"id"`
	PlanID string         `json:"planId"`
	UnitID string         `json:"unitId"`
	TaskID string         `json:"taskId,omitempty"`
	Kind   ObligationKind `json:"kind"`
	// PeriodStart and PeriodEnd bound the reporting period (YYYY-MM-DD);
	// for a progress report the data cut-off is PeriodEnd.
	PeriodStart string `json:"periodStart,omitempty"`
	PeriodEnd   string `json:"periodEnd,omitempty"`
	Due         string `json:"due"` // YYYY-MM-DD
	// SubmittedAt is when the unit first fulfilled it (acknowledged,
	// confirmed the briefing, or submitted a report); nil when not yet.
	SubmittedAt *time.Time `json:"submittedAt,omitempty"`
	// FirstSubmittedAt is the first answer; "on time" is judged by it.
	FirstSubmittedAt *time.Time `json:"firstSubmittedAt,omitempty"`
	ReturnedAt       *time.Time `json:"returnedAt,omitempty"`
	AcceptedAt       *time.Time `json:"acceptedAt,omitempty"`
	// ReportID is the unit report that answers it, when it is a report.
	ReportID  string    `json:"reportId,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
}

// Zone is the time zone of Vietnamese agencies; due dates end at midnight
// there.
var Zone = time.FixedZone("ICT", 7*3600)

// DueEnd returns the end of the due day, in [Zone].
func (o *Obligation) DueEnd() time.Time {
	d, err := time.ParseInLocation(time.DateOnly, o.Due, Zone)
	if err != nil {
		return time.Time{}
	}
	return d.AddDate(0, 0, 1)
}

// Status computes the obligation's status at now.
func (o *Obligation) Status(now time.Time) ObligationStatus {
	return o.statusAt(now, o.DueEnd)
}

// statusAt is Status with the end of the due day given by dueEnd (read
// only when needed).
func (o *Obligation) statusAt(now time.Time, dueEnd func() time.Time) ObligationStatus {
	switch {
	case o.AcceptedAt != nil:
		return StatusAccepted
	case o.ReturnedAt != nil && (o.SubmittedAt == nil || !o.SubmittedAt.After(*o.ReturnedAt)):
		return StatusReturned
	case o.SubmittedAt != nil:
		return StatusSubmitted
	}
	end := dueEnd()
	switch {
	case !now.Before(end):
		return StatusLate
	case now.After(end.AddDate(0, 0, -DueSoonDays-1)):
		return StatusDueSoon
	}
	return StatusNotDue
}

// Received reports whether the unit has answered (whatever the Office did).
func (o *Obligation) Received() bool { return o.SubmittedAt != nil }

// OnTime reports whether the first answer came by the end of the due day.
func (o *Obligation) OnTime() bool { return o.onTime(o.DueEnd()) }

func (o *Obligation) onTime(dueEnd time.Time) bool {
	first := o.FirstSubmittedAt
	if first == nil {
		first = o.SubmittedAt
	}
	return first != nil && first.Before(dueEnd)
}

// DaysLate returns how many whole days past due the obligation is at now
// (0 when not late).
func (o *Obligation) DaysLate(now time.Time) int {
	if o.Status(now) != StatusLate {
		return 0
	}
	return daysLate(now, o.DueEnd())
}

func daysLate(now, dueEnd time.Time) int { return int(now.Sub(dueEnd).Hours()/24) + 1 }

// Acknowledgement records that a unit received an issued plan.
type Acknowledgement struct {
	PlanID     string    `json:"planId"`
	UnitID     string    `json:"unitId"`
	PersonID   string    `json:"personId"`
	PersonName string    `json:"personName"`
	At         time.Time `json:"at"`
}

// Briefing records how a unit briefed its staff on the plan ("quán triệt").
type Briefing struct {
	ID     string `json:"id"`
	PlanID string `json:"planId"`
	UnitID string `json:"unitId"`
	// Date is when the briefing took place, YYYY-MM-DD.
	Date string `json:"date"`
	// Method: a meeting, a dispatch, the internal network, …
	Method       string    `json:"method"`
	Participants int       `json:"participants"`
	Note         string    `json:"note"`
	RecordedBy   string    `json:"recordedBy"`
	RecordedAt   time.Time `json:"recordedAt"`
}

// Validate checks a briefing.
func (b *Briefing) Validate(plan *Plan, now time.Time) error {
	f := problems{}
	if d, err := time.Parse(time.DateOnly, b.Date); err != nil {
		f["date"] = "Ngày quán triệt không hợp lệ."
	} else if d.After(now.In(Zone).AddDate(0, 0, 1)) {
		f["date"] = "Ngày quán triệt không thể ở tương lai."
	} else if d.Year() < 2000 {
		f["date"] = "Ngày quán triệt không hợp lệ."
	}
	if b.Method == "" {
		f["method"] = "Nhập hình thức quán triệt (họp, văn bản, …)."
	} else if len([]rune(b.Method)) > 200 {
		f["method"] = "Hình thức dài quá 200 ký tự."
	}
	if b.Participants < 1 {
		f["participants"] = "Số người được quán triệt phải lớn hơn 0."
	} else if b.Participants > 100000 {
		f["participants"] = "Số người quá lớn."
	}
	if len([]rune(b.Note)) > 2000 {
		f["note"] = "Ghi chú dài quá 2000 ký tự."
	}
	return f.err()
}

// ObligationFilter selects obligations.
type ObligationFilter struct {
	PlanID *string
	UnitID *string
	Kind   *ObligationKind
}

// ObligationService reads obligations.
type ObligationService interface {
	FindObligations(ctx context.Context, f ObligationFilter) ([]*Obligation, error)
}

// ReportingPeriod is one periodic reporting period with its due date.
type ReportingPeriod struct {
	Start string `json:"start"` // YYYY-MM-DD
	End   string `json:"end"`
	Due   string `json:"due"`
}

// ProgressPeriods returns the monthly progress-report periods between start
// and end (YYYY-MM-DD), following the cut-off rule for periodic reports: a
// month's data runs from the 15th of the previous month to the 14th, and the
// report is due on the 15th. A task that runs one month or less has none:
// its result report is enough.
func ProgressPeriods(start, end string) []ReportingPeriod {
	s, err1 := time.Parse(time.DateOnly, start)
	e, err2 := time.Parse(time.DateOnly, end)
	if err1 != nil || err2 != nil || !e.After(s.AddDate(0, 1, 0)) {
		return nil
	}
	var out []ReportingPeriod
	// The first cut-off: the 14th on or after the start.
	cut := time.Date(s.Year(), s.Month(), 14, 0, 0, 0, 0, time.UTC)
	if cut.Before(s) {
		cut = cut.AddDate(0, 1, 0)
	}
	for ; cut.Before(e) && len(out) < 120; cut = cut.AddDate(0, 1, 0) {
		from := cut.AddDate(0, -1, 1)
		if from.Before(s) {
			from = s
		}
		out = append(out, ReportingPeriod{Start: from.Format(time.DateOnly), End: cut.Format(time.DateOnly), Due: cut.AddDate(0, 0, 1).Format(time.DateOnly)})
	}
	return out
}

// DefaultRecipients returns the internal units a plan goes to by default:
// every office, division, affiliated unit and union of the agency, except
// the board of directors, which signs it.
func DefaultRecipients(tree *OrgTree, agencyID string) []string {
	var out []string
	for _, u := range tree.Units() {
		if u.ID == agencyID || !tree.IsWithin(u.ID, agencyID) {
			continue
		}
		switch u.Kind {
		case UnitOffice, UnitDivision, UnitAffiliated, UnitUnion:
			if strings.HasPrefix(u.Name, "Ban Giám đốc") {
				continue
			}
			out = append(out, u.ID)
		}
	}
	return out
}

// ShortTitle returns the first clause of a duty's text, for a task title.
func ShortTitle(text string) string {
	text = strings.TrimSpace(text)
	for _, sep := range []string{". ", "; ", ": "} {
		if i := strings.Index(text, sep); i > 0 {
			text = text[:i]
		}
	}
	text = strings.TrimSuffix(strings.TrimSuffix(text, "."), "./")
	if r := []rune(text); len(r) > 160 {
		cut := string(r[:160])
		if i := strings.LastIndex(cut, " "); i > 80 {
			cut = cut[:i]
		}
		text = cut + "…"
	}
	return text
}
