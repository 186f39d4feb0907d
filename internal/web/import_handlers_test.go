package web

import (
	"testing"

	"github.com/kehoach/kehoach/docparse"
)

func TestLocateImportWarning(t *testing.T) {
	lines := []string{
		"KẾ HOẠCH", "",
		"I. MỤC ĐÍCH", "1. Mục một.", "2. Mục hai,", "kéo sang dòng này “từ tháng 6 năm 2022”.", "",
		"II. NỘI DUNG", "1. Nội dung một.", "a) Việc a.", "b) Việc b.", "",
		"**III. TỔ CHỨC**", "1) Đơn vị.",
	}
	where := func(s string) *string { return &s }
	tests := []struct {
		name string
		w    docparse.Warning
		want int
	}{
		{"no place", docparse.Warning{Message: "Văn bản chưa có số."}, -1},
		{"a line", docparse.Warning{Where: where("dòng 4")}, 3},
		{"a line past the end", docparse.Warning{Where: where("dòng 99")}, -1},
		{"a section", docparse.Warning{Where: where("II")}, 7},
		{"an item", docparse.Warning{Where: where("I.2")}, 4},
		{"the quoted text inside the item", docparse.Warning{Where: where("I.2"), Message: "Thời gian “từ tháng 6 năm 2022” khác năm."}, 5},
		{"a nested item", docparse.Warning{Where: where("II.1.b")}, 10},
		{"a heading in emphasis", docparse.Warning{Where: where("III.1")}, 13},
		{"an unknown section", docparse.Warning{Where: where("IV.1")}, -1},
		{"not a label", docparse.Warning{Where: where("phần đầu")}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := locateImportWarning(lines, tt.w); got != tt.want {
				t.Errorf("line %d, want %d", got, tt.want)
			}
		})
	}
}
