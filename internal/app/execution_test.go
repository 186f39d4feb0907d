package app_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
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
	tests := []struct {
		name, user, method, path string
		form                     url.Values
		want                     int
		contains, absent         []string
	}{
		{"monitoring for office", "vanphong", "GET", "/plans/" + id + "/monitoring", nil, 200,
			[]string{"Theo dõi thực hiện", "Thanh tra Sở", "Quá hạn", "Đã chấp nhận", `id="indicators"`, "Tải CSV"}, nil},
		{"monitoring read-only for director", "giamdoc", "GET", "/plans/" + id + "/monitoring", nil, 200, []string{"chỉ xem"}, nil},
		{"monitoring refused to unit head", "pkhtc", "GET", "/plans/" + id + "/monitoring", nil, 403, nil, nil},
		{"monitoring filtered", "vanphong", "GET", "/plans/" + id + "/monitoring?status=late", nil, 200, []string{"Thanh tra Sở"}, []string{`data-unit="u-pkhtc"`}},
		{"monitoring csv", "vanphong", "GET", "/plans/" + id + "/monitoring?format=csv", nil, 200, []string{"Thanh tra Sở", "Quá hạn", "Đầy đủ (%)"}, nil},
		{"unit head home to-do", "thanhtra", "GET", "/", nil, 200, []string{"Việc cần làm của đơn vị", "Quá hạn", "Xác nhận đã nhận"}, nil},
		{"unit head plan page", "pkhtc", "GET", "/plans/" + id, nil, 200, []string{"Việc của đơn vị", "Đã chấp nhận"}, []string{"Ban hành kế hoạch"}},
		{"own report", "pkhtc", "GET", "/obligations/" + pkhtcFinal.ID + "/report", nil, 200, []string{"Đã chấp nhận", "Các lần gửi", "Đề nghị bổ sung"}, nil},
		{"other unit's report hidden", "pkhtc", "GET", "/obligations/" + pkchtFinal.ID + "/report", nil, 404, nil, nil},
		{"other unit's report not writable", "pkhtc", "POST", "/obligations/" + ttrFinal.ID + "/report", url.Values{"results": {"x"}, "action": {"save"}}, 404, nil, nil},
		{"other unit acknowledged by a unit head", "pkhtc", "POST", "/plans/" + id + "/acknowledge", url.Values{"unit": {"u-thanhtra"}}, 403, nil, nil},
		{"other unit's briefing form", "pkhtc", "GET", "/plans/" + id + "/briefing?unit=u-thanhtra", nil, 403, nil, nil},
		{"review refused to unit head", "pkhtc", "POST", "/obligations/" + pkchtFinal.ID + "/review", url.Values{"decision": {"accept"}}, 404, nil, nil},
		{"review by a head of the same unit refused", "pkcht", "POST", "/obligations/" + pkchtFinal.ID + "/review", url.Values{"decision": {"accept"}}, 403, nil, nil},
		{"office sees a waiting report", "vanphong", "GET", "/obligations/" + pkchtFinal.ID + "/report", nil, 200, []string{"Xem xét báo cáo", "Chấp nhận"}, nil},
		{"return without a reason", "vanphong", "POST", "/obligations/" + pkchtFinal.ID + "/review", url.Values{"decision": {"return"}}, 400, []string{"Nhập lý do trả lại"}, nil},
		{"issue page refused for an issued plan", "vanphong", "GET", "/plans/" + id + "/issue", nil, 409, nil, nil},
		{"task edit page", "vanphong", "GET", "/tasks/" + pkhtcFinal.TaskID, nil, 200, []string{"Tách nhiệm vụ", "Đơn vị chủ trì"}, nil},
		{"task edit refused to unit head", "pkhtc", "GET", "/tasks/" + pkhtcFinal.TaskID, nil, 403, nil, nil},
		{"task due before the plan", "vanphong", "POST", "/plans/" + id + "/tasks", url.Values{"title": {"Nhiệm vụ mới"}, "leadUnitId": {"u-pkhtc"}, "due": {"01/01/2023"}}, 400,
			[]string{"trước ngày bắt đầu kế hoạch", `value="Nhiệm vụ mới"`}, nil},
		{"task without a lead", "vanphong", "POST", "/plans/" + id + "/tasks", url.Values{"title": {"Nhiệm vụ mới"}, "due": {"2023-06-20"}}, 400, []string{"Chọn đơn vị chủ trì."}, nil},
		{"briefing with bad count keeps input", "thanhtra", "POST", "/plans/" + id + "/briefing", url.Values{"unit": {"u-thanhtra"}, "date": {"2023-05-30"}, "method": {"Họp giao ban"}, "participants": {"mười"}}, 400,
			[]string{"Số người phải là số nguyên.", `value="Họp giao ban"`, `value="mười"`}, nil},
		{"history without routine reminders", "vanphong", "GET", "/plans/" + id + "/history", nil, 200, []string{"Hiện cả nhắc việc, thông báo", "Ban hành kế hoạch"}, []string{"Xếp hàng nhắc việc"}},
		{"acknowledge late", "thanhtra", "POST", "/plans/" + id + "/acknowledge", url.Values{"unit": {"u-thanhtra"}}, 303, nil, nil},
		{"acknowledge twice", "thanhtra", "POST", "/plans/" + id + "/acknowledge", url.Values{"unit": {"u-thanhtra"}}, 409, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body *strings.Reader
			ct := ""
			if tt.form != nil {
				body, ct = strings.NewReader(tt.form.Encode()), "application/x-www-form-urlencoded"
			} else {
				body = strings.NewReader("")
			}
			status, _, got := f.do(tt.user, tt.method, tt.path, ct, body, nil)
			if status != tt.want {
				t.Fatalf("status %d, want %d\n%.2000s", status, tt.want, got)
			}
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("response lacks %q", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(got, s) {
					t.Errorf("response has %q", s)
				}
			}
		})
	}
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
		{"submit", map[string]string{"value_staff_reached": "15", "results": "Đã tuyên truyền 15 lượt.", "action": "submit"}, nil, 303, nil},
		{"submitted twice", map[string]string{"value_staff_reached": "15", "results": "Đã tuyên truyền 15 lượt.", "action": "submit"}, nil, 409, []string{"đã được gửi"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ct, body := multipartReport(t, c.fields, c.files)
			status, _, got := f.do("thanhtra", "POST", path, ct, body, nil)
			if status != c.want {
				t.Fatalf("status %d, want %d\n%.1500s", status, c.want, got)
			}
			for _, s := range c.contains {
				if !strings.Contains(got, s) {
					t.Errorf("response lacks %q", s)
				}
			}
		})
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
	tests := []struct {
		name, user, method, path, body string
		want                           int
		contains                       []string
	}{
		{"obligations for office", "vanphong", "GET", "/api/v1/plans/" + id + "/obligations", "", 200, []string{`"status":"late"`, `"status":"accepted"`, "Thanh tra Sở"}},
		{"obligations without credentials", "", "GET", "/api/v1/plans/" + id + "/obligations", "", 401, nil},
		{"tasks", "pkhtc", "GET", "/api/v1/plans/" + id + "/tasks", "", 200, []string{`"number":1`}},
		{"monitoring", "giamdoc", "GET", "/api/v1/plans/" + id + "/monitoring", "", 200, []string{`"completeness"`}},
		{"monitoring refused to unit head", "pkhtc", "GET", "/api/v1/plans/" + id + "/monitoring", "", 403, nil},
		{"indicator values", "vanphong", "GET", "/api/v1/plans/" + id + "/indicator-values", "", 200, []string{`"staff_reached"`, `"acceptedBy"`}},
		{"indicators", "pkhtc", "GET", "/api/v1/indicators", "", 200, []string{"news_items"}},
		{"own report", "pkhtc", "GET", "/api/v1/obligations/" + own.ID + "/report", "", 200, []string{`"state":"accepted"`}},
		{"other unit's report", "pkhtc", "GET", "/api/v1/obligations/" + other.ID + "/report", "", 404, nil},
		{"write other unit's report", "pkhtc", "PUT", "/api/v1/obligations/" + other.ID + "/report", `{"results":"x"}`, 404, nil},
		{"review refused", "pkhtc", "POST", "/api/v1/obligations/" + own.ID + "/review", `{"accept":true}`, 403, nil},
		{"acknowledge another unit", "pkhtc", "POST", "/api/v1/plans/" + id + "/acknowledgements", `{"unitId":"u-thanhtra"}`, 403, nil},
		{"briefing for another unit", "pkhtc", "POST", "/api/v1/plans/" + id + "/briefings", `{"unitId":"u-thanhtra","date":"2023-05-30","method":"Họp","participants":3}`, 403, nil},
		{"task by unit head", "pkhtc", "POST", "/api/v1/plans/" + id + "/tasks", `{"title":"x","leadUnitId":"u-pkhtc","due":"2023-06-20"}`, 403, nil},
		{"task due before plan", "vanphong", "POST", "/api/v1/plans/" + id + "/tasks", `{"title":"x","leadUnitId":"u-pkhtc","due":"2023-01-20"}`, 400, []string{"trước ngày bắt đầu"}},
		{"task created", "vanphong", "POST", "/api/v1/plans/" + id + "/tasks", `{"title":"Nhiệm vụ bổ sung","leadUnitId":"u-thanhtra","due":"2023-06-25","indicatorCodes":["staff_reached"]}`, 201, []string{`"number":11`}},
		{"report with a negative value", "thanhtra", "PUT", "/api/v1/obligations/" + other.ID + "/report", `{"values":{"staff_reached":-1},"results":"x"}`, 400, []string{"không được âm"}},
		{"report submitted", "thanhtra", "PUT", "/api/v1/obligations/" + other.ID + "/report", `{"values":{"staff_reached":4},"results":"Đã làm","submit":true}`, 200, []string{`"state":"submitted"`}},
		{"report submitted twice", "thanhtra", "PUT", "/api/v1/obligations/" + other.ID + "/report", `{"values":{"staff_reached":4},"results":"Đã làm","submit":true}`, 409, nil},
		{"issue an issued plan", "vanphong", "POST", "/api/v1/plans/" + id + "/issue", issueBody, 409, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body *strings.Reader
			ct := ""
			if tt.body != "" {
				body, ct = strings.NewReader(tt.body), "application/json"
			} else {
				body = strings.NewReader("")
			}
			status, _, got := f.do(tt.user, tt.method, tt.path, ct, body, nil)
			if status != tt.want {
				t.Fatalf("status %d, want %d: %.500s", status, tt.want, got)
			}
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("response lacks %q: %.300s", s, got)
				}
			}
			f.spec.check(t, tt.method, tt.path, status, []byte(got))
		})
	}
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
