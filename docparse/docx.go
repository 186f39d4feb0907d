package docparse

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// docxLines reads the main part of a .docx and renders it as text lines:
// paragraphs one per line, data-table rows as "| a | b |", and layout
// tables (header, recipients beside the signer) cell by cell.
func docxLines(r io.ReaderAt, size int64, lim Limits) ([]string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, badDocx(err)
	}
	if len(zr.File) > 5000 {
		return nil, fmt.Errorf("%w: quá nhiều tệp con (%d)", ErrZipBomb, len(zr.File))
	}
	var main, numbering *zip.File
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		switch f.Name {
		case "word/document.xml":
			if main != nil {
				return nil, ErrDuplicatePart
			}
			main = f
		case "word/numbering.xml":
			numbering = f
		}
	}
	if main == nil {
		return nil, ErrNotDocx
	}
	maxU := uint64(lim.MaxDocxUncompressed)
	if maxU == 0 {
		maxU = uint64(DefaultLimits.MaxDocxUncompressed)
	}
	if total > 4*maxU {
		return nil, fmt.Errorf("%w: nội dung giải nén khai báo %d MB", ErrZipBomb, total>>20)
	}
	budget := int64(maxU)
	for _, f := range []*zip.File{main, numbering} {
		if f == nil {
			continue
		}
		if f.UncompressedSize64 > maxU {
			return nil, fmt.Errorf("%w: %s giải nén ra %d MB", ErrZipBomb, f.Name, f.UncompressedSize64>>20)
		}
		ratio := lim.MaxRatio
		if ratio <= 0 {
			ratio = DefaultLimits.MaxRatio
		}
		if f.UncompressedSize64 > 1<<20 && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > uint64(ratio) {
			return nil, fmt.Errorf("%w: tỉ lệ nén của %s là %d:1", ErrZipBomb, f.Name, f.UncompressedSize64/f.CompressedSize64)
		}
	}
	var num *numberingDefs
	if numbering != nil {
		num, err = readNumbering(numbering, &budget)
		if err != nil {
			return nil, err
		}
	}
	return readDocument(main, num, &budget)
}

// capReader fails once more than *budget bytes have been read, whatever the
// zip headers claim.
type capReader struct {
	r      io.Reader
	budget *int64
}

var errBudget = errors.New("uncompressed budget exceeded")

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.budget -= int64(n)
	if *c.budget < 0 {
		return n, errBudget
	}
	return n, err
}

func openPart(f *zip.File, budget *int64) (*xml.Decoder, io.Closer, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, nil, badDocx(err)
	}
	d := xml.NewDecoder(&capReader{r: rc, budget: budget})
	d.Strict = false
	return d, rc, nil
}

func xmlErr(err error) error {
	if errors.Is(err, errBudget) {
		return fmt.Errorf("%w: nội dung giải nén vượt giới hạn", ErrZipBomb)
	}
	return badDocx(err)
}

// tokens yields the tokens of d up to the end of the part. A read error
// ends it and is left in *err, made by xmlErr.
func tokens(d *xml.Decoder, err *error) iter.Seq[xml.Token] {
	return func(yield func(xml.Token) bool) {
		for {
			tok, e := d.Token()
			if e == io.EOF {
				return
			}
			if e != nil {
				*err = xmlErr(e)
				return
			}
			if !yield(tok) {
				return
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// numberingDefs holds the automatic numbering of a .docx, enough to write
// the labels ("I.", "1.", "a)") that Word draws but does not store as text.
type numberingDefs struct {
	abstract map[string][]numLevel // abstractNumId → levels
	nums     map[string]string     // numId → abstractNumId
	counters map[string][]int      // numId → counter per level
}

type numLevel struct {
	fmt   string
	text  string
	start int
}

func readNumbering(f *zip.File, budget *int64) (*numberingDefs, error) {
	d, c, err := openPart(f, budget)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	n := &numberingDefs{abstract: map[string][]numLevel{}, nums: map[string]string{}, counters: map[string][]int{}}
	var curAbs, curNum string
	var lvl = -1
	for tok := range tokens(d, &err) {
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "abstractNum":
			curAbs, curNum = attr(se, "abstractNumId"), ""
		case "num":
			curNum, curAbs = attr(se, "numId"), ""
		case "abstractNumId":
			if curNum != "" {
				n.nums[curNum] = attr(se, "val")
			}
		case "lvl":
			lvl, _ = strconv.Atoi(attr(se, "ilvl"))
			if curAbs != "" && lvl >= 0 && lvl < 10 {
				for len(n.abstract[curAbs]) <= lvl {
					n.abstract[curAbs] = append(n.abstract[curAbs], numLevel{start: 1})
				}
			}
		case "start", "numFmt", "lvlText":
			if curAbs == "" || lvl < 0 || lvl >= len(n.abstract[curAbs]) {
				continue
			}
			l := &n.abstract[curAbs][lvl]
			switch se.Name.Local {
			case "start":
				l.start, _ = strconv.Atoi(attr(se, "val"))
			case "numFmt":
				l.fmt = attr(se, "val")
			case "lvlText":
				l.text = attr(se, "val")
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return n, nil
}

// label returns the label for the next paragraph numbered numID at ilvl.
func (n *numberingDefs) label(numID string, ilvl int) string {
	if n == nil || numID == "" || numID == "0" || ilvl < 0 || ilvl > 9 {
		return ""
	}
	levels := n.abstract[n.nums[numID]]
	if ilvl >= len(levels) {
		return ""
	}
	c := n.counters[numID]
	for len(c) < len(levels) {
		c = append(c, 0)
	}
	if c[ilvl] == 0 {
		c[ilvl] = levels[ilvl].start
	} else {
		c[ilvl]++
	}
	for k := ilvl + 1; k < len(c); k++ {
		c[k] = 0
	}
	n.counters[numID] = c
	l := levels[ilvl]
	if l.fmt == "bullet" {
		return "-"
	}
	if l.fmt == "none" {
		return ""
	}
	out := l.text
	for k := 0; k <= ilvl && k < len(levels); k++ {
		v := c[k]
		if v == 0 {
			v = levels[k].start
		}
		out = strings.ReplaceAll(out, "%"+strconv.Itoa(k+1), formatNum(v, levels[k].fmt))
	}
	return out
}

func formatNum(v int, f string) string {
	switch f {
	case "upperRoman":
		return toRoman(v)
	case "lowerRoman":
		return strings.ToLower(toRoman(v))
	case "lowerLetter", "upperLetter":
		if v < 1 {
			v = 1
		}
		s := string(rune('a' + (v-1)%26))
		if f == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	}
	return strconv.Itoa(v)
}

func toRoman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, x := range vals {
		for v >= x {
			b.WriteString(syms[i])
			v -= x
		}
	}
	return b.String()
}

type docxCell struct{ paras []string }

type docxTable struct {
	rows [][]docxCell
	row  []docxCell
	cell *docxCell
}

type paraBuf struct {
	b           strings.Builder
	numID, ilvl string
}

func readDocument(f *zip.File, num *numberingDefs, budget *int64) ([]string, error) {
	d, c, err := openPart(f, budget)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	var out []string
	var tables []*docxTable
	var paras []*paraBuf
	delDepth := 0
	emit := func(lines ...string) {
		if len(tables) > 0 && tables[len(tables)-1].cell != nil {
			cell := tables[len(tables)-1].cell
			cell.paras = append(cell.paras, lines...)
			return
		}
		out = append(out, lines...)
	}
	for tok := range tokens(d, &err) {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordNS && t.Name.Space != "" {
				if t.Name.Local == "Choice" { // keep the fallback of alternate content only
					if err := d.Skip(); err != nil {
						return nil, xmlErr(err)
					}
				}
				continue
			}
			switch t.Name.Local {
			case "p":
				paras = append(paras, &paraBuf{})
			case "del", "moveFrom":
				delDepth++
			case "delText", "instrText", "footnoteReference", "endnoteReference":
				if err := d.Skip(); err != nil {
					return nil, xmlErr(err)
				}
			case "t":
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return nil, xmlErr(err)
				}
				if delDepth == 0 && len(paras) > 0 {
					paras[len(paras)-1].b.WriteString(s)
				}
			case "tab":
				if len(paras) > 0 {
					paras[len(paras)-1].b.WriteString("\t")
				}
			case "br", "cr":
				if len(paras) > 0 && attr(t, "type") != "page" {
					paras[len(paras)-1].b.WriteString("\n")
				}
			case "noBreakHyphen":
				if len(paras) > 0 {
					paras[len(paras)-1].b.WriteString("-")
				}
			case "numId":
				if len(paras) > 0 {
					paras[len(paras)-1].numID = attr(t, "val")
				}
			case "ilvl":
				if len(paras) > 0 {
					paras[len(paras)-1].ilvl = attr(t, "val")
				}
			case "tbl":
				tables = append(tables, &docxTable{})
			case "tr":
				if len(tables) > 0 {
					tables[len(tables)-1].row = nil
				}
			case "tc":
				if len(tables) > 0 {
					tables[len(tables)-1].cell = &docxCell{}
				}
			}
		case xml.EndElement:
			if t.Name.Space != wordNS && t.Name.Space != "" {
				continue
			}
			switch t.Name.Local {
			case "del", "moveFrom":
				delDepth--
			case "p":
				if len(paras) == 0 {
					continue
				}
				p := paras[len(paras)-1]
				paras = paras[:len(paras)-1]
				text := p.b.String()
				if p.numID != "" {
					lv, _ := strconv.Atoi(p.ilvl)
					if l := num.label(p.numID, lv); l != "" && strings.TrimSpace(text) != "" {
						text = l + " " + strings.TrimLeft(text, " \t")
					}
				}
				emit(strings.Split(text, "\n")...)
			case "tc":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					if tb.cell != nil {
						tb.row = append(tb.row, *tb.cell)
					}
					tb.cell = nil
				}
			case "tr":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tb.rows = append(tb.rows, tb.row)
					tb.row = nil
				}
			case "tbl":
				if len(tables) == 0 {
					continue
				}
				tb := tables[len(tables)-1]
				tables = tables[:len(tables)-1]
				emit(renderTable(tb.rows)...)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func nonEmptyParas(c docxCell) []string {
	var out []string
	for _, p := range c.paras {
		if strings.TrimSpace(p) != "" {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

// renderTable writes a table as text. A data table (several rows of several
// filled cells) becomes pipe rows with a cell's paragraphs joined by "; ";
// a layout table whose cells hold several paragraphs is written cell by
// cell, each cell's paragraphs on their own lines, cells apart by a blank
// line, as the same content reads when copied out of a page.
func renderTable(rows [][]docxCell) []string {
	filledRows := 0
	multi := false
	for _, r := range rows {
		n := 0
		for _, c := range r {
			ps := nonEmptyParas(c)
			if len(ps) > 0 {
				n++
			}
			if len(ps) > 1 {
				multi = true
			}
		}
		if n >= 2 {
			filledRows++
		}
	}
	data := filledRows >= 3 || (len(rows) >= 2 && filledRows >= 2 && len(rows[0]) >= 3)
	var out []string
	for _, r := range rows {
		if !data && multi {
			for _, c := range r {
				ps := nonEmptyParas(c)
				if len(ps) == 0 {
					continue
				}
				out = append(out, ps...)
				out = append(out, "")
			}
			continue
		}
		cells := make([]string, 0, len(r))
		empty := true
		for _, c := range r {
			s := strings.Join(nonEmptyParas(c), "; ")
			s = strings.ReplaceAll(s, "|", "/")
			if s != "" {
				empty = false
			}
			cells = append(cells, s)
		}
		if empty {
			continue
		}
		out = append(out, "| "+strings.Join(cells, " | ")+" |")
	}
	out = append(out, "")
	return out
}
