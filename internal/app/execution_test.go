package app_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"regexp"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

// obligationOf returns the first obligation of a unit and kind in the demo.
func (f *fixture) obligationOf(unit string, kind kehoach.ObligationKind) *kehoach.Obligation {
	f.t.Helper()
	obls, err := f.db.FindObligations(f.t.Context(), kehoach.ObligationFilter{PlanID: &f.plan.ID, UnitID: &unit, Kind: &kind})
	if err != nil || len(obls) == 0 {
		f.t.Fatalf("no %s obligation for %s: %v", kind, unit, err)
	}
	return obls[0]
}

func TestExecutionPages(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	id := f.plan.ID
	// In the demo: pkhtc's report was returned once and accepted; pkcht's
	// waits for review; the inspectorate never acknowledged.
	pkhtcFinal := f.obligationOf("u-pkhtc", kehoach.KindFinal)
	pkchtFinal := f.obligationOf("u-pkcht", kehoach.KindFinal)
	ttrFinal := f.obligationOf("u-thanhtra", kehoach.KindFinal)
	// A routine reminder, which the history hides unless asked.
	sys := kehoach.NewContextWithActor(t.Context(), kehoach.SystemActor("kiểm thử"))
	if _, err := f.db.EnqueueReminders(sys, []*notify.Reminder{{Key: "history-test|app", PlanID: id, UnitID: "u-thanhtra", Step: "due", Level: notify.LevelUnit,
		Recipient: "thanhtra", Channel: notify.ChannelApp, Reason: "Kiểm thử nhắc việc.", Subject: "Đôn đốc", Message: "Đề nghị đơn vị hoàn thành."}}); err != nil {
		t.Fatal(err)
	}
	tests := []httpCase{
		{name: "monitoring for office", user: "vanphong", method: "GET", path: "/plans/" + id + "/monitoring", want: 200,
			contains: []string{"Theo dõi thực hiện", "Thanh tra Sở", "Quá hạn", "Đã chấp nhận", `id="indicators"`, "Tải CSV"}},
		{name: "monitoring read-only for director", user: "giamdoc", method: "GET", path: "/plans/" + id + "/monitoring", want: 200, contains: []string{"chỉ xem"}},
		{name: "monitoring refused to unit head", user: "pkhtc", method: "GET", path: "/plans/" + id + "/monitoring", want: 403},
		{name: "monitoring filtered", user: "vanphong", method: "GET", path: "/plans/" + id + "/monitoring?status=late", want: 200, contains: []string{"Thanh tra Sở"}, absent: []string{`data-unit="u-pkhtc"`}},
		{name: "monitoring csv", user: "vanphong", method: "GET", path: "/plans/" + id + "/monitoring?format=csv", want: 200, contains: []string{"Thanh tra Sở", "Quá hạn", "Đầy đủ (%)"}},
		{name: "unit head home to-do", user: "thanhtra", method: "GET", path: "/", want: 200, contains: []string{"Việc cần làm của đơn vị", "Quá hạn", "Xác nhận đã nhận"}},
		{name: "unit head plan page", user: "pkhtc", method: "GET", path: "/plans/" + id, want: 200, contains: []string{"Việc của đơn vị", "Đã chấp nhận"}, absent: []string{"Ban hành kế hoạch"}},
		{name: "own report", user: "pkhtc", method: "GET", path: "/obligations/" + pkhtcFinal.ID + "/report", want: 200, contains: []string{"Đã chấp nhận", "Các lần gửi", "Đề nghị bổ sung"}},
		{name: "other unit's report hidden", user: "pkhtc", method: "GET", path: "/obligations/" + pkchtFinal.ID + "/report", want: 404},
		{name: "other unit's report not writable", user: "pkhtc", method: "POST", path: "/obligations/" + ttrFinal.ID + "/report", form: url.Values{"results": {"x"}, "action": {"save"}}, want: 404},
		{name: "other unit acknowledged by a unit head", user: "pkhtc", method: "POST", path: "/plans/" + id + "/acknowledge", form: url.Values{"unit": {"u-thanhtra"}}, want: 403},
		{name: "other unit's briefing form", user: "pkhtc", method: "GET", path: "/plans/" + id + "/briefing?unit=u-thanhtra", want: 403},
		{name: "review refused to unit head", user: "pkhtc", method: "POST", path: "/obligations/" + pkchtFinal.ID + "/review", form: url.Values{"decision": {"accept"}}, want: 404},
		{name: "review by a head of the same unit refused", user: "pkcht", method: "POST", path: "/obligations/" + pkchtFinal.ID + "/review", form: url.Values{"decision": {"accept"}}, want: 403},
		{name: "office sees a waiting report", user: "vanphong", method: "GET", path: "/obligations/" + pkchtFinal.ID + "/report", want: 200, contains: []string{"Xem xét báo cáo", "Chấp nhận"}},
		{name: "return without a reason", user: "vanphong", method: "POST", path: "/obligations/" + pkchtFinal.ID + "/review", form: url.Values{"decision": {"return"}}, want: 400, contains: []string{"Nhập lý do trả lại"}},
		{name: "issue page refused for an issued plan", user: "vanphong", method: "GET", path: "/plans/" + id + "/issue", want: 409},
		{name: "task edit page", user: "vanphong", method: "GET", path: "/tasks/" + pkhtcFinal.TaskID, want: 200, contains: []string{"Tách nhiệm vụ", "Đơn vị chủ trì"}},
		{name: "task edit refused to unit head", user: "pkhtc", method: "GET", path: "/tasks/" + pkhtcFinal.TaskID, want: 403},
		{name: "task due before the plan", user: "vanphong", method: "POST", path: "/plans/" + id + "/tasks", form: url.Values{"title": {"Nhiệm vụ mới"}, "leadUnitId": {"u-pkhtc"}, "due": {"01/01/2023"}}, want: 400,
			contains: []string{"trước ngày bắt đầu kế hoạch", `value="Nhiệm vụ mới"`}},
		{name: "task without a lead", user: "vanphong", method: "POST", path: "/plans/" + id + "/tasks", form: url.Values{"title": {"Nhiệm vụ mới"}, "due": {"2023-06-20"}}, want: 400, contains: []string{"Chọn đơn vị chủ trì."}},
		{name: "briefing with bad count keeps input", user: "thanhtra", method: "POST", path: "/plans/" + id + "/briefing", form: url.Values{"unit": {"u-thanhtra"}, "date": {"2023-05-30"}, "method": {"Họp giao ban"}, "participants": {"mười"}}, want: 400,
			contains: []string{"Số người phải là số nguyên.", `value="Họp giao ban"`, `value="mười"`}},
		{name: "history without routine reminders", user: "vanphong", method: "GET", path: "/plans/" + id + "/history", want: 200, contains: []string{"Hiện cả nhắc việc, thông báo", "Ban hành kế hoạch"}, absent: []string{"Xếp hàng nhắc việc"}},
		{name: "acknowledge late", user: "thanhtra", method: "POST", path: "/plans/" + id + "/acknowledge", form: url.Values{"unit": {"u-thanhtra"}}, want: 303},
		{name: "acknowledge twice", user: "thanhtra", method: "POST", path: "/plans/" + id + "/acknowledge", form: url.Values{"unit": {"u-thanhtra"}}, want: 409},
	}
	f.expectAll(t, tests)
}

// multipartReport builds a report form with fields and files.
func multipartReport(t *testing.T, fields map[string]string, files map[string][]byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for name, data := range files {
		w, err := mw.CreateFormFile("evidence", name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(data)
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func TestReportForm(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	o := f.obligationOf("u-thanhtra", kehoach.KindFinal)
	path := "/obligations/" + o.ID + "/report"
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	cases := []struct {
		name     string
		fields   map[string]string
		files    map[string][]byte
		want     int
		contains []string
	}{
		{"negative value", map[string]string{"value_staff_reached": "-3", "results": "Đã làm", "action": "save"}, nil, 400, []string{"Giá trị không được âm.", "Đã làm"}},
		{"non-numeric value", map[string]string{"value_staff_reached": "nhiều", "results": "Đã làm", "action": "save"}, nil, 400, []string{"Giá trị phải là số.", `value="nhiều"`}},
		{"indicator the task does not feed", map[string]string{"value_news_items": "3", "results": "Đã làm", "action": "save"}, nil, 400, []string{"không thuộc nhiệm vụ"}},
		{"forbidden file type", map[string]string{"results": "Đã làm", "action": "save"}, map[string][]byte{"anh.png": []byte("MZ\x90\x00 not an image")}, 400, []string{"không phải ảnh, PDF"}},
		{"bad link", map[string]string{"results": "Đã làm", "links": "javascript:alert(1)", "action": "save"}, nil, 400, []string{"Đường dẫn không hợp lệ"}},
		{"submit without results", map[string]string{"value_staff_reached": "5", "action": "submit"}, nil, 400, []string{"Nhập kết quả đạt được"}},
		{"save with evidence", map[string]string{"value_staff_reached": "15", "results": "Đã tuyên truyền 15 lượt.", "links": "https://sogtvt.sonla.gov.vn/tin/1", "action": "save"}, map[string][]byte{"anh.png": png}, 303, nil},
		{"submit without the confirmation", map[string]string{"value_staff_reached": "15", "results": "Đã tuyên truyền 15 lượt.", "action": "submit"}, nil, 400,
			[]string{"Đánh dấu ô xác nhận trước khi gửi báo cáo.", "Đã tuyên truyền 15 lượt."}},
		{"submit", map[string]string{"value_staff_reached": "15", "results": "Đã tuyên truyền 15 lượt.", "action": "submit", "confirm": "yes"}, nil, 303, nil},
		{"submitted twice", map[string]string{"value_staff_reached": "15", "results": "Đã tuyên truyền 15 lượt.", "action": "submit", "confirm": "yes"}, nil, 409, []string{"đã được gửi"}},
	}
	for _, c := range cases {
		h := httpCase{name: c.name, user: "thanhtra", method: "POST", path: path, want: c.want, contains: c.contains}
		h.bodyType, h.body = multipartReport(t, c.fields, c.files)
		t.Run(h.name, func(t *testing.T) { f.expect(t, h) })
	}
	rep, err := f.db.FindReportByObligation(t.Context(), o.ID)
	if err != nil || rep.State != kehoach.ReportSubmitted || len(rep.Evidence) != 1 || rep.Evidence[0].ContentType != "image/png" {
		t.Fatalf("stored report: %v %+v", err, rep)
	}
	// The evidence is readable by its unit and the Office, not another unit.
	for user, want := range map[string]int{"thanhtra": 200, "vanphong": 200, "pkhtc": 404} {
		if s, _, _ := f.do(user, "GET", "/evidence/"+rep.Evidence[0].ID, "", nil, nil); s != want {
			t.Errorf("evidence as %s: %d, want %d", user, s, want)
		}
	}
	// The Office accepts it; the figure shows in the indicator table.
	if s, _, got := f.do("vanphong", "POST", "/obligations/"+o.ID+"/review", "application/x-www-form-urlencoded", strings.NewReader("decision=accept"), nil); s != 303 {
		t.Fatalf("accept: %d %s", s, got)
	}
	vals, err := f.db.PlanIndicatorValues(t.Context(), f.plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v := vals.Value("u-thanhtra", kehoach.IndStaffReached); v == nil || v.Value != 15 || v.Sources[0].Version != 1 || v.Sources[0].AcceptedBy != "Lò Thị Hương" {
		t.Fatalf("figure: %+v", v)
	}
}

func TestExecutionAPI(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	id := f.plan.ID
	own := f.obligationOf("u-pkhtc", kehoach.KindFinal)
	other := f.obligationOf("u-thanhtra", kehoach.KindFinal)
	tests := []httpCase{
		{name: "obligations for office", user: "vanphong", method: "GET", path: "/api/v1/plans/" + id + "/obligations", want: 200, contains: []string{`"status":"late"`, `"status":"accepted"`, "Thanh tra Sở"}},
		{name: "obligations without credentials", method: "GET", path: "/api/v1/plans/" + id + "/obligations", want: 401},
		{name: "tasks", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id + "/tasks", want: 200, contains: []string{`"number":1`}},
		{name: "monitoring", user: "giamdoc", method: "GET", path: "/api/v1/plans/" + id + "/monitoring", want: 200, contains: []string{`"completeness"`}},
		{name: "monitoring refused to unit head", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id + "/monitoring", want: 403},
		{name: "indicator values", user: "vanphong", method: "GET", path: "/api/v1/plans/" + id + "/indicator-values", want: 200, contains: []string{`"staff_reached"`, `"acceptedBy"`}},
		{name: "indicators", user: "pkhtc", method: "GET", path: "/api/v1/indicators", want: 200, contains: []string{"news_items"}},
		{name: "own report", user: "pkhtc", method: "GET", path: "/api/v1/obligations/" + own.ID + "/report", want: 200, contains: []string{`"state":"accepted"`}},
		{name: "other unit's report", user: "pkhtc", method: "GET", path: "/api/v1/obligations/" + other.ID + "/report", want: 404},
		{name: "write other unit's report", user: "pkhtc", method: "PUT", path: "/api/v1/obligations/" + other.ID + "/report", json: `{"results":"x"}`, want: 404},
		{name: "review refused", user: "pkhtc", method: "POST", path: "/api/v1/obligations/" + own.ID + "/review", json: `{"accept":true}`, want: 403},
		{name: "acknowledge another unit", user: "pkhtc", method: "POST", path: "/api/v1/plans/" + id + "/acknowledgements", json: `{"unitId":"u-thanhtra"}`, want: 403},
		{name: "briefing for another unit", user: "pkhtc", method: "POST", path: "/api/v1/plans/" + id + "/briefings", json: `{"unitId":"u-thanhtra","date":"2023-05-30","method":"Họp","participants":3}`, want: 403},
		{name: "task by unit head", user: "pkhtc", method: "POST", path: "/api/v1/plans/" + id + "/tasks", json: `{"title":"x","leadUnitId":"u-pkhtc","due":"2023-06-20"}`, want: 403},
		{name: "task due before plan", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/tasks", json: `{"title":"x","leadUnitId":"u-pkhtc","due":"2023-01-20"}`, want: 400, contains: []string{"trước ngày bắt đầu"}},
		{name: "task created", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/tasks", json: `{"title":"Nhiệm vụ bổ sung","leadUnitId":"u-thanhtra","due":"2023-06-25","indicatorCodes":["staff_reached"]}`, want: 201, contains: []string{`"number":11`}},
		{name: "report with a negative value", user: "thanhtra", method: "PUT", path: "/api/v1/obligations/" + other.ID + "/report", json: `{"values":{"staff_reached":-1},"results":"x"}`, want: 400, contains: []string{"không được âm"}},
		{name: "report submitted", user: "thanhtra", method: "PUT", path: "/api/v1/obligations/" + other.ID + "/report", json: `{"values":{"staff_reached":4},"results":"Đã làm","submit":true}`, want: 200, contains: []string{`"state":"submitted"`}},
		{name: "report submitted twice", user: "thanhtra", method: "PUT", path: "/api/v1/obligations/" + other.ID + "/report", json: `{"values":{"staff_reached":4},"results":"Đã làm","submit":true}`, want: 409},
		{name: "issue an issued plan", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/issue", json: issueBody, want: 409},
	}
	f.expectAll(t, tests)
	// A unit head's obligations list holds only their unit.
	_, _, got := f.do("pkhtc", "GET", "/api/v1/plans/"+id+"/obligations", "", strings.NewReader(""), nil)
	var out struct {
		Obligations []struct {
			Unit struct{ ID string } `json:"unit"`
		} `json:"obligations"`
	}
	if err := json.Unmarshal([]byte(got), &out); err != nil || len(out.Obligations) == 0 {
		t.Fatalf("obligations: %v", err)
	}
	for _, o := range out.Obligations {
		if o.Unit.ID != "u-pkhtc" {
			t.Fatalf("unit head sees %s", o.Unit.ID)
		}
	}
}

// TestMonitoringRatesOnlyWhatIsDue: a unit that leads no task of a plan
// issued for later has nothing due; the monitoring page, its CSV and the API
// show no rate for it ("—", null, an empty bar), never 100 %.
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
		// Its bars in the progress charts are empty and say "—".
		for _, path := range []string{"/plans/" + id, "/plans/" + id + "/monitoring"} {
			bars := barsOf(regexp.MustCompile(`(?s)<li data-unit="u-thanhtra">.*?</li>`).FindString(f.expect(t, httpCase{user: "giamdoc", method: "GET", path: path, want: 200})))
			if len(bars) != 2 {
				t.Fatalf("%s: %d bars for the inspectorate", path, len(bars))
			}
			for _, b := range bars {
				checkBar(t, path, b, nil)
			}
		}
		csv := f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + id + "/monitoring?format=csv", want: 200})
		for _, line := range strings.Split(csv, "\n") {
			if strings.HasPrefix(line, "Thanh tra Sở") && !strings.HasSuffix(strings.TrimSpace(line), ",—,—") {
				t.Errorf("csv line: %s", line)
			}
		}
		out := f.monitoringAPI(t, id)
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

// TestReportEvidenceRemoved: the files of a report being written are listed
// above the submit buttons, each with a button that removes it (on the page
// and through the API), for the unit only; submitting asks for a
// confirmation.
func TestReportEvidenceRemoved(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	o := f.obligationOf("u-thanhtra", kehoach.KindFinal)
	path := "/obligations/" + o.ID + "/report"
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	h := httpCase{user: "thanhtra", method: "POST", path: path, want: 303}
	h.bodyType, h.body = multipartReport(t, map[string]string{"results": "Đã làm", "action": "save"}, map[string][]byte{"dung.png": png, "nham.png": png, "trung.png": png})
	f.expect(t, h)
	rep, err := f.db.FindReportByObligation(t.Context(), o.ID)
	if err != nil || len(rep.Evidence) != 3 {
		t.Fatalf("stored report: %v %+v", err, rep)
	}
	ids := map[string]string{}
	for _, e := range rep.Evidence {
		ids[e.Name] = e.ID
	}
	page := f.expect(t, httpCase{user: "thanhtra", method: "GET", path: path, want: 200,
		contains: []string{`action="/evidence/` + ids["nham.png"] + `/delete"`, `name="confirm" value="yes" form="report-form"`, "Tôi xác nhận"}})
	if list, submit := strings.Index(page, `id="evidence-list"`), strings.Index(page, `id="submit-report"`); list < 0 || submit < list {
		t.Errorf("the file list (at %d) is not above the submit button (at %d)", list, submit)
	}
	f.expect(t, httpCase{user: "pkhtc", method: "POST", path: "/evidence/" + ids["nham.png"] + "/delete", form: url.Values{}, want: 404})
	f.expect(t, httpCase{user: "giamdoc", method: "DELETE", path: "/api/v1/evidence/" + ids["nham.png"], want: 403})
	f.expect(t, httpCase{user: "thanhtra", method: "POST", path: "/evidence/" + ids["nham.png"] + "/delete", form: url.Values{}, want: 303})
	f.expect(t, httpCase{user: "thanhtra", method: "GET", path: path + "?saved=evidence-deleted", want: 200,
		contains: []string{"Đã xóa tệp minh chứng.", "dung.png", "trung.png"}, absent: []string{"nham.png"}})
	f.expect(t, httpCase{user: "thanhtra", method: "DELETE", path: "/api/v1/evidence/" + ids["trung.png"], want: 200,
		contains: []string{"dung.png"}, absent: []string{"trung.png"}})
	rep, err = f.db.FindReportByObligation(t.Context(), o.ID)
	if err != nil || len(rep.Evidence) != 1 || rep.Evidence[0].Name != "dung.png" {
		t.Fatalf("after removing: %v %+v", err, rep)
	}
	// The API submits without a confirmation; then the files stay.
	f.expect(t, httpCase{user: "thanhtra", method: "PUT", path: "/api/v1/obligations/" + o.ID + "/report", json: `{"results":"Đã làm","values":{},"submit":true}`, want: 200})
	f.expect(t, httpCase{user: "thanhtra", method: "POST", path: "/evidence/" + ids["dung.png"] + "/delete", form: url.Values{}, want: 409})
	f.expect(t, httpCase{user: "thanhtra", method: "GET", path: path, want: 200, contains: []string{"dung.png"}, absent: []string{"/delete"}})
}

// TestIssueNeedsConfirmation: the issue form refuses to issue until its
// confirmation box is ticked, keeping what was chosen.
func TestIssueNeedsConfirmation(t *testing.T) {
	f := newFixture(t, "sqlite")
	path := "/plans/" + f.plan.ID + "/issue"
	form := url.Values{"recipients": {"u-thanhtra"}, "ackDays": {"3"}, "briefDays": {"5"}, "issuedOn": {"2023-05-22"}}
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: path, want: 200, contains: []string{`id="confirm" name="confirm" value="yes"`}})
	f.expect(t, httpCase{user: "vanphong", method: "POST", path: path, form: form, want: 400,
		contains: []string{"Đánh dấu ô xác nhận trước khi ban hành kế hoạch.", `value="2023-05-22"`}})
	form.Set("confirm", "yes")
	f.expect(t, httpCase{user: "vanphong", method: "POST", path: path, form: form, want: 303})
}

// TestPlanPageTellsPublicPage: the plan page says whether the public page
// is published, links to it when it is and, for the Office, to the switch
// when it is not.
func TestPlanPageTellsPublicPage(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	path := "/plans/" + f.plan.ID
	f.expect(t, httpCase{user: "vanphong", method: "PUT", path: "/api/v1/plans/" + f.plan.ID + "/publication", json: `{"published":false}`, want: 200})
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: path, want: 200,
		contains: []string{`id="public-page"`, "chưa công bố, người ngoài chưa xem được.", `href="/plans/` + f.plan.ID + `/publicity#publish"`}})
	f.expect(t, httpCase{user: "thanhtra", method: "GET", path: path, want: 200,
		contains: []string{"chưa công bố, người ngoài chưa xem được."}, absent: []string{"/publicity#publish"}})
	f.expect(t, httpCase{user: "vanphong", method: "PUT", path: "/api/v1/plans/" + f.plan.ID + "/publication", json: `{"published":true}`, want: 200})
	f.expect(t, httpCase{user: "thanhtra", method: "GET", path: path, want: 200,
		contains: []string{"đã công bố tại", `<a href="` + f.srv.URL + "/public/plans/" + f.plan.ID + `">`}})
	f.expect(t, httpCase{method: "GET", path: "/public/plans/" + f.plan.ID, want: 200})
	d := newFixture(t, "sqlite")
	d.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + d.plan.ID, want: 200, contains: []string{"công bố được sau khi ban hành kế hoạch."}})
}

// TestReportPageNamesFigures shows an accepted report's figures by
// indicator name in the form's order, never by catalogue code.
func TestReportPageNamesFigures(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	o := f.obligationOf("u-pqlvt", kehoach.KindFinal)
	_, _, page := f.do("vanphong", "GET", "/obligations/"+o.ID+"/report", "", nil, nil)
	staff := strings.Index(page, "Cán bộ, công chức, viên chức, người lao động được tuyên truyền (lượt người)</dt>")
	classes := strings.Index(page, "Lượt con em tham gia lớp kỹ năng sống, tự bảo vệ (lượt)</dt>")
	summer := strings.Index(page, "Hoạt động bảo đảm “Mùa hè an toàn cho trẻ em” (buổi)</dt>")
	if staff < 0 || classes < staff || summer < classes {
		t.Errorf("figures not named in form order: %d %d %d", staff, classes, summer)
	}
	for _, code := range []string{">child_classes<", ">staff_reached<", ">summer_safety<"} {
		if strings.Contains(page, code) {
			t.Errorf("page shows the code %s", code)
		}
	}
}
