package sqlstore

import (
	"context"

	"github.com/kehoach/kehoach"
)

const unitCols = `id, kind, name, abbrev, parent_id, valid_from, valid_to, email, phone, address, place, sort_order, created_at`

func scanUnit(sc interface{ Scan(...any) error }) (*kehoach.OrgUnit, error) {
	var u kehoach.OrgUnit
	var parent *string
	var from, to, created nullTime
	if err := sc.Scan(&u.ID, &u.Kind, &u.Name, &u.Abbrev, &parent, &from, &to, &u.Email, &u.Phone, &u.Address, &u.Place, &u.SortOrder, &created); err != nil {
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
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*kehoach.OrgUnit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// OrgTree returns the whole organisation as a tree.
func (db *DB) OrgTree(ctx context.Context) (*kehoach.OrgTree, error) {
	units, err := db.FindUnits(ctx)
	if err != nil {
		return nil, err
	}
	return kehoach.NewOrgTree(units), nil
}

// FindUnitByID returns one unit.
func (db *DB) FindUnitByID(ctx context.Context, id string) (*kehoach.OrgUnit, error) {
	u, err := scanUnit(db.queryRow(ctx, `SELECT `+unitCols+` FROM org_units WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "đơn vị")
	}
	return u, nil
}

// CreateUnit adds a unit; its ID is made when empty.
func (db *DB) CreateUnit(ctx context.Context, u *kehoach.OrgUnit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error { return tx.createUnit(u) })
}

func (tx *Tx) createUnit(u *kehoach.OrgUnit) error {
	if u.ID == "" {
		u.ID = NewID()
	}
	u.CreatedAt = tx.Now
	if u.ParentID != "" {
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM org_units WHERE id = ?`, u.ParentID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return kehoach.Invalid(map[string]string{"parentId": "Đơn vị cấp trên không tồn tại."})
		}
	}
	if err := tx.checkAbbrev(u); err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO org_units (`+unitCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Kind, u.Name, u.Abbrev, nullStr(u.ParentID), timeArg(u.ValidFrom), timeArg(u.ValidTo),
		u.Email, u.Phone, u.Address, u.Place, u.SortOrder, u.CreatedAt); err != nil {
		if isUniqueViolation(err) {
			return kehoach.Errorf(kehoach.ECONFLICT, "Đơn vị đã tồn tại.")
		}
		return err
	}
	return tx.audit("unit.create", "unit", u.ID, "", "Thêm đơn vị "+u.Name, nil, u)
}

// UpdateUnit changes a unit's fields.
func (db *DB) UpdateUnit(ctx context.Context, u *kehoach.OrgUnit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := scanUnit(tx.queryRow(`SELECT `+unitCols+` FROM org_units WHERE id = ?`, u.ID))
		if err != nil {
			return notFound(err, "đơn vị")
		}
		if u.ParentID != "" {
			units, err := tx.units()
			if err != nil {
				return err
			}
			if kehoach.NewOrgTree(units).IsWithin(u.ParentID, u.ID) {
				return kehoach.Invalid(map[string]string{"parentId": "Không thể đặt đơn vị dưới chính đơn vị con của nó."})
			}
		}
		if err := tx.checkAbbrev(u); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE org_units SET kind = ?, name = ?, abbrev = ?, parent_id = ?, valid_from = ?, valid_to = ?, email = ?, phone = ?, address = ?, place = ?, sort_order = ? WHERE id = ?`,
			u.Kind, u.Name, u.Abbrev, nullStr(u.ParentID), timeArg(u.ValidFrom), timeArg(u.ValidTo), u.Email, u.Phone, u.Address, u.Place, u.SortOrder, u.ID); err != nil {
			return err
		}
		u.CreatedAt = before.CreatedAt
		return tx.audit("unit.update", "unit", u.ID, "", "Sửa đơn vị "+u.Name, before, u)
	})
}

func (tx *Tx) units() ([]*kehoach.OrgUnit, error) {
	rows, err := tx.query(`SELECT ` + unitCols + ` FROM org_units ORDER BY sort_order, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*kehoach.OrgUnit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// checkAbbrev refuses an abbreviation another unit under the same parent
// already uses: document symbols and lookups by abbreviation must be
// unambiguous.
func (tx *Tx) checkAbbrev(u *kehoach.OrgUnit) error {
	if u.Abbrev == "" {
		return nil
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM org_units WHERE LOWER(abbrev) = LOWER(?) AND COALESCE(parent_id, '') = ? AND id <> ?`,
		u.Abbrev, u.ParentID, u.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return kehoach.Invalid(map[string]string{"abbrev": "Tên viết tắt " + u.Abbrev + " đã được dùng cho một đơn vị khác cùng cấp."})
	}
	return nil
}
