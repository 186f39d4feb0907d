package edxml_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/edxml"
)

// planDocx is the seed plan as a .docx.
func planDocx(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../app/testdata/ke-hoach-thang-hanh-dong-vi-tre-em-2023.docx")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func pkg(att ...edxml.Attachment) *edxml.Package {
	return &edxml.Package{
		Header: edxml.MessageHeader{
			From:             edxml.Organ{OrganID: "000.00.00.H49", OrganName: "Ủy ban nhân dân tỉnh Sơn La"},
			To:               []edxml.Organ{{OrganName: "Sở Giao thông vận tải"}},
			Code:             edxml.Code{CodeNumber: "115", CodeNotation: "KH-UBND"},
			PromulgationInfo: edxml.PromulgationInfo{Place: "Sơn La", PromulgationDate: "2023-04-28"},
			DocumentType:     edxml.DocumentType{Type: "1", TypeName: "Kế hoạch"},
			Subject:          "Thực hiện Tháng hành động vì trẻ em năm 2023",
			SignerInfo:       edxml.SignerInfo{Competence: "KT. CHỦ TỊCH", Position: "PHÓ CHỦ TỊCH", FullName: "Đặng Ngọc Hậu"},
			ToPlaces:         []string{"Các sở, ban, ngành tỉnh"},
		},
		Trace:       []edxml.TraceHeader{{OrganID: "000.00.00.H49", Timestamp: "2023-04-28T08:00:00Z"}},
		Attachments: att,
	}
}

func write(t *testing.T, p *edxml.Package) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := edxml.Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRoundTrip writes a package and reads it back: the header as written,
// the attachment byte for byte, and a plan whose header comes from the
// envelope and whose body comes from the attached document.
func TestRoundTrip(t *testing.T) {
	docx := planDocx(t)
	data := write(t, pkg(edxml.Attachment{Name: "ke-hoach.docx", ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Data: docx}))
	if !bytes.Contains(data, []byte(`<edXMLEnvelope xmlns="`+edxml.Namespace+`">`)) {
		t.Errorf("root without the namespace: %.200s", data)
	}
	p, err := edxml.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if h := p.Header; h.Code.CodeNumber != "115" || h.Code.CodeNotation != "KH-UBND" || h.SignerInfo.FullName != "Đặng Ngọc Hậu" || len(h.To) != 1 || h.ToPlaces[0] != "Các sở, ban, ngành tỉnh" {
		t.Errorf("header read back: %+v", h)
	}
	if len(p.Attachments) != 1 || !bytes.Equal(p.Attachments[0].Data, docx) {
		t.Fatal("the attachment does not read back byte for byte")
	}
	doc, src, err := edxml.ParseDocument(bytes.NewReader(data), "goi.edxml")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := docparse.Parse(bytes.NewReader(docx), "ke-hoach.docx")
	if err != nil {
		t.Fatal(err)
	}
	if src.Format != "edxml" || *doc.Number != "115" || *doc.Symbol != "KH-UBND" || *doc.Date != "2023-04-28" || *doc.Place != "Sơn La" ||
		*doc.Issuer != "Ủy ban nhân dân tỉnh Sơn La" || doc.Title != "Thực hiện Tháng hành động vì trẻ em năm 2023" ||
		doc.Signer == nil || doc.Signer.Name != "Đặng Ngọc Hậu" || doc.Signer.Authority != "KT." || doc.Signer.Title != "PHÓ CHỦ TỊCH" {
		t.Errorf("header from the envelope: %+v", doc)
	}
	if len(doc.Sections) == 0 || len(doc.Sections) != len(plain.Sections) || doc.Sections[0].Heading != plain.Sections[0].Heading {
		t.Errorf("body: %d sections, the document has %d", len(doc.Sections), len(plain.Sections))
	}
	// Without a package, the reader is the parser's.
	if d2, _, err := edxml.ParseDocument(bytes.NewReader(docx), "ke-hoach.docx"); err != nil || d2.Title != plain.Title {
		t.Errorf("a .docx through the dispatch: %v", err)
	}
}

// TestBadPackages: each bad package gives its own error, in Vietnamese.
func TestBadPackages(t *testing.T) {
	good := write(t, pkg(edxml.Attachment{Name: "a.docx", Data: planDocx(t)}))
	pdf := write(t, pkg(edxml.Attachment{Name: "a.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")}))
	broken := strings.Replace(string(good), "<ContentTransferEncoded>", "<ContentTransferEncoded>***", 1)
	entity := strings.Replace(string(good), "<edXMLEnvelope", `<!DOCTYPE edXMLEnvelope [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><edXMLEnvelope`, 1)
	entity = strings.Replace(entity, "<Subject>", "<Subject>&b;", 1)
	big := make([]byte, edxml.MaxBytes+10)
	copy(big, good)
	for _, tt := range []struct {
		name string
		data []byte
		want error
	}{
		{"not well-formed", good[:len(good)/2], edxml.ErrNotWellFormed},
		{"not XML at all", []byte("đây không phải XML"), edxml.ErrNotWellFormed},
		{"other XML", []byte(`<?xml version="1.0"?><root><a/></root>`), edxml.ErrNotEdXML},
		{"no attachment", write(t, pkg()), edxml.ErrNoAttachment},
		{"attachment not base64", []byte(broken), edxml.ErrBadAttachment},
		{"attachment not a document", pdf, edxml.ErrNotDocument},
		{"entity expansion", []byte(entity), edxml.ErrEntities},
		{"oversize", big, docparse.ErrTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := edxml.ParseDocument(bytes.NewReader(tt.data), "goi.edxml")
			if !errors.Is(err, tt.want) || doc != nil {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if msg := err.Error(); !strings.ContainsAny(msg, "ạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳđ") {
				t.Errorf("message not in Vietnamese: %s", msg)
			}
		})
	}
}

// TestAttachmentLines: the base64 text may be wrapped in any way.
func TestAttachmentLines(t *testing.T) {
	raw := []byte("Kế hoạch số 1\n")
	data := write(t, pkg(edxml.Attachment{Name: "a.txt", Data: raw}))
	enc := base64.StdEncoding.EncodeToString(raw)
	data = bytes.Replace(data, []byte(enc), []byte(enc[:4]+"\r\n  "+enc[4:]), 1)
	p, err := edxml.Read(bytes.NewReader(data))
	if err != nil || !bytes.Equal(p.Attachments[0].Data, raw) {
		t.Fatalf("%v %q", err, p.Attachments)
	}
}
