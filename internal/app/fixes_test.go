package app_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
)

// TestMonitoringRatesOnlyWhatIsDue: a unit that leads no task of a plan
// issued for later has nothing due; the monitoring page, its CSV and the API
// show no rate for it ("—", null), never 100 %.
func TestMonitoringRatesOnlyWhatIsDue(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newFixture(t, engine)
		id := f.plan.ID
		f.expect(t, httpCase{user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/issue", want: 200,
			json: `{"recipientUnitIds":["u-pkhtc","u-thanhtra"],"ackDays":2,"briefDays":7,"issuedOn":"2099-01-01"}`})
		// The inspectorate leads no task: its only obligations are due in 2099.
		body := f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + id + "/monitoring", want: 200})
		row := regexp.MustCompile(`(?s)<tr data-unit="u-thanhtra">.*?</tr>`).FindString(body)
		if row == "" {
			t.Fatal("no row for the inspectorate")
		}
		if strings.Contains(row, "100%") || !strings.HasSuffix(row, "<td>—</td><td>—</td></tr>") {
			t.Errorf("inspectorate's rates: %s", row[max(0, len(row)-80):])
		}
		csv := f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + id + "/monitoring?format=csv", want: 200})
		for _, line := range strings.Split(csv, "\n") {
			if strings.HasPrefix(line, "Thanh tra Sở") && !strings.HasSuffix(strings.TrimSpace(line), ",—,—") {
				t.Errorf("csv line: %s", line)
			}
		}
		api := f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/api/v1/plans/" + id + "/monitoring", want: 200})
		var out struct {
			Units []struct {
				Unit struct {
					ID string `json:"id"`
				} `json:"unit"`
				Expected     int      `json:"expected"`
				Completeness *float64 `json:"completeness"`
				OnTimeRate   *float64 `json:"onTimeRate"`
			} `json:"units"`
		}
		if err := json.Unmarshal([]byte(api), &out); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, u := range out.Units {
			if u.Unit.ID == "u-thanhtra" {
				found = true
				if u.Expected != 0 || u.Completeness != nil || u.OnTimeRate != nil {
					t.Errorf("api inspectorate: expected %d, completeness %v, on time %v", u.Expected, u.Completeness, u.OnTimeRate)
				}
			}
		}
		if !found {
			t.Error("api: no inspectorate")
		}
	})
}

// TestIssueFormWarnsOfPastDeadlines: the issue form proposes the plan's own
// date, not today, and warns next to the issue date that the plan's
// deadlines fall before it.
func TestIssueFormWarnsOfPastDeadlines(t *testing.T) {
	f := newFixture(t, "sqlite")
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + f.plan.ID + "/issue", want: 200,
		contains: []string{`id="issuedOn" name="issuedOn" type="date" value="2023-04-28" aria-describedby="issuedOn-warning"`, `id="issuedOn-warning"`, "30/06/2022"}})
}

// TestReportFormSizesAndNumbers: the report form reads "1.200" for a
// whole-number indicator as 1200, and lists evidence sizes for people
// ("39,5 KB", not "40443 B").
func TestReportFormSizesAndNumbers(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	o := f.obligationOf("u-thanhtra", kehoach.KindFinal)
	path := "/obligations/" + o.ID + "/report"
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"), make([]byte, 40443-33)...)
	h := httpCase{user: "thanhtra", method: "POST", path: path, want: 303}
	h.bodyType, h.body = multipartReport(t, map[string]string{"value_staff_reached": "1.200", "results": "Đã làm", "action": "save"}, map[string][]byte{"anh.png": png})
	f.expect(t, h)
	rep, err := f.db.FindReportByObligation(t.Context(), o.ID)
	if err != nil || rep.Values[kehoach.IndStaffReached] != 1200 || len(rep.Evidence) != 1 || rep.Evidence[0].Size != 40443 {
		t.Fatalf("stored report: %v %+v", err, rep)
	}
	f.expect(t, httpCase{user: "thanhtra", method: "GET", path: path, want: 200, contains: []string{"image/png, 39,5 KB", `value="1200"`}, absent: []string{"40443 B"}})
}
