package summary_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/plandoc"
	"github.com/kehoach/kehoach/internal/summary"
	"github.com/xuri/excelize/v2"
)

// internalPhrases are words the agency writes to its own units, never to
// its superior: the result report must not contain them.
var internalPhrases = []string{
	"Văn phòng xem xét", "chờ Văn phòng", "đang chờ xem xét", "đơn vị chưa gửi báo cáo", "chưa gửi báo cáo",
	"chưa có báo cáo kết quả được chấp nhận", "báo cáo đã được chấp nhận của", "ý kiến chỉ đạo của giám đốc",
	"về Văn phòng Sở", "đề nghị các phòng", "đề nghị các đơn vị", "yêu cầu các phòng", "yêu cầu các đơn vị",
	"đang chờ xử lý", "bị trả lại", "chưa gửi lại", "Giám đốc Sở chỉ đạo", "kehoach",
}

// docText is every paragraph the report prints, annex included, one a line.
func docText(d *docgen.Document) string {
	var lines []string
	for _, b := range d.Body {
		lines = append(lines, b.Printed())
		if b.Table != nil {
			lines = append(lines, strings.Join(b.Table.Columns, " | "))
			for _, r := range b.Table.Rows {
				lines = append(lines, strings.Join(r, " | "))
			}
		}
	}
	if a := d.Annex; a != nil {
		lines = append(lines, a.Title, a.Subtitle, a.Ref, a.Note)
		for _, r := range a.Table.Rows {
			lines = append(lines, strings.Join(r, " | "))
		}
	}
	return strings.Join(lines, "\n")
}

// TestReportReadsToSuperior reads the demo's result report as its reader,
// the superior, would: the plan carried out and the agency's own plan with
// their numbers, the period, a section per activity of the plan, every
// target assessed, recommendations to the recipient, a closing line — and
// no sentence addressed to the agency's own units.
func TestReportReadsToSuperior(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	r, _, err := summary.Load(t.Context(), db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	d := r.Document()
	text := docText(d)
	low := strings.ToLower(text)
	for _, ph := range internalPhrases {
		if strings.Contains(low, strings.ToLower(ph)) {
			t.Errorf("the report speaks to the agency's own units: %q", ph)
		}
	}
	opening := d.Body[0].Text
	for _, want := range []string{"Kế hoạch số 115/KH-UBND ngày 28/4/2023", "Kế hoạch số 86/KH-SGTVT ngày 22/5/2023", "từ ngày 01/6/2023 đến ngày 30/6/2023"} {
		if !strings.Contains(opening, want) {
			t.Errorf("the opening lacks %q: %s", want, opening)
		}
	}
	// A section per item of the plan's section II, the launch ceremony too.
	var items []string
	for _, b := range d.Body {
		if b.Kind == docgen.Item {
			items = append(items, b.Text)
		}
	}
	var activities int
	for _, s := range plan.Sections {
		if s.Kind == "activities" {
			activities = len(s.Items)
		}
	}
	if len(r.Activities) < activities || activities != 4 {
		t.Errorf("%d activity sections for %d activities of the plan", len(r.Activities), activities)
	}
	if !strings.Contains(strings.Join(items, "\n"), "Lễ phát động") {
		t.Errorf("no section for the launch ceremony: %q", items)
	}
	// Every target assessed with its rate; the minutes target commented.
	for _, f := range r.Totals {
		if f.Target == nil {
			continue
		}
		if !strings.Contains(text, f.Rate()) {
			t.Errorf("target %s: rate %s not in the report", f.Name, f.Rate())
		}
		if f.Total < *f.Target && !strings.Contains(r.Shortcomings.Text(), lowerFirst(f.Name)+" mới đạt") {
			t.Errorf("target %s not reached and not commented: %s", f.Name, r.Shortcomings.Text())
		}
	}
	if !strings.Contains(r.Shortcomings.Text(), "(22,5%)") {
		t.Errorf("the minutes target at 22,5%% goes uncommented: %s", r.Shortcomings.Text())
	}
	for _, want := range []string{"I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. KHÓ KHĂN, VƯỚNG MẮC", "IV. KIẾN NGHỊ, ĐỀ XUẤT",
		"Đề nghị Sở Lao động - Thương binh và Xã hội"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if last := d.Body[len(d.Body)-1]; !strings.HasPrefix(last.Text, "Trên đây là báo cáo") || !strings.HasSuffix(last.Text, "./.") {
		t.Errorf("no closing line: %q", last.Text)
	}
	// Completeness stated once.
	if n := strings.Count(text, "đã gửi báo cáo kết quả"); n != 1 {
		t.Errorf("reporting completeness stated %d times", n)
	}
}

// TestReportEditsKept rewrites every kind of part, then regenerates: the
// edits stay, the rest follows the data, and a solved difficulty is stated
// only once ticked in.
func TestReportEditsKept(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	ctx := kehoachtest.ActorCtx(t, db, "vanphong")
	r, _, err := summary.Load(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	launch := ""
	for _, a := range r.Activities {
		if strings.Contains(a.Title, "Lễ phát động") {
			launch = a.Key
		}
	}
	e := kehoach.SummaryEdits{Sections: map[string]string{launch: "Chi đoàn thanh niên Sở cử 15 đoàn viên dự Lễ phát động.", summary.DirectionKey: "Sở đã quán triệt Kế hoạch."},
		Closing: "Trên đây là báo cáo của Sở./."}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveSummaryEdits(ctx, plan.ID, e); err != nil {
		t.Fatal(err)
	}
	r2, _, err := summary.Load(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := docText(r2.Document())
	for _, want := range []string{"Chi đoàn thanh niên Sở cử 15 đoàn viên dự Lễ phát động.", "Sở đã quán triệt Kế hoạch.", "Trên đây là báo cáo của Sở./."} {
		if !strings.Contains(text, want) {
			t.Errorf("edit %q lost on regenerating", want)
		}
	}
	if !strings.Contains(text, r2.Results.Generated) || r2.Results.Generated == "" {
		t.Errorf("the assessment no longer follows the data")
	}
	// A solved difficulty: left out, then ticked in.
	in, err := summary.Gather(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	in.Difficulties = append(in.Difficulties, summary.Difficulty{ID: "ob-1", Unit: "Thanh tra Sở", Text: "Thiếu tài liệu tuyên truyền.", Decision: "Văn phòng Sở in bổ sung tài liệu."})
	r3, err := summary.Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r3.Difficulties.Text(), "Thiếu tài liệu") {
		t.Errorf("a solved difficulty is reported without the Office ticking it: %s", r3.Difficulties.Text())
	}
	in.Summary.Edits.IncludeDifficulties = []string{"ob-1"}
	r4, err := summary.Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r4.Difficulties.Text(), "Thiếu tài liệu tuyên truyền. Sở Giao thông vận tải đã chỉ đạo giải quyết: Văn phòng Sở in bổ sung tài liệu.") {
		t.Errorf("the ticked difficulty is not stated: %s", r4.Difficulties.Text())
	}
}

// TestFiguresAgreeWithReports recomputes the figures and the completeness
// from the accepted reports, the briefings and what was counted, and finds
// the same in the report, its .docx annex and its .xlsx.
func TestFiguresAgreeWithReports(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	ctx := t.Context()
	r, _, err := summary.Load(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	reps, err := db.FindReports(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	obls, err := db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &plan.ID})
	if err != nil {
		t.Fatal(err)
	}
	table, err := db.PlanIndicatorValues(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := db.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Completeness: units owing a result report, those that sent one, those
	// whose report was accepted.
	final := map[string]string{}
	for _, o := range obls {
		if o.Kind == kehoach.KindFinal {
			final[o.ID] = o.UnitID
		}
	}
	owed := map[string]bool{}
	for _, u := range final {
		owed[u] = true
	}
	sent, acceptedUnits := map[string]bool{}, map[string]bool{}
	want := map[string]float64{}
	for _, rep := range reps {
		if _, ok := final[rep.ObligationID]; !ok {
			continue
		}
		if rep.State != kehoach.ReportDraft {
			sent[rep.UnitID] = true
		}
		if rep.State == kehoach.ReportAccepted {
			acceptedUnits[rep.UnitID] = true
			for code, v := range rep.Values {
				want[code] += v
			}
		}
	}
	if r.Owed != len(owed) || r.Submitted != len(sent) || r.Accepted != len(acceptedUnits) || len(acceptedUnits) == 0 {
		t.Errorf("completeness %d/%d/%d, recomputed %d/%d/%d", r.Accepted, r.Submitted, r.Owed, len(acceptedUnits), len(sent), len(owed))
	}
	text := docText(r.Document())
	if s := fmt.Sprintf("%02d/%02d phòng, đơn vị đã gửi báo cáo kết quả", len(sent), len(owed)); !strings.Contains(text, s) {
		t.Errorf("the report does not state %q", s)
	}
	if s := fmt.Sprintf("tổng hợp từ %02d báo cáo đã được kiểm tra", len(acceptedUnits)); !strings.Contains(text, s) {
		t.Errorf("the report does not state %q", s)
	}
	// Figures the report says it counts directly: briefings, posts, events.
	for _, u := range table.Units {
		for code, uv := range table.Values[u] {
			for _, s := range uv.Sources {
				if s.Kind != "report" {
					want[code] += s.Value
				} else if !acceptedUnits[s.UnitID] {
					t.Errorf("%s counted from %s, whose report is not accepted", code, s.UnitID)
				}
			}
		}
	}
	f, err := excelize.OpenReader(strings.NewReader(string(write(t, r, "xlsx"))))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(docgen.AnnexSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	xlsxRow := map[string][]string{}
	for _, row := range rows {
		if len(row) > 1 {
			xlsxRow[row[1]] = row
			if row[0] != "" {
				xlsxRow[row[0]] = row
			}
		}
	}
	annex := r.Document().Annex.Table
	for i, fig := range r.Totals {
		exp := want[fig.Code]
		if fig.Total != exp {
			t.Errorf("%s: report total %v, recomputed %v", fig.Code, fig.Total, exp)
		}
		shown := kehoach.FormatValue(exp, fig.Decimal)
		if !strings.Contains(text, fig.Name+" | "+fig.Measure+" | "+fig.TargetText()+" | "+shown) {
			t.Errorf("%s: %s not in the .docx table", fig.Code, shown)
		}
		// .docx annex: the total row; .xlsx: the cached total.
		var total []string
		for _, row := range annex.Rows {
			if row[1] == "Tổng cộng" {
				total = row
			}
		}
		if total == nil || total[2+i] != shown {
			t.Errorf("%s: annex total %v, want %s", fig.Code, total, shown)
		}
		if row := xlsxRow["Tổng cộng"]; len(row) <= 2+i || row[2+i] != fmt.Sprint(exp) {
			t.Errorf("%s: .xlsx total %v, want %v", fig.Code, row, exp)
		}
	}
	// Every unit owing a report is in both annexes, and a unit whose report
	// is not accepted shows no figure only a report gives.
	for u := range owed {
		name := tree.Unit(u).Name
		row, ok := xlsxRow[name]
		if !ok {
			t.Errorf("%s missing from the .xlsx", name)
			continue
		}
		if !strings.Contains(text, name) {
			t.Errorf("%s missing from the .docx annex", name)
		}
		if acceptedUnits[u] {
			continue
		}
		for i, fig := range r.Totals {
			if fig.Code == kehoach.IndStaffReached || fig.Code == kehoach.IndChildClasses {
				if len(row) > 2+i && row[2+i] != "" {
					t.Errorf("%s without an accepted report shows %s = %s", name, fig.Code, row[2+i])
				}
			}
		}
	}
}

// TestDocumentsReadInLibreOffice is the checklist: every .docx kehoach
// writes (the result report, draft and final, and the plan) opened by
// LibreOffice and read back with pdftotext shows the parts Decree 30
// requires; the report's annex stands on landscape pages; the .xlsx
// printed shows every header word and every unit on A4 landscape.
func TestDocumentsReadInLibreOffice(t *testing.T) {
	for _, tool := range []string{"soffice", "pdftotext", "pdfinfo"} {
		_, err := exec.LookPath(tool)
		kehoachtest.Require(t, tool+" (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)", err)
	}
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	ctx := kehoachtest.ActorCtx(t, db, "vanphong")
	draft, _, err := summary.Load(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	final, _, err := summary.Finalise(ctx, db, plan.ID, 0, "2023-07-05")
	if err != nil {
		t.Fatal(err)
	}
	in, err := summary.Gather(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	lh, err := summary.LetterheadFor(in.Plan, in.Tree, in.People)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{"draft.docx": write(t, draft, "docx"), "final.docx": write(t, final, "docx"), "annex.xlsx": write(t, final, "xlsx")}
	var pb strings.Builder
	if err := docgen.WriteDocx(&pb, plandoc.Document(in.Plan, lh)); err != nil {
		t.Fatal(err)
	}
	files["plan.docx"] = []byte(pb.String())
	var paths []string
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if err := docgen.ConvertFiles(ctx, "", "pdf", dir, paths...); err != nil {
		t.Fatal(err)
	}
	read := func(name string, mode ...string) string {
		if mode == nil {
			mode = []string{"-layout"}
		}
		out, err := exec.Command("pdftotext", append(mode, filepath.Join(dir, name+".pdf"), "-")...).Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	decree30 := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH SƠN LA", "SỞ GIAO THÔNG VẬN TẢI", "Số:",
		"Nơi nhận:", "- Lưu: VT", "GIÁM ĐỐC", "Đào Tài Tuệ"}
	dateLine := regexp.MustCompile(`Sơn La, ngày\s+(\d{2}\s+)?tháng\s+(\d+\s+)?năm 2023`)
	// The report, draft and final, shows its parts and the figures.
	var staff *summary.Figure
	for i := range final.Totals {
		if final.Totals[i].Code == kehoach.IndStaffReached {
			staff = &final.Totals[i]
		}
	}
	report := []string{"Kết quả thực hiện Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023", "Kính gửi: Sở Lao động - Thương binh và Xã hội.",
		"I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "IV. KIẾN NGHỊ, ĐỀ XUẤT", "Kế hoạch số 86/KH-SGTVT ngày 22/5/2023", "tổng hợp./.", "- Như trên;", "- Lưu: VT, VP.",
		fmt.Sprintf("được tuyên truyền: %s lượt người", staff.Value())}
	for name, extra := range map[string][]string{
		"draft": {"/BC-SGTVT", "DỰ THẢO", "BÁO CÁO", "Kính gửi: Sở Lao động - Thương binh và Xã hội.", "Kế hoạch số 115/KH-UBND", "ĐÁNH GIÁ CHUNG", "KIẾN NGHỊ, ĐỀ XUẤT", "./.", "PHỤ LỤC"},
		"final": {"Số: 01/BC-SGTVT", "BÁO CÁO", "Sơn La, ngày 05 tháng 7 năm 2023", "Kèm theo Báo cáo số 01/BC-SGTVT ngày 05/7/2023", "PHỤ LỤC"},
		"plan":  {"KẾ HOẠCH", "Số: 86/KH-SGTVT", "Sơn La, ngày 22 tháng 5 năm 2023", "Thực hiện Kế hoạch số 115/KH-UBND", "II. CÁC NỘI DUNG HOẠT ĐỘNG", "- Lưu: VT, VP"},
	} {
		got := read(name)
		want := append(decree30, extra...)
		if name != "plan" {
			want = append(want, report...)
		}
		for _, w := range want {
			if !strings.Contains(flat(got), w) {
				t.Errorf("%s.docx: LibreOffice shows no %q", name, w)
			}
		}
		if !dateLine.MatchString(got) {
			t.Errorf("%s.docx: no date line", name)
		}
	}
	// The draft keeps room to write the number and the date by hand.
	if got := read("draft"); !regexp.MustCompile(`Số:\s{3,}/BC-SGTVT`).MatchString(got) || !regexp.MustCompile(`ngày\s{3,}tháng\s{3,}năm 2023`).MatchString(got) {
		t.Errorf("draft.docx: the blanks of the number or the date collapsed")
	}
	// The annex is on landscape pages, its header repeated on each.
	pages := strings.Split(read("final"), "\f")
	landscape := 0
	for i, p := range pages {
		if !strings.Contains(p, "Tổng cộng") && !strings.Contains(p, "PHỤ LỤC") {
			continue
		}
		out, err := exec.Command("pdfinfo", "-f", fmt.Sprint(i+1), "-l", fmt.Sprint(i+1), filepath.Join(dir, "final.pdf")).Output()
		if err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)`).FindStringSubmatch(string(out)); m != nil && m[1] > m[2] {
			landscape++
		}
		if !strings.Contains(p, "STT") {
			t.Errorf("annex page %d without its header row", i+1)
		}
	}
	if landscape == 0 {
		t.Errorf("the annex is not on a landscape page")
	}
	// The .xlsx printed: every header word and every unit, on A4 landscape.
	// Cells that wrap are read in reading order, without the layout.
	xl := read("annex", "-raw")
	words := []string{"PHỤ LỤC", "STT", "Đơn vị", "Tổng cộng", "Chỉ tiêu", "Tỷ lệ đạt (%)", "05/7/2023"}
	for _, f := range final.Totals {
		words = append(words, strings.Fields(f.Name+" ("+f.Measure+")")...)
	}
	words = append(words, final.AnnexUnits...)
	for _, w := range words {
		if !strings.Contains(flat(xl), w) {
			t.Errorf("annex.xlsx printed: %q missing (clipped?)", w)
		}
	}
	if strings.Contains(xl, "13.50") || !strings.Contains(xl, "13,5") {
		t.Errorf("annex.xlsx printed: minutes not written the Vietnamese way")
	}
	out, err := exec.Command("pdfinfo", filepath.Join(dir, "annex.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+)`).FindStringSubmatch(string(out)); m == nil || !(m[1] > m[2]) || !strings.HasPrefix(m[1], "841") {
		t.Errorf("annex.xlsx does not print on A4 landscape: %s", out)
	}
	if n := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out)); n == nil || n[1] != "1" {
		t.Errorf("annex.xlsx prints on %v pages, want 1", n)
	}
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// TestLastYearBeside shows each indicator with last year's value when the
// plan follows another: the next year's copy of the demo's plan finds the
// seed's totals, and the report prints them beside this year's.
func TestLastYearBeside(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	ctx := t.Context()
	plans, _, err := db.FindPlans(ctx, kehoach.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seed, err := summary.Gather(ctx, db, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range plans {
		if p.PredecessorID == nil || *p.PredecessorID != plan.ID {
			continue
		}
		found = true
		next, err := summary.Gather(ctx, db, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for code, v := range seed.Table.Totals {
			if next.Previous[code] != v {
				t.Errorf("%s: last year's value %v, want the seed's %v", code, next.Previous[code], v)
			}
		}
	}
	if !found {
		t.Fatalf("the demo has no plan following the seed")
	}
	seed.Previous = map[string]float64{kehoach.IndNewsItems: 4, kehoach.IndNewsMinutes: 7.5}
	r, err := summary.Compose(seed)
	if err != nil {
		t.Fatal(err)
	}
	tbl := r.TotalsTable()
	if tbl.Columns[5] != "Năm trước" {
		t.Fatalf("no column for last year: %q", tbl.Columns)
	}
	text := docText(r.Document())
	for _, f := range r.Totals {
		want := ""
		switch f.Code {
		case kehoach.IndNewsItems:
			want = "4"
		case kehoach.IndNewsMinutes:
			want = "7,5"
		}
		if !strings.Contains(text, f.Name+" | "+f.Measure+" | "+f.TargetText()+" | "+f.Value()+" | "+want+" |") {
			t.Errorf("%s: last year's %q not beside this year's", f.Code, want)
		}
	}
	if !strings.Contains(r.Shortcomings.Text(), "(năm trước: 7,5)") {
		t.Errorf("the assessment does not compare with last year: %s", r.Shortcomings.Text())
	}
}
