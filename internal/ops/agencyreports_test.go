package ops_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/internal/summary"
)

// TestAgencyReportDecisions: only the plan's superior accepts or returns
// an agency's report, and only a finalised one; the roll-up shows the
// decision, the agency's Office is told, the audit trail keeps it.
func TestAgencyReportDecisions(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		sup, office := f.as("sldtbxh"), f.as("vanphong")
		parent := parentPlan(t, f, sup)

		// Another agency's Office and Director read the province's plan
		// but decide nothing on it; a unit does not see it.
		for _, who := range []string{"vanphong", "giamdoc"} {
			_, err := f.svc.AcceptAgencyReport(ctx, f.as(who), parent.ID, demo.UnitEducation)
			wantCode(t, err, kehoach.EFORBIDDEN)
			_, err = f.svc.ReturnAgencyReport(ctx, f.as(who), parent.ID, demo.UnitEducation, ops.ReturnAgencyReportInput{Reason: "Số liệu chưa khớp."})
			wantCode(t, err, kehoach.EFORBIDDEN)
		}
		_, err := f.svc.AcceptAgencyReport(ctx, f.as("pkhtc"), parent.ID, demo.UnitEducation)
		wantCode(t, err, kehoach.ENOTFOUND)
		// Only finalised reports: a draft report, no plan, no such agency.
		_, err = f.svc.AcceptAgencyReport(ctx, sup, parent.ID, demo.UnitCulture)
		wantCode(t, err, kehoach.ECONFLICT)
		_, err = f.svc.AcceptAgencyReport(ctx, sup, parent.ID, demo.UnitJustice)
		wantCode(t, err, kehoach.ECONFLICT)
		_, err = f.svc.AcceptAgencyReport(ctx, sup, parent.ID, "u-khong-co")
		wantCode(t, err, kehoach.ENOTFOUND)
		// The demo accepted the education department's report already.
		_, err = f.svc.AcceptAgencyReport(ctx, sup, parent.ID, demo.UnitEducation)
		wantCode(t, err, kehoach.ECONFLICT)

		seedFinal(t, f, parent)
		r, err := f.svc.Rollup(ctx, sup, parent.ID)
		noErr(t, err)
		if c := childOf(t, r, demo.UnitAgency); c.Report.State != kehoach.SummaryFinalised || !c.CanAccept || !c.CanReturn {
			t.Fatalf("finalised seed report: %+v %+v", c, c.Report)
		}
		_, err = f.svc.ReturnAgencyReport(ctx, sup, parent.ID, demo.UnitAgency, ops.ReturnAgencyReportInput{Reason: " ab "})
		wantFields(t, err, "reason")
		r, err = f.svc.AcceptAgencyReport(ctx, sup, parent.ID, demo.UnitAgency)
		noErr(t, err)
		if c := childOf(t, r, demo.UnitAgency); c.Report.State != kehoach.SummaryAccepted || c.CanAccept || !c.CanReturn {
			t.Fatalf("accepted seed report: %+v %+v", c, c.Report)
		}
		r, err = f.svc.ReturnAgencyReport(ctx, sup, parent.ID, demo.UnitAgency, ops.ReturnAgencyReportInput{Reason: "Bổ sung số liệu tuyên truyền."})
		noErr(t, err)
		if c := childOf(t, r, demo.UnitAgency); c.Report.State != kehoach.SummaryFinalised || c.Report.ReturnReason == nil ||
			*c.Report.ReturnReason != "Bổ sung số liệu tuyên truyền." || !c.CanAccept || c.CanReturn {
			t.Fatalf("returned seed report: %+v %+v", c, c.Report)
		}
		_, err = f.svc.ReturnAgencyReport(ctx, sup, parent.ID, demo.UnitAgency, ops.ReturnAgencyReportInput{Reason: "Trả lại lần nữa."})
		wantCode(t, err, kehoach.ECONFLICT)

		// The Office is told of both decisions; the trail keeps them.
		notes, err := f.db.FindNotifications(ctx, office.ID(), false, 50)
		noErr(t, err)
		var told []string
		for _, n := range notes {
			if strings.Contains(n.Title, "Cấp trên") {
				told = append(told, n.Title+" "+n.Body)
			}
		}
		if len(told) != 2 || !strings.Contains(strings.Join(told, "|"), "Bổ sung số liệu tuyên truyền.") {
			t.Errorf("the Office was told: %q", told)
		}
		entries, err := f.db.FindAuditEntries(ctx, kehoach.AuditFilter{PlanID: &f.plan.ID, Limit: 10})
		noErr(t, err)
		actions := map[string]bool{}
		for _, e := range entries {
			actions[e.Action] = true
		}
		if !actions["rollup.accept"] || !actions["rollup.return"] {
			t.Errorf("audit actions: %v", actions)
		}
	})
}

// TestSuperiorReport: the superior's report on 115/KH-UBND counts figures
// from accepted reports only, names every agency that has not reported and
// why, and writes a .docx that reads back (and converts with LibreOffice
// when present).
func TestSuperiorReport(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		sup, office := f.as("sldtbxh"), f.as("vanphong")
		parent := parentPlan(t, f, sup)
		// The seed's report finalised, not yet accepted.
		seedFinal(t, f, parent)
		var err error

		check := func(accepted []string, why map[string]string) *ops.SummaryView {
			t.Helper()
			v, err := f.svc.Summary(ctx, sup, parent.ID)
			noErr(t, err)
			rep := v.Report
			r, err := f.svc.Rollup(ctx, sup, parent.ID)
			noErr(t, err)
			if rep.Kind != summary.KindAgencies || !v.CanEdit || !rep.Draft || rep.AgencyName != "Sở Lao động - Thương binh và Xã hội" ||
				len(rep.To) != 1 || rep.To[0] != "UBND tỉnh Sơn La" || rep.Accepted != len(accepted) || rep.Owed != len(r.Children) || rep.Owed < 4 {
				t.Fatalf("superior's report: kind %q edit %v draft %v agency %q to %v accepted %d/%d", rep.Kind, v.CanEdit, rep.Draft, rep.AgencyName, rep.To, rep.Accepted, rep.Owed)
			}
			// Recompute the totals from the accepted versions themselves.
			want := map[string]float64{}
			for _, c := range r.Children {
				if c.Report.State != kehoach.SummaryAccepted {
					continue
				}
				av, err := f.svc.Summary(ctx, sup, *c.PlanID)
				noErr(t, err)
				for _, fig := range av.Report.Totals {
					want[fig.Code] += fig.Total // every indicator sums in the demo catalogue
				}
			}
			got := map[string]float64{}
			for _, fig := range rep.Totals {
				got[fig.Code] = fig.Total
				if fig.Aggregation != string(kehoach.AggSum) {
					t.Errorf("%s aggregation %q", fig.Code, fig.Aggregation)
				}
			}
			if len(got) != len(want) {
				t.Errorf("totals %v, want %v", got, want)
			}
			for code, w := range want {
				if got[code] != w {
					t.Errorf("%s: %v, want %v from the accepted reports only", code, got[code], w)
				}
			}
			text := docText(t, f, sup, parent.ID)
			for _, name := range accepted {
				if !strings.Contains(text, name+" (Báo cáo số ") {
					t.Errorf("the report does not tell what %s did:\n%s", name, text)
				}
			}
			for name, reason := range why {
				if !strings.Contains(text, name+" ("+reason+")") {
					t.Errorf("the report does not name %s as not reported (%s):\n%s", name, reason, text)
				}
			}
			if len(rep.AnnexUnits) != len(accepted) {
				t.Errorf("annex rows %v, want the accepted agencies %v", rep.AnnexUnits, accepted)
			}
			return v
		}
		check([]string{"Sở Giáo dục và Đào tạo"}, map[string]string{
			"Sở Giao thông vận tải":           "đã hoàn thiện báo cáo kết quả, chưa được tiếp nhận",
			"Sở Văn hóa, Thể thao và Du lịch": "đang dự thảo báo cáo kết quả",
			"Sở Tư pháp":                      "chưa ban hành kế hoạch thực hiện",
		})
		_, err = f.svc.AcceptAgencyReport(ctx, sup, parent.ID, demo.UnitAgency)
		noErr(t, err)
		check([]string{"Sở Giáo dục và Đào tạo", "Sở Giao thông vận tải"}, map[string]string{
			"Sở Văn hóa, Thể thao và Du lịch": "đang dự thảo báo cáo kết quả",
			"Sở Tư pháp": "chưa ban hành kế hoạch thực hiện",
		})
		_, err = f.svc.ReturnAgencyReport(ctx, sup, parent.ID, demo.UnitAgency, ops.ReturnAgencyReportInput{Reason: "Bổ sung số liệu."})
		noErr(t, err)
		check([]string{"Sở Giáo dục và Đào tạo"}, map[string]string{
			"Sở Giao thông vận tải": "báo cáo kết quả bị trả lại, chưa gửi lại",
			"Sở Tư pháp":            "chưa ban hành kế hoạch thực hiện",
		})

		// The superior edits and finalises its report; the plan's other
		// readers do not.
		_, err = f.svc.SaveSummary(ctx, office, parent.ID, kehoach.SummaryEdits{Results: "Chen ngang."})
		wantCode(t, err, kehoach.EFORBIDDEN)
		_, err = f.svc.FinaliseSummary(ctx, office, parent.ID, ops.FinaliseInput{IssuedOn: "2023-07-10"})
		wantCode(t, err, kehoach.EFORBIDDEN)
		v, err := f.svc.SaveSummary(ctx, sup, parent.ID, kehoach.SummaryEdits{Results: "Các cơ quan đã triển khai nghiêm túc."})
		noErr(t, err)
		if v.Report.Results.Text() != "Các cơ quan đã triển khai nghiêm túc." {
			t.Errorf("edit kept: %q", v.Report.Results.Text())
		}
		v, err = f.svc.FinaliseSummary(ctx, sup, parent.ID, ops.FinaliseInput{IssuedOn: "2023-07-10"})
		noErr(t, err)
		if v.Report.Draft || v.Report.NumberSymbol() != "Số: 01/BC-SLĐTBXH" || v.Document == nil || v.Document.AgencyID != demo.UnitLabour {
			t.Fatalf("finalised superior's report: %q %+v", v.Report.NumberSymbol(), v.Document)
		}
		// Frozen: a decision taken later does not change it.
		_, err = f.svc.AcceptAgencyReport(ctx, sup, parent.ID, demo.UnitAgency)
		noErr(t, err)
		v, err = f.svc.Summary(ctx, sup, parent.ID)
		noErr(t, err)
		if v.Report.Draft || v.Report.Accepted != 1 {
			t.Errorf("the final version changed: draft %v accepted %d", v.Report.Draft, v.Report.Accepted)
		}

		// The .docx as LibreOffice shows it, when it is installed.
		file, err := f.svc.SummaryFile(ctx, sup, parent.ID, "docx")
		noErr(t, err)
		for _, format := range []string{"xlsx", "pdf"} {
			if _, err := f.svc.SummaryFile(ctx, sup, parent.ID, format); err != nil {
				t.Errorf("%s: %v", format, err)
			}
		}
		if _, err := exec.LookPath("soffice"); err != nil || f.db.Dialect() != sqlstore.SQLite {
			return
		}
		_, err = exec.LookPath("pdftotext")
		kehoachtest.Require(t, "pdftotext", err)
		dir := t.TempDir()
		path := filepath.Join(dir, "cap-tren.docx")
		noErr(t, os.WriteFile(path, file.Data, 0o644))
		noErr(t, docgen.ConvertFiles(ctx, "", "pdf", dir, path))
		out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "cap-tren.pdf"), "-").Output()
		noErr(t, err)
		got := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range []string{"SỞ LAO ĐỘNG - THƯƠNG", "Số: 01/BC-SLĐTBXH", "Kính gửi: UBND tỉnh Sơn La.", "Sở Giáo dục và Đào tạo (Báo cáo số 01/BC-SGDĐT",
			"Sở Tư pháp (chưa ban hành kế hoạch thực hiện)", "Cách", "III. KIẾN NGHỊ, ĐỀ XUẤT"} {
			if !strings.Contains(got, w) {
				t.Errorf("LibreOffice shows no %q in:\n%s", w, got)
			}
		}
	})
}

// seedFinal finalises the seed plan's result report unless the demo did.
func seedFinal(t *testing.T, f *fixture, parent *kehoach.Plan) {
	t.Helper()
	r, err := f.svc.Rollup(t.Context(), f.as("sldtbxh"), parent.ID)
	noErr(t, err)
	if childOf(t, r, demo.UnitAgency).Report.State == kehoach.SummaryDrafting {
		_, err = f.svc.FinaliseSummary(t.Context(), f.as("vanphong"), f.plan.ID, ops.FinaliseInput{IssuedOn: "2023-07-05"})
		noErr(t, err)
	}
}

var xmlTag = regexp.MustCompile(`<[^>]+>`)

// docText returns the text of the plan's result report as a's .docx
// holds it, paragraph by paragraph.
func docText(t *testing.T, f *fixture, a *kehoach.Actor, planID string) string {
	t.Helper()
	file, err := f.svc.SummaryFile(t.Context(), a, planID, "docx")
	noErr(t, err)
	zr, err := zip.NewReader(bytes.NewReader(file.Data), int64(len(file.Data)))
	noErr(t, err)
	for _, zf := range zr.File {
		if zf.Name != "word/document.xml" {
			continue
		}
		rc, err := zf.Open()
		noErr(t, err)
		b, err := io.ReadAll(rc)
		noErr(t, err)
		s := strings.ReplaceAll(string(b), "</w:p>", "\n")
		return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(xmlTag.ReplaceAllString(s, ""))
	}
	t.Fatal("no word/document.xml in the .docx")
	return ""
}
