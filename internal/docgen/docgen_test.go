package docgen

import (
	"testing"
	"time"
)

func TestDateLine(t *testing.T) {
	tests := []struct{ place, date, want string }{
		{"Sơn La", "2023-05-05", "Sơn La, ngày 05 tháng 5 năm 2023"},
		{"Sơn La", "2024-02-05", "Sơn La, ngày 05 tháng 02 năm 2024"},
		{"Sơn La", "2023-12-15", "Sơn La, ngày 15 tháng 12 năm 2023"},
		{"Hà Nội", "2021-01-31", "Hà Nội, ngày 31 tháng 01 năm 2021"},
		{"Kon Tum", "2024-10-09", "Kon Tum, ngày 09 tháng 10 năm 2024"},
	}
	for _, tt := range tests {
		day, err := time.Parse(time.DateOnly, tt.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := DateLine(tt.place, day); got != tt.want {
			t.Errorf("DateLine(%q, %s) = %q, want %q", tt.place, tt.date, got, tt.want)
		}
	}
}

func TestHeaderDateLineDraft(t *testing.T) {
	tests := []struct {
		h    Header
		want string
	}{
		{Header{Place: "Sơn La", Year: 2023}, "Sơn La, ngày      tháng      năm 2023"},
		{Header{Place: "Sơn La"}, "Sơn La, ngày      tháng      năm       "},
		{Header{Place: "Sơn La", Year: 1999, Date: time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC)}, "Sơn La, ngày 05 tháng 5 năm 2023"},
	}
	for _, tt := range tests {
		if got := tt.h.dateLine(); got != tt.want {
			t.Errorf("dateLine(%+v) = %q, want %q", tt.h, got, tt.want)
		}
	}
}

func TestNumberSymbol(t *testing.T) {
	tests := []struct {
		n      int
		symbol string
		want   string
	}{
		{1, "BC-SGTVT", "Số: 01/BC-SGTVT"},
		{5, "BC-SGTVT", "Số: 05/BC-SGTVT"},
		{12, "KH-SGTVT", "Số: 12/KH-SGTVT"},
		{125, "SGTVT-VP", "Số: 125/SGTVT-VP"},
		{0, "BC-SGTVT", "Số:      /BC-SGTVT"},
	}
	for _, tt := range tests {
		if got := NumberSymbol(tt.n, tt.symbol); got != tt.want {
			t.Errorf("NumberSymbol(%d, %q) = %q, want %q", tt.n, tt.symbol, got, tt.want)
		}
	}
}

func TestClosingLines(t *testing.T) {
	d := sampleReport()
	got := d.recipientLines()
	want := []string{"- Như trên;", "- Ban Giám đốc Sở;", "- Lưu: VT, VP (4b)."}
	if len(got) != len(want) {
		t.Fatalf("recipientLines = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("recipientLines[%d] = %q, want %q", i, got[i], want[i])
		}
	}
	tests := []struct {
		s    Signer
		want []string
	}{
		{Signer{Title: "GIÁM ĐỐC"}, []string{"GIÁM ĐỐC"}},
		{Signer{Authority: "KT.", AuthorityTitle: "GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC"}, []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
		{Signer{Authority: "TM.", AuthorityTitle: "Ủy ban nhân dân", Title: "Chủ tịch"}, []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}},
	}
	for _, tt := range tests {
		got := tt.s.lines()
		if len(got) != len(tt.want) {
			t.Errorf("lines(%+v) = %q, want %q", tt.s, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("lines(%+v) = %q, want %q", tt.s, got, tt.want)
			}
		}
	}
	to := (&Document{To: []string{"Sở Y tế", "Sở Tài chính;"}}).addresseeLines()
	if len(to) != 2 || to[0] != "- Sở Y tế;" || to[1] != "- Sở Tài chính." {
		t.Errorf("addresseeLines = %q", to)
	}
}
