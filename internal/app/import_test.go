package app_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"maps"
	"mime/multipart"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/kehoachtest/filetest"
)

const seedName = "ke-hoach-thang-hanh-dong-vi-tre-em-2023"

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// multipartBody builds a multipart form with text fields and at most one
// file (fileName "" for none).
func multipartBody(t *testing.T, fields url.Values, fileName string, file []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), &buf
}

func TestPlanImportUpload(t *testing.T) {
	f := newFixture(t, "sqlite")
	seedTxt := readTestdata(t, seedName+".txt")
	seedDocx := readTestdata(t, seedName+".docx")
	dispatch := readTestdata(t, "CV-don-doc-bao-cao-tinh-hinh-hoa-chat-2025.docx")
	bomb := filetest.Zip(t, map[string][]byte{"word/document.xml": bytes.Repeat([]byte(" "), 8<<20)})
	notDocx := filetest.Zip(t, map[string][]byte{"readme.txt": []byte("xin chào")})
	binary := append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00"), bytes.Repeat([]byte{0, 1, 2, 3}, 1000)...)
	huge := bytes.Repeat([]byte("Kế hoạch "), (22<<20)/len("Kế hoạch "))
	pasted := "Ghi chú đã dán để kiểm tra: “giữ nguyên” <b>"

	// The period-year warning is marked on the line of item I.3 (line 16
	// of the seed) and the lead of III.2 is matched to the Office.
	seedReview := []string{"Triển khai Tháng hành động vì trẻ em năm 2023", `id="L16" class="marked"`, "period-year-mismatch",
		`<option value="u-vp" selected>`, "khớp 100%", `action="/plans/import/review/`, "Đào Tài Tuệ", "Lưu thành dự thảo", "Bỏ văn bản này",
		"Chưa khớp được tên trong văn bản", "Giám đốc các đơn vị trực thuộc Sở", `value="30/06/2022"`}
	tests := []struct {
		name     string
		user     string
		fields   url.Values
		file     string
		data     []byte
		want     int
		contains []string
		absent   []string
	}{
		{"seed as text file", "vanphong", nil, seedName + ".txt", seedTxt, 200, seedReview, []string{`id="L15" class="marked"`}},
		{"seed as docx", "vanphong", nil, seedName + ".docx", seedDocx, 200, append(seedReview, `class="marked"`), nil},
		{"seed pasted", "vanphong", url.Values{"text": {string(seedTxt)}}, "", nil, 200, seedReview, nil},
		{"a dispatch is shown read-only", "vanphong", nil, "cv.docx", dispatch, 200,
			[]string{`data-type="CV"`, "Công văn", "không phải kế hoạch", "Văn bản gốc", "Bỏ văn bản này"}, []string{"Lưu thành dự thảo", `name="title"`}},
		{"nothing given", "vanphong", url.Values{"text": {"  "}}, "", nil, 400, []string{"Hãy chọn một tệp .docx hoặc .txt"}, nil},
		{"empty file", "vanphong", nil, "rong.txt", nil, 400, []string{"Tệp “rong.txt” rỗng"}, nil},
		{"blank file", "vanphong", nil, "trang.txt", []byte("\n \n\t\n"), 400, []string{"Tệp “trang.txt”: tệp rỗng"}, nil},
		{"binary file keeps the pasted text", "vanphong", url.Values{"text": {pasted}}, "chuongtrinh.bin", binary, 400,
			[]string{"Tệp “chuongtrinh.bin”: tệp không phải văn bản thuần hay .docx", html.EscapeString(pasted)}, nil},
		{"pdf", "vanphong", nil, "kehoach.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), 400, []string{"đây là tệp PDF"}, nil},
		{"zip that is not a docx", "vanphong", nil, "kehoach.docx", notDocx, 400, []string{"không phải văn bản .docx"}, nil},
		{"zip bomb", "vanphong", nil, "bom.docx", bomb, 400, []string{"bom nén"}, nil},
		{"too large", "vanphong", url.Values{"text": {pasted}}, "lon.txt", huge, 413, []string{"Tệp quá lớn", "20 MB"}, nil},
		{"unit head refused", "pkhtc", nil, seedName + ".txt", seedTxt, 403, []string{"Không có quyền"}, []string{"Đào Tài Tuệ"}},
		{"director refused", "giamdoc", nil, seedName + ".txt", seedTxt, 403, nil, nil},
		{"anonymous refused", "", nil, seedName + ".txt", seedTxt, 401, nil, []string{"Đào Tài Tuệ"}},
	}
	for _, tt := range tests {
		if tt.want != 200 {
			c := httpCase{name: tt.name, user: tt.user, method: "POST", path: "/plans/import", want: tt.want, contains: tt.contains, absent: tt.absent}
			c.bodyType, c.body = multipartBody(t, tt.fields, tt.file, tt.data)
			t.Run(c.name, func(t *testing.T) { f.expect(t, c) })
			continue
		}
		// A document read is kept under review at its own address.
		t.Run(tt.name, func(t *testing.T) {
			ct, body := multipartBody(t, tt.fields, tt.file, tt.data)
			status, hdr, page := f.do(tt.user, "POST", "/plans/import", ct, body, nil)
			loc := hdr.Get("Location")
			if status != 303 || !strings.HasPrefix(loc, "/plans/import/review/") {
				t.Fatalf("upload: %d %q\n%.500s", status, loc, page)
			}
			f.expect(t, httpCase{name: tt.name, user: tt.user, method: "GET", path: loc, want: 200, contains: tt.contains, absent: tt.absent})
		})
	}
}

func TestPlanImportPages(t *testing.T) {
	f := newFixture(t, "sqlite")
	tests := []httpCase{
		{name: "form for the office", user: "vanphong", method: "GET", path: "/plans/import", want: 200, contains: []string{`enctype="multipart/form-data"`, `type="file"`, `name="text"`, "/import.js"}},
		{name: "link on the plan list", user: "vanphong", method: "GET", path: "/plans", want: 200, contains: []string{`href="/plans/import"`, "Nhập kế hoạch từ văn bản"}},
		{name: "no link for a unit head", user: "pkhtc", method: "GET", path: "/plans", want: 200, absent: []string{`href="/plans/import"`}},
		{name: "form refused to a unit head", user: "pkhtc", method: "GET", path: "/plans/import", want: 403, contains: []string{"Không có quyền"}, absent: []string{`href="/plans/import"`}},
		{name: "form refused to the admin", user: "quantri", method: "GET", path: "/plans/import", want: 403},
		{name: "login first", method: "GET", path: "/plans/import", want: 303},
	}
	f.expectAll(t, tests)
	// The script is served under its checksummed name.
	_, _, page := f.do("vanphong", "GET", "/plans/import", "", nil, nil)
	src := regexp.MustCompile(`src="(/static/[0-9a-f]+/import\.js)"`).FindStringSubmatch(page)
	if src == nil {
		t.Fatal("no script")
	}
	if status, _, js := f.do("vanphong", "GET", src[1], "", nil, nil); status != 200 || !strings.Contains(js, "XMLHttpRequest") {
		t.Errorf("script: %d", status)
	}
}

// reviewForm uploads a document as the Office and returns the address of
// its review.
func reviewForm(t *testing.T, f *fixture, name string, data []byte) string {
	t.Helper()
	ct, body := multipartBody(t, nil, name, data)
	status, hdr, _ := f.do("vanphong", "POST", "/plans/import", ct, body, nil)
	loc := hdr.Get("Location")
	if status != 303 || !strings.HasPrefix(loc, "/plans/import/review/") {
		t.Fatalf("upload: %d %q", status, loc)
	}
	return loc
}

func TestPlanImportSave(t *testing.T) {
	f := newFixture(t, "sqlite")
	seed := readTestdata(t, seedName+".txt")
	review := reviewForm(t, f, seedName+".txt", seed)
	// A forged save of a dispatch: its review page offers no form.
	cvReview := reviewForm(t, f, "cv.docx", readTestdata(t, "CV-don-doc-bao-cao-tinh-hinh-hoa-chat-2025.docx"))
	good := func(change func(v url.Values)) url.Values {
		v := url.Values{}
		for k, x := range (url.Values{
			"title":           {"Triển khai Tháng hành động vì trẻ em năm 2023"},
			"issuer":          {"Sở Giao thông vận tải"},
			"number":          {""},
			"symbol":          {"KH-SGTVT"},
			"place":           {"Sơn La"},
			"date":            {""},
			"year":            {"2023"},
			"periodStart":     {"01/06/2023"},
			"periodEnd":       {"30/06/2023"},
			"periodText":      {"từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2023"},
			"basis":           {"Thực hiện Kế hoạch số 115/KH-UBND ngày 28/4/2023 của UBND tỉnh.", ""},
			"reportTo":        {"Sở Lao động - Thương binh & Xã hội\n"},
			"recipients":      {"Sở Lao động - Thương binh & Xã hội\r\nBan Giám đốc Sở\r\n\r\nChi đoàn thanh niên Sở"},
			"signerAuthority": {"KT."},
			"signerTitle":     {"PHÓ GIÁM ĐỐC"},
			"signerName":      {"Nguyễn Văn An"},
			// Tasks 0-3 are the activities of section II, 4 and 5 the
			// duties of section III.
			"task.1.lead":    {"u-website"},
			"task.4.lead":    {"u-pkhtc"},
			"task.4.support": {"u-ttdk", "u-bqlbt", "u-pkhtc"},
			"task.4.due":     {"15/06/2023"},
			"task.5.lead":    {"u-vp"},
			"task.5.due":     {"2023-06-30"},
		}) {
			v[k] = x
		}
		if change != nil {
			change(v)
		}
		return v
	}
	tests := []struct {
		name     string
		user     string
		form     url.Values
		want     int
		contains []string
		path     string
	}{
		{"invalid date keeps what was typed", "vanphong", good(func(v url.Values) { v.Set("date", "31/06/2023"); v.Set("title", "Tên đã sửa <thử>") }), 400,
			[]string{`value="31/06/2023"`, "Ngày ban hành “31/06/2023” không hợp lệ", "Tên đã sửa &lt;thử&gt;", `value="KH-SGTVT"`, `value="Nguyễn Văn An"`,
				`<option value="u-pkhtc" selected>`, `id="task-4-support-u-ttdk" name="task.4.support" value="u-ttdk" checked`, `value="15/06/2023"`, `id="L16" class="marked"`}, ""},
		{"title required", "vanphong", good(func(v url.Values) { v.Set("title", "  ") }), 400, []string{"không được để trống", `value="Sơn La"`}, ""},
		{"year must be a year", "vanphong", good(func(v url.Values) { v.Set("year", "20x3") }), 400, []string{"Năm phải là một số", `value="20x3"`}, ""},
		{"period inverted", "vanphong", good(func(v url.Values) { v.Set("periodEnd", "2023-05-01") }), 400, []string{"Ngày kết thúc trước ngày bắt đầu."}, ""},
		{"bad due date", "vanphong", good(func(v url.Values) { v.Set("task.1.due", "30/02/2023") }), 400, []string{"Thời hạn “30/02/2023” không hợp lệ"}, ""},
		{"unknown lead unit", "vanphong", good(func(v url.Values) { v.Set("task.1.lead", "u-khong-co") }), 400, []string{"Đơn vị chủ trì không có trong cơ quan."}, ""},
		{"unit outside the agency", "vanphong", good(func(v url.Values) { v.Set("task.1.lead", "u-sldtbxh") }), 400, []string{"Đơn vị chủ trì không có trong cơ quan."}, ""},
		{"no such import", "vanphong", good(nil), 404, nil, "/plans/import/review/khong-co"},
		{"not a plan", "vanphong", good(nil), 400, []string{"Chỉ lưu được văn bản loại Kế hoạch (KH)."}, cvReview},
		{"unit head refused", "pkhtc", good(nil), 403, nil, ""},
		{"director refused", "giamdoc", good(nil), 403, nil, ""},
	}
	for _, tt := range tests {
		if tt.path == "" {
			tt.path = review
		}
		c := httpCase{name: tt.name, user: tt.user, method: "POST", path: tt.path, want: tt.want, contains: tt.contains}
		c.bodyType, c.body = multipartBody(t, tt.form, "", nil)
		t.Run(c.name, func(t *testing.T) { f.expect(t, c) })
	}

	t.Run("a reload shows the corrections of a failed save", func(t *testing.T) {
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: review, want: 200,
			contains: []string{`value="Nguyễn Văn An"`, `<option value="u-pkhtc" selected>`, `value="15/06/2023"`, `value="KH-SGTVT"`}})
		f.expect(t, httpCase{user: "giamdoc", method: "GET", path: review, want: 403})
	})

	t.Run("kept corrections and the list of imports", func(t *testing.T) {
		ct, body := multipartBody(t, good(func(v url.Values) { v.Set("action", "keep"); v.Set("title", "Tên giữ lại") }), "", nil)
		status, hdr, _ := f.do("vanphong", "POST", review, ct, body, nil)
		if status != 303 || hdr.Get("Location") != review+"?kept=1" {
			t.Fatalf("keep: %d %q", status, hdr.Get("Location"))
		}
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: review + "?kept=1", want: 200, contains: []string{"Tên giữ lại", `id="import-kept"`}})
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/import", want: 200, contains: []string{`href="` + review + `"`, "Tên giữ lại"}})
	})

	t.Run("discarded", func(t *testing.T) {
		gone := reviewForm(t, f, seedName+".txt", seed)
		f.expect(t, httpCase{user: "giamdoc", method: "POST", path: gone + "/discard", want: 403})
		f.expect(t, httpCase{user: "vanphong", method: "POST", path: gone + "/discard", want: 303})
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: gone, want: 404})
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/import", want: 200, absent: []string{`href="` + gone + `"`}})
	})

	t.Run("saved as a draft", func(t *testing.T) {
		ct, body := multipartBody(t, good(nil), "", nil)
		status, hdr, page := f.do("vanphong", "POST", review, ct, body, nil)
		if status != 303 {
			t.Fatalf("status %d\n%s", status, page)
		}
		id := strings.TrimPrefix(hdr.Get("Location"), "/plans/")
		p, err := f.db.FindPlanByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != "draft" || p.AgencyID != "u-sgtvt" || p.Title != "Triển khai Tháng hành động vì trẻ em năm 2023" || p.Type != "KH" {
			t.Errorf("plan %+v", p)
		}
		if p.Symbol == nil || *p.Symbol != "KH-SGTVT" || p.Number != nil || p.Date != nil || p.Place == nil || *p.Place != "Sơn La" {
			t.Errorf("header: symbol %v number %v date %v place %v", p.Symbol, p.Number, p.Date, p.Place)
		}
		if p.Period == nil || *p.Period.Start != "2023-06-01" || *p.Period.End != "2023-06-30" {
			t.Errorf("period %+v", p.Period)
		}
		if len(p.Basis) != 1 || p.Basis[0].Number == nil || *p.Basis[0].Number != "115" || !strings.HasSuffix(p.Basis[0].Text, "của UBND tỉnh.") {
			t.Errorf("basis %+v", p.Basis)
		}
		if len(p.Recipients) != 3 || p.Recipients[2] != "Chi đoàn thanh niên Sở" {
			t.Errorf("recipients %q", p.Recipients)
		}
		if p.Signer == nil || p.Signer.Authority != "KT." || p.Signer.Name != "Nguyễn Văn An" {
			t.Errorf("signer %+v", p.Signer)
		}
		if len(p.Tasks) != 6 {
			t.Fatalf("tasks %+v", p.Tasks)
		}
		if p.Tasks[1].Section != "II.2" || p.Tasks[1].LeadUnitID != "u-website" || p.Tasks[0].LeadUnitID != "" {
			t.Errorf("activity tasks: %+v", p.Tasks[:2])
		}
		t0, t1 := p.Tasks[4], p.Tasks[5]
		if t0.LeadUnitID != "u-pkhtc" || strings.Join(t0.SupportUnitIDs, ",") != "u-ttdk,u-bqlbt" || t0.Due == nil || *t0.Due != "2023-06-15" || t0.Section != "III.1" {
			t.Errorf("task 1: %+v", t0)
		}
		if t1.LeadUnitID != "u-vp" || len(t1.SupportUnitIDs) != 0 || t1.Due == nil || *t1.Due != "2023-06-30" {
			t.Errorf("task 2: %+v", t1)
		}
		if len(p.Sections) != 3 || len(p.Events) != 1 {
			t.Errorf("structure lost: %d sections, %d events", len(p.Sections), len(p.Events))
		}
		if !strings.Contains(p.SourceText, "Đào Tài Tuệ") {
			t.Error("source text not kept")
		}
		codes := []string{}
		for _, w := range p.Warnings {
			codes = append(codes, w.Code)
		}
		// The period now lies in the plan's year; the number and date are
		// still missing.
		if got := strings.Join(codes, ","); got != docparse.WarnMissingNumber+","+docparse.WarnMissingDate {
			t.Errorf("warnings %s", got)
		}
		status, _, page = f.do("vanphong", "GET", "/plans/"+id, "", nil, nil)
		if status != 200 || !strings.Contains(page, "Dự thảo") {
			t.Errorf("plan page %d", status)
		}
		// Saving ends the review.
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: review, want: 404})
	})

	t.Run("a skipped task is not created", func(t *testing.T) {
		ct, body := multipartBody(t, good(func(v url.Values) { v.Set("task.4.skip", "on"); v.Set("task.4.lead", "u-khong-co") }), "", nil)
		status, hdr, page := f.do("vanphong", "POST", reviewForm(t, f, seedName+".txt", seed), ct, body, nil)
		if status != 303 {
			t.Fatalf("status %d\n%s", status, page)
		}
		p, err := f.db.FindPlanByID(context.Background(), strings.TrimPrefix(hdr.Get("Location"), "/plans/"))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Tasks) != 5 || p.Tasks[4].LeadUnitID != "u-vp" || p.Tasks[4].Section != "III.2" {
			t.Errorf("tasks %+v", p.Tasks)
		}
	})
	t.Run("a proposal without a lead is given one on the plan page", func(t *testing.T) {
		ct, body := multipartBody(t, good(func(v url.Values) {
			for i := range 4 { // only the duties: the activities are skipped
				v.Set(fmt.Sprintf("task.%d.skip", i), "on")
			}
			v.Set("task.4.lead", "")
		}), "", nil)
		status, hdr, page := f.do("vanphong", "POST", reviewForm(t, f, seedName+".txt", seed), ct, body, nil)
		if status != 303 {
			t.Fatalf("status %d\n%s", status, page)
		}
		plan := hdr.Get("Location")
		assign := plan + "/proposals/0/assign"
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: plan, want: 200, contains: []string{`action="` + assign + `"`, `id="proposal-0-lead"`, "Giao nhiệm vụ"}})
		p, err := f.db.FindPlanByID(context.Background(), strings.TrimPrefix(plan, "/plans/"))
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{"leadUnitId": {"u-pkhtc"}, "text": {p.Tasks[0].Text}}
		f.expect(t, httpCase{user: "pkhtc", method: "POST", path: assign, form: form, want: 404})
		f.expect(t, httpCase{user: "vanphong", method: "POST", path: assign, form: form, want: 303})
		f.expect(t, httpCase{user: "vanphong", method: "GET", path: plan, want: 200, contains: []string{`id="tasks"`}, absent: []string{`id="proposals"`}})
	})
}

// TestDemoSeedTaskUnits checks that the demo's seed plan has its proposed
// tasks matched to units: III.2 names the Office and II.2 the website;
// III.1 addresses every division at once and the other activities name no
// unit: they are left for the Office to assign.
func TestDemoSeedTaskUnits(t *testing.T) {
	f := newFixture(t, "sqlite")
	p, err := f.db.FindPlanByID(context.Background(), f.plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, task := range p.Tasks {
		got[task.Section] = task.LeadUnitID
	}
	want := map[string]string{"II.1": "", "II.2": "u-website", "II.3": "", "II.4": "", "III.1": "", "III.2": "u-vp"}
	if !maps.Equal(got, want) {
		t.Errorf("lead units by section: %v", got)
	}
}
