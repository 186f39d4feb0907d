package vntext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	nfd := norm.NFD.String("Kế hoạch")
	if IsNFC(nfd) {
		t.Fatalf("IsNFC(%q) = true, want false", nfd)
	}
	got := NFC(nfd)
	if got != "Kế hoạch" || !IsNFC(got) {
		t.Errorf("NFC(%q) = %q", nfd, got)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đường", "duong"},
		{"Sở LĐ-TB&XH", "so ld-tb&xh"},
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "cong hoa xa hoi chu nghia viet nam"},
		{"Ủy ban nhân dân", "uy ban nhan dan"},
		{"Nguyễn Thị Ánh", "nguyen thi anh"},
		{"ăâêôơư ĂÂÊÔƠƯ đĐ", "aaeoou aaeoou dd"},
		{"Café 12/KH-UBND", "cafe 12/kh-ubnd"},
		{"", ""},
		{norm.NFD.String("Trẻ em"), "tre em"},
		{"  hai  dấu cách ", "  hai  dau cach "},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Sở Giao thông Vận tải", "so giao thong van tai", true},
		{"  Sở   GTVT ", "sở gtvt", true},
		{"Đà Nẵng", "da nang", true},
		{norm.NFD.String("Hà Nội"), "Hà Nội", true},
		{"Hà Nội", "Hà Nam", false},
		{"Sở LĐ-TB&XH", "So LD TB XH", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			if got := FoldEqual(tt.a, tt.b); got != tt.want {
				t.Errorf("FoldEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
