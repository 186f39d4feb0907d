package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kehoach/kehoach"
)

func (d Deps) notFound(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return kehoach.Errorf(kehoach.ENOTFOUND, "Không có đường dẫn API này.")
}

func (d Deps) getMe(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	writeJSON(w, http.StatusOK, a.Person)
	return nil
}

// planList is the response of GET /plans.
type planList struct {
	Plans []*kehoach.Plan `json:"plans"`
	Total int             `json:"total"`
}

func (d Deps) listPlans(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var f kehoach.PlanFilter
	if s := r.URL.Query().Get("status"); s != "" {
		st := kehoach.PlanStatus(s)
		if !st.Valid() {
			return kehoach.Invalid(map[string]string{"status": "Trạng thái không hợp lệ: " + s + "."})
		}
		f.Status = &st
	}
	limit, offset := 100, 0
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return kehoach.Invalid(map[string]string{"limit": "limit phải là số từ 1 đến 1000."})
		}
		limit = n
	}
	if s := r.URL.Query().Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return kehoach.Invalid(map[string]string{"offset": "offset phải là số không âm."})
		}
		offset = n
	}
	all, _, err := d.DB.FindPlans(r.Context(), f)
	if err != nil {
		return err
	}
	out := planList{Plans: []*kehoach.Plan{}}
	for _, p := range all {
		if a.CanReadPlan(p) {
			if out.Total >= offset && len(out.Plans) < limit {
				out.Plans = append(out.Plans, p)
			}
			out.Total++
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// readablePlan loads a plan the actor may read; other plans are not found,
// so that their existence does not leak.
func (d Deps) readablePlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	p, err := d.DB.FindPlanByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if !a.CanReadPlan(p) {
		return nil, kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy kế hoạch.")
	}
	return p, nil
}

func (d Deps) getPlan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (d Deps) planAudit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.Has(kehoach.RoleDirector) {
		return forbidden()
	}
	entries, err := d.DB.FindAuditEntries(r.Context(), kehoach.AuditFilter{PlanID: &p.ID, Limit: 500})
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []*kehoach.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": entries})
	return nil
}

func (d Deps) listUnits(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanSeeOrganisation() {
		return forbidden()
	}
	units, err := d.DB.FindUnits(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"units": units})
	return nil
}

func (d Deps) listPeople(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanReadPeople() {
		return forbidden()
	}
	people, err := d.DB.FindPeople(r.Context(), kehoach.PersonFilter{})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"people": people})
	return nil
}

// newPerson is the body of POST /people.
type newPerson struct {
	Username string         `json:"username"`
	FullName string         `json:"fullName"`
	Title    string         `json:"title"`
	UnitID   string         `json:"unitId"`
	Roles    []kehoach.Role `json:"roles"`
	Email    string         `json:"email"`
	Phone    string         `json:"phone"`
	Password string         `json:"password"`
}

func (d Deps) createPerson(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	var in newPerson
	if err := decode(r, &in); err != nil {
		return err
	}
	p := &kehoach.Person{Username: in.Username, FullName: in.FullName, Title: in.Title, UnitID: in.UnitID, Roles: in.Roles, Email: in.Email, Phone: in.Phone, Active: true}
	if err := d.DB.CreatePerson(r.Context(), p, in.Password); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// unitBody is the body of unit creation and update.
type unitBody struct {
	Kind      kehoach.UnitKind `json:"kind"`
	Name      string           `json:"name"`
	Abbrev    string           `json:"abbrev"`
	ParentID  string           `json:"parentId"`
	ValidFrom *time.Time       `json:"validFrom"`
	ValidTo   *time.Time       `json:"validTo"`
	Email     string           `json:"email"`
	Phone     string           `json:"phone"`
	Address   string           `json:"address"`
	Place     string           `json:"place"`
	SortOrder int              `json:"sortOrder"`
}

func (in unitBody) unit(id string) *kehoach.OrgUnit {
	return &kehoach.OrgUnit{ID: id, Kind: in.Kind, Name: in.Name, Abbrev: in.Abbrev, ParentID: in.ParentID, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo,
		Email: in.Email, Phone: in.Phone, Address: in.Address, Place: in.Place, SortOrder: in.SortOrder}
}

func (d Deps) createUnit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	var in unitBody
	if err := decode(r, &in); err != nil {
		return err
	}
	u := in.unit("")
	if err := d.DB.CreateUnit(r.Context(), u); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (d Deps) updateUnit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if !a.CanAdminister() {
		return forbidden()
	}
	old, err := d.DB.FindUnitByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var in unitBody
	if err := decode(r, &in); err != nil {
		return err
	}
	u := in.unit(old.ID)
	if err := d.DB.UpdateUnit(r.Context(), u); err != nil {
		return err
	}
	u.CreatedAt = old.CreatedAt
	writeJSON(w, http.StatusOK, u)
	return nil
}
