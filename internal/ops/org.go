package ops

import (
	"context"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/vntext"
)

// UnitInput is what is typed to add or change an organisation unit; its
// JSON names are the API's (UnitInBody).
type UnitInput struct {
	// ID is the new unit's id when it must be a given one (the demo's
	// units); empty makes one.
	ID        string           `json:"-"`
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
	OrganID   string           `json:"organId"`
	// Unreadable holds the problems the door met reading the input (a date
	// that is not a date); they are named with every other problem.
	Unreadable Problems `json:"-"`
}

func (in *UnitInput) unit(id string) *kehoach.OrgUnit {
	return &kehoach.OrgUnit{ID: id, Kind: in.Kind, Name: in.Name, Abbrev: in.Abbrev, ParentID: in.ParentID, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo,
		Email: in.Email, Phone: in.Phone, Address: in.Address, Place: in.Place, SortOrder: in.SortOrder, OrganID: in.OrganID}
}

// Units returns every unit, parents before children.
func (s *Service) Units(ctx context.Context, a *kehoach.Actor) ([]*kehoach.OrgUnit, error) {
	if !a.CanSeeOrganisation() {
		return nil, Forbidden()
	}
	return s.store.FindUnits(ctx)
}

// NewUnit returns the unit an administrator starts from: a division of the
// administrator's agency.
func (s *Service) NewUnit(ctx context.Context, a *kehoach.Actor) (*kehoach.OrgUnit, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	return &kehoach.OrgUnit{Kind: kehoach.UnitDivision, ParentID: a.AgencyID()}, nil
}

// EditableUnit returns the unit id for an administrator to change.
func (s *Service) EditableUnit(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.OrgUnit, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	return s.store.FindUnitByID(ctx, id)
}

// CreateUnit adds a unit to the organisation.
func (s *Service) CreateUnit(ctx context.Context, a *kehoach.Actor, in UnitInput) (*kehoach.OrgUnit, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	return s.saveUnit(ctx, a, in.unit(in.ID), in.Unreadable, s.store.CreateUnit)
}

// UpdateUnit changes unit id.
func (s *Service) UpdateUnit(ctx context.Context, a *kehoach.Actor, id string, in UnitInput) (*kehoach.OrgUnit, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	if _, err := s.EditableUnit(ctx, a, id); err != nil {
		return nil, err
	}
	return s.saveUnit(ctx, a, in.unit(id), in.Unreadable, s.store.UpdateUnit)
}

// saveUnit checks that a administers, then u against the tree, naming
// every problem with those the door could not read, and stores it with
// save.
func (s *Service) saveUnit(ctx context.Context, a *kehoach.Actor, u *kehoach.OrgUnit, unreadable Problems,
	save func(context.Context, *kehoach.OrgUnit) error) (*kehoach.OrgUnit, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	pr := Problems{}
	for k, v := range unreadable {
		pr.Add(k, v)
	}
	for k, v := range kehoach.ErrorFields(u.ValidateIn(tree)) {
		pr.Add(k, v)
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return committed(s, u, save(as(ctx, a), u))
}

// UnitByKey finds a unit by its id, abbreviation or name (diacritics and
// case ignored), as an administrator names it on the command line. A key
// that names several units is refused with their ids.
func (s *Service) UnitByKey(ctx context.Context, a *kehoach.Actor, key string) (*kehoach.OrgUnit, error) {
	units, err := s.Units(ctx, a)
	if err != nil {
		return nil, err
	}
	var found []*kehoach.OrgUnit
	for _, u := range units {
		if u.ID == key {
			return u, nil
		}
		if strings.EqualFold(u.Abbrev, key) || vntext.FoldEqual(u.Name, key) {
			found = append(found, u)
		}
	}
	switch len(found) {
	case 0:
		return nil, kehoach.Errorf(kehoach.ENOTFOUND, "không có đơn vị %q", key)
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, u := range found {
		ids[i] = u.ID
	}
	return nil, kehoach.Errorf(kehoach.ECONFLICT, "có %d đơn vị cùng tên hoặc viết tắt %q; dùng mã đơn vị: %s (kehoach unit list)", len(found), key, strings.Join(ids, ", "))
}
