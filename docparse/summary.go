package docparse

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

var typeLabels = map[string]string{
	"KH": "Kế hoạch", "BC": "Báo cáo", "QĐ": "Quyết định", "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình",
	"PA": "Phương án", "ĐA": "Đề án", "TTr": "Tờ trình", "BB": "Biên bản", "GM": "Giấy mời", "CV": "Công văn",
	"CT": "Chỉ thị", "NQ": "Nghị quyết",
}

var kindLabels = map[string]string{"purpose": "mục đích, yêu cầu", "activities": "nội dung, nhiệm vụ", "organization": "tổ chức thực hiện", "other": "khác"}

// WriteSummary writes a readable Vietnamese summary of d, for the command
// line without --json.
func WriteSummary(w io.Writer, d *Document) error {
	b := bufio.NewWriter(w)
	opt := func(p *string) string {
		if p == nil {
			return "(không có)"
		}
		return *p
	}
	t := d.Type
	if l, ok := typeLabels[t]; ok {
		t += " (" + l + ")"
	}
	if t == "" {
		t = "(không rõ)"
	}
	fmt.Fprintf(b, "Loại văn bản:      %s\n", t)
	fmt.Fprintf(b, "Cơ quan ban hành:  %s\n", opt(d.Issuer))
	if d.ParentIssuer != nil {
		fmt.Fprintf(b, "Cơ quan cấp trên:  %s\n", *d.ParentIssuer)
	}
	num := "(chưa có số)"
	switch {
	case d.Number != nil && d.Symbol != nil:
		num = *d.Number + "/" + *d.Symbol
	case d.Symbol != nil:
		num = "…/" + *d.Symbol
	}
	fmt.Fprintf(b, "Số, ký hiệu:       %s\n", num)
	fmt.Fprintf(b, "Địa danh, ngày:    %s, %s\n", opt(d.Place), opt(d.Date))
	fmt.Fprintf(b, "Trích yếu:         %s\n", d.Title)
	if d.Year != nil {
		fmt.Fprintf(b, "Năm:               %d\n", *d.Year)
	}
	if len(d.Basis) > 0 {
		fmt.Fprintf(b, "\nCăn cứ (%d):\n", len(d.Basis))
		for _, x := range d.Basis {
			fmt.Fprintf(b, "  - %s\n", shorten(x.Text, 160))
		}
	}
	if len(d.Sections) > 0 {
		fmt.Fprintf(b, "\nCác phần (%d):\n", len(d.Sections))
		for _, s := range d.Sections {
			fmt.Fprintf(b, "  %s. %s — %s, %d mục\n", s.Label, s.Heading, kindLabels[s.Kind], len(s.Items))
		}
	}
	if d.Period != nil {
		fmt.Fprintf(b, "\nThời gian thực hiện: %s (%s → %s)\n", d.Period.Text, opt(d.Period.Start), opt(d.Period.End))
	}
	for _, e := range d.Events {
		tent := ""
		if e.Tentative {
			tent = " (dự kiến)"
		}
		fmt.Fprintf(b, "Sự kiện: %s, ngày %s%s, tại %s\n", e.Name, opt(e.Date), tent, opt(e.Place))
	}
	if len(d.Tasks) > 0 {
		fmt.Fprintf(b, "\nNhiệm vụ đề xuất (%d):\n", len(d.Tasks))
		for _, x := range d.Tasks {
			lead := opt(x.Lead)
			fmt.Fprintf(b, "  - [%s] %s: %s", x.Section, lead, shorten(strings.ReplaceAll(x.Text, "\n\n", " "), 120))
			if len(x.Support) > 0 {
				fmt.Fprintf(b, "; phối hợp: %s", strings.Join(x.Support, ", "))
			}
			if x.Due != nil {
				fmt.Fprintf(b, "; thời hạn: %s", *x.Due)
			}
			fmt.Fprintln(b)
		}
	}
	if len(d.ReportTo) > 0 {
		fmt.Fprintf(b, "Báo cáo kết quả về: %s\n", strings.Join(d.ReportTo, "; "))
	}
	fmt.Fprintf(b, "\nNơi nhận (%d):\n", len(d.Recipients))
	for _, r := range d.Recipients {
		fmt.Fprintf(b, "  - %s\n", r)
	}
	if d.Archive != nil {
		fmt.Fprintf(b, "  %s\n", d.Archive.Text)
	}
	if d.Signer != nil {
		fmt.Fprintf(b, "Người ký: %s\n", strings.TrimSpace(strings.Join([]string{d.Signer.Authority, d.Signer.Title, "—", d.Signer.Name}, " ")))
	} else {
		fmt.Fprintln(b, "Người ký: (không có)")
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintf(b, "\nCảnh báo (%d):\n", len(d.Warnings))
		for _, x := range d.Warnings {
			where := ""
			if x.Where != nil {
				where = " (" + *x.Where + ")"
			}
			fmt.Fprintf(b, "  - [%s] %s%s\n", x.Code, x.Message, where)
		}
	}
	return b.Flush()
}
