package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

// targetsForm sets a plan's targets, one field per indicator.
type targetsForm struct {
	Plan       *kehoach.Plan
	Indicators []kehoach.Indicator
	Values     map[string]string
	Problems   map[string]string
}

// Unknown returns the codes typed that are not in the catalogue.
func (f *targetsForm) Unknown() []string { return typedOutside(f.Values, f.Problems, "", f.Indicators) }

// targetsForm returns the targets page of the plan of the path.
func (s *server) targetsForm(r *http.Request, a *kehoach.Actor) (*targetsForm, error) {
	t, err := s.Ops.Targets(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return &targetsForm{Plan: t.Plan, Indicators: t.Indicators, Values: typedFigures(t.Targets), Problems: map[string]string{}}, nil
}

func (s *server) targetsPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.targetsForm(r, a)
	if err != nil {
		return err
	}
	return s.show(w, r, "targets", Translate(langOf(r), "Chỉ tiêu kế hoạch"), f)
}

func (s *server) targetsSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	text := map[string]string{}
	for k := range r.PostForm {
		if code, ok := strings.CutPrefix(k, "target_"); ok {
			text[code] = r.PostFormValue(k)
		}
	}
	_, err := s.Ops.SetTargets(r.Context(), a, r.PathValue("id"), ops.TargetsInput{Text: text})
	if err == nil {
		http.Redirect(w, r, "/plans/"+r.PathValue("id")+"#tasks", http.StatusSeeOther)
		return nil
	}
	f, ferr := s.targetsForm(r, a)
	if ferr != nil {
		return ferr
	}
	if err := addProblems(f.Problems, err); err != nil {
		return err
	}
	for code, v := range text {
		f.Values[code] = strings.TrimSpace(v)
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
		OnDueDay: rule.OnDueDay, Describe: ops.DescribeRule(rule)}
}

func (s *server) rulePage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, rule, err := s.Ops.ReminderRule(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := ruleFormOf(p, rule)
	f.Saved = r.URL.Query().Get("saved") == "1"
	return s.show(w, r, "rule", Translate(langOf(r), "Quy tắc nhắc việc"), f)
}

func (s *server) ruleSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	_, err := s.Ops.SetReminderRule(r.Context(), a, r.PathValue("id"), ops.RuleFromForm(r.PostFormValue))
	if err == nil {
		http.Redirect(w, r, "/plans/"+r.PathValue("id")+"/reminder-rule?saved=1", http.StatusSeeOther)
		return nil
	}
	p, rule, rerr := s.Ops.ReminderRule(r.Context(), a, r.PathValue("id"))
	if rerr != nil {
		return rerr
	}
	f := ruleFormOf(p, rule)
	f.DaysBefore, f.RepeatLateEvery, f.EscalateAfter = r.PostFormValue("daysBefore"), r.PostFormValue("repeatLateEvery"), r.PostFormValue("escalateAfter")
	f.FlagOffice, f.Hour, f.OnDueDay = r.PostFormValue("flagOfficeAfter"), r.PostFormValue("hour"), r.PostFormValue("onDueDay") == "on"
	f.Problems = map[string]string{}
	if err := addProblems(f.Problems, err); err != nil {
		return err
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, http.StatusBadRequest, "rule", s.newPage(r, Translate(langOf(r), "Quy tắc nhắc việc"), f))
	return nil
}
