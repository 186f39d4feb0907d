package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// unitForm adds or edits an organisation unit, with what was typed.
type unitForm struct {
	ID, Name, Abbrev, Kind, ParentID, ValidFrom, ValidTo string
	Email, Phone, Address, Place, SortOrder              string
	OrganID                                              string
	// Successors are the unit's successor links, shown with a form to
	// replace them.
	Successors []kehoach.Succession
	SuccKinds  []kehoach.SuccessionKind
	Units      []orgRow
	Kinds      []kehoach.UnitKind
	Problems   map[string]string
}

func unitFormOf(a *kehoach.Actor, u *kehoach.OrgUnit) *unitForm {
	f := &unitForm{ID: u.ID, Name: u.Name, Abbrev: u.Abbrev, Kind: string(u.Kind), ParentID: u.ParentID, Email: u.Email, Phone: u.Phone,
		Address: u.Address, Place: u.Place, SortOrder: strconv.Itoa(u.SortOrder), Units: unitRows(a.Tree), Kinds: kehoach.UnitKinds,
		OrganID: u.OrganID, SuccKinds: kehoach.SuccessionKinds}
	if u.ValidFrom != nil {
		f.ValidFrom = u.ValidFrom.Format(time.DateOnly)
	}
	if u.ValidTo != nil {
		f.ValidTo = u.ValidTo.Format(time.DateOnly)
	}
	return f
}

func (s *server) unitNew(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	u, err := s.Ops.NewUnit(r.Context(), a)
	if err != nil {
		return err
	}
	return s.show(w, r, "unit", Translate(langOf(r), "Thêm đơn vị"), unitFormOf(a, u))
}

func (s *server) unitEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	u, err := s.Ops.EditableUnit(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := unitFormOf(a, u)
	if f.Successors, _, err = s.Ops.UnitSuccessions(r.Context(), a, u.ID); err != nil {
		return err
	}
	return s.show(w, r, "unit", Translate(langOf(r), "Sửa đơn vị"), f)
}

// readUnitForm decodes the form into the input and the form as typed; a
// date or order that cannot be read is a problem of the input.
func readUnitForm(r *http.Request, f *unitForm) ops.UnitInput {
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f.Name, f.Abbrev, f.Kind, f.ParentID = get("name"), get("abbrev"), get("kind"), get("parentId")
	f.ValidFrom, f.ValidTo, f.Email, f.Phone = parseDateInput(get("validFrom")), parseDateInput(get("validTo")), get("email"), get("phone")
	f.Address, f.Place, f.SortOrder, f.OrganID = get("address"), get("place"), get("sortOrder"), get("organId")
	in := ops.UnitInput{Name: f.Name, Abbrev: f.Abbrev, Kind: kehoach.UnitKind(f.Kind), ParentID: f.ParentID,
		Email: f.Email, Phone: f.Phone, Address: f.Address, Place: f.Place, OrganID: f.OrganID, Unreadable: ops.Problems{}}
	for name, src := range map[string]string{"validFrom": f.ValidFrom, "validTo": f.ValidTo} {
		if src == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, src)
		if err != nil {
			in.Unreadable.Add(name, "Ngày không hợp lệ (ngày/tháng/năm).")
			continue
		}
		if name == "validFrom" {
			in.ValidFrom = &t
		} else {
			in.ValidTo = &t
		}
	}
	if f.SortOrder != "" {
		n, err := strconv.Atoi(f.SortOrder)
		if err != nil {
			in.Unreadable.Add("sortOrder", "Thứ tự phải là số nguyên.")
		}
		in.SortOrder = n
	}
	return in
}

func (s *server) unitSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	id, title := r.PathValue("id"), "Thêm đơn vị"
	var err error
	if id == "" {
		_, err = s.Ops.NewUnit(r.Context(), a)
	} else {
		title = "Sửa đơn vị"
		_, err = s.Ops.EditableUnit(r.Context(), a, id)
	}
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := &unitForm{ID: id, Units: unitRows(a.Tree), Kinds: kehoach.UnitKinds, SuccKinds: kehoach.SuccessionKinds}
	in := readUnitForm(r, f)
	if id == "" {
		_, err = s.Ops.CreateUnit(r.Context(), a, in)
	} else {
		_, err = s.Ops.UpdateUnit(r.Context(), a, id, in)
	}
	if err == nil {
		http.Redirect(w, r, "/org", http.StatusSeeOther)
		return nil
	}
	f.Problems = map[string]string{}
	if err := addProblems(f.Problems, err); err != nil {
		return err
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, statusOf(kehoach.ErrorCode(err)), "unit", s.newPage(r, Translate(langOf(r), title), f))
	return nil
}

// successorsSave replaces a unit's successors with the one chosen on the
// unit page (none removes them; a split is set through the API).
func (s *server) successorsSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	id := r.PathValue("id")
	u, err := s.Ops.EditableUnit(r.Context(), a, id)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	var in ops.SuccessorsInput
	if succ := get("successorId"); succ != "" {
		in.Successors = []ops.SuccessorInput{{SuccessorID: succ, Kind: kehoach.SuccessionKind(get("kind")), OnDate: parseDateInput(get("onDate")), Note: get("note")}}
	}
	if _, err = s.Ops.SetSuccessors(r.Context(), a, id, in); err == nil {
		http.Redirect(w, r, "/org/"+id, http.StatusSeeOther)
		return nil
	}
	f := unitFormOf(a, u)
	f.Problems = map[string]string{}
	if err := addProblems(f.Problems, err); err != nil {
		return err
	}
	for k, v := range f.Problems {
		if i := strings.Index(k, "]."); i >= 0 {
			f.Problems[k[i+2:]] = v
		}
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, statusOf(kehoach.ErrorCode(err)), "unit", s.newPage(r, Translate(langOf(r), "Sửa đơn vị"), f))
	return nil
}
