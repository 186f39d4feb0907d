package ops

import (
	"context"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// Targets is what the targets page shows: the catalogue of indicators and
// the plan's targets by indicator code.
type Targets struct {
	Plan *kehoach.Plan
	IndicatorTargets
}

// IndicatorTargets are the catalogue of indicators and a plan's targets by
// indicator code, as the pages that set targets or effects on them show.
type IndicatorTargets struct {
	Indicators []kehoach.Indicator
	Targets    map[string]float64
}

// indicatorTargets returns the catalogue of indicators and the targets of
// plan planID.
func (s *Service) indicatorTargets(ctx context.Context, planID string) (it IndicatorTargets, err error) {
	if it.Indicators, err = s.store.FindIndicators(ctx); err != nil {
		return it, err
	}
	it.Targets, err = s.store.FindTargets(ctx, planID)
	return it, err
}

// Targets returns the plan's targets for the Office that may set them.
func (s *Service) Targets(ctx context.Context, a *kehoach.Actor, planID string) (*Targets, error) {
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	out := &Targets{Plan: p}
	if out.IndicatorTargets, err = s.indicatorTargets(ctx, p.ID); err != nil {
		return nil, err
	}
	return out, nil
}

// TargetsInput sets several targets of a plan at once: indicator code →
// value; a nil value removes the target. Text holds values typed in a form,
// read (with a decimal comma allowed) by [Service.SetTargets]; an empty
// text removes the target.
type TargetsInput struct {
	Values map[string]*float64
	Text   map[string]string
}

// SetTargets sets the plan's targets and returns them as they now stand.
// Problems are named by the indicator code, the key of the API's body.
func (s *Service) SetTargets(ctx context.Context, a *kehoach.Actor, planID string, in TargetsInput) (map[string]float64, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	inds, err := s.store.FindIndicators(ctx)
	if err != nil {
		return nil, err
	}
	values := map[string]*float64{}
	pr := Problems{}
	for code, v := range in.Values {
		values[code] = v
	}
	for code, text := range in.Text {
		text = strings.TrimSpace(text)
		if text == "" {
			values[code] = nil
			continue
		}
		ind := kehoach.IndicatorByCode(inds, code)
		n, _, err := ReadNumber(text, ind != nil && !ind.Decimal)
		if err != nil {
			pr.Add(code, "Giá trị phải là số.")
			continue
		}
		values[code] = &n
	}
	for code, v := range values {
		ind := kehoach.IndicatorByCode(inds, code)
		switch {
		case ind == nil:
			pr.Add(code, "Chỉ tiêu không có trong danh mục.")
		case v != nil:
			if msg := ind.CheckValue(*v); msg != "" {
				pr.Add(code, msg)
			}
		}
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	if err := s.commit(s.store.SetTargets(as(ctx, a), p.ID, values)); err != nil {
		return nil, err
	}
	return s.store.FindTargets(ctx, p.ID)
}

// ReminderRule returns the plan's reminder schedule (the default when the
// Office has set none) for the Office that may change it.
func (s *Service) ReminderRule(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Plan, notify.Rule, error) {
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, notify.Rule{}, err
	}
	r, err := s.store.ReminderRule(ctx, p.ID)
	return p, r, err
}

// DescribeRule says a reminder schedule in Vietnamese.
func DescribeRule(r notify.Rule) string { return sqlstore.DescribeRule(r) }

// RuleInput is a reminder schedule as the Office gives it. Every field is
// required: a field left out is named as missing rather than read as zero.
type RuleInput struct {
	DaysBefore      *[]int `json:"daysBefore"`
	OnDueDay        *bool  `json:"onDueDay"`
	RepeatLateEvery *int   `json:"repeatLateEvery"`
	EscalateAfter   *int   `json:"escalateAfter"`
	FlagOfficeAfter *int   `json:"flagOfficeAfter"`
	Hour            *int   `json:"hour"`

	// bad holds the problems of text that was not a number (see
	// [RuleFromForm]).
	bad Problems
}

// RuleFromForm reads a reminder schedule typed in a form: daysBefore as
// numbers separated by commas, the others as whole numbers, onDueDay as a
// checkbox ("on"). Text that is not a number is named by
// [Service.SetReminderRule].
func RuleFromForm(get func(string) string) RuleInput {
	in := RuleInput{bad: Problems{}}
	days := []int{}
	for _, part := range strings.FieldsFunc(get("daysBefore"), func(c rune) bool { return c == ',' || c == ' ' || c == ';' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			in.bad.Add("daysBefore", "Nhập các số ngày, cách nhau bằng dấu phẩy (ví dụ: 7, 3).")
			break
		}
		days = append(days, n)
	}
	in.DaysBefore = &days
	due := get("onDueDay") == "on"
	in.OnDueDay = &due
	for name, dst := range map[string]**int{"repeatLateEvery": &in.RepeatLateEvery, "escalateAfter": &in.EscalateAfter,
		"flagOfficeAfter": &in.FlagOfficeAfter, "hour": &in.Hour} {
		v := strings.TrimSpace(get(name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			in.bad.Add(name, "Nhập một số nguyên.")
			continue
		}
		*dst = &n
	}
	return in
}

// Rule checks the input and returns the schedule, naming every missing or
// out-of-range field.
func (in RuleInput) Rule() (notify.Rule, error) {
	pr := Problems{}
	for k, v := range in.bad {
		pr.Add(k, v)
	}
	var r notify.Rule
	if in.DaysBefore == nil {
		pr.Add("daysBefore", "Thiếu số ngày nhắc trước hạn (có thể là danh sách rỗng).")
	} else {
		r.DaysBefore = append([]int{}, *in.DaysBefore...)
	}
	if in.OnDueDay == nil {
		pr.Add("onDueDay", "Thiếu lựa chọn nhắc đúng ngày đến hạn.")
	} else {
		r.OnDueDay = *in.OnDueDay
	}
	for _, f := range []struct {
		name string
		v    *int
		dst  *int
	}{{"repeatLateEvery", in.RepeatLateEvery, &r.RepeatLateEvery}, {"escalateAfter", in.EscalateAfter, &r.EscalateAfter},
		{"flagOfficeAfter", in.FlagOfficeAfter, &r.FlagOfficeAfter}, {"hour", in.Hour, &r.Hour}} {
		if f.v == nil {
			pr.Add(f.name, "Nhập một số nguyên.")
		} else {
			*f.dst = *f.v
		}
	}
	if err := r.Validate(); err != nil {
		for k, v := range kehoach.ErrorFields(err) {
			pr.Add(k, v)
		}
	}
	return r, pr.Err()
}

// SetReminderRule sets the plan's reminder schedule and returns it.
func (s *Service) SetReminderRule(ctx context.Context, a *kehoach.Actor, planID string, in RuleInput) (notify.Rule, error) {
	if err := cleanInput(&in); err != nil {
		return notify.Rule{}, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return notify.Rule{}, err
	}
	r, err := in.Rule()
	if err != nil {
		return notify.Rule{}, err
	}
	if err := s.commit(s.store.SetReminderRule(as(ctx, a), p.ID, r)); err != nil {
		return notify.Rule{}, err
	}
	return r, nil
}
