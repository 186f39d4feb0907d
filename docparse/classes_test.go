package docparse

import (
	"path/filepath"
	"reflect"
	"testing"
)

// classCase is what one document of testdata/classes must give. Each
// document is written in the shape of one class of reading failure; nil
// fields are not checked, and a field set to "" must be absent (null).
type classCase struct {
	file                   string
	typ, number, symbol    *string
	date, place            *string
	authority, title, name *string
	recipients             []string
	archive                *string
	sections               []string // labels
	taskLeads              map[string]string
	titleText              *string
}

func s(v string) *string { return &v }

var classCases = []classCase{
	// Recipients and signer side by side, as a PDF's text keeps its layout.
	{file: "pdf-layout-side-by-side.txt", number: s("215"), symbol: s("KH-SCT"), date: s("2026-03-12"), place: s("Lào Cai"),
		authority: s("KT."), title: s("PHÓ GIÁM ĐỐC"), name: s("Hoàng Văn Thuân"),
		recipients: []string{"UBND tỉnh (b/c)", "Giám đốc Sở", "Các cơ sở kinh doanh hóa chất"}, archive: s("Lưu: VT, KTAT")},
	{file: "pdf-layout-tm-kt.txt", authority: s("KT."), title: s("PHÓ CHỦ TỊCH"), name: s("Nguyễn Thành Sinh"),
		recipients: []string{"Bộ Y tế", "TT: Tỉnh ủy, HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh", "Các sở, ban, ngành thuộc tỉnh", "UBND các huyện, thị xã, thành phố"}},
	// Only two spaces between a long recipient and the signing block.
	{file: "pdf-layout-narrow-gap.txt", authority: s("KT."), title: s("PHÓ GIÁM ĐỐC"), name: s("Hoàng Văn Thuân"),
		recipients: []string{"Bộ Công Thương (b/c)", "UBND các huyện, thị xã, thành phố và các sở", "Các doanh nghiệp sử dụng năng lượng trọng điểm"}, archive: s("Lưu: VT, QLNL")},
	// A table rendered with its cells joined by " | ": the recipients cell
	// and the signing cell each on one line.
	{file: "table-joined.txt", typ: s("CV"), number: s("88"), symbol: s("SCT-CN"), place: s("Lào Cai"),
		authority: s("KT."), title: s("PHÓ GIÁM ĐỐC"), name: s("Trần Thị Hoa"),
		recipients: []string{"Như trên", "Giám đốc Sở (b/c)"}, archive: s("Lưu: VT, CN")},
	// A Markdown table whose cells hold their lines joined with nothing
	// between them.
	{file: "table-cell-recipients.txt", symbol: s("SCT-CN"), authority: s("KT."), title: s("PHÓ GIÁM ĐỐC"), name: s("Trần Thị Hoa"),
		recipients: []string{"Như trên", "UBND tỉnh (b/c)", "Giám đốc Sở"}, archive: s("Lưu: VT, CN")},
	// The first recipient on the heading's own line.
	{file: "recipient-on-heading-line.txt", recipients: []string{"Như trên", "UBND tỉnh"}, title: s("GIÁM ĐỐC"), name: s("Lò Văn Minh")},
	// The date line in the header table's cell with the motto.
	{file: "date-in-header-table.txt", typ: s("BC"), number: s("412"), symbol: s("BC-UBND"), date: s("2025-12-15"), place: s("Lào Cai"),
		authority: s("KT."), title: s("PHÓ CHỦ TỊCH"), name: s("Nguyễn Thành Sinh")},
	// A Markdown header table whose cells join their lines with "<br>".
	{file: "date-in-header-cell-br.md", typ: s("BC"), number: s("41"), symbol: s("BC-SCT"), date: s("2025-12-15"), place: s("Lào Cai")},
	// Wide runs of spaces inside the date line.
	{file: "date-wide-spaces.txt", number: s("301"), symbol: s("KH-SCT"), date: s("2026-07-23"), place: s("Lào Cai"),
		title: s("GIÁM ĐỐC"), name: s("Phạm Văn Đức")},
	// A draft: blank number and date, wide spaces in the layout.
	{file: "blank-number-draft.txt", typ: s("BC"), number: s(""), symbol: s("BC-SCT"), date: s(""), place: s("Lào Cai"),
		authority: s("KT."), title: s("PHÓ GIÁM ĐỐC"), name: s("Hoàng Văn Thuân")},
	// A division's symbol, a cited document's number in the "V/v" line.
	{file: "department-symbols.txt", typ: s("CV"), number: s("45"), symbol: s("ĐKT-SCT"), date: s("2026-04-03"), place: s("Lào Cai"),
		archive: s("Lưu: VT, ĐKT")},
	// A basis decision's number above the document's own blank number.
	{file: "basis-number-first.txt", typ: s("CV"), number: s(""), symbol: s("SCT-CN"), place: s("Lào Cai"),
		titleText: s("thực hiện Quyết định số 06/2024/QĐ-UBND")},
	// A hard-wrapped sentence whose next line starts with "phần I".
	{file: "wrapped-part.txt", sections: []string{"I", "II"},
		taskLeads: map[string]string{"II.1": "Trang thông tin điện tử của Sở", "II.2": "Văn phòng Sở"}},
}

// TestReadingClasses reads a small document written in the shape of each
// class of reading failure and checks the fields that class used to lose.
func TestReadingClasses(t *testing.T) {
	for _, c := range classCases {
		t.Run(c.file, func(t *testing.T) {
			d, _ := parseFile(t, filepath.Join("testdata", "classes", c.file))
			check := func(name string, got *string, want *string) {
				t.Helper()
				if want == nil {
					return
				}
				g := ""
				if got != nil {
					g = *got
				}
				if g != *want {
					t.Errorf("%s = %q, want %q", name, g, *want)
				}
			}
			check("type", &d.Type, c.typ)
			check("number", d.Number, c.number)
			check("symbol", d.Symbol, c.symbol)
			check("date", d.Date, c.date)
			check("place", d.Place, c.place)
			check("title", &d.Title, c.titleText)
			sg := d.Signer
			if sg == nil {
				sg = &Signer{}
			}
			check("signer.authority", &sg.Authority, c.authority)
			check("signer.title", &sg.Title, c.title)
			check("signer.name", &sg.Name, c.name)
			if c.recipients != nil && !reflect.DeepEqual(d.Recipients, c.recipients) {
				t.Errorf("recipients = %q, want %q", d.Recipients, c.recipients)
			}
			if c.archive != nil {
				var got *string
				if d.Archive != nil {
					got = &d.Archive.Text
				}
				check("archive", got, c.archive)
			}
			if c.sections != nil {
				var labels []string
				for _, s := range d.Sections {
					labels = append(labels, s.Label)
				}
				if !reflect.DeepEqual(labels, c.sections) {
					t.Errorf("sections = %q, want %q", labels, c.sections)
				}
			}
			for where, lead := range c.taskLeads {
				found := false
				for _, task := range d.Tasks {
					if task.Section == where {
						found = true
						check("lead of "+where, task.Lead, &lead)
					}
				}
				if !found {
					t.Errorf("no task for %s", where)
				}
			}
		})
	}
}

// TestActivitiesBecomeTasks checks that the seed's four activities are
// proposed as tasks, in order before the duties, the website's with the
// website as lead and the others left for the Office.
func TestActivitiesBecomeTasks(t *testing.T) {
	d, _ := parseFile(t, seedFile)
	var got []string
	leads := map[string]*string{}
	for _, task := range d.Tasks {
		got = append(got, task.Section)
		leads[task.Section] = task.Lead
	}
	want := []string{"II.1", "II.2", "II.3", "II.4", "III.1", "III.2"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("task sections = %q, want %q", got, want)
	}
	if l := leads["II.2"]; l == nil || *l != "Trang thông tin điện tử của Sở" {
		t.Errorf("lead of II.2 = %v", deref(l))
	}
	for _, w := range []string{"II.1", "II.3", "II.4"} {
		if leads[w] != nil {
			t.Errorf("lead of %s = %q, want none (the Office chooses)", w, *leads[w])
		}
	}
	if l := leads["III.2"]; l == nil || *l != "Văn phòng Sở" {
		t.Errorf("lead of III.2 = %v", deref(l))
	}
}

// TestNamedUnit checks the units an activity's text names.
func TestNamedUnit(t *testing.T) {
	cases := map[string]string{
		"Tăng cường tin, bài trên Trang thông tin điện tử của Sở; nội dung thông điệp.":        "Trang thông tin điện tử của Sở",
		"Văn phòng Sở tổng hợp báo cáo kết quả.":                                               "Văn phòng Sở",
		"Đề nghị các phòng, đơn vị thuộc và trực thuộc Sở tổ chức quán triệt.":                 "Các phòng, đơn vị thuộc và trực thuộc Sở",
		"Phòng Quản lý vận tải, phương tiện và người lái kiểm tra các bến xe.":                 "Phòng Quản lý vận tải",
		"Tổ chức Lễ phát động tại Trung tâm Văn hóa tỉnh.":                                     "",
		"Đẩy mạnh tuyên truyền phòng, chống tai nạn thương tích cho trẻ em trong dịp hè.":      "",
		"Tuyên truyền trên Cổng thông tin điện tử của UBND tỉnh về Tháng hành động vì trẻ em.": "Cổng thông tin điện tử của UBND tỉnh",
	}
	for in, want := range cases {
		if got := namedUnit(in); got != want {
			t.Errorf("namedUnit(%q) = %q, want %q", in, got, want)
		}
	}
}
