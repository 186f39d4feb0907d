package docparse

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest/filetest"
)

// zeroReader yields n zero bytes, or n bytes of a repeated line, without
// holding them in memory.
type repeatReader struct {
	chunk []byte
	left  int64
	pos   int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:], r.chunk[r.pos:])
		if int64(c) > r.left {
			c = int(r.left)
		}
		n += c
		r.left -= int64(c)
		r.pos = (r.pos + c) % len(r.chunk)
	}
	return n, nil
}

func TestBadInput(t *testing.T) {
	bomb := func() []byte {
		// 200 MB of zeros compress to about 200 KB.
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		zeros := make([]byte, 1<<20)
		for range 200 {
			w.Write(zeros)
		}
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \n\t\r\n  "), ErrEmpty},
		{"binary", []byte("\x00\x01\x02\x03binary\x00\xff\xfe\x00"), ErrBinary},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n"), ErrBinary},
		{"old doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), ErrBinary},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"truncated zip", []byte("PK\x03\x04\x14\x00\x00\x00garbage"), ErrBadDocx},
		{"zip without document", filetest.Zip(t, map[string][]byte{"hello.txt": []byte("xin chào")}), ErrNotDocx},
		{"zip bomb", bomb(), ErrZipBomb},
		{"broken xml", filetest.Zip(t, map[string][]byte{"word/document.xml": []byte("<w:document><w:body><w:p>")}), ErrBadDocx},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(bytes.NewReader(tt.data), tt.name)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v (doc %+v)", err, tt.want, d)
			}
			if msg := err.Error(); !strings.ContainsAny(msg, "ệếảạ") {
				t.Errorf("message %q is not Vietnamese", msg)
			}
		})
	}
}

// TestTooLarge feeds 50 MB of text and checks that the parser stops at
// its limit without reading, or holding, all of it.
func TestTooLarge(t *testing.T) {
	r := &repeatReader{chunk: []byte("Dòng văn bản lặp lại để làm tệp rất lớn.\n"), left: 50 << 20}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Parse(r, "lớn.txt")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if r.left < 20<<20 {
		t.Errorf("read %d MB before giving up", (50<<20-r.left)>>20)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*uint64(DefaultLimits.MaxBytes) {
		t.Errorf("allocated %d MB for a rejected input", alloc>>20)
	}
}

// TestDocxLimits checks the uncompressed-size cap with small limits.
func TestDocxLimits(t *testing.T) {
	doc := []byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>` +
		strings.Repeat(`<w:p><w:r><w:t>Thử giới hạn</w:t></w:r></w:p>`, 2000) + `</w:body></w:document>`)
	data := filetest.Zip(t, map[string][]byte{"word/document.xml": doc})
	_, _, err := ParseLimited(bytes.NewReader(data), "x.docx", Limits{MaxBytes: 1 << 20, MaxDocxUncompressed: 10 << 10, MaxRatio: 1000})
	if !errors.Is(err, ErrZipBomb) {
		t.Fatalf("err = %v, want ErrZipBomb", err)
	}
	d, _, err := ParseLimited(bytes.NewReader(data), "x.docx", DefaultLimits)
	if err != nil || d.Type != "KH" {
		t.Fatalf("within limits: %v, %+v", err, d)
	}
}

// TestSniffByContent checks that a .docx named .txt and text named .docx
// are read for what they are.
func TestSniffByContent(t *testing.T) {
	data, err := os.ReadFile("testdata/fixtures/KH-3024_27.5.2026_Ky-rieng-Sin-Quyen.docx")
	if err != nil {
		t.Fatal(err)
	}
	d, src, err := ParseWithSource(bytes.NewReader(data), "ke-hoach.txt")
	if err != nil || d.Type != "KH" || src.Format != "docx" {
		t.Fatalf("docx named .txt: %v %v", err, src)
	}
	d, src, err = ParseWithSource(strings.NewReader("KẾ HOẠCH\nThử nghiệm\n"), "ke-hoach.docx")
	if err != nil || d.Type != "KH" || src.Format != "text" {
		t.Fatalf("text named .docx: %v %v", err, src)
	}
	doc, err := ParseDocx(bytes.NewReader(data), int64(len(data)))
	if err != nil || deref(doc.Symbol) != "KH-SCT" {
		t.Fatalf("ParseDocx: %v", err)
	}
}

func TestUTF16(t *testing.T) {
	s := "KẾ HOẠCH\nTriển khai năm 2024\n"
	u := []byte{0xFF, 0xFE}
	for _, r := range s {
		u = append(u, byte(r), byte(r>>8))
	}
	d, err := Parse(bytes.NewReader(u), "utf16.txt")
	if err != nil || d.Title != "Triển khai năm 2024" {
		t.Fatalf("%v %+v", err, d)
	}
}

// TestVariants checks what each hand-made variant is there to show.
func TestVariants(t *testing.T) {
	type check func(t *testing.T, d *Document, src *Source)
	signer := func(auth, title, name string) check {
		return func(t *testing.T, d *Document, _ *Source) {
			if d.Signer == nil || *d.Signer != (Signer{auth, title, name}) {
				t.Errorf("signer = %+v, want %s|%s|%s", d.Signer, auth, title, name)
			}
		}
	}
	header := func(issuer, parent, number, symbol, place, date string) check {
		return func(t *testing.T, d *Document, _ *Source) {
			got := []any{deref(d.Issuer), deref(d.ParentIssuer), deref(d.Number), deref(d.Symbol), deref(d.Place), deref(d.Date)}
			want := []any{issuer, parent, number, symbol, place, date}
			for i := range want {
				if want[i] == "" {
					want[i] = nil
				}
				if got[i] != want[i] {
					t.Errorf("header field %d = %v, want %v", i, got[i], want[i])
				}
			}
		}
	}
	warns := func(codes ...string) check {
		return func(t *testing.T, d *Document, _ *Source) {
			for _, c := range codes {
				if !hasWarning(d, c) {
					t.Errorf("no %s warning in %+v", c, d.Warnings)
				}
			}
		}
	}
	items := func(counts ...int) check {
		return func(t *testing.T, d *Document, _ *Source) {
			var got []int
			for _, s := range d.Sections {
				got = append(got, len(s.Items))
			}
			if !equalInts(got, counts) {
				t.Errorf("items per section = %v, want %v", got, counts)
			}
		}
	}
	contains := func(what string) check {
		return func(t *testing.T, d *Document, _ *Source) {
			b := toMap(t, d)
			if !strings.Contains(strings.Join(flatten(b), "\n"), what) {
				t.Errorf("no %q anywhere in the document", what)
			}
		}
	}
	lacks := func(what string) check {
		return func(t *testing.T, d *Document, _ *Source) {
			b := toMap(t, d)
			if strings.Contains(strings.Join(flatten(b), "\n"), what) {
				t.Errorf("%q should be gone", what)
			}
		}
	}
	tests := []struct {
		file   string
		checks []check
	}{
		{"header-pipes-kt.txt", []check{header("SỞ GIAO THÔNG VẬN TẢI", "UBND TỈNH SƠN LA", "12", "KH-SGTVT", "Sơn La", "2023-05-05"),
			signer("KT.", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Hùng"), items(2, 2, 2), contains("Phòng Quản lý vận tải, phương tiện và người lái")}},
		{"tcvn3.txt", []check{header("SỞ GIAO THÔNG VẬN TẢI", "UBND TỈNH SƠN LA", "12", "KH-SGTVT", "Sơn La", "2023-05-05"),
			warns(WarnLegacyEncoding), signer("KT.", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Hùng")}},
		{"vni.txt", []check{header("SỞ GIAO THÔNG VẬN TẢI", "UBND TỈNH SƠN LA", "12", "KH-SGTVT", "Sơn La", "2023-05-05"), warns(WarnLegacyEncoding)}},
		{"seed-nfd.txt", []check{warns(WarnNormalized, WarnMissingNumber, WarnPeriodYear), items(4, 4, 2), signer("", "GIÁM ĐỐC", "Đào Tài Tuệ")}},
		{"header-markdown.md", []check{header("PHÒNG VĂN HÓA VÀ THÔNG TIN", "ỦY BAN NHÂN DÂN HUYỆN MAI SƠN", "07", "KH-VHTT", "Mai Sơn", "2024-03-02"),
			signer("", "TRƯỞNG PHÒNG", "Lê Thị Mai"), items(2, 2, 2), contains(`"Sách là người bạn"`), lacks("*"), lacks("**"), lacks(`1\.`)}},
		{"header-rules-numbering.txt", []check{header("SỞ Y TẾ", "UBND TỈNH LAI CHÂU", "25", "KH-SYT", "Lai Châu", "2025-01-10"),
			signer("TUQ.", "TRƯỞNG PHÒNG NGHIỆP VỤ Y", "Trần Văn Bình"), items(2, 2, 2), contains("Sở Y tế")}},
		{"columns-spaces-pages.txt", []check{header("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "", "1532", "KH-UBND", "Điện Biên", "2023-05-18"),
			signer("KT.", "PHÓ CHỦ TỊCH", "Lò Văn Cường"), items(2, 2, 2), contains("nhóm đối tượng."), lacks("tư-"),
			contains("Tổ chức Tháng hành động vì trẻ em năm 2023 trên địa bàn tỉnh Điện Biên")}},
		{"literal-crlf.txt", []check{header("ỦY BAN NHÂN DÂN", "", "45", "KH-UBND", "Yên Bái", "2024-03-12"), signer("TM.", "CHỦ TỊCH", "Trần Huy Tuấn"),
			items(1, 1, 1), lacks(`\r\n`)}},
		{"warnings.txt", []check{warns(WarnNumberingGap, WarnInvalidDate, WarnBasisAfterDate, WarnPeriodInverted, WarnMissingRecipients)}},
		{"annex-table.txt", []check{contains("Sửa chữa mặt đường QL.6 đoạn Km 300 - Km 305"), contains("2023-06-30"), contains("Tháng 5/2023")}},
		{"dispatch-cv.txt", []check{header("SỞ GIAO THÔNG VẬN TẢI", "", "375", "SGTVT-VP", "Sơn La", "2023-07-05"),
			signer("TL.", "CHÁNH VĂN PHÒNG", "Hoàng Thị Lan"), contains("báo cáo kết quả Tháng hành động vì trẻ em năm 2023")}},
		{"lo-table-layout.docx", []check{header("SỞ GIAO THÔNG VẬN TẢI", "UBND TỈNH SƠN LA", "21", "KH-SGTVT", "Sơn La", "2024-05-08"),
			signer("KT.", "PHÓ GIÁM ĐỐC", "Nguyễn Đức Thắng"), items(2, 2, 2), contains("Tổ chức vui chơi cho con em cán bộ")}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, src := parseFile(t, "testdata/variants/"+tt.file)
			for _, c := range tt.checks {
				c(t, d, src)
			}
		})
	}
	// The annex tasks and the numbering gap details.
	d, _ := parseFile(t, "testdata/variants/annex-table.txt")
	var annex []Task
	for _, task := range d.Tasks {
		if strings.HasPrefix(fold(task.Section), "phu luc") {
			annex = append(annex, task)
		}
	}
	if len(annex) != 3 || deref(annex[1].Lead) != "Phòng Quản lý kết cấu hạ tầng giao thông" ||
		strings.Join(annex[1].Support, "|") != "Thanh tra Sở|Ban Quản lý bảo trì đường bộ" || deref(annex[0].Due) != "2023-06-30" {
		t.Errorf("annex tasks = %+v", annex)
	}
	d, src := parseFile(t, "testdata/variants/warnings.txt")
	for _, w := range d.Warnings {
		if w.Code == WarnInvalidDate {
			if w.Where == nil || !strings.HasPrefix(*w.Where, "dòng ") {
				t.Fatalf("invalid-date where = %v", w.Where)
			}
			n := atoi(strings.TrimPrefix(*w.Where, "dòng "))
			if !strings.Contains(src.Lines[n-1], "31/6/2024") {
				t.Errorf("line %d is %q", n, src.Lines[n-1])
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func flatten(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return nil
}

func TestWriteSummary(t *testing.T) {
	d, _ := parseFile(t, seedFile)
	var buf bytes.Buffer
	if err := WriteSummary(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"KH (Kế hoạch)", "Sở Giao thông vận tải", "Triển khai Tháng hành động vì trẻ em năm 2023",
		"GIÁM ĐỐC — Đào Tài Tuệ", "[period-year-mismatch]", "Văn phòng Sở", "Nơi nhận (5)"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// FuzzParse checks that no input makes the parser panic or hang.
//
// The seed corpus is every test document. Each input that widens coverage
// is minimised by the fuzzing engine before fuzzing goes on, and for an
// input of a few kilobytes that means thousands to millions of runs of the
// parser (cutting bytes one by one, then every range of bytes), none of
// them counted in the "execs" line until it ends. With the default
// -fuzzminimizetime of 60s the workers spent the whole run minimising the
// first inputs they found, and the progress line stayed at "0/sec". So,
// unless -fuzzminimizetime is given, minimising is bounded to 100 runs
// here; pass -fuzzminimizetime to minimise a crasher for longer.
func FuzzParse(f *testing.F) {
	boundMinimizeTime("100x")
	for _, p := range goldenInputs(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("| | |\n|---|\nSố: /\nngày 31 tháng 2 năm 2023\nI.\n1.\na)\n- \nNơi nhận:\nKT. \n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, src, err := ParseWithSource(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		if d == nil || src == nil {
			t.Fatal("nil result without error")
		}
		for _, w := range d.Warnings {
			if w.Where != nil && strings.HasPrefix(*w.Where, "dòng ") {
				if n := atoi(strings.TrimPrefix(*w.Where, "dòng ")); n < 1 || n > len(src.Lines) {
					t.Fatalf("warning at line %d of %d", n, len(src.Lines))
				}
			}
		}
	})
}

// boundMinimizeTime sets -test.fuzzminimizetime to d unless it was given.
func boundMinimizeTime(d string) {
	const name = "test.fuzzminimizetime"
	given := false
	flag.Visit(func(fl *flag.Flag) { given = given || fl.Name == name })
	if fl := flag.Lookup(name); fl != nil && !given {
		fl.Value.Set(d)
	}
}

func BenchmarkParseSeed(b *testing.B) {
	data, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkParse(b, data, "seed")
}

// reportCPU reports the process's CPU time per operation (user and
// system, every thread, the collector's included) as cpu-ns/op: on a
// machine shared with other work it varies much less than ns/op, which
// counts the time spent waiting for a core too. Use: defer reportCPU(b)().
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// plan200 generates a plan of about 200 pages (some 500 KB of text).
func plan200() []byte {
	var sb strings.Builder
	seed, _ := os.ReadFile(seedFile)
	s := string(seed)
	head, tail, _ := strings.Cut(s, "III. TỔ CHỨC THỰC HIỆN")
	sb.WriteString(strings.Replace(head, "II. CÁC NỘI DUNG HOẠT ĐỘNG", "", 1))
	romans := []string{"II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	for k, r := range romans {
		sb.WriteString("\n" + r + ". NỘI DUNG HOẠT ĐỘNG PHẦN " + r + "\n\n")
		for i := 1; i <= 40; i++ {
			sb.WriteString(itoa(i) + ". Văn phòng Sở chủ trì, phối hợp với Phòng Kế hoạch - Tài chính tổ chức tuyên truyền nội dung số " +
				itoa(k*40+i) + " trước ngày 30/6/2023; tổng hợp báo cáo kết quả gửi về Sở Lao động - Thương binh và Xã hội.\n\n")
			for _, l := range []string{"a", "b", "c"} {
				sb.WriteString(l + ") Tăng cường số lượng, thời lượng tin, bài hưởng ứng Tháng hành động vì trẻ em trên Trang thông tin điện tử của Sở; các nội dung về phòng, chống bạo lực, xâm hại trẻ em.\n\n")
			}
		}
	}
	sb.WriteString("X. TỔ CHỨC THỰC HIỆN" + tail)
	return []byte(sb.String())
}

func BenchmarkParse200Pages(b *testing.B) {
	benchmarkParse(b, plan200(), "200")
}
