package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/edxml"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/summary"
)

// superiorPackage is a plan sent by the superior as an edXML package.
func superiorPackage(t *testing.T, att ...edxml.Attachment) []byte {
	t.Helper()
	p := &edxml.Package{Header: edxml.MessageHeader{
		From:             edxml.Organ{OrganName: "Ủy ban nhân dân tỉnh Sơn La"},
		Code:             edxml.Code{CodeNumber: "115", CodeNotation: "KH-UBND"},
		PromulgationInfo: edxml.PromulgationInfo{Place: "Sơn La", PromulgationDate: "2023-04-28"},
		DocumentType:     edxml.DocumentType{Type: "1", TypeName: "Kế hoạch"},
		Subject:          "Thực hiện Tháng hành động vì trẻ em tỉnh Sơn La năm 2023",
		SignerInfo:       edxml.SignerInfo{Competence: "KT. CHỦ TỊCH", Position: "PHÓ CHỦ TỊCH", FullName: "Đặng Ngọc Hậu"},
	}, Attachments: att}
	var b bytes.Buffer
	if err := edxml.Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEdXMLImportAndDownload: the web import reads a plan sent as an edXML
// package, header from the envelope and body from the attached .docx; a bad
// package is refused with its reason and keeps nothing under review; the
// final result report downloads as an edXML package from the page and the
// API.
func TestEdXMLImportAndDownload(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	docx := readTestdata(t, seedName+".docx")
	good := superiorPackage(t, edxml.Attachment{Name: "kh.docx", Data: docx})
	loc := reviewForm(t, f, "115-KH-UBND.edxml", good)
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: loc, want: 200,
		contains: []string{`value="115"`, `value="KH-UBND"`, "Thực hiện Tháng hành động vì trẻ em tỉnh Sơn La năm 2023", "Đặng Ngọc Hậu", "MỤC ĐÍCH, YÊU CẦU"}})

	ctx := kehoachtest.ActorCtx(t, f.db, "vanphong")
	kept := func() int {
		person, _ := f.db.FindPersonByUsername(context.Background(), "vanphong")
		ds, err := f.db.FindImportDrafts(context.Background(), person.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(ds)
	}
	before := kept()
	huge := bytes.Repeat([]byte("<a/>"), int(edxml.MaxBytes+(512<<10))/4)
	for _, tt := range []struct {
		name string
		data []byte
		want int
		msg  string
	}{
		{"not well-formed", good[:len(good)/2], 400, "không đúng cú pháp XML"},
		{"no attachment", superiorPackage(t), 400, "không có tệp văn bản đính kèm"},
		{"attachment not a document", superiorPackage(t, edxml.Attachment{Name: "kh.pdf", Data: []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")}), 400, "không phải văn bản"},
		{"entity expansion", bytes.Replace(good, []byte("<edXMLEnvelope"), []byte(`<!DOCTYPE edXMLEnvelope [<!ENTITY x "xx">]><edXMLEnvelope`), 1), 400, "DOCTYPE"},
		{"oversize", append([]byte("<edXMLEnvelope>"), huge...), 413, "quá lớn"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := httpCase{user: "vanphong", method: "POST", path: "/plans/import", want: tt.want, contains: []string{tt.msg}}
			c.bodyType, c.body = multipartBody(t, nil, "goi.edxml", tt.data)
			f.expect(t, c)
		})
	}
	if n := kept(); n != before {
		t.Errorf("refused packages were kept under review: %d → %d", before, n)
	}

	// The final report as a package, from the page and from the API.
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + f.plan.ID + "/summary.edxml", want: 409, contains: []string{"chưa được hoàn thành"}})
	f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/plans/" + f.plan.ID + "/summary.edxml", want: 404})
	if _, _, err := summary.Finalise(ctx, f.db, f.plan.ID, 0, "2023-07-05"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/plans/" + f.plan.ID + "/summary.edxml", "/api/v1/plans/" + f.plan.ID + "/summary.edxml"} {
		status, hdr, body := f.do("vanphong", "GET", path, "", nil, nil)
		if status != 200 || !strings.Contains(hdr.Get("Content-Type"), "xml") {
			t.Fatalf("%s: %d %s", path, status, hdr.Get("Content-Type"))
		}
		p, err := edxml.Read(strings.NewReader(body))
		if err != nil || p.Header.Code.CodeNotation != "BC-SGTVT" || p.Header.SignerInfo.FullName != "Đào Tài Tuệ" || len(p.Attachments) != 1 {
			t.Errorf("%s: %v %+v", path, err, p)
		}
	}
	f.expect(t, httpCase{user: "vanphong", method: "GET", path: "/plans/" + f.plan.ID + "/summary", want: 200, contains: []string{"summary.edxml"}})
	// The superior reads the finalised report as it reads the .docx.
	for _, ext := range []string{"docx", "edxml"} {
		f.expect(t, httpCase{user: "sldtbxh", method: "GET", path: "/plans/" + f.plan.ID + "/summary." + ext, want: 200})
	}
	f.expect(t, httpCase{user: "pkhtc", method: "GET", path: "/plans/" + f.plan.ID + "/summary.edxml", want: 403})
}

// TestExchangeAPI: the Office issues a token through the API; the package
// route answers 401 without a token this kehoach issued, before reading
// the package, and names what is wrong in a package sent with a good one.
func TestExchangeAPI(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	body := `{"agencyId":"u-sgddt","planId":"` + f.plan.ID + `"}`
	f.expect(t, httpCase{user: "pkhtc", method: "POST", path: "/api/v1/exchange/tokens", json: body, want: 403})
	f.expect(t, httpCase{user: "vanphong", method: "POST", path: "/api/v1/exchange/tokens", json: `{"agencyId":"khong-co","planId":"` + f.plan.ID + `"}`, want: 400, contains: []string{"Không có cơ quan này"}})
	page := f.expect(t, httpCase{user: "vanphong", method: "POST", path: "/api/v1/exchange/tokens", json: body, want: 201, contains: []string{`"token":"kx1.u-sgddt.`}})
	var tok struct{ Token string }
	if err := json.Unmarshal([]byte(page), &tok); err != nil {
		t.Fatal(err)
	}
	f.expect(t, httpCase{method: "POST", path: "/api/v1/exchange/reports", json: `{}`, want: 401, contains: []string{"Thiếu khóa trao đổi"}})
	f.expect(t, httpCase{method: "POST", path: "/api/v1/exchange/reports", json: `{}`, header: map[string]string{"Authorization": "Bearer kx1.u-sgddt.x.y"}, want: 401, contains: []string{"Khóa trao đổi không hợp lệ"}})
	bearer := map[string]string{"Authorization": "Bearer " + tok.Token}
	f.expect(t, httpCase{method: "POST", path: "/api/v1/exchange/reports", json: `{"planId":"x"}`, header: bearer, want: 400, contains: []string{"agencyId"}})
	pkg := `{"planId":"` + f.plan.ID + `","agencyId":"u-sgddt","report":{"number":3,"symbol":"BC-SGDĐT","issuedOn":"2023-07-04","title":"Kết quả"},"figures":[],` +
		`"files":[{"kind":"docx","name":"a.docx","sha256":"00","data":"UEsDBA=="},{"kind":"pdf","name":"a.pdf","sha256":"00","data":"JVBERi0="}]}`
	f.expect(t, httpCase{method: "POST", path: "/api/v1/exchange/reports", json: pkg, header: bearer, want: 400, contains: []string{"SHA-256", "không khớp"}})
}
