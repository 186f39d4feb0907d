package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// targetsForm sets a plan's targets, one field per indicator.
type targetsForm struct {
	Plan       *kehoach.Plan
	Indicators []kehoach.Indicator
	Values     map[string]string
	Problems   map[string]string
}

func (s *server) targetsPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	inds, err := s.DB.FindIndicators(r.Context())
	if err != nil {
		return err
	}
	targets, err := s.DB.FindTargets(r.Context(), p.ID)
	if err != nil {
		return err
	}
	f := &targetsForm{Plan: p, Indicators: inds, Values: map[string]string{}}
	for code, v := range targets {
		f.Values[code] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	s.render(w, r, http.StatusOK, "targets", s.newPage(r, Translate(langOf(r), "Chỉ tiêu kế hoạch"), f))
	return nil
}

func (s *server) targetsSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	inds, err := s.DB.FindIndicators(r.Context())
	if err != nil {
		return err
	}
	f := &targetsForm{Plan: p, Indicators: inds, Values: map[string]string{}, Problems: map[string]string{}}
	targets := map[string]*float64{}
	for _, ind := range inds {
		v := strings.TrimSpace(r.PostFormValue("target_" + ind.Code))
		f.Values[ind.Code] = v
		if v == "" {
			targets[ind.Code] = nil
			continue
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
		if err != nil {
			f.Problems["target_"+ind.Code] = "Giá trị phải là số."
			continue
		}
		targets[ind.Code] = &n
	}
	if len(f.Problems) == 0 {
		if err := s.DB.SetTargets(r.Context(), p.ID, targets); err != nil {
			if err := addProblems(f.Problems, err); err != nil {
				return err
			}
		} else {
			http.Redirect(w, r, "/plans/"+p.ID+"#tasks", http.StatusSeeOther)
			return nil
		}
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, http.StatusBadRequest, "targets", s.newPage(r, Translate(langOf(r), "Chỉ tiêu kế hoạch"), f))
	return nil
}

// ruleForm edits a plan's reminder schedule, with what was typed.
type ruleForm struct {
	Plan                                                   *kehoach.Plan
	DaysBefore, RepeatLateEvery, EscalateAfter, FlagOffice string
	Hour                                                   string
	OnDueDay                                               bool
	Describe                                               string
	Problems                                               map[string]string
	Saved                                                  bool
}

func ruleFormOf(p *kehoach.Plan, rule notify.Rule) *ruleForm {
	days := make([]string, len(rule.DaysBefore))
	for i, d := range rule.DaysBefore {
		days[i] = strconv.Itoa(d)
	}
	return &ruleForm{Plan: p, DaysBefore: strings.Join(days, ", "), RepeatLateEvery: strconv.Itoa(rule.RepeatLateEvery),
		EscalateAfter: strconv.Itoa(rule.EscalateAfter), FlagOffice: strconv.Itoa(rule.FlagOfficeAfter), Hour: strconv.Itoa(rule.Hour),
		OnDueDay: rule.OnDueDay, Describe: sqlstore.DescribeRule(rule)}
}

func (s *server) rulePage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	rule, err := s.DB.ReminderRule(r.Context(), p.ID)
	if err != nil {
		return err
	}
	f := ruleFormOf(p, rule)
	f.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "rule", s.newPage(r, Translate(langOf(r), "Quy tắc nhắc việc"), f))
	return nil
}

func (s *server) ruleSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := &ruleForm{Plan: p, DaysBefore: r.PostFormValue("daysBefore"), RepeatLateEvery: r.PostFormValue("repeatLateEvery"),
		EscalateAfter: r.PostFormValue("escalateAfter"), FlagOffice: r.PostFormValue("flagOfficeAfter"), Hour: r.PostFormValue("hour"),
		OnDueDay: r.PostFormValue("onDueDay") == "on", Problems: map[string]string{}}
	var rule notify.Rule
	rule.OnDueDay = f.OnDueDay
	for _, part := range strings.FieldsFunc(f.DaysBefore, func(c rune) bool { return c == ',' || c == ' ' || c == ';' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			f.Problems["daysBefore"] = "Nhập các số ngày, cách nhau bằng dấu phẩy (ví dụ: 7, 3)."
			break
		}
		rule.DaysBefore = append(rule.DaysBefore, n)
	}
	for name, dst := range map[string]*int{"repeatLateEvery": &rule.RepeatLateEvery, "escalateAfter": &rule.EscalateAfter, "flagOfficeAfter": &rule.FlagOfficeAfter, "hour": &rule.Hour} {
		n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
		if err != nil {
			f.Problems[name] = "Nhập một số nguyên."
			continue
		}
		*dst = n
	}
	if len(f.Problems) == 0 {
		if err := s.DB.SetReminderRule(r.Context(), p.ID, rule); err != nil {
			if err := addProblems(f.Problems, err); err != nil {
				return err
			}
		} else {
			http.Redirect(w, r, "/plans/"+p.ID+"/reminder-rule?saved=1", http.StatusSeeOther)
			return nil
		}
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, http.StatusBadRequest, "rule", s.newPage(r, Translate(langOf(r), "Quy tắc nhắc việc"), f))
	return nil
}
