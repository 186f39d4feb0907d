package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/demo"
)

// queueItem is an item of GET /api/v1/me/queue.
type queueItem struct {
	Kind, PlanID, PlanTitle, UnitID, UnitName, Since, Link, Title string
}

// queue returns the API queue of username, checked against the OpenAPI
// document.
func (f *fixture) queue(t *testing.T, username string) []queueItem {
	t.Helper()
	got := f.expect(t, httpCase{user: username, method: "GET", path: "/api/v1/me/queue", want: 200})
	var q struct{ Items []queueItem }
	if err := json.Unmarshal([]byte(got), &q); err != nil {
		t.Fatal(err)
	}
	return q.Items
}

func TestWorkQueue(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		var review *queueItem
		for _, it := range f.queue(t, "vanphong") {
			if it.Kind == "report_review" {
				review = &it
			}
		}
		if review == nil || review.UnitID != demo.UnitInfra || review.PlanID != f.plan.ID || !strings.HasPrefix(review.Link, "/obligations/") {
			t.Fatalf("the Office's queue has no review of the infrastructure division's report: %+v", review)
		}
		// The page lists the same item as a link.
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/", want: 200,
			contains: []string{"Việc chờ bạn xử lý", `href="` + review.Link + `"`, review.UnitName}})
		// The Director has nothing waiting in the demo; the page says so.
		if q := f.queue(t, "giamdoc"); len(q) != 0 {
			t.Errorf("the Director's queue: %+v", q)
		}
		f.expect(t, httpCase{user: "giamdoc", method: "GET", path: "/", want: 200,
			contains: []string{"Không có việc nào đang chờ bạn xử lý."}})
		// A unit head sees only their unit's work, on the API and the page.
		items := f.queue(t, "pkcht")
		if len(items) == 0 {
			t.Fatal("pkcht has an answer to confirm")
		}
		for _, it := range items {
			if it.UnitID != demo.UnitInfra {
				t.Errorf("pkcht sees %s of %s", it.Kind, it.UnitName)
			}
		}
		f.expect(t, httpCase{user: "pkhtc", method: "GET", path: "/", want: 200, absent: []string{review.Link}})
		for _, it := range f.queue(t, "pkhtc") {
			if it.UnitID != demo.UnitFinance {
				t.Errorf("pkhtc sees %s of %s", it.Kind, it.UnitName)
			}
		}
		f.expect(t, httpCase{method: "GET", path: "/api/v1/me/queue", want: 401})
	})
}
