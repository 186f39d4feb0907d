package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/edxml"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/summary"
)

// xmlTexts returns the text of the first element of each local name, and
// the namespace of the root.
func xmlTexts(t *testing.T, data []byte) (map[string]string, string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	texts, rootNS, cur := map[string]string{}, "", ""
	var buf strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if rootNS == "" {
				rootNS = e.Name.Space
			}
			if e.Name.Space != edxml.Namespace {
				t.Errorf("%s outside the namespace", e.Name.Local)
			}
			cur = e.Name.Local
			buf.Reset()
		case xml.CharData:
			buf.Write(e)
		case xml.EndElement:
			if e.Name.Local == cur {
				if _, ok := texts[cur]; !ok {
					texts[cur] = strings.TrimSpace(buf.String())
				}
			}
			cur = ""
		}
	}
	return texts, rootNS
}

// TestSummaryEdXMLRoundTrip: "kehoach summary ID --format edxml" refuses a
// draft; of the final report it writes a package whose header carries the
// values of the .docx and whose attachment is the .docx byte for byte;
// "kehoach import" reads the package back.
func TestSummaryEdXMLRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db, plan := demoDB(t, filepath.Join(dir, "kehoach.db"), "mat-khau-demo")
	out := filepath.Join(dir, "bc.edxml")
	if _, _, err := runCLI("", "", "summary", plan.ID, "--format", "edxml", "--out", out, "--data", dir); err == nil || !strings.Contains(err.Error(), "chưa được hoàn thành") {
		t.Errorf("a draft report as edXML: %v", err)
	}
	rep, _, err := summary.Finalise(kehoachtest.ActorCtx(t, db, "vanphong"), db, plan.ID, 0, "2023-07-05")
	if err != nil {
		t.Fatal(err)
	}
	agency, err := db.FindUnitByID(context.Background(), demo.UnitAgency)
	if err != nil || agency.OrganID == "" {
		t.Fatalf("the demo agency has no electronic-document identifier: %v", err)
	}
	db.Close()
	docxPath := filepath.Join(dir, "bc.docx")
	for _, args := range [][]string{
		{"summary", plan.ID, "--format", "edxml", "--out", out, "--data", dir},
		{"summary", plan.ID, "--out", docxPath, "--data", dir},
	} {
		if _, errOut, err := runCLI("", "", args...); err != nil {
			t.Fatalf("%v: %v %s", args, err, errOut)
		}
	}
	data, _ := os.ReadFile(out)
	docx, _ := os.ReadFile(docxPath)
	texts, ns := xmlTexts(t, data)
	if ns != edxml.Namespace {
		t.Errorf("root namespace %q", ns)
	}
	// The fields, as the .docx prints them.
	fromDocx, err := docparse.Parse(bytes.NewReader(docx), "bc.docx")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"OrganId": agency.OrganID, "OrganName": rep.AgencyName, "CodeNumber": *fromDocx.Number, "CodeNotation": *fromDocx.Symbol,
		"Place": *fromDocx.Place, "PromulgationDate": *fromDocx.Date, "FullName": fromDocx.Signer.Name,
		"Subject": rep.Title, "TypeName": "Báo cáo",
	}
	for k, v := range want {
		if texts[k] != v || v == "" {
			t.Errorf("%s = %q, the .docx says %q", k, texts[k], v)
		}
	}
	if !strings.HasPrefix(texts["CodeNotation"], "BC") || texts["FullName"] != "Đào Tài Tuệ" || texts["PromulgationDate"] != "2023-07-05" || texts["CodeNumber"] != "01" {
		t.Errorf("header: %v", texts)
	}
	for _, el := range []string{"edXMLHeader", "MessageHeader", "From", "To", "Code", "PromulgationInfo", "DocumentType", "SignerInfo", "Competence", "Position", "ToPlaces", "TraceHeaderList", "edXMLBody", "edXMLManifest", "AttachmentEncoded", "Attachment"} {
		if !bytes.Contains(data, []byte("<"+el)) {
			t.Errorf("no element %s", el)
		}
	}
	att, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(texts["ContentTransferEncoded"]), ""))
	if err != nil || !bytes.Equal(att, docx) {
		t.Fatalf("the attachment is not the .docx byte for byte (%v, %d vs %d bytes)", err, len(att), len(docx))
	}
	// Read back by the importer.
	stdout, errOut, err := runCLI("", "", "import", "--json", out)
	if err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	var doc docparse.Document
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Type != "BC" || *doc.Number != "01" || *doc.Symbol != *fromDocx.Symbol || *doc.Date != "2023-07-05" || doc.Signer.Name != "Đào Tài Tuệ" || doc.Title != rep.Title || len(doc.Sections) == 0 {
		t.Errorf("imported: %+v", doc)
	}
	// A bad package: a clear message, exit 1.
	bad := filepath.Join(dir, "hong.edxml")
	_ = os.WriteFile(bad, data[:len(data)/3], 0o644)
	if _, _, err := runCLI("", "", "import", bad); err == nil || !strings.Contains(err.Error(), "không đúng cú pháp XML") {
		t.Errorf("a broken package: %v", err)
	}
}
