package kehoach

import "strings"

// ValidateIn checks the unit's fields and its place in the organisation t
// (the tree as it stands, with or without the unit itself): the parent
// exists and is neither the unit nor one of its descendants, and no sibling
// uses the same abbreviation, since document symbols and lookups by
// abbreviation must be unambiguous. Every problem is named by field.
func (u *OrgUnit) ValidateIn(t *OrgTree) error {
	f := problems{}
	if err := u.Validate(); err != nil {
		for k, v := range ErrorFields(err) {
			f[k] = v
		}
	}
	add := func(k, v string) {
		if _, ok := f[k]; !ok {
			f[k] = v
		}
	}
	if u.ParentID != "" {
		switch {
		case t.Unit(u.ParentID) == nil:
			add("parentId", "Đơn vị cấp trên không tồn tại.")
		case u.ID != "" && t.IsWithin(u.ParentID, u.ID):
			add("parentId", "Không thể đặt đơn vị dưới chính nó hoặc đơn vị con của nó.")
		}
	}
	if u.Abbrev != "" {
		for _, s := range t.Children(u.ParentID) {
			if s.ID != u.ID && strings.EqualFold(s.Abbrev, u.Abbrev) {
				add("abbrev", "Tên viết tắt "+u.Abbrev+" đã được dùng cho một đơn vị khác cùng cấp.")
				break
			}
		}
	}
	return f.err()
}
