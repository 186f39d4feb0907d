package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/vntext"
)

// orgRow is one unit in the tree, indented by depth.
type orgRow struct {
	Unit   *kehoach.OrgUnit
	Depth  int
	People []*kehoach.Person
}

func (s *server) orgTree(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	tree, people, err := s.Ops.Organisation(r.Context(), a)
	if err != nil {
		return err
	}
	on := orgOn(r)
	if on != "" {
		if tree, err = s.Ops.OrgOn(r.Context(), a, on); err != nil {
			return err
		}
	}
	rows := unitRows(tree)
	for i := range rows {
		for _, p := range people {
			if p.UnitID == rows[i].Unit.ID {
				rows[i].People = append(rows[i].People, p)
			}
		}
	}
	return s.show(w, r, "org", Translate(langOf(r), "Cơ cấu tổ chức"), orgData{Rows: rows, On: on})
}

type peopleData struct {
	People   []*kehoach.Person
	Units    map[string]*kehoach.OrgUnit
	CanAdmin bool
	// MailOff says that e-mail is off for want of a mail server.
	MailOff bool
}

func (s *server) peopleList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	people, err := s.Ops.People(r.Context(), a)
	if err != nil {
		return err
	}
	slices.SortStableFunc(people, func(x, y *kehoach.Person) int { return vntext.CompareNames(x.FullName, y.FullName) })
	units := map[string]*kehoach.OrgUnit{}
	for _, u := range a.Tree.Units() {
		units[u.ID] = u
	}
	return s.show(w, r, "people", Translate(langOf(r), "Người dùng"), peopleData{People: people, Units: units, CanAdmin: a.CanAdminister(), MailOff: s.Ops.MailOff(a)})
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

// unitRows lists the units of the tree, parents first, indented by depth.
func unitRows(t *kehoach.OrgTree) []orgRow {
	var rows []orgRow
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		for _, u := range t.Children(id) {
			rows = append(rows, orgRow{Unit: u, Depth: depth})
			walk(u.ID, depth+1)
		}
	}
	walk("", 0)
	return rows
}

func personFormOf(a *kehoach.Actor, p *kehoach.Person) *personForm {
	return &personForm{ID: p.ID, Username: p.Username, FullName: p.FullName, Title: p.Title, UnitID: p.UnitID, Roles: p.Roles,
		Email: p.Email, Phone: p.Phone, Active: p.Active, Units: unitRows(a.Tree), AllRoles: kehoach.Roles}
}

func (s *server) personNew(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.Ops.NewPerson(r.Context(), a)
	if err != nil {
		return err
	}
	return s.show(w, r, "person", Translate(langOf(r), "Thêm người dùng"), personFormOf(a, p))
}

// readPersonForm decodes the form into the input and the form as typed.
func readPersonForm(r *http.Request, id string) (*personForm, ops.PersonInput) {
	f := &personForm{
		ID:       id,
		Username: strings.TrimSpace(r.PostFormValue("username")), FullName: strings.TrimSpace(r.PostFormValue("fullName")),
		Title: strings.TrimSpace(r.PostFormValue("title")), UnitID: r.PostFormValue("unitId"),
		Email: strings.TrimSpace(r.PostFormValue("email")), Phone: strings.TrimSpace(r.PostFormValue("phone")),
		Active: r.PostFormValue("active") == "on", AllRoles: kehoach.Roles,
	}
	for _, v := range r.PostForm["roles"] {
		f.Roles = append(f.Roles, kehoach.Role(v))
	}
	return f, ops.PersonInput{Username: f.Username, FullName: f.FullName, Title: f.Title, UnitID: f.UnitID, Roles: f.Roles,
		Email: f.Email, Phone: f.Phone, Password: r.PostFormValue("password"), Inactive: !f.Active}
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
	f.Units = unitRows(a.Tree)
	title := "Thêm người dùng"
	if f.ID != "" {
		title = "Sửa người dùng"
	}
	s.render(w, r, statusOf(code), "person", s.newPage(r, Translate(l, title), f))
	return nil
}

func (s *server) personCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := s.Ops.NewPerson(r.Context(), a); err != nil {
		return err
	}
	if err := readForm(w, r, 64<<10); err != nil {
		return err
	}
	f, in := readPersonForm(r, "")
	if _, err := s.Ops.CreatePerson(r.Context(), a, in); err != nil {
		return s.showProblems(w, r, a, f, err)
	}
	http.Redirect(w, r, "/people", http.StatusSeeOther)
	return nil
}

func (s *server) personEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.Ops.EditablePerson(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := personFormOf(a, p)
	f.Saved = r.URL.Query().Get("saved") == "1"
	return s.show(w, r, "person", Translate(langOf(r), "Sửa người dùng"), f)
}

func (s *server) personUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	old, err := s.Ops.EditablePerson(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := readForm(w, r, 64<<10); err != nil {
		return err
	}
	f, in := readPersonForm(r, old.ID)
	if _, err := s.Ops.UpdatePerson(r.Context(), a, old.ID, in); err != nil {
		return s.showProblems(w, r, a, f, err)
	}
	http.Redirect(w, r, "/people/"+old.ID+"?saved=1", http.StatusSeeOther)
	return nil
}
