package app_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/demo"
)

// TestSuperiorPages follows the superior through the pages: the roll-up
// offers to accept or return a finalised report, a return without a reason
// comes back with the problem next to it, an accepted report turns the
// line "accepted", and the superior's own report names the agencies that
// have not reported. The API answers as the OpenAPI document says.
func TestSuperiorPages(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	if f.plan.ParentPlanID == nil {
		t.Fatal("the seed plan has no parent")
	}
	parent := *f.plan.ParentPlanID
	seedRow := `data-agency="` + demo.UnitAgency + `"`
	// The demo's seed report may still be a draft: finalise it.
	f.do("vanphong", "POST", "/plans/"+f.plan.ID+"/summary/finalise", "application/x-www-form-urlencoded", strings.NewReader("issuedOn=2023-07-05"), nil)
	accept := "/plans/" + parent + "/rollup/" + demo.UnitAgency + "/accept"
	f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/plans/" + parent + "/rollup", want: 200,
		contains: []string{`action="` + accept + `"`, `action="/plans/` + parent + `/rollup/` + demo.UnitEducation + `/return"`, `id="rollup-summary"`}})
	f.expect(t, httpCase{user: "vanphong", method: "POST", path: accept, form: url.Values{}, want: 403})
	f.expect(t, httpCase{user: "sldtbxh", method: "POST", path: "/plans/" + parent + "/rollup/" + demo.UnitAgency + "/return", form: url.Values{"reason": {""}}, want: 400,
		contains: []string{`class="problem"`, "lý do"}})
	f.expect(t, httpCase{user: "sldtbxh", method: "POST", path: accept, form: url.Values{}, want: 303})
	f.expect(t, httpCase{user: "sldtbxh", method: "POST", path: accept, form: url.Values{}, want: 409})
	f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/plans/" + parent + "/rollup", want: 200, contains: []string{seedRow + ` data-state="accepted"`}})
	f.expect(t, httpCase{user: "sldtbxh", method: "POST", path: "/api/v1/plans/" + parent + "/rollup/" + demo.UnitAgency + "/return", json: `{"reason":"Bổ sung số liệu tuyên truyền."}`, want: 200,
		contains: []string{`"returnReason":"Bổ sung số liệu tuyên truyền."`}})
	f.expect(t, httpCase{user: "sldtbxh", method: "POST", path: "/api/v1/plans/" + parent + "/rollup/" + demo.UnitCulture + "/accept", want: 409})
	f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/plans/" + parent + "/summary", want: 200,
		contains: []string{"Báo cáo tổng hợp từ các cơ quan thực hiện", "Sở Giáo dục và Đào tạo (Báo cáo số 01/BC-SGDĐT", "Sở Tư pháp (chưa ban hành kế hoạch thực hiện)",
			"Sở Giao thông vận tải (báo cáo kết quả bị trả lại, chưa gửi lại)", "Cách tổng hợp", `action="/plans/` + parent + `/summary/finalise"`}})
	f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/api/v1/plans/" + parent + "/summary", want: 200, contains: []string{`"kind":"agencies"`, `"why":"chưa ban hành kế hoạch thực hiện"`}})
	f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/plans/" + parent + "/summary.docx", want: 200, contentType: "wordprocessingml"})
	f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/plans/" + parent + "/summary.xlsx", want: 200, contentType: "spreadsheetml"})
}
