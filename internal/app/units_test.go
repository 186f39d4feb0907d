package app_test

import (
	"net/url"
	"strings"
	"testing"
)

func TestUnitAdministration(t *testing.T) {
	f := newFixture(t, "sqlite")
	cases := []struct {
		name, user, method, path string
		form                     url.Values
		json                     string
		want                     int
		contains                 []string
	}{
		{"new unit form", "quantri", "GET", "/org/new", nil, "", 200, []string{"Tên đơn vị", "Đơn vị cấp trên"}},
		{"new unit refused to office", "vanphong", "GET", "/org/new", nil, "", 403, nil},
		{"edit refused to unit head", "pkhtc", "POST", "/org/u-pkhtc", url.Values{"name": {"Đổi tên"}, "kind": {"division"}}, "", 403, nil},
		{"inverted validity keeps input", "quantri", "POST", "/org", url.Values{"name": {"Phòng Pháp chế"}, "kind": {"division"}, "parentId": {"u-sgtvt"}, "validFrom": {"2025-03-01"}, "validTo": {"01/01/2025"}}, "", 400,
			[]string{"Ngày hết hiệu lực trước ngày bắt đầu.", `value="Phòng Pháp chế"`}},
		{"unit under its own child", "quantri", "POST", "/org/u-sgtvt", url.Values{"name": {"Sở Giao thông vận tải"}, "kind": {"agency"}, "parentId": {"u-pkhtc"}, "abbrev": {"SGTVT"}}, "", 400,
			[]string{"đơn vị con của nó"}},
		{"unit created", "quantri", "POST", "/org", url.Values{"name": {"Phòng Pháp chế"}, "kind": {"division"}, "parentId": {"u-sgtvt"}, "abbrev": {"PC"}, "validFrom": {"2025-03-01"}}, "", 303, nil},
		{"unit renamed", "quantri", "POST", "/org/u-pkhtc", url.Values{"name": {"Phòng Kế hoạch - Tài chính"}, "kind": {"division"}, "parentId": {"u-sgtvt"}, "abbrev": {"KHTC"}}, "", 303, nil},
		{"tree shows the new unit", "pkhtc", "GET", "/org", nil, "", 200, []string{"Phòng Pháp chế", "KHTC"}},
		{"api unit", "quantri", "POST", "/api/v1/units", nil, `{"kind":"union","name":"Công đoàn cơ sở Sở","parentId":"u-sgtvt"}`, 201, []string{`"name":"Công đoàn cơ sở Sở"`}},
		{"api unit refused", "vanphong", "POST", "/api/v1/units", nil, `{"kind":"union","name":"X"}`, 403, nil},
		{"api bad kind", "quantri", "POST", "/api/v1/units", nil, `{"kind":"club","name":"X"}`, 400, []string{`"fields":{"kind":`}},
		{"api update", "quantri", "PUT", "/api/v1/units/u-website", nil, `{"kind":"division","name":"Cổng thông tin điện tử của Sở","parentId":"u-vp"}`, 200, []string{"Cổng thông tin"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ct, body := "", strings.NewReader("")
			if c.form != nil {
				ct, body = "application/x-www-form-urlencoded", strings.NewReader(c.form.Encode())
			} else if c.json != "" {
				ct, body = "application/json", strings.NewReader(c.json)
			}
			status, _, got := f.do(c.user, c.method, c.path, ct, body, nil)
			if status != c.want {
				t.Fatalf("status %d, want %d\n%.1500s", status, c.want, got)
			}
			for _, s := range c.contains {
				if !strings.Contains(got, s) {
					t.Errorf("response lacks %q", s)
				}
			}
			if strings.HasPrefix(c.path, "/api/") {
				f.spec.check(t, c.method, c.path, status, []byte(got))
			}
		})
	}
}

func TestIndicatorCatalogue(t *testing.T) {
	f := newFixture(t, "sqlite")
	cases := []struct {
		name, user, method, path string
		form                     url.Values
		json                     string
		want                     int
		contains                 []string
	}{
		{"catalogue", "pkhtc", "GET", "/indicators", nil, "", 200, []string{"news_items", "tự đếm từ tin, bài"}},
		{"bad entry keeps input", "quantri", "POST", "/indicators", url.Values{"code": {"Tập Huấn"}, "name": {"Lớp tập huấn"}, "unit": {"lớp"}, "aggregation": {"sum"}}, "", 400,
			[]string{"Mã chỉ tiêu gồm", `value="Lớp tập huấn"`}},
		{"entry added", "quantri", "POST", "/indicators", url.Values{"code": {"training_classes"}, "name": {"Lớp tập huấn"}, "unit": {"lớp"}, "aggregation": {"sum"}}, "", 303, nil},
		{"entry refused to office", "vanphong", "POST", "/indicators", url.Values{"code": {"x_y"}, "name": {"X"}, "unit": {"bài"}, "aggregation": {"sum"}}, "", 403, nil},
		{"api entry changed", "quantri", "PUT", "/api/v1/indicators", nil, `{"code":"training_classes","name":"Lớp tập huấn kỹ năng","unit":"lớp","aggregation":"max","decimal":false,"min":0}`, 200, []string{`"aggregation":"max"`}},
		{"api entry refused", "pkhtc", "PUT", "/api/v1/indicators", nil, `{"code":"a_b","name":"X","unit":"bài","aggregation":"sum","decimal":false,"min":0}`, 403, nil},
		{"api negative bound", "quantri", "PUT", "/api/v1/indicators", nil, `{"code":"a_b","name":"X","unit":"bài","aggregation":"sum","decimal":false,"min":-1}`, 400, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ct, body := "", strings.NewReader("")
			if c.form != nil {
				ct, body = "application/x-www-form-urlencoded", strings.NewReader(c.form.Encode())
			} else if c.json != "" {
				ct, body = "application/json", strings.NewReader(c.json)
			}
			status, _, got := f.do(c.user, c.method, c.path, ct, body, nil)
			if status != c.want {
				t.Fatalf("status %d, want %d\n%.1500s", status, c.want, got)
			}
			for _, s := range c.contains {
				if !strings.Contains(got, s) {
					t.Errorf("response lacks %q", s)
				}
			}
			if strings.HasPrefix(c.path, "/api/") {
				f.spec.check(t, c.method, c.path, status, []byte(got))
			}
		})
	}
}
