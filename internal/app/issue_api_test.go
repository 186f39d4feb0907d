package app_test

import (
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
)

// TestIssueAPIRequiresChoices checks that the API issues a plan only with
// the choices the web form asks for: an empty body is refused, naming each
// missing choice, and issues nothing.
func TestIssueAPIRequiresChoices(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newFixture(t, engine)
		path := "/api/v1/plans/" + f.plan.ID + "/issue"
		status, _, got := f.do("vanphong", "POST", path, "application/json", strings.NewReader(`{}`), nil)
		if status != 400 {
			t.Fatalf("status %d, want 400: %.500s", status, got)
		}
		for _, field := range []string{`"recipientUnitIds"`, `"ackDays"`, `"briefDays"`, `"issuedOn"`} {
			if !strings.Contains(got, field) {
				t.Errorf("response does not name %s: %.500s", field, got)
			}
		}
		f.spec.check(t, "POST", path, status, []byte(got))
		p, err := f.db.FindPlanByID(t.Context(), f.plan.ID)
		if err != nil || p.Status != kehoach.PlanDraft {
			t.Fatalf("plan after a refused issue: %v %v", p.Status, err)
		}
		status, _, got = f.do("vanphong", "POST", path, "application/json",
			strings.NewReader(`{"recipientUnitIds":["u-pkhtc","u-thanhtra"],"ackDays":2,"briefDays":7,"issuedOn":"2023-05-20"}`), nil)
		if status != 200 || !strings.Contains(got, `"u-thanhtra"`) {
			t.Fatalf("issue: %d %.500s", status, got)
		}
		f.spec.check(t, "POST", path, status, []byte(got))
	})
}
