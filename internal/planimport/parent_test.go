package planimport

import (
	"testing"

	"github.com/kehoach/kehoach"
)

func TestProposeParent(t *testing.T) {
	s := func(v string) *string { return &v }
	tree := kehoach.NewOrgTree([]*kehoach.OrgUnit{{ID: "prov", Kind: kehoach.UnitProvince, Name: "UBND tỉnh Sơn La"},
		{ID: "ag", Kind: kehoach.UnitAgency, Name: "Sở Giáo dục và Đào tạo", ParentID: "prov"}})
	parent := &kehoach.Plan{ID: "p115", AgencyID: "prov", Number: s("115"), Symbol: s("KH-UBND"), Date: s("2023-04-28"),
		Recipients: []string{"Sở Giáo dục và Đào tạo", "Các huyện, thành phố"}}
	other := &kehoach.Plan{ID: "p116", AgencyID: "prov", Number: s("116"), Symbol: s("KH-UBND"), Date: s("2023-04-28")}
	child := &kehoach.Plan{ID: "c", Basis: []kehoach.Basis{{Text: "Căn cứ Luật Trẻ em"},
		{Number: s("115"), Symbol: s("kh-ubnd"), Date: s("2023-04-28"), Issuer: s("UBND tỉnh")}}}
	if got := ProposeParent(child, []*kehoach.Plan{other, parent}, tree); got == nil || got.ID != "p115" {
		t.Fatalf("proposed %v", got)
	}
	for name, b := range map[string]kehoach.Basis{
		"another date":   {Number: s("115"), Symbol: s("KH-UBND"), Date: s("2023-04-29")},
		"another issuer": {Number: s("115"), Symbol: s("KH-UBND"), Issuer: s("Bộ Lao động - Thương binh và Xã hội")},
		"no number":      {Symbol: s("KH-UBND")},
	} {
		if got := ProposeParent(&kehoach.Plan{Basis: []kehoach.Basis{b}}, []*kehoach.Plan{parent}, tree); got != nil {
			t.Errorf("%s: proposed %s", name, got.ID)
		}
	}
	if got := ExpectedAgencies(parent, tree); len(got) != 1 || got[0].ID != "ag" {
		t.Errorf("expected agencies: %v", got)
	}
}
