package app_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
)

// apiProblem decodes an API error body.
func apiProblem(t *testing.T, body string) (code string, fields map[string]string) {
	t.Helper()
	var e struct {
		Error struct {
			Code   string            `json:"code"`
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, body)
	}
	return e.Error.Code, e.Error.Fields
}

// TestHostileBodies: each way the doors used to differ on bad input is now a
// 400 that names the problem, and loses nothing already saved, on both
// engines.
func TestHostileBodies(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		id := f.plan.ID
		final := f.obligationOf("u-thanhtra", kehoach.KindFinal)
		reportPath := "/api/v1/obligations/" + final.ID + "/report"
		get := func(user, path string) string {
			t.Helper()
			st, _, body := f.do(user, "GET", path, "", strings.NewReader(""), nil)
			if st != 200 {
				t.Fatalf("GET %s: %d %s", path, st, body)
			}
			return body
		}
		// A draft that must survive every refused body below.
		if st, _, body := f.do("thanhtra", "PUT", reportPath, "application/json", strings.NewReader(`{"results":"bản nháp cần giữ","values":{}}`), nil); st != 200 {
			t.Fatalf("saving a draft: %d %s", st, body)
		}
		ruleBefore := get("vanphong", "/api/v1/plans/"+id+"/reminder-rule")
		publicityBefore := get("vanphong", "/api/v1/plans/"+id+"/publicity")
		unitsBefore := get("quantri", "/api/v1/units")
		cases := []struct {
			name, user, method, path, body string
			field                          string // the field the problem names; "-" for none
		}{
			{"report null", "thanhtra", "PUT", reportPath, `null`, ""},
			{"report wrong case", "thanhtra", "PUT", reportPath, `{"RESULTS":"x"}`, "RESULTS"},
			{"report duplicated key", "thanhtra", "PUT", reportPath, `{"results":"a","results":"b"}`, "results"},
			{"reminder rule empty", "vanphong", "PUT", "/api/v1/plans/" + id + "/reminder-rule", `{}`, "daysBefore"},
			{"publicity null", "vanphong", "PUT", "/api/v1/plans/" + id + "/publicity", `null`, ""},
			{"finalise null", "vanphong", "POST", "/api/v1/plans/" + id + "/summary/finalise", `null`, ""},
			{"unit with unknown parent", "quantri", "PUT", "/api/v1/units/u-website", `{"kind":"division","name":"Cổng thông tin","parentId":"khong-co-don-vi-nay"}`, "parentId"},
			{"new unit with unknown parent", "quantri", "POST", "/api/v1/units", `{"kind":"division","name":"Phòng mới","parentId":"khong-co-don-vi-nay"}`, "parentId"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				st, _, body := f.do(c.user, c.method, c.path, "application/json", strings.NewReader(c.body), nil)
				if st != 400 {
					t.Fatalf("status %d, want 400\n%.600s", st, body)
				}
				code, fields := apiProblem(t, body)
				if code != kehoach.EINVALID {
					t.Fatalf("code %q", code)
				}
				if _, ok := fields[c.field]; c.field != "-" && !ok {
					t.Fatalf("problems %v do not name %q", fields, c.field)
				}
			})
		}
		if got := get("thanhtra", reportPath); !strings.Contains(got, "bản nháp cần giữ") {
			t.Errorf("the saved draft changed after refused bodies: %.400s", got)
		}
		if got := get("vanphong", "/api/v1/plans/"+id+"/reminder-rule"); got != ruleBefore {
			t.Errorf("the reminder rule changed: %s → %s", ruleBefore, got)
		}
		if got := get("vanphong", "/api/v1/plans/"+id+"/publicity"); got != publicityBefore {
			t.Errorf("the publicity changed")
		}
		if got := get("quantri", "/api/v1/units"); got != unitsBefore {
			t.Errorf("the units changed")
		}
		// The web form keeps what was typed and names the parent.
		st, _, page := f.do("quantri", "POST", "/org/u-website", "application/x-www-form-urlencoded",
			strings.NewReader(url.Values{"name": {"Tên vừa gõ"}, "kind": {"division"}, "parentId": {"khong-co-don-vi-nay"}}.Encode()), nil)
		if st != 400 || !strings.Contains(page, `value="Tên vừa gõ"`) {
			t.Errorf("web unit form with an unknown parent: status %d, typed name kept: %v", st, strings.Contains(page, `value="Tên vừa gõ"`))
		}
	})
}

// TestIssueAPIRequiresChoices: the API issues a plan only with the choices
// the web form asks for. An empty body no longer issues the plan to every
// unit: it is refused, naming each missing choice, and issues nothing.
func TestIssueAPIRequiresChoices(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newFixture(t, engine)
		path := "/api/v1/plans/" + f.plan.ID + "/issue"
		got := f.expect(t, httpCase{user: "vanphong", method: "POST", path: path, json: `{}`, want: 400,
			contains: []string{`"recipientUnitIds"`, `"ackDays"`, `"briefDays"`, `"issuedOn"`}})
		if _, fields := apiProblem(t, got); fields["recipientUnitIds"] == "" {
			t.Errorf("problems %v do not name recipientUnitIds", fields)
		}
		p, err := f.db.FindPlanByID(t.Context(), f.plan.ID)
		if err != nil || p.Status != kehoach.PlanDraft {
			t.Fatalf("plan after a refused issue: %v %v", p.Status, err)
		}
		f.expect(t, httpCase{user: "vanphong", method: "POST", path: path, want: 200, contains: []string{`"u-thanhtra"`},
			json: `{"recipientUnitIds":["u-pkhtc","u-thanhtra"],"ackDays":2,"briefDays":7,"issuedOn":"2023-05-20"}`})
	})
}
