package notify

import (
	"fmt"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// Rule is a plan's reminder schedule. Days are calendar days in Vietnam;
// the reminders of a day go out from Hour o'clock.
type Rule struct {
	// DaysBefore lists how many days before the due date to remind, such
	// as [3] or [7, 3].
	DaysBefore []int
	// OnDueDay reminds on the due date itself.
	OnDueDay bool
	// RepeatLateEvery repeats the late reminder every so many days, from
	// the first day late; 0 reminds once, on the first day late.
	RepeatLateEvery int
	// EscalateAfter is the number of days late from which each late
	// reminder also goes to the head of the unit; 0 never escalates.
	EscalateAfter int
	// FlagOfficeAfter is the number of days late at which the Office is
	// flagged, once; 0 never flags.
	FlagOfficeAfter int
	// Hour is the local hour (0–23) from which a day's reminders go out,
	// so that nobody is mailed at midnight.
	Hour int
}

// DefaultRule reminds three days before and on the due date, every two
// days once late, escalates to the unit head from the third day late and
// flags the Office on the fifth, at 8 o'clock.
var DefaultRule = Rule{DaysBefore: []int{3}, OnDueDay: true, RepeatLateEvery: 2, EscalateAfter: 3, FlagOfficeAfter: 5, Hour: 8}

// Validate checks the rule and names each problem in Vietnamese.
func (r Rule) Validate() error {
	f := map[string]string{}
	seen := map[int]bool{}
	for _, n := range r.DaysBefore {
		if n < 1 || n > 60 {
			f["daysBefore"] = "Số ngày nhắc trước hạn phải từ 1 đến 60."
		} else if seen[n] {
			f["daysBefore"] = fmt.Sprintf("Số ngày nhắc trước hạn %d bị lặp.", n)
		}
		seen[n] = true
	}
	if r.RepeatLateEvery < 0 || r.RepeatLateEvery > 30 {
		f["repeatLateEvery"] = "Chu kỳ nhắc lại khi quá hạn phải từ 0 đến 30 ngày."
	}
	if r.EscalateAfter < 0 || r.EscalateAfter > 90 {
		f["escalateAfter"] = "Số ngày quá hạn để báo thủ trưởng đơn vị phải từ 0 đến 90."
	}
	if r.FlagOfficeAfter < 0 || r.FlagOfficeAfter > 90 {
		f["flagOfficeAfter"] = "Số ngày quá hạn để báo Văn phòng phải từ 0 đến 90."
	}
	if r.Hour < 0 || r.Hour > 23 {
		f["hour"] = "Giờ gửi nhắc việc phải từ 0 đến 23."
	}
	if len(f) > 0 {
		return kehoach.Invalid(f)
	}
	return nil
}

// Plan returns the reminders that should have gone out by now for d, with
// no recipient yet. Done obligations get none.
//
// Only the most recent step of the schedule is returned, not every step
// missed while the server was down: a unit that is three days late is told
// so once, not also that the due date is near. Each reminder carries a Key
// made of the obligation, the step, the due date and the level, so that the
// queue never records the same step twice however often Plan is called;
// moving the due date starts a fresh schedule. The Office's flag has its
// own step, returned on every call from the day it falls due, and its key
// ensures that it is raised once even if that day itself was missed.
//
// The words say what is true at now: a "3 days before" step sent a day
// late says that two days are left.
func Plan(r Rule, d Due, now time.Time) []Reminder {
	if d.Done || d.Due.IsZero() {
		return nil
	}
	y, m, dd := d.Due.In(kehoach.Zone).Date()
	dueDate := time.Date(y, m, dd, 0, 0, 0, 0, kehoach.Zone)
	at := func(offset int) time.Time {
		return dueDate.AddDate(0, 0, offset).Add(time.Duration(r.Hour) * time.Hour)
	}
	today := dayIndex(now, dueDate) // days after the due date (negative before)

	type step struct {
		name   string
		offset int
	}
	var last *step
	consider := func(s step) {
		if at(s.offset).After(now) {
			return
		}
		if last == nil || s.offset > last.offset {
			last = &s
		}
	}
	for _, n := range r.DaysBefore {
		if n > 0 {
			consider(step{fmt.Sprintf("before-%d", n), -n})
		}
	}
	if r.OnDueDay {
		consider(step{"due", 0})
	}
	// The late days: 1, 1+R, 1+2R, … and the escalation day, so that the
	// head hears of it on the day it falls due.
	if late := dayIndexAt(now, at(0)); late >= 1 {
		k := 1
		if r.RepeatLateEvery > 0 {
			k = 1 + (late-1)/r.RepeatLateEvery*r.RepeatLateEvery
		}
		consider(step{fmt.Sprintf("late-%d", k), k})
		if r.EscalateAfter > 0 && r.EscalateAfter <= late {
			consider(step{fmt.Sprintf("late-%d", r.EscalateAfter), r.EscalateAfter})
		}
	}
	var out []Reminder
	base := Reminder{ObligationID: d.ObligationID, PlanID: d.PlanID, UnitID: d.UnitID}
	if last != nil {
		levels := []Level{LevelUnit}
		if last.offset > 0 && r.EscalateAfter > 0 && last.offset >= r.EscalateAfter {
			levels = append(levels, LevelUnitHead)
		}
		for _, lv := range levels {
			rm := base
			rm.Step, rm.Level, rm.At = last.name, lv, at(last.offset)
			rm.Key = reminderKey(d, rm.Step, lv)
			rm.Reason = reason(d, today, lv)
			out = append(out, rm)
		}
	}
	if r.FlagOfficeAfter > 0 && !at(r.FlagOfficeAfter).After(now) {
		rm := base
		rm.Step, rm.Level, rm.At = "flag", LevelOfficeFlag, at(r.FlagOfficeAfter)
		rm.Key = reminderKey(d, rm.Step, LevelOfficeFlag)
		rm.Reason = reason(d, today, LevelOfficeFlag)
		out = append(out, rm)
	}
	return out
}

// dayIndex returns the calendar day of now in Vietnam counted from day0
// (midnight there): 0 on day0, 1 the day after, -1 the day before.
func dayIndex(now, day0 time.Time) int {
	y, m, d := now.In(kehoach.Zone).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, kehoach.Zone)
	return int(today.Sub(day0).Round(time.Hour).Hours()) / 24
}

// dayIndexAt returns how many whole days have passed from t0 to now
// (negative before t0). Vietnam keeps no daylight saving, so a day is 24 h.
func dayIndexAt(now, t0 time.Time) int {
	d := now.Sub(t0)
	if d < 0 {
		return -1 - int((-d-1)/(24*time.Hour))
	}
	return int(d / (24 * time.Hour))
}

func reminderKey(d Due, step string, lv Level) string {
	return d.ObligationID + "|" + step + "|" + d.Due.In(kehoach.Zone).Format(time.DateOnly) + "|" + string(lv)
}

// KindName returns the words for an obligation kind in a sentence.
func KindName(kind string) string {
	switch kehoach.ObligationKind(kind) {
	case kehoach.KindAcknowledgement:
		return "xác nhận đã nhận kế hoạch"
	case kehoach.KindBriefing:
		return "xác nhận đã quán triệt kế hoạch"
	case kehoach.KindProgress:
		return "báo cáo tiến độ"
	case kehoach.KindFinal:
		return "báo cáo kết quả"
	}
	return "nhiệm vụ"
}

// reason writes the sentence of a reminder from the state at today (days
// after the due date).
func reason(d Due, today int, lv Level) string {
	what := KindName(d.Kind)
	date := d.Due.In(kehoach.Zone).Format("02/01/2006")
	label := ""
	if d.Label != "" {
		label = ": " + d.Label
	}
	var out string
	switch {
	case lv == LevelOfficeFlag:
		out = fmt.Sprintf("Đã quá hạn %d ngày %s (hạn %s), đề nghị Văn phòng theo dõi, đôn đốc%s.", today, what, date, label)
	case today < 0:
		out = fmt.Sprintf("Còn %d ngày đến hạn %s (hạn %s)%s.", -today, what, date, label)
	case today == 0:
		out = fmt.Sprintf("Đến hạn hôm nay (%s) %s%s.", date, what, label)
	default:
		out = fmt.Sprintf("Đã quá hạn %d ngày %s (hạn %s)%s.", today, what, date, label)
	}
	if d.UnitName == "" {
		return out
	}
	// The unit first: "Phòng Kế hoạch đã quá hạn 3 ngày …".
	r := []rune(out)
	return d.UnitName + " " + strings.ToLower(string(r[0])) + string(r[1:])
}
