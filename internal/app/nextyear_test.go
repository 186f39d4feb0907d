package app_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/app"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestNextYearAPI copies the demo's 2023 plan through the API: into 2024,
// when Sở Giao thông vận tải still exists, and into 2025, after it merged
// into Sở Xây dựng and the children's work of its superior moved to Sở Y
// tế; a year not after the plan's and a unit head are refused.
func TestNextYearAPI(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	path := "/api/v1/plans/" + f.plan.ID + "/next-year"
	type result struct {
		ID       string   `json:"id"`
		Warnings []string `json:"warnings"`
	}
	type plan struct {
		AgencyID       string `json:"agencyId"`
		ReportToUnitID string `json:"reportToUnitId"`
		Status         string `json:"status"`
		Year           *int   `json:"year"`
		Title          string `json:"title"`
		PredecessorID  string `json:"predecessorId"`
	}
	copyTo := func(t *testing.T, body string) (result, plan) {
		t.Helper()
		var r result
		got := f.expect(t, httpCase{user: "vanphong", method: "POST", path: path, json: body, want: 201})
		if err := json.Unmarshal([]byte(got), &r); err != nil || r.ID == "" {
			t.Fatalf("answer %s: %v", got, err)
		}
		var p plan
		got = f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/api/v1/plans/" + r.ID, want: 200})
		if err := json.Unmarshal([]byte(got), &p); err != nil {
			t.Fatal(err)
		}
		if p.Status != "draft" || p.PredecessorID != f.plan.ID {
			t.Errorf("the copy is %q with predecessor %q, want a draft copied from %s", p.Status, p.PredecessorID, f.plan.ID)
		}
		return r, p
	}

	t.Run("next year", func(t *testing.T) {
		r, p := copyTo(t, `{}`)
		if p.Year == nil || *p.Year != 2024 || !strings.Contains(p.Title, "2024") {
			t.Errorf("year %v, title %q: want 2024", p.Year, p.Title)
		}
		if p.AgencyID != demo.UnitAgency || p.ReportToUnitID != demo.UnitLabour {
			t.Errorf("agency %s, report to %s: want the 2023 ones, which still exist in 2024", p.AgencyID, p.ReportToUnitID)
		}
		if r.Warnings == nil {
			t.Error("no warnings list")
		}
	})
	t.Run("after the reorganisation", func(t *testing.T) {
		r, p := copyTo(t, `{"year":2025}`)
		if p.AgencyID != demo.UnitConstruction || p.ReportToUnitID != demo.UnitHealth {
			t.Errorf("agency %s, report to %s: want %s (Sở Xây dựng) and %s (Sở Y tế)", p.AgencyID, p.ReportToUnitID, demo.UnitConstruction, demo.UnitHealth)
		}
		all := strings.Join(r.Warnings, "\n")
		for _, name := range []string{"Sở Giao thông vận tải", "Sở Xây dựng", "Sở Lao động - Thương binh và Xã hội", "Sở Y tế"} {
			if !strings.Contains(all, name) {
				t.Errorf("the warnings do not name %s:\n%s", name, all)
			}
		}
	})
	f.expectAll(t, []httpCase{
		{name: "year not later", user: "vanphong", method: "POST", path: path, json: `{"year":2020}`, want: 400, contains: []string{`"year":`}},
		{name: "unit head", user: "pkhtc", method: "POST", path: path, json: `{}`, want: 403},
	})
}

// TestUnitsOn lists the organisation as of a day before and after the 2025
// reorganisation.
func TestUnitsOn(t *testing.T) {
	f := newFixture(t, "sqlite")
	ids := func(t *testing.T, on string) []string {
		t.Helper()
		var v struct {
			Units []struct {
				ID string `json:"id"`
			} `json:"units"`
		}
		got := f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/api/v1/units?on=" + on, want: 200})
		if err := json.Unmarshal([]byte(got), &v); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, u := range v.Units {
			out = append(out, u.ID)
		}
		return out
	}
	before, after := ids(t, "2024-01-01"), ids(t, "2026-01-01")
	for _, c := range []struct {
		unit          string
		before, after bool
	}{
		{demo.UnitAgency, true, false},
		{demo.UnitTransport, true, false},
		{demo.UnitLabour, true, false},
		{demo.UnitConstruction, true, true},
		{demo.UnitHealth, true, true},
		{"u-sxd-pqlvt", false, true},
		{demo.UnitProvince, true, true},
	} {
		if slices.Contains(before, c.unit) != c.before || slices.Contains(after, c.unit) != c.after {
			t.Errorf("%s: on 2024-01-01 %v, on 2026-01-01 %v; want %v, %v", c.unit, slices.Contains(before, c.unit), slices.Contains(after, c.unit), c.before, c.after)
		}
	}
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/api/v1/units?on=2024-02-30", want: 400, contains: []string{`"on":`}})
}

// TestDemoBanner: the demo says on every page what its plans are, in both
// languages; a server that is not the demo says nothing of it.
func TestDemoBanner(t *testing.T) {
	db, plan := kehoachtest.DraftDB(t, "sqlite")
	f := startFixture(t, db, plan, app.Options{Demo: true})
	f.expectAll(t, []httpCase{
		{name: "login", method: "GET", path: "/login", want: 200, contains: []string{`class="demo-banner"`, "Dữ liệu mẫu.", "Sở Xây dựng", "Tạo kế hoạch năm sau", "115/KH-UBND"}},
		{name: "english", user: "vanphong", method: "GET", path: "/lang/en?next=/plans", want: 303},
		{name: "plans in english", user: "vanphong", method: "GET", path: "/plans", want: 200,
			contains: []string{"Demo data.", "finished plan, kept as history", "Create next year&#39;s plan"}, absent: []string{"Dữ liệu mẫu."}},
	})
	plain := startFixture(t, db, plan)
	plain.expect(t, httpCase{method: "GET", path: "/login", want: 200, absent: []string{"demo-banner"}})
}
