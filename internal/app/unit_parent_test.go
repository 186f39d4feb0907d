package app_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestUnitUnknownParent checks that a unit placed under a unit that does
// not exist is refused naming parentId on both API routes, and that the web
// form shows the problem with everything typed kept.
func TestUnitUnknownParent(t *testing.T) {
	f := newFixture(t, "sqlite")
	body := `{"kind":"division","name":"Trang tin","parentId":"khong-co"}`
	for _, c := range []struct{ method, path string }{{"POST", "/api/v1/units"}, {"PUT", "/api/v1/units/u-website"}} {
		status, _, got := f.do("quantri", c.method, c.path, "application/json", strings.NewReader(body), nil)
		if status != 400 || !strings.Contains(got, `"parentId":"Đơn vị cấp trên không tồn tại."`) {
			t.Errorf("%s %s: status %d %s", c.method, c.path, status, got)
		}
		f.spec.check(t, c.method, c.path, status, []byte(got))
	}
	form := url.Values{"name": {"Cổng thông tin điện tử của Sở"}, "abbrev": {"CTTĐT"}, "kind": {"division"}, "parentId": {"khong-co"},
		"validFrom": {"01/03/2025"}, "email": {"cong@sogtvt.vn"}, "phone": {"0212 3852 123"}, "address": {"Tổ 2, phường Tô Hiệu"},
		"place": {"Sơn La"}, "sortOrder": {"12"}}
	status, _, page := f.do("quantri", "POST", "/org/u-website", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), nil)
	if status != 400 {
		t.Fatalf("web form: status %d\n%.1500s", status, page)
	}
	for _, want := range []string{"Đơn vị cấp trên không tồn tại.", `value="Cổng thông tin điện tử của Sở"`, `value="CTTĐT"`, `value="2025-03-01"`,
		`value="cong@sogtvt.vn"`, `value="0212 3852 123"`, `value="Tổ 2, phường Tô Hiệu"`, `value="Sơn La"`, `value="12"`} {
		if !strings.Contains(page, want) {
			t.Errorf("form lacks %q", want)
		}
	}
}
