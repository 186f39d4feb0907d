package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// nextYearForm asks the year of next year's copy of a plan.
type nextYearForm struct {
	Plan     *kehoach.Plan
	Year     string
	Problems map[string]string
}

func (s *server) nextYearPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.Ops.CopyablePlan(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := &nextYearForm{Plan: p}
	if p.Year != nil {
		f.Year = strconv.Itoa(*p.Year + 1)
	}
	return s.show(w, r, "nextyear", Translate(langOf(r), "Tạo kế hoạch năm sau"), f)
}

func (s *server) nextYear(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.Ops.CopyablePlan(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := &nextYearForm{Plan: p, Year: strings.TrimSpace(r.PostFormValue("year"))}
	var in ops.NextYearInput
	if f.Year != "" {
		n, convErr := strconv.Atoi(f.Year)
		if convErr != nil {
			err = kehoach.Invalid(map[string]string{"year": "Năm phải là số, ví dụ 2024."})
		}
		in.Year = &n
	}
	var res *ops.NextYearResult
	if err == nil {
		res, err = s.Ops.NextYear(r.Context(), a, p.ID, in)
	}
	if err == nil {
		http.Redirect(w, r, "/plans/"+res.ID, http.StatusSeeOther)
		return nil
	}
	f.Problems = map[string]string{}
	if err := addProblems(f.Problems, err); err != nil {
		return err
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, statusOf(kehoach.ErrorCode(err)), "nextyear", s.newPage(r, Translate(langOf(r), "Tạo kế hoạch năm sau"), f))
	return nil
}
