package docgen

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
)

// report30x10 is a report with a 30-unit × 10-indicator table and its annex.
func report30x10() (*Document, *Annex) {
	d := sampleReport()
	an := &Annex{Title: "PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ"}
	cols := []string{"STT", "Đơn vị"}
	for i := 0; i < 10; i++ {
		an.Indicators = append(an.Indicators, AnnexIndicator{Code: fmt.Sprintf("CT%02d", i+1), Name: fmt.Sprintf("Chỉ tiêu số %d", i+1), Unit: "người", Target: f64(float64(300 + i))})
		cols = append(cols, fmt.Sprintf("CT%02d", i+1))
	}
	tbl := &Table{Columns: cols, Widths: []float64{1, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}
	for u := 0; u < 30; u++ {
		name := fmt.Sprintf("Phòng, đơn vị số %d", u+1)
		an.Units = append(an.Units, name)
		row := []string{fmt.Sprint(u + 1), name}
		vals := make([]*float64, 10)
		for i := range vals {
			vals[i] = f64(float64((u*7 + i*3) % 20))
			row = append(row, fmt.Sprint(*vals[i]))
		}
		an.Values = append(an.Values, vals)
		tbl.Rows = append(tbl.Rows, row)
	}
	d.Body = append(d.Body, Block{Kind: TableBlock, Table: tbl})
	return d, an
}

func BenchmarkReport30x10(b *testing.B) {
	d, an := report30x10()
	for _, bm := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"docx", func(w io.Writer) error { return WriteDocx(w, d) }},
		{"xlsx", func(w io.Writer) error { return WriteXLSX(w, an) }},
		{"pdf-fpdf", func(w io.Writer) error { return WritePDFWith(context.Background(), w, d, PDFOptions{Soffice: "-"}) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := bm.write(&buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/doc")
		})
	}
}
