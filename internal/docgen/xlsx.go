package docgen

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Annex is a figures table (phụ lục) sent with a report: one row per
// reporting unit, one column per indicator.
type Annex struct {
	Title      string
	Units      []string
	Indicators []AnnexIndicator
	// Values is indexed [unit][indicator]; nil means not reported.
	Values [][]*float64
	// Status is the state of each unit's report, printed in a last column
	// "Báo cáo kết quả"; nil leaves the column out.
	Status []string
	// Note is printed under the table.
	Note string
}

// AnnexIndicator is one column of an annex.
type AnnexIndicator struct {
	Code, Name, Unit string
	// Target is the indicator's target; nil means none.
	Target *float64
	// Decimal allows decimals (shown only where the value has them).
	Decimal bool
}

// AnnexSheet is the name of the annex worksheet.
const AnnexSheet = "Phụ lục"

// Annex rows (1-based): title, blank, header, then the units.
const (
	annexTitleRow  = 1
	annexHeaderRow = 3
	annexFirstRow  = 4
)

// xlsxStamp fixes the document properties so that output is reproducible.
var xlsxStamp = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)

// value returns the value of unit u for indicator i, or nil.
func (a *Annex) value(u, i int) *float64 {
	if u < len(a.Values) && i < len(a.Values[u]) {
		return a.Values[u][i]
	}
	return nil
}

// totals returns the sum of each indicator over the units (nil when no unit
// reported it) — the cached values of the SUM formulas.
func (a *Annex) totals() []*float64 {
	out := make([]*float64, len(a.Indicators))
	for i := range a.Indicators {
		for u := range a.Units {
			if v := a.value(u, i); v != nil {
				if out[i] == nil {
					out[i] = new(float64)
				}
				*out[i] += *v
			}
		}
	}
	return out
}

// rate returns total/target in percent rounded to one decimal, or nil.
func rate(total, target *float64) *float64 {
	if total == nil || target == nil || *target == 0 {
		return nil
	}
	r := math.Round(*total / *target * 1000) / 10
	return &r
}

// WriteXLSX writes the annex as a workbook with one sheet, "Phụ lục": the
// title, a header row (STT, Đơn vị, one column per indicator with its unit
// of measure), one row per unit, then "Tổng cộng" (SUM formulas with their
// computed values cached), "Chỉ tiêu" (targets) and "Tỷ lệ đạt (%)".
func WriteXLSX(w io.Writer, a *Annex) error {
	if a == nil {
		return fmt.Errorf("docgen: nil annex")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont("Times New Roman"); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", AnnexSheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: a.Title, Creator: "kehoach", LastModifiedBy: "kehoach", Language: "vi-VN",
		Created: xlsxStamp, Modified: xlsxStamp,
	}); err != nil {
		return err
	}
	st, err := annexStyles(f)
	if err != nil {
		return err
	}
	nCols := 2 + len(a.Indicators)
	statusCol := 0
	if a.Status != nil {
		nCols++
		statusCol = nCols
	}
	lastCol, _ := excelize.ColumnNumberToName(nCols)

	// Page setup before the stream writer takes the sheet over.
	landscape, a4, one, zero := "landscape", 9, 1, 0
	if err := f.SetPageLayout(AnnexSheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(AnnexSheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	mTop, mSide := 0.6, 0.5
	if err := f.SetPageMargins(AnnexSheet, &excelize.PageLayoutMarginsOptions{Top: &mTop, Bottom: &mTop, Left: &mSide, Right: &mSide}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: AnnexSheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", AnnexSheet, annexHeaderRow, annexHeaderRow)}); err != nil {
		return err
	}

	sw, err := f.NewStreamWriter(AnnexSheet)
	if err != nil {
		return err
	}
	// Each width goes in front of the ones already set, and spreadsheet
	// programs want <col> elements in ascending order: set them last first.
	if statusCol > 0 {
		if err := sw.SetColWidth(statusCol, statusCol, statusW); err != nil {
			return err
		}
	}
	if len(a.Indicators) > 0 {
		if err := sw.SetColWidth(3, 2+len(a.Indicators), indW); err != nil {
			return err
		}
	}
	if err := sw.SetColWidth(2, 2, unitW); err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 6); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: annexHeaderRow,
		TopLeftCell: fmt.Sprintf("C%d", annexFirstRow), ActivePane: "bottomRight"}); err != nil {
		return err
	}

	title := a.Title
	if title == "" {
		title = "PHỤ LỤC"
	}
	if err := sw.SetRow(cell(1, annexTitleRow), []any{excelize.Cell{StyleID: st.title, Value: title}}, excelize.RowOpts{Height: titleHeight(title, 6+unitW+indW*len(a.Indicators)+statusW*min(statusCol, 1))}); err != nil {
		return err
	}
	if err := sw.MergeCell(cell(1, annexTitleRow), fmt.Sprintf("%s%d", lastCol, annexTitleRow)); err != nil {
		return err
	}

	header := []any{excelize.Cell{StyleID: st.header, Value: "STT"}, excelize.Cell{StyleID: st.header, Value: "Đơn vị"}}
	headLines := cellLines("STT", 6, 1.1)
	for _, ind := range a.Indicators {
		h := indicatorHeader(ind)
		header = append(header, excelize.Cell{StyleID: st.header, Value: h})
		headLines = max(headLines, cellLines(h, indW, 1.1))
	}
	if statusCol > 0 {
		header = append(header, excelize.Cell{StyleID: st.header, Value: statusHeader})
		headLines = max(headLines, cellLines(statusHeader, statusW, 1.1))
	}
	if err := sw.SetRow(cell(1, annexHeaderRow), header, excelize.RowOpts{Height: rowHeight(headLines)}); err != nil {
		return err
	}

	// A value shows decimals only when it has them: "13,5", "1.234".
	numStyle := func(v *float64, bold bool) int {
		places := 0
		if v != nil {
			places = decimals(*v)
		}
		return st.num[places][b2i(bold)]
	}
	for u, name := range a.Units {
		row := annexFirstRow + u
		vals := []any{excelize.Cell{StyleID: st.center, Value: u + 1}, excelize.Cell{StyleID: st.text, Value: name}}
		lines := cellLines(name, unitW, 1.05)
		for i := range a.Indicators {
			v := a.value(u, i)
			c := excelize.Cell{StyleID: numStyle(v, false)}
			if v != nil {
				c.Value = *v
			}
			vals = append(vals, c)
		}
		if statusCol > 0 {
			s := ""
			if u < len(a.Status) {
				s = a.Status[u]
			}
			vals = append(vals, excelize.Cell{StyleID: st.text, Value: s})
			lines = max(lines, cellLines(s, statusW, 1.05))
		}
		if err := sw.SetRow(cell(1, row), vals, excelize.RowOpts{Height: rowHeight(lines)}); err != nil {
			return err
		}
	}

	lastUnit := annexFirstRow + len(a.Units) - 1
	totalRow := annexFirstRow + len(a.Units)
	targetRow, rateRow := totalRow+1, totalRow+2
	totals := a.totals()
	summary := func(row int, label string, cells func(i int, col string) excelize.Cell) error {
		vals := []any{excelize.Cell{StyleID: st.labelBold, Value: label}, excelize.Cell{StyleID: st.labelBold}}
		for i := range a.Indicators {
			col, _ := excelize.ColumnNumberToName(3 + i)
			vals = append(vals, cells(i, col))
		}
		if statusCol > 0 {
			vals = append(vals, excelize.Cell{StyleID: st.labelBold})
		}
		if err := sw.SetRow(cell(1, row), vals, excelize.RowOpts{Height: rowHeight(1)}); err != nil {
			return err
		}
		return sw.MergeCell(cell(1, row), cell(2, row))
	}
	err = summary(totalRow, "Tổng cộng", func(i int, col string) excelize.Cell {
		c := excelize.Cell{StyleID: numStyle(totals[i], true)}
		if len(a.Units) > 0 {
			c.Formula = fmt.Sprintf("SUM(%s%d:%s%d)", col, annexFirstRow, col, lastUnit)
			c.Value = 0.0
			if totals[i] != nil {
				c.Value = *totals[i]
			}
		}
		return c
	})
	if err != nil {
		return err
	}
	err = summary(targetRow, "Chỉ tiêu", func(i int, col string) excelize.Cell {
		c := excelize.Cell{StyleID: numStyle(a.Indicators[i].Target, true)}
		if t := a.Indicators[i].Target; t != nil {
			c.Value = *t
		}
		return c
	})
	if err != nil {
		return err
	}
	err = summary(rateRow, "Tỷ lệ đạt (%)", func(i int, col string) excelize.Cell {
		c := excelize.Cell{StyleID: st.rate[0]}
		if t := a.Indicators[i].Target; t != nil && *t != 0 {
			c.Formula = fmt.Sprintf("ROUND(%s%d/%s%d*100,1)", col, totalRow, col, targetRow)
			c.Value = 0.0
			if r := rate(totals[i], t); r != nil {
				c.Value = *r
				c.StyleID = st.rate[min(decimals(*r), 1)]
			}
		}
		return c
	})
	if err != nil {
		return err
	}
	if a.Note != "" {
		noteRow := rateRow + 2
		if err := sw.SetRow(cell(1, noteRow), []any{excelize.Cell{StyleID: st.note, Value: a.Note}},
			excelize.RowOpts{Height: rowHeight(cellLines(a.Note, 6+unitW+indW*len(a.Indicators)+statusW*min(statusCol, 1), 1.1))}); err != nil {
			return err
		}
		if err := sw.MergeCell(cell(1, noteRow), fmt.Sprintf("%s%d", lastCol, noteRow)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// titleHeight estimates the height in points of the merged title row: 14 pt
// bold capitals take about 1.5 column-width units per character.
func titleHeight(title string, widthUnits int) float64 {
	lines := 0
	for _, l := range strings.Split(title, "\n") {
		n := int(math.Ceil(float64(len([]rune(l))) * 1.5 / float64(widthUnits)))
		lines += max(n, 1)
	}
	return float64(lines)*19 + 4
}

// Column widths of the annex, in character units.
const (
	unitW   = 40
	indW    = 18
	statusW = 18
)

// statusHeader heads the column of the units' report states.
const statusHeader = "Báo cáo kết quả"

// cellLines estimates how many lines text takes in a wrapping cell
// widthUnits wide, each character taking about perChar units.
func cellLines(text string, widthUnits int, perChar float64) int {
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		// Words do not break: leave a few units for the ragged edge.
		n := int(math.Ceil(float64(len([]rune(l))) * perChar / float64(max(widthUnits-2, 1))))
		lines += max(n, 1)
	}
	return lines
}

// rowHeight is the height in points of a row of 12 pt text with lines lines.
func rowHeight(lines int) float64 { return float64(lines)*15.5 + 6 }

// decimals returns how many decimals (0 to 2) a value needs.
func decimals(v float64) int {
	switch {
	case math.Abs(v-math.Round(v)) < 0.005:
		return 0
	case math.Abs(v*10-math.Round(v*10)) < 0.05:
		return 1
	}
	return 2
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// indicatorHeader is an indicator's column heading: "code. name (unit)".
func indicatorHeader(ind AnnexIndicator) string {
	s := ind.Name
	if ind.Code != "" {
		s = ind.Code + ". " + s
	}
	if u := strings.TrimSpace(ind.Unit); u != "" {
		s += "\n(" + u + ")"
	}
	return s
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

type annexStyleIDs struct {
	title, header, text, center, labelBold, note int
	// num is indexed [decimals][bold]; rate by decimals.
	num  [3][2]int
	rate [2]int
}

// viNum makes a number format write Vietnamese separators ("1.234,5")
// whatever the reader's settings: the vi-VN locale code leads it.
func viNum(places int) string {
	f := "[$-42A]#,##0"
	if places > 0 {
		f += "." + strings.Repeat("0", places)
	}
	return f
}

func annexStyles(f *excelize.File) (annexStyleIDs, error) {
	var ids annexStyleIDs
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic, Color: "000000"}
	}
	specs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&ids.title, excelize.Style{Font: font(true, false, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&ids.header, excelize.Style{Font: font(true, false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&ids.text, excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&ids.center, excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&ids.labelBold, excelize.Style{Font: font(true, false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&ids.note, excelize.Style{Font: font(false, true, 12), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	}
	fmts := [3]string{viNum(0), viNum(1), viNum(2)}
	for places := range ids.num {
		for bold := range ids.num[places] {
			specs = append(specs, struct {
				dst *int
				s   excelize.Style
			}{&ids.num[places][bold], excelize.Style{Font: font(bold == 1, false, 12), Border: border, CustomNumFmt: &fmts[places],
				Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}})
		}
	}
	rateFmts := [2]string{"[$-42A]0", "[$-42A]0.0"}
	for places := range ids.rate {
		specs = append(specs, struct {
			dst *int
			s   excelize.Style
		}{&ids.rate[places], excelize.Style{Font: font(true, true, 12), Border: border, CustomNumFmt: &rateFmts[places],
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}})
	}
	for _, sp := range specs {
		id, err := f.NewStyle(&sp.s)
		if err != nil {
			return ids, err
		}
		*sp.dst = id
	}
	return ids, nil
}
