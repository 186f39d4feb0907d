package planimport

import (
	"bytes"
	"os"
	"testing"

	"github.com/kehoach/kehoach/internal/orgmatch"
)

// BenchmarkImportSeed covers what importing the seed asks of the
// libraries: reading the text, analysing it, converting the document into a
// draft plan and matching the bodies it names to the agency's units.
func BenchmarkImportSeed(b *testing.B) {
	data, err := os.ReadFile("../demo/seed/ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt")
	if err != nil {
		b.Fatal(err)
	}
	cands := []orgmatch.Candidate{
		{ID: "vp", Name: "Văn phòng Sở", ParentName: "Sở Giao thông vận tải"},
		{ID: "pkhtc", Name: "Phòng Kế hoạch - Tài chính", ParentName: "Sở Giao thông vận tải"},
		{ID: "web", Name: "Trang thông tin điện tử của Sở", ParentName: "Sở Giao thông vận tải"},
		{ID: "cdtn", Name: "Chi đoàn thanh niên Sở", ParentName: "Sở Giao thông vận tải"},
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Read(bytes.NewReader(data), "seed.txt", "sgtvt")
		if err != nil {
			b.Fatal(err)
		}
		MatchUnits(p, cands)
	}
}
