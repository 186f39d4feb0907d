package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
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
	inds, err := s.DB.FindIndicators(r.Context())
	if err != nil {
		return err
	}
	d := &indicatorsData{Indicators: inds, CanAdmin: a.CanAdminister(), Form: indicatorForm{Aggregation: string(kehoach.AggSum), Min: "0"}, Saved: r.URL.Query().Get("saved") != ""}
	if code := r.URL.Query().Get("edit"); code != "" && d.CanAdmin {
		if ind := kehoach.IndicatorByCode(inds, code); ind != nil {
			d.Form = indicatorForm{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Aggregation: string(ind.Aggregation),
				Min: strconv.FormatFloat(ind.Min, 'f', -1, 64), Decimal: ind.Decimal, Editing: true}
		}
	}
	s.render(w, r, http.StatusOK, "indicators", s.newPage(r, Translate(langOf(r), "Danh mục chỉ tiêu"), d))
	return nil
}

func (s *server) indicatorSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	if err := parseForm(r); err != nil {
		return err
	}
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := indicatorForm{Code: get("code"), Name: get("name"), Unit: get("unit"), Aggregation: get("aggregation"), Min: get("min"),
		Decimal: r.PostFormValue("decimal") == "on", Editing: r.PostFormValue("editing") == "1"}
	ind := kehoach.Indicator{Code: f.Code, Name: f.Name, Unit: f.Unit, Aggregation: kehoach.Aggregation(f.Aggregation), Decimal: f.Decimal}
	problems := map[string]string{}
	if f.Min != "" {
		v, err := strconv.ParseFloat(strings.ReplaceAll(f.Min, ",", "."), 64)
		if err != nil {
			problems["min"] = "Giới hạn dưới phải là số."
		}
		ind.Min = v
	}
	if len(problems) == 0 {
		if err := s.DB.SaveIndicator(r.Context(), ind); err != nil {
			if err := addProblems(problems, err); err != nil {
				return err
			}
		} else {
			http.Redirect(w, r, "/indicators?saved="+urlQueryEscape(ind.Code), http.StatusSeeOther)
			return nil
		}
	}
	inds, err := s.DB.FindIndicators(r.Context())
	if err != nil {
		return err
	}
	s.translateProblems(r, problems)
	d := &indicatorsData{Indicators: inds, CanAdmin: true, Form: f, Problems: problems}
	s.render(w, r, http.StatusBadRequest, "indicators", s.newPage(r, Translate(langOf(r), "Danh mục chỉ tiêu"), d))
	return nil
}
