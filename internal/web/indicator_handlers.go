package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// indicatorsData is the catalogue page: the list and the add/edit form.
type indicatorsData struct {
	Indicators []kehoach.Indicator
	CanAdmin   bool
	Form       indicatorForm
	Problems   map[string]string
	Saved      bool
}

type indicatorForm struct {
	Code, Name, Unit, Aggregation, Min string
	Decimal, Editing                   bool
}

func (s *server) indicatorsPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	c, err := s.Ops.Catalogue(r.Context(), a)
	if err != nil {
		return err
	}
	inds := c.Indicators
	d := &indicatorsData{Indicators: inds, CanAdmin: c.CanEdit, Form: indicatorForm{Aggregation: string(kehoach.AggSum), Min: "0"}, Saved: r.URL.Query().Get("saved") != ""}
	if code := r.URL.Query().Get("edit"); code != "" && d.CanAdmin {
		if ind := kehoach.IndicatorByCode(inds, code); ind != nil {
			d.Form = indicatorForm{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Aggregation: string(ind.Aggregation),
				Min: strconv.FormatFloat(ind.Min, 'f', -1, 64), Decimal: ind.Decimal, Editing: true}
		}
	}
	return s.show(w, r, "indicators", Translate(langOf(r), "Danh mục chỉ tiêu"), d)
}

func (s *server) indicatorSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := indicatorForm{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Unit: r.PostFormValue("unit"), Aggregation: r.PostFormValue("aggregation"),
		Min: r.PostFormValue("min"), Decimal: r.PostFormValue("decimal") == "on", Editing: r.PostFormValue("editing") == "1"}
	in := ops.IndicatorInput{Indicator: kehoach.Indicator{Code: f.Code, Name: f.Name, Unit: f.Unit, Aggregation: kehoach.Aggregation(strings.TrimSpace(f.Aggregation)), Decimal: f.Decimal}, MinText: f.Min}
	_, err := s.Ops.SaveIndicator(r.Context(), a, in)
	if err == nil {
		http.Redirect(w, r, "/indicators?saved="+urlQueryEscape(strings.TrimSpace(f.Code)), http.StatusSeeOther)
		return nil
	}
	problems := map[string]string{}
	if err := addProblems(problems, err); err != nil {
		return err
	}
	inds, err := s.Ops.Indicators(r.Context(), a)
	if err != nil {
		return err
	}
	s.translateProblems(r, problems)
	d := &indicatorsData{Indicators: inds, CanAdmin: true, Form: f, Problems: problems}
	s.render(w, r, http.StatusBadRequest, "indicators", s.newPage(r, Translate(langOf(r), "Danh mục chỉ tiêu"), d))
	return nil
}
