package app_test

import (
	"bytes"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
)

// TestSummaryRoutes drives the result report pages, downloads and API with
// each role: the Office edits and finalises, the Director reads, units and
// superiors do not see it.
func TestSummaryRoutes(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	id := f.plan.ID
	steps := []httpCase{
		{name: "preview needs login", method: "GET", path: "/plans/" + id + "/summary", want: 303},
		{name: "preview for the office", user: "vanphong", method: "GET", path: "/plans/" + id + "/summary", want: 200,
			contains: []string{"Báo cáo kết quả", "Các đơn vị chưa có báo cáo được chấp nhận", "Thanh tra Sở", "Nguồn số liệu", `href="#src-f`, "Lò Thị Hương", "Báo cáo lần 2", `name="proposals"`, "Hoàn thiện báo cáo",
				// The preview prints the document's own paragraphs.
				"I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "IV. KIẾN NGHỊ, ĐỀ XUẤT", "Kế hoạch số 86/KH-SGTVT ngày 22/5/2023", "tổng hợp./.", "PHỤ LỤC",
				`name="section.direction"`, `name="section.II.3"`, `name="closing"`}},
		{name: "preview read-only for the director", user: "giamdoc", method: "GET", path: "/plans/" + id + "/summary", want: 200,
			contains: []string{"Đào Tài Tuệ", "Các đơn vị chưa có báo cáo được chấp nhận"}},
		{name: "preview refused to a unit head", user: "pkhtc", method: "GET", path: "/plans/" + id + "/summary", want: 403},
		{name: "draft hidden from the superior", user: "sldtbxh", method: "GET", path: "/plans/" + id + "/summary", want: 404},
		{name: "director cannot edit", user: "giamdoc", method: "POST", path: "/plans/" + id + "/summary",
			form: url.Values{"results": {"x"}}, want: 403},
		{name: "director cannot finalise", user: "giamdoc", method: "POST", path: "/plans/" + id + "/summary/finalise",
			form: url.Values{}, want: 403},
		{name: "docx for the director", user: "giamdoc", method: "GET", path: "/plans/" + id + "/summary.docx", want: 200, contentType: "wordprocessingml"},
		{name: "xlsx for the office", user: "vanphong", method: "GET", path: "/plans/" + id + "/summary.xlsx", want: 200, contentType: "spreadsheetml"},
		{name: "pdf for the office", user: "vanphong", method: "GET", path: "/plans/" + id + "/summary.pdf", want: 200, contentType: "application/pdf"},
		{name: "docx refused to a unit head", user: "pkhtc", method: "GET", path: "/plans/" + id + "/summary.docx", want: 403},
		{name: "plan docx", user: "pkhtc", method: "GET", path: "/plans/" + id + "/plan.docx", want: 200, contentType: "wordprocessingml"},
		{name: "plan docx unknown plan", user: "vanphong", method: "GET", path: "/plans/khong-co/plan.docx", want: 404},
		{name: "sending before finalising", user: "vanphong", method: "POST", path: "/plans/" + id + "/summary/sending",
			form: url.Values{"sentOn": {"2023-07-06"}, "sentVia": {"email"}}, want: 409},
		{name: "office edits", user: "vanphong", method: "POST", path: "/plans/" + id + "/summary",
			form: url.Values{"shortcomings": {"Một số đơn vị báo cáo chậm so với thời hạn."}, "proposals": {"Đề nghị cấp thêm tài liệu."}}, want: 303},
		{name: "edit kept", user: "vanphong", method: "GET", path: "/plans/" + id + "/summary", want: 200, contains: []string{"Một số đơn vị báo cáo chậm so với thời hạn."}},
		{name: "over-long edit keeps what was typed", user: "vanphong", method: "POST", path: "/plans/" + id + "/summary",
			form: url.Values{"results": {strings.Repeat("Dài ", 6000)}, "proposals": {"Giữ nguyên đề xuất này."}}, want: 400, contains: []string{"Nội dung dài quá 20.000 ký tự.", "Giữ nguyên đề xuất này."}},
		{name: "bad number", user: "vanphong", method: "POST", path: "/plans/" + id + "/summary/finalise",
			form: url.Values{"number": {"abc"}}, want: 400, contains: []string{"Số văn bản phải là số nguyên dương."}},
		{name: "office finalises", user: "vanphong", method: "POST", path: "/plans/" + id + "/summary/finalise",
			form: url.Values{"issuedOn": {"2023-07-05"}}, want: 303},
		{name: "final preview", user: "giamdoc", method: "GET", path: "/plans/" + id + "/summary", want: 200, contains: []string{"01/BC-SGTVT", "Đã hoàn thiện", "Sổ văn bản đi"}},
		{name: "sending in the future", user: "vanphong", method: "POST", path: "/plans/" + id + "/summary/sending",
			form: url.Values{"sentOn": {"2099-01-01"}, "sentVia": {"email"}}, want: 400, contains: []string{"Ngày gửi không thể ở tương lai."}},
		{name: "sending recorded", user: "vanphong", method: "POST", path: "/plans/" + id + "/summary/sending",
			form: url.Values{"sentOn": {"2023-07-06"}, "sentVia": {"system"}}, want: 303},
		{name: "register", user: "giamdoc", method: "GET", path: "/register?year=2023", want: 200, contains: []string{"01/BC-SGTVT", "06/07/2023"}},
		{name: "register refused to a unit head", user: "pkhtc", method: "GET", path: "/register", want: 403},
		{name: "api summary", user: "giamdoc", method: "GET", path: "/api/v1/plans/" + id + "/summary", want: 200, contains: []string{`"number":1`, `"status":"final"`}},
		{name: "api summary refused to a unit head", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id + "/summary", want: 403},
		{name: "api edit starts version 2", user: "vanphong", method: "PUT", path: "/api/v1/plans/" + id + "/summary",
			json: `{"results":"Bổ sung nhận xét."}`, want: 200, contains: []string{`"version":2`, `"draft":true`, "Bổ sung nhận xét."}},
		{name: "api edit bad field", user: "vanphong", method: "PUT", path: "/api/v1/plans/" + id + "/summary",
			json: `{"x":1}`, want: 400},
		{name: "api finalise with a used number", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/summary/finalise",
			json: `{"number":1,"issuedOn":"2023-07-20"}`, want: 409,
			contains: []string{"đã được dùng"}},
		{name: "api finalise", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/summary/finalise",
			json: `{"issuedOn":"2023-07-20"}`, want: 201,
			contains: []string{`"number":2`}},
		{name: "api finalise refused to the director", user: "giamdoc", method: "POST", path: "/api/v1/plans/" + id + "/summary/finalise",
			json: `{"issuedOn":"2023-07-05"}`, want: 403},
		{name: "api sending", user: "vanphong", method: "POST", path: "/api/v1/plans/" + id + "/summary/sending",
			json: `{"sentOn":"2023-07-21","sentVia":"post","sentTo":"Sở Lao động - Thương binh và Xã hội"}`, want: 200, contains: []string{`"sentVia":"post"`}},
		{name: "api register", user: "vanphong", method: "GET", path: "/api/v1/register?year=2023", want: 200, contains: []string{`"number":2`, `"number":1`}},
		{name: "api register bad year", user: "vanphong", method: "GET", path: "/api/v1/register?year=abc", want: 400},
		{name: "api register refused to staff", user: "nhanvien", method: "GET", path: "/api/v1/register", want: 403},
	}
	f.expectAll(t, steps)
	// The signed scan: content-sniffed, PDF accepted, anything else refused.
	upload := func(name string, data []byte) (int, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("scan", name)
		fw.Write(data)
		mw.Close()
		st, _, got := f.do("vanphong", "POST", "/plans/"+id+"/summary/scan", mw.FormDataContentType(), &buf, nil)
		return st, got
	}
	// Version 2 is final now; a scan goes to its register entry.
	if st, got := upload("bao-cao.pdf", []byte("MZ not a pdf")); st != 400 || !strings.Contains(got, "Bản quét phải là tệp PDF hoặc ảnh") {
		t.Errorf("non-PDF scan: %d", st)
	}
	if st, _ := upload("bao-cao.pdf", []byte("%PDF-1.4\nsigned\n")); st != 303 {
		t.Errorf("PDF scan: %d", st)
	}
	if st, hdr, got := f.do("giamdoc", "GET", "/plans/"+id+"/summary/scan", "", nil, nil); st != 200 || hdr.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(got, "%PDF") {
		t.Errorf("scan download: %d %s", st, hdr.Get("Content-Type"))
	}
	// Every change is in the audit trail.
	_, _, audit := f.do("vanphong", "GET", "/api/v1/plans/"+id+"/audit", "", nil, nil)
	for _, a := range []string{"summary.edit", "summary.finalise", "document.register", "document.send", "document.scan"} {
		if !strings.Contains(audit, a) {
			t.Errorf("audit trail lacks %s", a)
		}
	}
}

// TestSummaryMissingAgencyData shows a clear message, not a 500, when the
// agency lacks what the header needs.
func TestSummaryMissingAgencyData(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ctx := kehoach.NewContextWithActor(t.Context(), kehoach.SystemActor("test"))
	u, err := f.db.FindUnitByID(ctx, "u-sgtvt")
	if err != nil {
		t.Fatal(err)
	}
	u.Abbrev = ""
	if err := f.db.UpdateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/plans/" + f.plan.ID + "/summary", "/plans/" + f.plan.ID + "/summary.docx"} {
		st, _, got := f.do("vanphong", "GET", p, "", nil, nil)
		if st != 400 || !strings.Contains(got, "Chưa có tên viết tắt của Sở Giao thông vận tải") {
			t.Errorf("%s: %d %.300s", p, st, got)
		}
	}
}
