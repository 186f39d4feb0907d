package ops_test

import (
	"encoding/json"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

func TestSummaryFinalise(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office, director := f.as("vanphong"), f.as("giamdoc")
		// Finalising needs the date of issue; {} and null give none.
		for _, body := range []string{`{}`, `null`} {
			var in ops.FinaliseInput
			if err := json.Unmarshal([]byte(body), &in); err != nil {
				t.Fatal(err)
			}
			_, err := f.svc.FinaliseSummary(ctx, office, f.plan.ID, in)
			wantFields(t, err, "issuedOn")
		}
		_, err := f.svc.FinaliseSummary(ctx, office, f.plan.ID, ops.FinaliseInput{Number: -1, IssuedOn: "05/07/2023"})
		wantFields(t, err, "number", "issuedOn")
		form := map[string]string{"number": "abc"}
		_, err = f.svc.FinaliseSummary(ctx, office, f.plan.ID, ops.FinaliseFromForm(func(k string) string { return form[k] }))
		wantFields(t, err, "number", "issuedOn")
		// Rights before validation: the Director reads but does not finalise.
		_, err = f.svc.FinaliseSummary(ctx, director, f.plan.ID, ops.FinaliseInput{})
		wantCode(t, err, kehoach.EFORBIDDEN)
		_, err = f.svc.Summary(ctx, f.as("pkhtc"), f.plan.ID)
		wantCode(t, err, kehoach.EFORBIDDEN)
		// Nothing is sent or scanned before the report is final.
		_, err = f.svc.RecordSummarySending(ctx, office, f.plan.ID, kehoach.Sending{On: "2023-07-06", Via: kehoach.SendEmail})
		wantCode(t, err, kehoach.ECONFLICT)

		v, err := f.svc.FinaliseSummary(ctx, office, f.plan.ID, ops.FinaliseInput{IssuedOn: "2023-07-05"})
		noErr(t, err)
		if v.Current == nil || v.Current.Status != kehoach.SummaryFinal || v.Current.Number != 1 || v.Document == nil || v.Report.Draft {
			t.Fatalf("final view: %+v", v.Current)
		}
		if v, err := f.svc.Summary(ctx, director, f.plan.ID); err != nil || v.CanEdit || v.Document == nil {
			t.Fatalf("director's view: %v", err)
		}

		_, err = f.svc.RecordSummarySending(ctx, office, f.plan.ID, kehoach.Sending{On: "2023-07-04", Via: "fax"})
		wantFields(t, err, "sentOn", "sentVia")
		if d, err := f.svc.RecordSummarySending(ctx, office, f.plan.ID, kehoach.Sending{On: "2023-07-06", Via: kehoach.SendPost}); err != nil || d.SentVia != kehoach.SendPost {
			t.Fatalf("sending: %v", err)
		}
		_, err = f.svc.AttachSummaryScan(ctx, office, f.plan.ID, ops.ScanInput{Name: "x.exe", Data: []byte("MZ\x90\x00 not a scan")})
		wantFields(t, err, "scan")
		_, err = f.svc.AttachSummaryScan(ctx, office, f.plan.ID, ops.ScanInput{})
		wantFields(t, err, "scan")
		pdf := []byte("%PDF-1.4\nsigned\n")
		if _, err := f.svc.AttachSummaryScan(ctx, office, f.plan.ID, ops.ScanInput{Name: " ", Data: pdf}); err != nil {
			t.Fatal(err)
		}
		scan, err := f.svc.SummaryScan(ctx, director, f.plan.ID)
		if err != nil || string(scan.Data) != string(pdf) || scan.Type != "application/pdf" || scan.Name != "ban-quet" {
			t.Fatalf("scan back: %v %+v", err, scan)
		}

		_, err = f.svc.Register(ctx, office, "abc")
		wantFields(t, err, "year")
		_, err = f.svc.Register(ctx, f.as("nhanvien"), "")
		wantCode(t, err, kehoach.EFORBIDDEN)
		if reg, err := f.svc.Register(ctx, director, "2023"); err != nil || reg.Year != 2023 || len(reg.Documents) != 1 {
			t.Fatalf("register: %v %+v", err, reg)
		}
		_, err = f.svc.SummaryFile(ctx, office, f.plan.ID, "odt")
		wantFields(t, err, "format")
	})
}

func TestSummaryEditsKeepGeneratedText(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		v, err := f.svc.Summary(ctx, office, f.plan.ID)
		noErr(t, err)
		// The opening sent back as generated is no edit: it keeps following
		// the data. The typed results are kept.
		v, err = f.svc.SaveSummary(ctx, office, f.plan.ID, kehoach.SummaryEdits{Opening: " " + v.Report.Opening.Generated + "\n", Results: "  Nhận xét riêng. "})
		noErr(t, err)
		if e := v.Current.Edits; e.Opening != "" || e.Results != "Nhận xét riêng." {
			t.Fatalf("edits kept: %+v", e)
		}
		_, err = f.svc.SaveSummary(ctx, f.as("giamdoc"), f.plan.ID, kehoach.SummaryEdits{})
		wantCode(t, err, kehoach.EFORBIDDEN)
	})
}
