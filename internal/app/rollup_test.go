package app_test

import (
	"encoding/json"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
)

// TestRollupRoutes drives the roll-up of 115/KH-UBND through the API and
// the page as the demo's superior, with the drill-down to an agency's
// finalised report, and the plan page's links between plans.
func TestRollupRoutes(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	if f.plan.ParentPlanID == nil {
		t.Fatal("the seed plan has no parent")
	}
	parent := *f.plan.ParentPlanID
	body := f.expect(t, httpCase{name: "api roll-up", user: "sldtbxh", method: "GET", path: "/api/v1/plans/" + parent + "/rollup", want: 200})
	var r struct {
		Plan       kehoach.Plan                 `json:"plan"`
		Children   []map[string]json.RawMessage `json:"children"`
		Indicators []map[string]json.RawMessage `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	if r.Plan.NumberSymbol() != "115/KH-UBND" || len(r.Children) != 4 || len(r.Indicators) == 0 {
		t.Fatalf("roll-up: %s", body)
	}
	var eduPlan string
	for _, c := range r.Children {
		for _, k := range []string{"planId", "agencyId", "agencyName", "status", "issuedOn", "completeness", "onTime", "report"} {
			if _, ok := c[k]; !ok {
				t.Errorf("child lacks %s: %v", k, c)
			}
		}
		if string(c["agencyId"]) == `"`+demo.UnitEducation+`"` {
			_ = json.Unmarshal(c["planId"], &eduPlan)
		}
		if string(c["agencyId"]) == `"`+demo.UnitJustice+`"` && (string(c["planId"]) != "null" || string(c["status"]) != `"not_issued"`) {
			t.Errorf("agency without a plan: %v", c)
		}
	}
	f.expectAll(t, []httpCase{
		{name: "roll-up page", user: "sldtbxh", method: "GET", path: "/plans/" + parent + "/rollup", want: 200,
			contains: []string{"Sở Giáo dục và Đào tạo", "Sở Tư pháp", "Chưa ban hành kế hoạch", "01/BC-SGDĐT", "/plans/" + eduPlan + "/summary.pdf", "1.250"}},
		{name: "roll-up refused to the agency's Office", user: "vanphong", method: "GET", path: "/api/v1/plans/" + parent + "/rollup", want: 403},
		{name: "roll-up hidden from a unit", user: "pkhtc", method: "GET", path: "/plans/" + parent + "/rollup", want: 404},
		{name: "plan page links the roll-up", user: "sldtbxh", method: "GET", path: "/plans/" + parent, want: 200, contains: []string{`id="rollup-link"`}},
		{name: "seed plan names its parent", user: "vanphong", method: "GET", path: "/plans/" + f.plan.ID, want: 200,
			contains: []string{`id="parent-plan"`, "Kế hoạch số 115/KH-UBND", "/plans/" + parent}},
		{name: "plan JSON names its parent", user: "vanphong", method: "GET", path: "/api/v1/plans/" + f.plan.ID, want: 200, contains: []string{`"parentPlanId":"` + parent + `"`}},
		{name: "finalised report for the superior", user: "sldtbxh", method: "GET", path: "/plans/" + eduPlan + "/summary", want: 200, contains: []string{"01/BC-SGDĐT"}},
		{name: "finalised pdf for the superior", user: "sldtbxh", method: "GET", path: "/plans/" + eduPlan + "/summary.pdf", want: 200, contentType: "application/pdf"},
		{name: "draft report hidden from the superior", user: "sldtbxh", method: "GET", path: "/api/v1/plans/" + f.plan.ID + "/summary", want: 404},
	})
}
