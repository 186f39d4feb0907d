package kehoach

import (
	"context"
	"slices"
	"strings"
	"time"
)

// UnitKind is the kind of an [OrgUnit].
type UnitKind string

// The kinds of organisation units.
const (
	UnitProvince   UnitKind = "province"   // e.g. UBND tỉnh Sơn La
	UnitAgency     UnitKind = "agency"     // a department such as Sở Giao thông vận tải
	UnitOffice     UnitKind = "office"     // Văn phòng Sở, Ban Giám đốc
	UnitDivision   UnitKind = "division"   // Phòng …, Thanh tra Sở
	UnitAffiliated UnitKind = "affiliated" // đơn vị trực thuộc: Ban, Trung tâm
	UnitUnion      UnitKind = "union"      // đoàn thể: Chi đoàn, Công đoàn
	UnitExternal   UnitKind = "external"   // a body outside the agency
)

// UnitKinds lists every kind in display order.
var UnitKinds = []UnitKind{UnitProvince, UnitAgency, UnitOffice, UnitDivision, UnitAffiliated, UnitUnion, UnitExternal}

// Valid reports whether k is a known kind.
func (k UnitKind) Valid() bool { return slices.Contains(UnitKinds, k) }

// OrgUnit is one node of the organisation tree: a province, an agency, one
// of its divisions or affiliated units, a union, or an external body. Names
// and abbreviations change over time, so a unit has a validity period; a
// renamed unit is a new unit whose predecessor ends the day before.
type OrgUnit struct {
	ID       string   `json:"id"`
	Kind     UnitKind `json:"kind"`
	Name     string   `json:"name"`
	Abbrev   string   `json:"abbrev"`
	ParentID string   `json:"parentId,omitempty"`
	// ValidFrom and ValidTo bound the period in which the name holds;
	// nil means open.
	ValidFrom *time.Time `json:"validFrom,omitempty"`
	ValidTo   *time.Time `json:"validTo,omitempty"`
	Email     string     `json:"email,omitempty"`
	Phone     string     `json:"phone,omitempty"`
	Address   string     `json:"address,omitempty"`
	// Place is the place name of the agency's date line (e.g. "Sơn La").
	Place string `json:"place,omitempty"`
	// OrganID is the unit's electronic-document identifier code
	// ("mã định danh điện tử"), as the national code list assigns it.
	OrganID string `json:"organId,omitempty"`
	// SortOrder orders siblings.
	SortOrder int       `json:"sortOrder"`
	CreatedAt time.Time `json:"createdAt"`
}

// ValidAt reports whether the unit's name holds at t.
func (u *OrgUnit) ValidAt(t time.Time) bool {
	if u.ValidFrom != nil && t.Before(*u.ValidFrom) {
		return false
	}
	if u.ValidTo != nil && t.After(*u.ValidTo) {
		return false
	}
	return true
}

// Validate checks the unit's fields.
func (u *OrgUnit) Validate() error {
	f := problems{}
	u.Name = strings.TrimSpace(u.Name)
	u.Abbrev = strings.TrimSpace(u.Abbrev)
	f.required("name", u.Name, 200, "Tên đơn vị không được để trống.", "Tên đơn vị dài quá 200 ký tự.")
	f.maxLen("abbrev", u.Abbrev, 30, "Tên viết tắt dài quá 30 ký tự.")
	u.OrganID = strings.TrimSpace(u.OrganID)
	f.maxLen("organId", u.OrganID, 50, "Mã định danh dài quá 50 ký tự.")
	if !u.Kind.Valid() {
		f["kind"] = "Loại đơn vị không hợp lệ (province, agency, office, division, affiliated, union, external)."
	}
	if u.ParentID != "" && u.ParentID == u.ID {
		f["parentId"] = "Đơn vị không thể là cấp trên của chính nó."
	}
	u.Email, u.Phone = strings.TrimSpace(u.Email), strings.TrimSpace(u.Phone)
	if u.Email != "" && !ValidEmail(u.Email) {
		f["email"] = "Địa chỉ thư điện tử không hợp lệ: nhập một địa chỉ, ví dụ vanphong@sogtvt.sonla.gov.vn."
	}
	if u.Phone != "" && !ValidPhone(u.Phone) {
		f["phone"] = "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang, dấu cộng hoặc ngoặc (3–20 ký tự)."
	}
	if u.ValidFrom != nil && !SensibleDate(*u.ValidFrom) {
		f["validFrom"] = DateRangeProblem("Ngày bắt đầu hiệu lực")
	}
	if u.ValidTo != nil && !SensibleDate(*u.ValidTo) {
		f["validTo"] = DateRangeProblem("Ngày hết hiệu lực")
	}
	if u.ValidFrom != nil && u.ValidTo != nil && u.ValidTo.Before(*u.ValidFrom) {
		f["validTo"] = "Ngày hết hiệu lực trước ngày bắt đầu."
	}
	return f.err()
}

// OrgTree is a read-only view of all units, for walking up and down.
type OrgTree struct {
	units    []*OrgUnit
	byID     map[string]*OrgUnit
	children map[string][]*OrgUnit
	// succ and pred hold the successor links by unit and by successor.
	succ, pred map[string][]Succession
}

// NewOrgTree indexes units (in the order given, usually sorted by SortOrder).
func NewOrgTree(units []*OrgUnit) *OrgTree {
	t := &OrgTree{units: units, byID: map[string]*OrgUnit{}, children: map[string][]*OrgUnit{}}
	for _, u := range units {
		t.byID[u.ID] = u
	}
	for _, u := range units {
		t.children[u.ParentID] = append(t.children[u.ParentID], u)
	}
	return t
}

// Units returns every unit.
func (t *OrgTree) Units() []*OrgUnit { return t.units }

// Unit returns the unit with the id, or nil.
func (t *OrgTree) Unit(id string) *OrgUnit { return t.byID[id] }

// Children returns the direct children of a unit ("" for the roots).
func (t *OrgTree) Children(id string) []*OrgUnit { return t.children[id] }

// Ancestors returns the unit's parents from the nearest up, without loops.
func (t *OrgTree) Ancestors(id string) []*OrgUnit {
	var out []*OrgUnit
	seen := map[string]bool{id: true}
	for u := t.byID[id]; u != nil && u.ParentID != "" && !seen[u.ParentID]; u = t.byID[u.ParentID] {
		seen[u.ParentID] = true
		if p := t.byID[u.ParentID]; p != nil {
			out = append(out, p)
		}
	}
	return out
}

// IsWithin reports whether unit id is root or one of its descendants.
func (t *OrgTree) IsWithin(id, root string) bool {
	if id == root {
		return true
	}
	for _, a := range t.Ancestors(id) {
		if a.ID == root {
			return true
		}
	}
	return false
}

// AgencyOf returns the nearest unit of kind agency at or above id, or nil.
func (t *OrgTree) AgencyOf(id string) *OrgUnit {
	if u := t.byID[id]; u != nil && u.Kind == UnitAgency {
		return u
	}
	for _, a := range t.Ancestors(id) {
		if a.Kind == UnitAgency {
			return a
		}
	}
	return nil
}

// Depth returns how many ancestors the unit has.
func (t *OrgTree) Depth(id string) int { return len(t.Ancestors(id)) }

// OrgService reads and changes the organisation tree.
type OrgService interface {
	FindUnits(ctx context.Context) ([]*OrgUnit, error)
	FindUnitByID(ctx context.Context, id string) (*OrgUnit, error)
	CreateUnit(ctx context.Context, u *OrgUnit) error
	UpdateUnit(ctx context.Context, u *OrgUnit) error
}
