package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
)

// obstacleTask returns the demo plan's open task led by unit.
func (f *fixture) obstacleTask(unit string) *kehoach.Task {
	f.t.Helper()
	tasks, err := f.db.FindTasks(f.t.Context(), kehoach.TaskFilter{PlanID: &f.plan.ID})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, t := range tasks {
		if t.LeadUnitID == unit && t.Status == kehoach.TaskOpen {
			return t
		}
	}
	f.t.Fatalf("no task led by %s", unit)
	return nil
}

// raiseForm builds a multipart raise form with an optional file.
func raiseForm(t *testing.T, fields map[string]string, fileName string, data []byte) (string, io.Reader) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	if fileName != "" {
		fw, _ := w.CreateFormFile("files", fileName)
		_, _ = fw.Write(data)
	}
	w.Close()
	return w.FormDataContentType(), &b
}

// pngBytes is a one-pixel PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU\x00\x00\x00\nIDATx\x9cc\xfa\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func TestObstaclePages(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ctx := t.Context()
	pid := f.plan.ID
	maint := f.obstacleTask(demo.UnitQuality)
	fin := f.obstacleTask(demo.UnitFinance)

	// Two obstacles to work on, raised through the page.
	raise := func(user string, fields map[string]string, file string, data []byte) (int, string, string) {
		ct, body := raiseForm(t, fields, file, data)
		status, hdr, got := f.do(user, "POST", "/plans/"+pid+"/obstacles", ct, body, nil)
		return status, strings.TrimPrefix(strings.SplitN(hdr.Get("Location"), "?", 2)[0], "/obstacles/"), got
	}
	st, unitID, body := raise("pqlcl", map[string]string{"taskId": maint.ID, "forUnit": "on", "what": "Không kịp tuyên truyền trước 30/6",
		"why": "Viên chức trực đảm bảo giao thông mùa mưa", "proposal": "Gia hạn đến 15/7"}, "anh.png", pngBytes)
	if st != 303 || unitID == "" {
		t.Fatalf("raise: %d %s", st, body)
	}
	st, staffID, body := raise("nhanvien", map[string]string{"taskId": fin.ID, "what": "Thiếu nhân lực tuyên truyền", "why": "Cán bộ đi công tác"}, "", nil)
	if st != 303 {
		t.Fatalf("raise as staff: %d %s", st, body)
	}
	o, err := f.db.FindObstacleByID(ctx, unitID)
	if err != nil || len(o.Files) != 1 {
		t.Fatalf("raised obstacle %+v %v", o, err)
	}
	fileID := o.Files[0].ID

	tests := []struct {
		name, user, method, path string
		form                     url.Values
		multipart                map[string]string
		file                     string
		fileData                 []byte
		want                     int
		contains, absent         []string
	}{
		{name: "list needs login", method: "GET", path: "/obstacles", want: 303},
		{name: "office list", user: "vanphong", method: "GET", path: "/obstacles", want: 200, contains: []string{"Đang chờ Văn phòng xử lý", "Không kịp tuyên truyền trước 30/6", "Thiếu nhân lực tuyên truyền"}},
		{name: "director queue empty", user: "giamdoc", method: "GET", path: "/obstacles", want: 200, contains: []string{"Đã trình Giám đốc, chờ quyết định (0)"}, absent: []string{"Đang chờ Văn phòng xử lý"}},
		{name: "staff sees own", user: "nhanvien", method: "GET", path: "/obstacles", want: 200, contains: []string{"Thiếu nhân lực tuyên truyền"}, absent: []string{"Không kịp tuyên truyền"}},
		{name: "other unit head sees nothing", user: "pkcht", method: "GET", path: "/plans/" + pid + "/obstacles", want: 200, absent: []string{"Không kịp tuyên truyền", "Thiếu nhân lực"}},
		{name: "plan obstacles with form", user: "nhanvien", method: "GET", path: "/plans/" + pid + "/obstacles", want: 200, contains: []string{"Nêu khó khăn, vướng mắc", `name="what"`}, absent: []string{`name="forUnit"`}},
		{name: "head may raise for unit", user: "pqlcl", method: "GET", path: "/plans/" + pid + "/obstacles", want: 200, contains: []string{`name="forUnit"`}},
		{name: "superior cannot open", user: "sldtbxh", method: "GET", path: "/obstacles/" + unitID, want: 404},
		{name: "other unit cannot open", user: "pkcht", method: "GET", path: "/obstacles/" + unitID, want: 404},
		{name: "unit opens own", user: "pqlcl", method: "GET", path: "/obstacles/" + unitID, want: 200, contains: []string{"Viên chức trực đảm bảo giao thông mùa mưa", "anh.png"}, absent: []string{`id="escalate-form"`, `id="decide-form"`}},
		{name: "office sees its forms", user: "vanphong", method: "GET", path: "/obstacles/" + unitID, want: 200, contains: []string{`id="escalate-form"`, `id="merge-form"`}, absent: []string{`id="decide-form"`}},
		{name: "file for the unit", user: "pqlcl", method: "GET", path: "/obstacle-files/" + fileID, want: 200},
		{name: "file hidden from others", user: "pkcht", method: "GET", path: "/obstacle-files/" + fileID, want: 404},
		{name: "raise empty keeps nothing lost", user: "nhanvien", method: "POST", path: "/plans/" + pid + "/obstacles", multipart: map[string]string{"what": "", "why": "Lý do đã gõ"}, want: 400,
			contains: []string{"Nêu khó khăn, vướng mắc.", "Lý do đã gõ"}},
		{name: "raise bad file", user: "nhanvien", method: "POST", path: "/plans/" + pid + "/obstacles", multipart: map[string]string{"what": "Vướng mắc thật", "why": "Lý do"}, file: "a.png", fileData: []byte("not an image"), want: 400,
			contains: []string{"không phải ảnh, PDF", "Vướng mắc thật"}},
		{name: "raise for unit by staff", user: "nhanvien", method: "POST", path: "/plans/" + pid + "/obstacles", multipart: map[string]string{"what": "Vướng mắc thật", "why": "Lý do", "forUnit": "on"}, want: 403},
		{name: "raise by superior", user: "sldtbxh", method: "POST", path: "/plans/" + pid + "/obstacles", multipart: map[string]string{"what": "Vướng mắc thật", "why": "Lý do"}, want: 403},
		{name: "merge by unit head", user: "pqlcl", method: "POST", path: "/obstacles/" + unitID + "/merge", form: url.Values{"primaryId": {staffID}}, want: 403},
		{name: "merge without primary", user: "vanphong", method: "POST", path: "/obstacles/" + staffID + "/merge", form: url.Values{}, want: 400, contains: []string{"Chọn khó khăn chính"}},
		{name: "merge", user: "vanphong", method: "POST", path: "/obstacles/" + staffID + "/merge", form: url.Values{"primaryId": {unitID}}, want: 303},
		{name: "assess and share", user: "vanphong", method: "POST", path: "/obstacles/" + unitID + "/assess", form: url.Values{"group": {"Nhân lực"}, "shared": {"on"}}, want: 303},
		{name: "shared now visible", user: "pkcht", method: "GET", path: "/obstacles/" + unitID, want: 200, contains: []string{"Nhân lực"}},
		{name: "escalate without assessment", user: "vanphong", method: "POST", path: "/obstacles/" + unitID + "/escalate", form: url.Values{"assessment": {""}, "proposal": {"Gia hạn"}}, want: 400,
			contains: []string{"Nhập ý kiến đánh giá", "Gia hạn"}},
		{name: "escalate by director", user: "giamdoc", method: "POST", path: "/obstacles/" + unitID + "/escalate", form: url.Values{"assessment": {"Đánh giá"}}, want: 403},
		{name: "escalate", user: "vanphong", method: "POST", path: "/obstacles/" + unitID + "/escalate", form: url.Values{"assessment": {"Lý do chính đáng"}, "proposal": {"Gia hạn đến 15/7/2023"}, "shared": {"on"}}, want: 303},
		{name: "director queue", user: "giamdoc", method: "GET", path: "/obstacles", want: 200, contains: []string{"Đã trình Giám đốc, chờ quyết định (1)", "Không kịp tuyên truyền"}},
		{name: "director sees decide form", user: "giamdoc", method: "GET", path: "/obstacles/" + unitID, want: 200, contains: []string{`id="decide-form"`, "Lý do chính đáng"}},
		{name: "office cannot decide", user: "vanphong", method: "POST", path: "/obstacles/" + unitID + "/decide", form: url.Values{"text": {"Đồng ý gia hạn"}, "extendTask": {maint.ID}, "extendDue": {"2023-07-15"}}, want: 403},
		{name: "bad decision refused whole", user: "giamdoc", method: "POST", path: "/obstacles/" + unitID + "/decide",
			form: url.Values{"text": {"Đồng ý gia hạn"}, "extendTask": {maint.ID}, "extendDue": {"2023-05-01"}}, want: 400,
			contains: []string{"không có thay đổi nào được áp dụng", "trước ngày bắt đầu kế hoạch", "Đồng ý gia hạn"}},
		{name: "bad target value", user: "giamdoc", method: "POST", path: "/obstacles/" + unitID + "/decide",
			form: url.Values{"text": {"Đồng ý"}, "targetCode": {kehoach.IndNewsItems}, "targetValue": {"mười"}}, want: 400, contains: []string{"phải là số"}},
		{name: "decide", user: "giamdoc", method: "POST", path: "/obstacles/" + unitID + "/decide",
			form: url.Values{"text": {"Đồng ý gia hạn đến 15/7/2023"}, "extendTask": {maint.ID}, "extendDue": {"2023-07-15"}}, want: 303},
		{name: "decide twice", user: "giamdoc", method: "POST", path: "/obstacles/" + unitID + "/decide", form: url.Values{"text": {"Lần nữa"}}, want: 409},
		{name: "unit sees decision", user: "pqlcl", method: "GET", path: "/obstacles/" + unitID, want: 200, contains: []string{"Đồng ý gia hạn đến 15/7/2023", "15/07/2023", `id="confirm-yes"`}},
		{name: "plan page shows the extension", user: "pqlcl", method: "GET", path: "/plans/" + pid, want: 200, contains: []string{"Thời hạn được gia hạn từ 30/06/2023 đến 15/07/2023 theo quyết định của Giám đốc", "Đồng ý gia hạn đến 15/7/2023"}},
		{name: "raiser notified", user: "nhanvien", method: "GET", path: "/obstacles", want: 200, contains: []string{"Giám đốc Đào Tài Tuệ đã quyết định", "thông báo mới"}},
		{name: "notices read", user: "nhanvien", method: "POST", path: "/notices/read", form: url.Values{}, want: 303},
		{name: "others cannot confirm", user: "pkhtc", method: "POST", path: "/obstacles/" + staffID + "/confirm", form: url.Values{"resolved": {"yes"}}, want: 403},
		{name: "reopen needs a reason", user: "nhanvien", method: "POST", path: "/obstacles/" + staffID + "/confirm", form: url.Values{"resolved": {"no"}}, want: 400, contains: []string{"Nêu vì sao"}},
		{name: "reopen", user: "nhanvien", method: "POST", path: "/obstacles/" + staffID + "/confirm", form: url.Values{"resolved": {"no"}, "feedback": {"Vẫn thiếu người"}}, want: 303},
		{name: "office answers reopened", user: "vanphong", method: "POST", path: "/obstacles/" + staffID + "/answer", form: url.Values{"text": {"Văn phòng điều động thêm cán bộ hỗ trợ"}}, want: 303},
		{name: "answer by unit head", user: "pqlcl", method: "POST", path: "/obstacles/" + staffID + "/answer", form: url.Values{"text": {"Trả lời"}}, want: 404},
		{name: "confirm", user: "pqlcl", method: "POST", path: "/obstacles/" + unitID + "/confirm", form: url.Values{"resolved": {"yes"}}, want: 303},
		{name: "history readable", user: "vanphong", method: "GET", path: "/plans/" + pid + "/history", want: 200, contains: []string{"trình Giám đốc khó khăn", "Đổi thời hạn nhiệm vụ", "Văn phòng Sở (Lò Thị Hương) trả lại báo cáo của Phòng Kế hoạch - Tài chính (lần 1), lý do: Đề nghị bổ sung"}},
		{name: "unknown obstacle", user: "vanphong", method: "GET", path: "/obstacles/khong-co", want: 404},
	}
	for _, tt := range tests {
		c := httpCase{name: tt.name, user: tt.user, method: tt.method, path: tt.path, form: tt.form, want: tt.want, contains: tt.contains, absent: tt.absent}
		if tt.multipart != nil {
			c.bodyType, c.body = raiseForm(t, tt.multipart, tt.file, tt.fileData)
		}
		t.Run(c.name, func(t *testing.T) { f.expect(t, c) })
	}
	if tk, _ := f.db.FindTaskByID(ctx, maint.ID); tk.Due != "2023-07-15" {
		t.Errorf("task due %s after the decision", tk.Due)
	}
}

func TestObstacleAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		pid := f.plan.ID
		maint := f.obstacleTask(demo.UnitQuality)
		post := func(user, path, body string) (int, string) {
			st, _, got := f.do(user, "POST", path, "application/json", strings.NewReader(body), nil)
			f.spec.check(t, "POST", path, st, []byte(got))
			return st, got
		}
		st, got := post("pqlcl", "/api/v1/plans/"+pid+"/obstacles", `{"taskId":"`+maint.ID+`","forUnit":true,"what":"Không kịp tuyên truyền trước 30/6","why":"Trực mùa mưa lũ","proposal":"Gia hạn"}`)
		if st != 201 {
			t.Fatalf("raise: %d %s", st, got)
		}
		var raised struct{ ID string }
		_ = json.Unmarshal([]byte(got), &raised)
		st, got = post("nhanvien", "/api/v1/plans/"+pid+"/obstacles", `{"what":"Thiếu tài liệu tuyên truyền","why":"Chưa nhận được"}`)
		if st != 201 {
			t.Fatalf("raise: %d %s", st, got)
		}
		var second struct{ ID string }
		_ = json.Unmarshal([]byte(got), &second)
		id, sid := raised.ID, second.ID
		tests := []httpCase{
			{name: "list without credentials", method: "GET", path: "/api/v1/plans/" + pid + "/obstacles", want: 401},
			{name: "list for the office", user: "vanphong", method: "GET", path: "/api/v1/plans/" + pid + "/obstacles", want: 200, contains: []string{`"id":"` + id, `"state":"open"`, `"raisedBy":"Trần Thị Lan"`, `"decision":null`}},
			{name: "list for another unit: only what the Office shared", user: "pkcht", method: "GET", path: "/api/v1/plans/" + pid + "/obstacles", want: 200, contains: []string{`"shared":true`}},
			{name: "list of an unknown plan", user: "vanphong", method: "GET", path: "/api/v1/plans/khong-co/obstacles", want: 404},
			{name: "raise invalid", user: "nhanvien", method: "POST", path: "/api/v1/plans/" + pid + "/obstacles", json: `{"what":"","why":""}`, want: 400, contains: []string{`"fields"`}},
			{name: "raise unknown field", user: "nhanvien", method: "POST", path: "/api/v1/plans/" + pid + "/obstacles", json: `{"wat":"x"}`, want: 400},
			{name: "raise by superior", user: "sldtbxh", method: "POST", path: "/api/v1/plans/" + pid + "/obstacles", json: `{"what":"Vướng mắc","why":"Lý do"}`, want: 403},
			{name: "get hidden", user: "pkcht", method: "GET", path: "/api/v1/obstacles/" + id, want: 404},
			{name: "get", user: "pqlcl", method: "GET", path: "/api/v1/obstacles/" + id, want: 200, contains: []string{`"forUnit":true`}},
			{name: "merge by unit", user: "pqlcl", method: "POST", path: "/api/v1/obstacles/" + sid + "/merge", json: `{"primaryId":"` + id + `"}`, want: 404},
			{name: "merge", user: "vanphong", method: "POST", path: "/api/v1/obstacles/" + sid + "/merge", json: `{"primaryId":"` + id + `"}`, want: 200, contains: []string{`"state":"merged"`}},
			{name: "escalate invalid", user: "vanphong", method: "POST", path: "/api/v1/obstacles/" + id + "/escalate", json: `{"assessment":""}`, want: 400},
			{name: "escalate", user: "vanphong", method: "POST", path: "/api/v1/obstacles/" + id + "/escalate", json: `{"assessment":"Lý do chính đáng","proposal":"Gia hạn","shared":true}`, want: 200, contains: []string{`"state":"escalated"`}},
			{name: "decide by office", user: "vanphong", method: "POST", path: "/api/v1/obstacles/" + id + "/decide", json: `{"text":"Đồng ý","effects":[]}`, want: 403},
			{name: "decide bad effect", user: "giamdoc", method: "POST", path: "/api/v1/obstacles/" + id + "/decide", json: `{"text":"Đồng ý gia hạn","effects":[{"kind":"extend_due","taskId":"` + maint.ID + `","due":"2023-07-15"},{"kind":"reassign","taskId":"` + maint.ID + `","unitId":"u-sldtbxh"}]}`, want: 400, contains: []string{"không thuộc cơ quan"}},
			{name: "decide", user: "giamdoc", method: "POST", path: "/api/v1/obstacles/" + id + "/decide", json: `{"text":"Đồng ý gia hạn đến 15/7/2023","effects":[{"kind":"extend_due","taskId":"` + maint.ID + `","due":"2023-07-15"}]}`, want: 200, contains: []string{`"state":"answered"`, `"byRole":"director"`, `"before":"2023-06-30"`}},
			{name: "list with decision", user: "pqlcl", method: "GET", path: "/api/v1/plans/" + pid + "/obstacles", want: 200, contains: []string{`"text":"Đồng ý gia hạn đến 15/7/2023"`}},
			{name: "confirm by other", user: "pkcht", method: "POST", path: "/api/v1/obstacles/" + id + "/confirm", json: `{"resolved":true}`, want: 403},
			{name: "reopen duplicate", user: "nhanvien", method: "POST", path: "/api/v1/obstacles/" + sid + "/confirm", json: `{"resolved":false,"feedback":"Vẫn chưa có tài liệu"}`, want: 200, contains: []string{`"state":"open"`}},
			{name: "answer", user: "vanphong", method: "POST", path: "/api/v1/obstacles/" + sid + "/answer", json: `{"text":"Văn phòng gửi tài liệu ngay","notActionable":false}`, want: 200, contains: []string{`"byRole":"office"`}},
			{name: "confirm", user: "pqlcl", method: "POST", path: "/api/v1/obstacles/" + id + "/confirm", json: `{"resolved":true,"feedback":"Đã xong"}`, want: 200, contains: []string{`"state":"resolved"`}},
			{name: "confirm twice", user: "pqlcl", method: "POST", path: "/api/v1/obstacles/" + id + "/confirm", json: `{"resolved":true}`, want: 409},
		}
		f.expectAll(t, tests)
		// Another unit does not see the unit's obstacle, which is not shared.
		if _, _, got := f.do("pkcht", "GET", "/api/v1/plans/"+pid+"/obstacles", "", nil, nil); strings.Contains(got, sid) {
			t.Error("another unit sees obstacles that were not shared")
		}
		// The list carries exactly the keys outside checks rely on.
		_, _, got = f.do("vanphong", "GET", "/api/v1/plans/"+pid+"/obstacles", "", nil, nil)
		var list struct {
			Obstacles []map[string]json.RawMessage `json:"obstacles"`
		}
		if err := json.Unmarshal([]byte(got), &list); err != nil || len(list.Obstacles) < 2 {
			t.Fatalf("list %s: %v", got, err)
		}
		for _, k := range []string{"id", "state", "raisedBy", "decision"} {
			if _, ok := list.Obstacles[0][k]; !ok {
				t.Errorf("list item lacks %q", k)
			}
		}
	})
}
