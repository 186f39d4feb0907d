package vntext_test

import (
	"fmt"
	"time"

	"github.com/kehoach/kehoach/vntext"
)

func ExampleFold() {
	fmt.Println(vntext.Fold("Đường"))
	fmt.Println(vntext.Fold("Sở LĐ-TB&XH"))
	// Output:
	// duong
	// so ld-tb&xh
}

func ExampleFoldEqual() {
	fmt.Println(vntext.FoldEqual("Sở  Giao thông Vận tải", "so giao thong van tai"))
	// Output: true
}

func ExampleCompare() {
	fmt.Println(vntext.Compare("Dung", "Đức"))
	fmt.Println(vntext.Compare("má", "mà"))
	// Output:
	// -1
	// 1
}

func ExampleSortNames() {
	names := []string{"Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Đức", "Phạm Ánh Dương", "Hoàng Thị Ánh"}
	vntext.SortNames(names)
	for _, n := range names {
		fmt.Println(n)
	}
	// Output:
	// Nguyễn Thị An
	// Hoàng Thị Ánh
	// Trần Văn Bình
	// Phạm Ánh Dương
	// Lê Văn Đức
}

func ExampleFindDates() {
	text := "Kế hoạch số 115/KH-UBND ngày 05/5/2023; báo cáo trước 30/6 và trong tháng 12/2023; hạn 31/6."
	for _, m := range vntext.FindDates(text, 2023) {
		fmt.Printf("%q %v year written: %v error: %v\n", m.Text, m.Date, m.HasYear, m.Err)
	}
	// Output:
	// "ngày 05/5/2023" 2023-05-05 year written: true error: <nil>
	// "30/6" 2023-06-30 year written: false error: <nil>
	// "tháng 12/2023" 2023-12 year written: true error: <nil>
	// "31/6" 2023-06-31 year written: false error: vntext: invalid date: "31/6"
}

func ExampleFindRanges() {
	text := "Tháng hành động vì trẻ em được triển khai từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022."
	for _, r := range vntext.FindRanges(text, 0) {
		fmt.Println(r.Start, r.End, r.Text)
	}
	// Output: 2022-06-01 2022-06-30 từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022
}

func ExampleParseDate() {
	d, err := vntext.ParseDate("ngày 05 tháng 5 năm 2023", 0)
	fmt.Println(d, d.Precision, err)
	d, err = vntext.ParseDate("tháng 6/2024", 0)
	fmt.Println(d, d.Precision, err)
	_, err = vntext.ParseDate("29/2/2023", 0)
	fmt.Println(err)
	// Output:
	// 2023-05-05 day <nil>
	// 2024-06 month <nil>
	// vntext: invalid date: "29/2/2023"
}

func ExampleFormatDateLine() {
	fmt.Println(vntext.FormatDateLine("Sơn La", time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC)))
	fmt.Println(vntext.FormatDateLine("", time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC)))
	// Output:
	// Sơn La, ngày 05 tháng 5 năm 2023
	// ngày 05 tháng 02 năm 2024
}

func ExampleFormatNumber() {
	fmt.Println(vntext.FormatNumber(5), vntext.FormatNumber(12), vntext.FormatNumber(125))
	// Output: 05 12 125
}

func ExampleToUnicode() {
	// "Kế hoạch" stored in TCVN3 bytes.
	text, from, err := vntext.ToUnicode([]byte("K\xD5 ho\xB9ch tri\xD3n khai"))
	fmt.Println(text, from, err)
	// The same bytes once read as Windows-1252 and saved as UTF-8.
	text, from, err = vntext.ToUnicode([]byte("KÕ ho¹ch triÓn khai"))
	fmt.Println(text, from, err)
	// Output:
	// Kế hoạch triển khai TCVN3 <nil>
	// Kế hoạch triển khai TCVN3 <nil>
}

func ExampleDetectString() {
	fmt.Println(vntext.DetectString("Keá hoaïch trieån khai"))
	fmt.Println(vntext.DetectString("Kế hoạch triển khai"))
	// Output:
	// VNI
	// Unicode
}

func ExampleEncode() {
	b, _ := vntext.Encode("Kế hoạch", vntext.VNI)
	fmt.Printf("% X\n", b)
	s, _ := vntext.Decode(b, vntext.VNI)
	fmt.Println(s)
	// Output:
	// 4B 65 E1 20 68 6F 61 EF 63 68
	// Kế hoạch
}
