package summary_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/kehoachtest/filetest"
	"github.com/kehoach/kehoach/internal/summary"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

func write(t *testing.T, r *summary.Report, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := summary.Write(context.Background(), &b, r, format, summary.Options{Soffice: "-"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDemoReportGolden compares the unzipped XML of the demo's draft report
// and annex with the golden files.
func TestDemoReportGolden(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	r, _, err := summary.Load(t.Context(), db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ format, part string }{
		{"docx", "word/document.xml"}, {"docx", "word/header1.xml"}, {"docx", "word/header2.xml"},
		{"xlsx", "xl/worksheets/sheet1.xml"}, {"xlsx", "xl/styles.xml"},
	} {
		t.Run(tt.format+"/"+tt.part, func(t *testing.T) {
			parts := filetest.Unzip(t, write(t, r, tt.format))
			body, ok := parts[tt.part]
			if !ok {
				t.Fatalf("part %s missing", tt.part)
			}
			filetest.Golden(t, "demo-"+tt.format+"/"+strings.ReplaceAll(tt.part, "/", "_"), body)
		})
	}
}

func TestCompose(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	ctx := t.Context()
	r, cur, err := summary.Load(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur == nil || cur.Edits.Proposals == "" || !strings.HasPrefix(r.Proposals.Text(), "- Đề nghị Sở Lao động") {
		t.Errorf("the demo's edit of the proposals is not kept: %+v", r.Proposals)
	}
	// Each total equals the sum of the accepted reports' values.
	reps, err := db.FindReports(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, rep := range reps {
		if rep.State == kehoach.ReportAccepted {
			sum += rep.Values[kehoach.IndStaffReached]
		}
	}
	var staff *summary.Figure
	for i := range r.Totals {
		if r.Totals[i].Code == kehoach.IndStaffReached {
			staff = &r.Totals[i]
		}
	}
	if staff == nil || sum == 0 {
		t.Fatalf("no staff-reached figure (sum %v)", sum)
	}
	reported := 0.0
	for _, s := range staff.Sources {
		if s.Kind == "report" {
			reported += s.Value
			if s.AcceptedBy == "" || s.AcceptedAt == nil || s.Version < 1 || s.Unit == "" {
				t.Errorf("source without its trace: %+v", s)
			}
		}
	}
	if reported != sum {
		t.Errorf("staff reached from reports = %v, want the sum of accepted reports %v", reported, sum)
	}
	// Units owing a result report without an accepted one are named to
	// the Office (on the page, not in the report).
	line := r.MissingLine()
	for _, u := range []string{"Phòng Quản lý kết cấu hạ tầng giao thông (đã gửi, đang chờ xem xét)", "Thanh tra Sở", "Trung tâm Đăng kiểm xe cơ giới"} {
		if !strings.Contains(line, u) {
			t.Errorf("missing line lacks %q: %s", u, line)
		}
	}
	if strings.Contains(line, "Phòng Kế hoạch - Tài chính") {
		t.Errorf("a unit with an accepted report is listed as missing: %s", line)
	}
	// Regenerating after an edit keeps the edit and the figures follow data.
	if _, err := db.SaveSummaryEdits(kehoachtest.ActorCtx(t, db, "vanphong"), plan.ID, kehoach.SummaryEdits{Shortcomings: "Một số đơn vị báo cáo chậm."}); err != nil {
		t.Fatal(err)
	}
	r2, _, err := summary.Load(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Shortcomings.Text() != "Một số đơn vị báo cáo chậm." || r2.Shortcomings.Generated == "" || r2.Proposals.Edited != "" {
		t.Errorf("edits after regenerating: %+v / %+v", r2.Shortcomings, r2.Proposals)
	}
	doc := r2.Document()
	if doc.Number != 0 || !doc.Draft || doc.Year != 2023 || doc.Symbol != "BC-SGTVT" || doc.GoverningBody != "UBND TỈNH SƠN LA" ||
		doc.Agency != "SỞ GIAO THÔNG VẬN TẢI" || doc.Signer.Name != "Đào Tài Tuệ" || doc.Signer.Title != "GIÁM ĐỐC" ||
		len(doc.To) != 1 || doc.To[0] != "Sở Lao động - Thương binh và Xã hội" || doc.Recipients[0] != "Như trên" || doc.Archive != "Lưu: VT, VP" {
		t.Errorf("document header and closing: %+v %+v %v %v %q", doc.Header, doc.Signer, doc.To, doc.Recipients, doc.Archive)
	}
}

// TestComposeWithoutReports drafts a report nobody has reported to yet.
func TestComposeWithoutReports(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	in, err := summary.Gather(t.Context(), db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	in.Reports = nil
	in.Table = &kehoach.IndicatorTable{Indicators: in.Table.Indicators, Targets: in.Table.Targets}
	for _, o := range in.Obligations {
		o.AcceptedAt, o.SubmittedAt = nil, nil
	}
	r, err := summary.Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range r.Document().Body {
		text = append(text, b.Text)
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"/10 phòng, đơn vị đã gửi báo cáo kết quả", "chưa có báo cáo nào được kiểm tra", "chủ trì thực hiện"} {
		if !strings.Contains(all, want) {
			t.Errorf("draft without reports lacks %q", want)
		}
	}
}

// TestLetterheadMissing names what to fill in.
func TestLetterheadMissing(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	in, err := summary.Gather(t.Context(), db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(in *summary.Input)
		field string
	}{
		{"abbreviation", func(in *summary.Input) { in.Tree.Unit(plan.AgencyID).Abbrev = "" }, "abbrev"},
		{"place", func(in *summary.Input) { in.Tree.Unit(plan.AgencyID).Place = "" }, "place"},
		{"signer", func(in *summary.Input) {
			for _, p := range in.People {
				if p.HasRole(kehoach.RoleDirector) {
					p.Roles = []kehoach.Role{kehoach.RoleStaff}
				}
			}
		}, "signer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := summary.Gather(t.Context(), db, plan.ID)
			tt.edit(in)
			_, err := summary.Compose(in)
			if kehoach.ErrorCode(err) != kehoach.EINVALID || kehoach.ErrorFields(err)[tt.field] == "" {
				t.Fatalf("error %v, want invalid %s", err, tt.field)
			}
			if !strings.Contains(kehoach.ErrorMessage(err), "Sở Giao thông vận tải") && tt.field != "signer" {
				t.Errorf("message does not name the agency: %s", kehoach.ErrorMessage(err))
			}
		})
	}
	_ = in
}

// TestFinaliseFreezes numbers the report and keeps it as it was.
func TestFinaliseFreezes(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db, plan := kehoachtest.DemoDB(t, engine)
			ctx := kehoachtest.ActorCtx(t, db, "vanphong")
			r, s, err := summary.Finalise(ctx, db, plan.ID, 0, "2023-07-05")
			if err != nil {
				t.Fatal(err)
			}
			if r.Number != 1 || s.Status != kehoach.SummaryFinal || r.Draft {
				t.Fatalf("final: %+v", s)
			}
			d := r.Document()
			if d.Date.Format("2006-01-02") != "2023-07-05" || docgen.NumberSymbol(d.Number, d.Symbol) != "Số: 01/BC-SGTVT" || d.Draft {
				t.Errorf("final header: %+v", d.Header)
			}
			// Later edits make a new draft; the final version reads back as frozen.
			if _, err := db.SaveSummaryEdits(ctx, plan.ID, kehoach.SummaryEdits{Results: "Thêm nhận xét."}); err != nil {
				t.Fatal(err)
			}
			all, _ := db.FindSummaries(ctx, plan.ID)
			frozen, err := summary.Thaw(all[1])
			if err != nil || frozen.Number != 1 || frozen.Results.Edited != "" || frozen.Title != r.Title {
				t.Errorf("frozen version: %v %+v", err, frozen)
			}
			cur, _, _ := summary.Load(ctx, db, plan.ID)
			if !cur.Draft || cur.Version != 3 && cur.Version != 2 || cur.Results.Text() != "Thêm nhận xét." {
				t.Errorf("new version: draft=%v version=%d results=%q", cur.Draft, cur.Version, cur.Results.Text())
			}
			if _, _, err := summary.Finalise(ctx, db, plan.ID, 1, "2023-07-20"); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
				t.Errorf("finalising with a used number: %v", err)
			}
			r2, _, err := summary.Finalise(ctx, db, plan.ID, 0, "2023-07-20")
			if err != nil || r2.Number != 2 {
				t.Errorf("second final: %v %+v", err, r2)
			}
		})
	}
}
