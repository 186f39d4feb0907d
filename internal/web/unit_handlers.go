package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// unitForm adds or edits an organisation unit, with what was typed.
type unitForm struct {
	ID, Name, Abbrev, Kind, ParentID, ValidFrom, ValidTo string
	Email, Phone, Address, Place, SortOrder              string
	Units                                                []orgRow
	Kinds                                                []kehoach.UnitKind
	Problems                                             map[string]string
}

func (s *server) unitFormOf(a *kehoach.Actor, u *kehoach.OrgUnit) *unitForm {
	f := &unitForm{ID: u.ID, Name: u.Name, Abbrev: u.Abbrev, Kind: string(u.Kind), ParentID: u.ParentID, Email: u.Email, Phone: u.Phone,
		Address: u.Address, Place: u.Place, SortOrder: strconv.Itoa(u.SortOrder), Units: s.formUnits(a), Kinds: kehoach.UnitKinds}
	if u.ValidFrom != nil {
		f.ValidFrom = u.ValidFrom.Format(time.DateOnly)
	}
	if u.ValidTo != nil {
		f.ValidTo = u.ValidTo.Format(time.DateOnly)
	}
	return f
}

func (s *server) unitNew(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	f := s.unitFormOf(a, &kehoach.OrgUnit{Kind: kehoach.UnitDivision, ParentID: a.AgencyID()})
	s.render(w, r, http.StatusOK, "unit", s.newPage(r, Translate(langOf(r), "Thêm đơn vị"), f))
	return nil
}

func (s *server) unitEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	u, err := s.DB.FindUnitByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "unit", s.newPage(r, Translate(langOf(r), "Sửa đơn vị"), s.unitFormOf(a, u)))
	return nil
}

// readUnitForm decodes the form into a unit; problems of dates and order go
// on the form.
func readUnitForm(r *http.Request, f *unitForm) (*kehoach.OrgUnit, map[string]string) {
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f.Name, f.Abbrev, f.Kind, f.ParentID = get("name"), get("abbrev"), get("kind"), get("parentId")
	f.ValidFrom, f.ValidTo, f.Email, f.Phone = parseDateInput(get("validFrom")), parseDateInput(get("validTo")), get("email"), get("phone")
	f.Address, f.Place, f.SortOrder = get("address"), get("place"), get("sortOrder")
	u := &kehoach.OrgUnit{ID: f.ID, Name: f.Name, Abbrev: f.Abbrev, Kind: kehoach.UnitKind(f.Kind), ParentID: f.ParentID,
		Email: f.Email, Phone: f.Phone, Address: f.Address, Place: f.Place}
	problems := map[string]string{}
	for name, src := range map[string]string{"validFrom": f.ValidFrom, "validTo": f.ValidTo} {
		if src == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, src)
		if err != nil {
			problems[name] = "Ngày không hợp lệ (ngày/tháng/năm)."
			continue
		}
		if name == "validFrom" {
			u.ValidFrom = &t
		} else {
			u.ValidTo = &t
		}
	}
	if f.SortOrder != "" {
		n, err := strconv.Atoi(f.SortOrder)
		if err != nil {
			problems["sortOrder"] = "Thứ tự phải là số nguyên."
		}
		u.SortOrder = n
	}
	return u, problems
}

func (s *server) unitSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := &unitForm{ID: r.PathValue("id"), Units: s.formUnits(a), Kinds: kehoach.UnitKinds}
	title := "Thêm đơn vị"
	var old *kehoach.OrgUnit
	if f.ID != "" {
		title = "Sửa đơn vị"
		var err error
		if old, err = s.DB.FindUnitByID(r.Context(), f.ID); err != nil {
			return err
		}
	}
	u, problems := readUnitForm(r, f)
	if len(problems) == 0 {
		var err error
		if old == nil {
			err = s.DB.CreateUnit(r.Context(), u)
		} else {
			err = s.DB.UpdateUnit(r.Context(), u)
		}
		if err == nil {
			http.Redirect(w, r, "/org", http.StatusSeeOther)
			return nil
		}
		if err := addProblems(problems, err); err != nil {
			return err
		}
	}
	f.Problems = problems
	s.translateProblems(r, f.Problems)
	s.render(w, r, http.StatusBadRequest, "unit", s.newPage(r, Translate(langOf(r), title), f))
	return nil
}
