package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/vntext"
)

// orgRow is one unit in the tree, indented by depth.
type orgRow struct {
	Unit   *kehoach.OrgUnit
	Depth  int
	People []*kehoach.Person
}

func (s *server) orgTree(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanSeeOrganisation() {
		return forbidden()
	}
	var people []*kehoach.Person
	if a.CanReadPeople() {
		var err error
		if people, err = s.DB.FindPeople(r.Context(), kehoach.PersonFilter{}); err != nil {
			return err
		}
	}
	var rows []orgRow
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		for _, u := range a.Tree.Children(id) {
			row := orgRow{Unit: u, Depth: depth}
			for _, p := range people {
				if p.UnitID == u.ID {
					row.People = append(row.People, p)
				}
			}
			rows = append(rows, row)
			walk(u.ID, depth+1)
		}
	}
	walk("", 0)
	s.render(w, r, http.StatusOK, "org", s.newPage(r, Translate(langOf(r), "Cơ cấu tổ chức"), rows))
	return nil
}

type peopleData struct {
	People   []*kehoach.Person
	Units    map[string]*kehoach.OrgUnit
	CanAdmin bool
}

func (s *server) peopleList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanReadPeople() {
		return forbidden()
	}
	people, err := s.DB.FindPeople(r.Context(), kehoach.PersonFilter{})
	if err != nil {
		return err
	}
	slices.SortStableFunc(people, func(x, y *kehoach.Person) int { return vntext.CompareNames(x.FullName, y.FullName) })
	units := map[string]*kehoach.OrgUnit{}
	for _, u := range a.Tree.Units() {
		units[u.ID] = u
	}
	s.render(w, r, http.StatusOK, "people", s.newPage(r, Translate(langOf(r), "Người dùng"), peopleData{People: people, Units: units, CanAdmin: a.CanAdminister()}))
	return nil
}

// personForm is the add/edit form, with what was typed and the problems.
type personForm struct {
	ID       string
	Username string
	FullName string
	Title    string
	UnitID   string
	Roles    []kehoach.Role
	Email    string
	Phone    string
	Active   bool
	Problems map[string]string
	Units    []orgRow
	AllRoles []kehoach.Role
	Saved    bool
}

func (s *server) formUnits(a *kehoach.Actor) []orgRow {
	var rows []orgRow
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		for _, u := range a.Tree.Children(id) {
			rows = append(rows, orgRow{Unit: u, Depth: depth})
			walk(u.ID, depth+1)
		}
	}
	walk("", 0)
	return rows
}

func (s *server) personNew(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	f := &personForm{Active: true, Units: s.formUnits(a), AllRoles: kehoach.Roles}
	s.render(w, r, http.StatusOK, "person", s.newPage(r, Translate(langOf(r), "Thêm người dùng"), f))
	return nil
}

// readPersonForm decodes the form; it never fails, problems go on the form.
func readPersonForm(r *http.Request) (*personForm, string) {
	f := &personForm{
		Username: strings.TrimSpace(r.PostFormValue("username")), FullName: strings.TrimSpace(r.PostFormValue("fullName")),
		Title: strings.TrimSpace(r.PostFormValue("title")), UnitID: r.PostFormValue("unitId"),
		Email: strings.TrimSpace(r.PostFormValue("email")), Phone: strings.TrimSpace(r.PostFormValue("phone")),
		Active: r.PostFormValue("active") == "on", AllRoles: kehoach.Roles,
	}
	for _, v := range r.PostForm["roles"] {
		f.Roles = append(f.Roles, kehoach.Role(v))
	}
	return f, r.PostFormValue("password")
}

func (f *personForm) person() *kehoach.Person {
	return &kehoach.Person{ID: f.ID, Username: f.Username, FullName: f.FullName, Title: f.Title, UnitID: f.UnitID,
		Roles: f.Roles, Email: f.Email, Phone: f.Phone, Active: f.Active}
}

// showProblems re-shows the form with what was typed and each problem beside
// its field; a problem without a field goes to "form".
func (s *server) showProblems(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, f *personForm, err error) error {
	f.Problems = map[string]string{}
	if err := addProblems(f.Problems, err); err != nil {
		return err
	}
	code, l := kehoach.ErrorCode(err), langOf(r)
	s.translateProblems(r, f.Problems)
	f.Units = s.formUnits(a)
	title := "Thêm người dùng"
	if f.ID != "" {
		title = "Sửa người dùng"
	}
	s.render(w, r, statusOf(code), "person", s.newPage(r, Translate(l, title), f))
	return nil
}

func (s *server) personCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := parseForm(r); err != nil {
		return err
	}
	f, pw := readPersonForm(r)
	p := f.person()
	err := p.Validate()
	if err == nil {
		err = kehoach.ValidatePassword(pw)
	}
	if err == nil && a.Tree.Unit(p.UnitID) == nil {
		err = kehoach.Invalid(map[string]string{"unitId": "Đơn vị không tồn tại."})
	}
	if err == nil {
		err = s.DB.CreatePerson(r.Context(), p, pw)
	}
	if err != nil {
		return s.showProblems(w, r, a, f, err)
	}
	http.Redirect(w, r, "/people", http.StatusSeeOther)
	return nil
}

func (s *server) personEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	p, err := s.DB.FindPersonByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := &personForm{ID: p.ID, Username: p.Username, FullName: p.FullName, Title: p.Title, UnitID: p.UnitID, Roles: p.Roles,
		Email: p.Email, Phone: p.Phone, Active: p.Active, Units: s.formUnits(a), AllRoles: kehoach.Roles, Saved: r.URL.Query().Get("saved") == "1"}
	s.render(w, r, http.StatusOK, "person", s.newPage(r, Translate(langOf(r), "Sửa người dùng"), f))
	return nil
}

func (s *server) personUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	old, err := s.DB.FindPersonByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := parseForm(r); err != nil {
		return err
	}
	f, pw := readPersonForm(r)
	f.ID = old.ID
	p := f.person()
	err = p.Validate()
	if err == nil && pw != "" {
		err = kehoach.ValidatePassword(pw)
	}
	if err == nil && a.Tree.Unit(p.UnitID) == nil {
		err = kehoach.Invalid(map[string]string{"unitId": "Đơn vị không tồn tại."})
	}
	if err == nil {
		err = s.DB.UpdatePerson(r.Context(), p)
	}
	if err == nil && pw != "" {
		err = s.DB.SetPassword(r.Context(), p.ID, pw)
	}
	if err != nil {
		return s.showProblems(w, r, a, f, err)
	}
	http.Redirect(w, r, "/people/"+p.ID+"?saved=1", http.StatusSeeOther)
	return nil
}
