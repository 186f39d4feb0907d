package sqlstore

import (
	"context"

	"github.com/kehoach/kehoach"
)

const unitCols = `id, kind, name, abbrev, parent_id, valid_from, valid_to, email, phone, address, place, sort_order, created_at, organ_id`

func scanUnit(sc scanner) (*kehoach.OrgUnit, error) {
	var u kehoach.OrgUnit
	var parent *string
	var from, to, created nullTime
	if err := sc.Scan(&u.ID, &u.Kind, &u.Name, &u.Abbrev, &parent, &from, &to, &u.Email, &u.Phone, &u.Address, &u.Place, &u.SortOrder, &created, &u.OrganID); err != nil {
		return nil, err
	}
	if parent != nil {
		u.ParentID = *parent
	}
	u.ValidFrom, u.ValidTo, u.CreatedAt = from.ptr(), to.ptr(), created.T
	return &u, nil
}

// FindUnits returns every unit, parents before children, siblings by order.
func (db *DB) FindUnits(ctx context.Context) ([]*kehoach.OrgUnit, error) {
	rows, err := db.query(ctx, `SELECT `+unitCols+` FROM org_units ORDER BY sort_order, name`)
	return scanAll(rows, err, scanUnit)
}

// OrgTree returns the whole organisation as a tree.
// The tree is kept in memory until a unit or a person changes; callers
// only read it.
func (db *DB) OrgTree(ctx context.Context) (*kehoach.OrgTree, error) {
	return db.cachedTree(ctx)
}

// FindUnitByID returns one unit.
func (db *DB) FindUnitByID(ctx context.Context, id string) (*kehoach.OrgUnit, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+unitCols+` FROM org_units WHERE id = ?`, id), scanUnit, "đơn vị")
}

// CreateUnit adds a unit; its ID is made when empty. The unit is checked
// against the tree inside the transaction ([kehoach.OrgUnit.ValidateIn]).
func (db *DB) CreateUnit(ctx context.Context, u *kehoach.OrgUnit) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.createUnit(u) })
}

func (tx *Tx) createUnit(u *kehoach.OrgUnit) error {
	if err := tx.checkUnit(u); err != nil {
		return err
	}
	return tx.insertUnit(u)
}

// insertUnit inserts unit u, checked already.
func (tx *Tx) insertUnit(u *kehoach.OrgUnit) error {
	if u.ID == "" {
		u.ID = NewID()
	}
	u.CreatedAt = tx.Now
	if _, err := tx.exec(`INSERT INTO org_units (`+unitCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Kind, u.Name, u.Abbrev, nullStr(u.ParentID), timeArg(u.ValidFrom), timeArg(u.ValidTo),
		u.Email, u.Phone, u.Address, u.Place, u.SortOrder, u.CreatedAt, u.OrganID); err != nil {
		if isUniqueViolation(err) {
			return kehoach.Errorf(kehoach.ECONFLICT, "Đơn vị đã tồn tại.")
		}
		return err
	}
	return tx.audit("unit.create", "unit", u.ID, "", "Thêm đơn vị "+u.Name, nil, u)
}

// UpdateUnit changes a unit's fields, checked as CreateUnit checks them.
func (db *DB) UpdateUnit(ctx context.Context, u *kehoach.OrgUnit) error {
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := scanUnit(tx.queryRow(`SELECT `+unitCols+` FROM org_units WHERE id = ?`, u.ID))
		if err != nil {
			return notFound(err, "đơn vị")
		}
		if err := tx.checkUnit(u); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE org_units SET kind = ?, name = ?, abbrev = ?, parent_id = ?, valid_from = ?, valid_to = ?, email = ?, phone = ?, address = ?, place = ?, sort_order = ?, organ_id = ? WHERE id = ?`,
			u.Kind, u.Name, u.Abbrev, nullStr(u.ParentID), timeArg(u.ValidFrom), timeArg(u.ValidTo), u.Email, u.Phone, u.Address, u.Place, u.SortOrder, u.OrganID, u.ID); err != nil {
			return err
		}
		u.CreatedAt = before.CreatedAt
		return tx.audit("unit.update", "unit", u.ID, "", "Sửa đơn vị "+u.Name, before, u)
	})
}

// checkUnit checks u against the tree as the transaction sees it, so that
// concurrent changes cannot make a loop or two siblings of one abbreviation.
func (tx *Tx) checkUnit(u *kehoach.OrgUnit) error {
	units, err := tx.units()
	if err != nil {
		return err
	}
	return u.ValidateIn(kehoach.NewOrgTree(units))
}

func (tx *Tx) units() ([]*kehoach.OrgUnit, error) {
	rows, err := tx.query(`SELECT ` + unitCols + ` FROM org_units ORDER BY sort_order, name`)
	return scanAll(rows, err, scanUnit)
}
