package vntext

import (
	"slices"
	"testing"
)

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestCompare(t *testing.T) {
	type test struct {
		a, b string
		want int
	}
	tests := []test{
		{"Đức", "Dung", 1}, // đ after d whatever follows
		{"An", "Ánh", -1},  // primary "an" < "anh"
		{"an", "AN", -1},   // same letters: lowercase first
		{"AN", "an", 1},
		{"Hà Nội", "Hà Nội", 0},
		{"Hà Nội", "Hà Nam", 1},
	}
	// Each chain sorts in strictly ascending order.
	for _, chain := range [][]string{
		{"a", "ă", "â", "b"},
		{"d", "đ", "e", "ê"},
		{"o", "ô", "ơ", "p"},
		{"u", "ư", "v"},
		{"x", "y"},
		{"Ăn", "Âm"},
		{"Anh", "Ánh"},
		// Tones: none < huyền < hỏi < ngã < sắc < nặng; primary first.
		{"ma", "mà", "mả", "mã", "má", "mạ", "mac"},
		{"An", "An Bình"},
		{"2023", "a"},
		{"tháng 1", "tháng 2"},
	} {
		for i := 1; i < len(chain); i++ {
			tests = append(tests, test{chain[i-1], chain[i], -1})
		}
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			if got := sign(Compare(tt.a, tt.b)); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := sign(Compare(tt.b, tt.a)); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestCompareCanonicalEquivalence(t *testing.T) {
	if c := Compare("Nguy\u0065\u0302\u0303n", "Nguyễn"); c != 0 {
		t.Errorf("Compare(NFD, NFC) = %d, want 0", c)
	}
}

func TestSortStringsAlphabet(t *testing.T) {
	want := []string{"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"}
	got := slices.Clone(want)
	slices.Reverse(got)
	SortStrings(got)
	if !slices.Equal(got, want) {
		t.Errorf("SortStrings = %q, want %q", got, want)
	}
}

func TestSortNames(t *testing.T) {
	tests := []struct {
		name     string
		in, want []string
	}{
		{
			name: "given names with accents",
			in:   []string{"Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Đức", "Phạm Ánh Dương", "Hoàng Thị Ánh"},
			want: []string{"Nguyễn Thị An", "Hoàng Thị Ánh", "Trần Văn Bình", "Phạm Ánh Dương", "Lê Văn Đức"},
		},
		{
			name: "a ă â and d đ",
			in:   []string{"Lê Đạt", "Lê Dũng", "Vũ Ân", "Vũ Ăn", "Vũ An"},
			want: []string{"Vũ An", "Vũ Ăn", "Vũ Ân", "Lê Dũng", "Lê Đạt"},
		},
		{
			name: "same given name: middle then family",
			in:   []string{"Trần Văn An", "Nguyễn Văn An", "Lê Thị An", "An"},
			want: []string{"An", "Lê Thị An", "Nguyễn Văn An", "Trần Văn An"},
		},
		{
			name: "tones as secondary key",
			in:   []string{"Lê Thị Hạnh", "Lê Thị Hành", "Lê Thị Hanh", "Lê Thị Hánh"},
			want: []string{"Lê Thị Hanh", "Lê Thị Hành", "Lê Thị Hánh", "Lê Thị Hạnh"},
		},
		{
			name: "stable for equal names",
			in:   []string{"Lê An", "Lê  An", "Lê An"},
			want: []string{"Lê  An", "Lê An", "Lê An"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			SortNames(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SortNames(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompareNames(t *testing.T) {
	if c := CompareNames("Nguyễn Văn Bình", "Trần Văn An"); c <= 0 {
		t.Errorf("CompareNames: given name must come first, got %d", c)
	}
	if c := CompareNames("Trần Văn An", "Trần Văn An"); c != 0 {
		t.Errorf("CompareNames(equal) = %d", c)
	}
}
