package app_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/demo"
)

// Search through the API and the page: folded terms find the seed plan and
// a unit named with "đường bộ"; a unit head finds neither another unit's
// unshared obstacle nor its tasks.
func TestSearchDoors(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		task := f.obstacleTask(demo.UnitRegistry)
		ct, body := raiseForm(t, map[string]string{"taskId": task.ID, "forUnit": "on",
			"what": "Cầu treo qua suối Nậm Pàn xuống cấp", "why": "Xe đưa đón học sinh không qua được"}, "", nil)
		if st, _, got := f.do("dangkiem", "POST", "/plans/"+f.plan.ID+"/obstacles", ct, body, nil); st != 303 {
			t.Fatalf("raise: %d %.500s", st, got)
		}
		taskQuery := "/api/v1/search?q=" + url.QueryEscape(task.Title)
		long := url.QueryEscape(strings.Repeat("ă", 201))
		f.expectAll(t, []httpCase{
			{name: "api tre em", user: "vanphong", method: "GET", path: "/api/v1/search?q=tre%20em", want: 200,
				contains: []string{`"query":"tre em"`, `"kind":"plan"`, `"id":"` + f.plan.ID + `"`, "Tháng hành động vì trẻ em", `"link":"/plans/` + f.plan.ID + `"`}},
			{name: "api with diacritics", user: "vanphong", method: "GET", path: "/api/v1/search?q=" + url.QueryEscape("TRẺ EM"), want: 200,
				contains: []string{`"id":"` + f.plan.ID + `"`}},
			{name: "api duong bo", user: "vanphong", method: "GET", path: "/api/v1/search?q=duong%20bo", want: 200,
				contains: []string{"Ban Quản lý bảo trì đường bộ", `"kind":"unit"`, `"kind":"person"`}},
			{name: "api office finds the obstacle", user: "vanphong", method: "GET", path: "/api/v1/search?q=cau%20treo%20nam%20pan", want: 200,
				contains: []string{`"kind":"obstacle"`, "Nậm Pàn"}},
			{name: "api other unit head", user: "pkhtc", method: "GET", path: "/api/v1/search?q=cau%20treo%20nam%20pan", want: 200,
				contains: []string{`"results":[]`}},
			{name: "api own unit head", user: "dangkiem", method: "GET", path: "/api/v1/search?q=cau%20treo%20nam%20pan", want: 200,
				contains: []string{"Nậm Pàn"}},
			{name: "api office finds the task", user: "vanphong", method: "GET", path: taskQuery, want: 200,
				contains: []string{`"kind":"task","id":"` + task.ID + `"`}},
			{name: "api other unit head not the task", user: "thanhtra", method: "GET", path: taskQuery, want: 200,
				absent: []string{task.ID}},
			{name: "api people only for readers of people", user: "pkhtc", method: "GET", path: "/api/v1/search?q=duong%20bo", want: 200,
				contains: []string{`"kind":"unit"`}, absent: []string{`"kind":"person"`}},
			{name: "api empty", user: "vanphong", method: "GET", path: "/api/v1/search?q=", want: 400, contains: []string{`"q"`}},
			{name: "api missing", user: "vanphong", method: "GET", path: "/api/v1/search", want: 400, contains: []string{`"q"`}},
			{name: "api too long", user: "vanphong", method: "GET", path: "/api/v1/search?q=" + long, want: 400, contains: []string{`"q"`}},
			{name: "api anonymous", method: "GET", path: "/api/v1/search?q=tre", want: 401},
			{name: "page box in header", user: "thanhtra", method: "GET", path: "/", want: 200,
				contains: []string{`action="/search"`, `name="q"`}},
			{name: "page", user: "vanphong", method: "GET", path: "/search?q=tre+em", want: 200,
				contains: []string{`id="search-results"`, `href="/plans/` + f.plan.ID + `"`, "Tháng hành động vì trẻ em"}},
			{name: "page other unit head", user: "pkhtc", method: "GET", path: "/search?q=cau+treo+nam+pan", want: 200,
				contains: []string{`id="search-none"`}, absent: []string{"Nậm Pàn"}},
			{name: "page without query", user: "pkhtc", method: "GET", path: "/search", want: 200,
				absent: []string{`id="search-none"`, `id="q-problem"`}},
			{name: "page too long", user: "vanphong", method: "GET", path: "/search?q=" + long, want: 400,
				contains: []string{`id="q-problem"`, "Nhập từ 1 đến 200 ký tự để tìm."}},
		})
	})
}
