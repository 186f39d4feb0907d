package app_test

import (
	"net/url"
	"testing"
)

func TestUnitAdministration(t *testing.T) {
	f := newFixture(t, "sqlite")
	cases := []httpCase{
		{name: "new unit form", user: "quantri", method: "GET", path: "/org/new", want: 200, contains: []string{"Tên đơn vị", "Đơn vị cấp trên"}},
		{name: "new unit refused to office", user: "vanphong", method: "GET", path: "/org/new", want: 403},
		{name: "edit refused to unit head", user: "pkhtc", method: "POST", path: "/org/u-pkhtc", form: url.Values{"name": {"Đổi tên"}, "kind": {"division"}}, want: 403},
		{name: "inverted validity keeps input", user: "quantri", method: "POST", path: "/org", form: url.Values{"name": {"Phòng Pháp chế"}, "kind": {"division"}, "parentId": {"u-sgtvt"}, "validFrom": {"2025-03-01"}, "validTo": {"01/01/2025"}}, want: 400,
			contains: []string{"Ngày hết hiệu lực trước ngày bắt đầu.", `value="Phòng Pháp chế"`}},
		{name: "unit under its own child", user: "quantri", method: "POST", path: "/org/u-sgtvt", form: url.Values{"name": {"Sở Giao thông vận tải"}, "kind": {"agency"}, "parentId": {"u-pkhtc"}, "abbrev": {"SGTVT"}}, want: 400,
			contains: []string{"đơn vị con của nó"}},
		{name: "unit created", user: "quantri", method: "POST", path: "/org", form: url.Values{"name": {"Phòng Pháp chế"}, "kind": {"division"}, "parentId": {"u-sgtvt"}, "abbrev": {"PC"}, "validFrom": {"2025-03-01"}}, want: 303},
		{name: "unit renamed", user: "quantri", method: "POST", path: "/org/u-pkhtc", form: url.Values{"name": {"Phòng Kế hoạch - Tài chính"}, "kind": {"division"}, "parentId": {"u-sgtvt"}, "abbrev": {"KHTC"}}, want: 303},
		{name: "tree shows the new unit", user: "pkhtc", method: "GET", path: "/org", want: 200, contains: []string{"Phòng Pháp chế", "KHTC"}},
		{name: "api unit", user: "quantri", method: "POST", path: "/api/v1/units", json: `{"kind":"union","name":"Công đoàn cơ sở Sở","parentId":"u-sgtvt"}`, want: 201, contains: []string{`"name":"Công đoàn cơ sở Sở"`}},
		{name: "api unit refused", user: "vanphong", method: "POST", path: "/api/v1/units", json: `{"kind":"union","name":"X"}`, want: 403},
		{name: "api bad kind", user: "quantri", method: "POST", path: "/api/v1/units", json: `{"kind":"club","name":"X"}`, want: 400, contains: []string{`"fields":{"kind":`}},
		{name: "api update", user: "quantri", method: "PUT", path: "/api/v1/units/u-website", json: `{"kind":"division","name":"Cổng thông tin điện tử của Sở","parentId":"u-vp"}`, want: 200, contains: []string{"Cổng thông tin"}},
	}
	f.expectAll(t, cases)
}

func TestIndicatorCatalogue(t *testing.T) {
	f := newFixture(t, "sqlite")
	cases := []httpCase{
		{name: "catalogue", user: "pkhtc", method: "GET", path: "/indicators", want: 200, contains: []string{"news_items", "tự đếm từ tin, bài"}},
		{name: "bad entry keeps input", user: "quantri", method: "POST", path: "/indicators", form: url.Values{"code": {"Tập Huấn"}, "name": {"Lớp tập huấn"}, "unit": {"lớp"}, "aggregation": {"sum"}}, want: 400,
			contains: []string{"Mã chỉ tiêu gồm", `value="Lớp tập huấn"`}},
		{name: "entry added", user: "quantri", method: "POST", path: "/indicators", form: url.Values{"code": {"training_classes"}, "name": {"Lớp tập huấn"}, "unit": {"lớp"}, "aggregation": {"sum"}}, want: 303},
		{name: "entry refused to office", user: "vanphong", method: "POST", path: "/indicators", form: url.Values{"code": {"x_y"}, "name": {"X"}, "unit": {"bài"}, "aggregation": {"sum"}}, want: 403},
		{name: "api entry changed", user: "quantri", method: "PUT", path: "/api/v1/indicators", json: `{"code":"training_classes","name":"Lớp tập huấn kỹ năng","unit":"lớp","aggregation":"max","decimal":false,"min":0}`, want: 200, contains: []string{`"aggregation":"max"`}},
		{name: "api entry refused", user: "pkhtc", method: "PUT", path: "/api/v1/indicators", json: `{"code":"a_b","name":"X","unit":"bài","aggregation":"sum","decimal":false,"min":0}`, want: 403},
		{name: "api negative bound", user: "quantri", method: "PUT", path: "/api/v1/indicators", json: `{"code":"a_b","name":"X","unit":"bài","aggregation":"sum","decimal":false,"min":-1}`, want: 400},
	}
	f.expectAll(t, cases)
}
