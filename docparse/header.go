package docparse

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// typeNames maps the folded type name of a document to its code.
var typeNames = map[string]string{
	"ke hoach": "KH", "bao cao": "BC", "quyet dinh": "QĐ", "thong bao": "TB", "huong dan": "HD",
	"chuong trinh": "CTr", "phuong an": "PA", "de an": "ĐA", "to trinh": "TTr", "bien ban": "BB",
	"giay moi": "GM", "cong van": "CV", "chi thi": "CT", "nghi quyet": "NQ", "quy che": "QC",
	"quy dinh": "QyĐ", "cong dien": "CĐ", "thong cao": "TC", "du an": "DA", "ket luan": "KL",
	"giay uy quyen": "GUQ", "ban ghi nho": "BGN", "ban thoa thuan": "BTT", "thong tu": "TT",
	"nghi dinh": "NĐ", "luat": "Luật",
}

// typeCodes are the codes that may open a symbol ("KH-UBND").
var typeCodes = map[string]string{
	"KH": "KH", "BC": "BC", "QĐ": "QĐ", "QD": "QĐ", "TB": "TB", "HD": "HD", "CTR": "CTr", "PA": "PA",
	"ĐA": "ĐA", "TTR": "TTr", "BB": "BB", "GM": "GM", "CT": "CT", "NQ": "NQ", "QC": "QC", "CĐ": "CĐ",
	"TC": "TC", "KL": "KL", "GUQ": "GUQ", "TT": "TT", "NĐ": "NĐ", "ND": "NĐ", "QYĐ": "QyĐ", "HĐ": "HĐ",
	"TTLT": "TTLT", "CV": "CV",
}

// typeFromSymbol returns the type code a symbol starts with, or "CV" for
// a dispatch symbol such as "LĐTBXH-TE".
func typeFromSymbol(sym string) string {
	first := strings.ToUpper(strings.SplitN(sym, "-", 2)[0])
	if c, ok := typeCodes[first]; ok {
		return c
	}
	return "CV"
}

// typeLine returns the code when l is a line holding only a type name.
func typeLine(l string) string {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "|"))
	if len(t) > 40 || strings.HasSuffix(t, ":") {
		return ""
	}
	f := fold(t)
	f = strings.TrimSpace(strings.TrimRight(f, " ."))
	if c, ok := typeNames[f]; ok && c != "Luật" && c != "TT" && c != "NĐ" {
		return c
	}
	return ""
}

var (
	reSo        = lazyRE(`(?:^|[\s|(])(?:Số|SỐ|số\s*:)\s*:?\s*([0-9]{1,6}[a-zA-Z]?)?[\s.…_]*(?:/\s*((?:19|20)\d{2})\s*)?/\s*([\p{L}0-9][\p{L}0-9&.]*(?:\s?[-–]\s?[\p{L}0-9&.]+)*)`)
	reBareSo    = lazyRE(`^([0-9]{1,6})\s*/\s*(?:((?:19|20)\d{2})\s*/\s*)?(\p{Lu}[\p{L}0-9&.]*(?:[-–][\p{L}0-9&.]+)+)`)
	reDateLine  = lazyRE(`(?i)(?:^|\n)[\s|]*([\p{L}][\p{L} .'\-]{0,40}?)\s*,\s*ngày\s*([0-9]{1,2})?[\s.…_]*tháng\s*([0-9]{1,2})?[\s.…_]*năm\s*([0-9]{4})?`)
	reDateLineN = lazyRE(`(?i)(?:^|\n)[\s|]*([\p{L}][\p{L} .'\-]{0,40}?)\s*,\s*ngày\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})`)
	reVv        = lazyRE(`(?i)(?:^|\s)V/v\b\s*:?\s*`)
	reMotto     = lazyRE(`(?i)cong hoa xa hoi|doc lap\s*[-–]\s*tu do|tu do\s*[-–]\s*hanh phuc`)
)

var reBr = lazyRE(`(?i)<br\s*/?>`)

type hdrCell struct {
	col   int
	lines []string
	at    []int
}

// headerCells splits the header lines into cells of a left (agency) and
// a right (state) column, whatever the layout: "|" separated, cells over
// several lines ended by "|", Markdown rows, runs of spaces, or plain
// lines one after the other.
func headerCells(lines []string, from, to int) []hdrCell {
	var cells []hdrCell
	var cur hdrCell
	col := 0
	flush := func() {
		if len(cur.lines) > 0 {
			cur.col = col
			cells = append(cells, cur)
		}
		cur = hdrCell{}
	}
	for i := from; i < to; i++ {
		s := strings.TrimSpace(lines[i])
		if s == "" {
			continue
		}
		if strings.Trim(s, "|-: ") == "" && strings.Contains(s, "|") && strings.Contains(s, "-") {
			continue // Markdown separator row
		}
		if strings.HasPrefix(s, "|") && strings.HasSuffix(s, "|") && strings.Count(s, "|") >= 3 {
			flush()
			parts := strings.Split(strings.Trim(s, "|"), "|")
			for k, p := range parts {
				p = strings.TrimSpace(p)
				if p == "" {
					continue
				}
				c := 0
				if float64(k) >= float64(len(parts))/2 || (len(parts) == 2 && k == 1) {
					c = 1
				}
				// A cell's own lines, joined by "<br>" in a Markdown table.
				cell := hdrCell{col: c}
				for _, l := range reBr.Split(p, -1) {
					if l = strings.TrimSpace(l); l != "" {
						cell.lines, cell.at = append(cell.lines, l), append(cell.at, i)
					}
				}
				cells = append(cells, cell)
			}
			col = 0
			continue
		}
		if strings.Contains(s, "|") {
			freshRow := len(cur.lines) == 0 && col == 0
			parts := strings.Split(s, "|")
			for k, p := range parts {
				p = strings.TrimSpace(p)
				last := k == len(parts)-1
				if !last {
					if p != "" {
						cur.lines = append(cur.lines, p)
						cur.at = append(cur.at, i)
					}
					if len(cur.lines) > 0 {
						flush()
						col = 1 - col
					} else if k == 0 && col == 1 && strings.HasPrefix(s, "|") {
						// "|" opening a line ends an empty cell.
						continue
					}
					continue
				}
				if p != "" {
					cur.lines = append(cur.lines, p)
					cur.at = append(cur.at, i)
					if freshRow {
						flush()
						col = 0
					}
				}
			}
			continue
		}
		if frags, cols := splitColumns(lines[i]); len(frags) > 1 || (len(frags) == 1 && cols[0] == 1 && len(cur.lines) == 0) {
			flush()
			for k, f := range frags {
				c := cols[k]
				if k > 0 {
					c = 1
				}
				cells = append(cells, hdrCell{col: c, lines: []string{f}, at: []int{i}})
			}
			continue
		}
		cur.lines = append(cur.lines, s)
		cur.at = append(cur.at, i)
	}
	flush()
	return cells
}

// headerInfo is what the header block gives.
type headerInfo struct {
	issuer, parent       string
	number, symbol       string
	hasNumber, hasSymbol bool
	place                string
	date                 string
	dateLine             int
	invalidDate          string
	summary              string // the "V/v" summary of a dispatch
	year                 int    // the date line's year, even when the day is blank
}

// agencyStarts are the words an agency name starts with; a header line
// that starts otherwise continues the name above it.
var agencyStarts = []string{
	"uy ban", "ubnd", "hoi dong", "hdnd", "so ", "bo ", "ban ", "cuc ", "tong cuc", "chi cuc", "phong ", "van phong",
	"trung tam", "truong ", "benh vien", "vien ", "cong an", "bo chi huy", "bo tu lenh", "thanh tra", "doan ", "tinh doan",
	"hoi ", "dang ", "dang uy", "tinh uy", "thanh uy", "huyen uy", "quan uy", "cong ty", "tong cong ty", "kho bac",
	"bao hiem", "ngan hang", "chi nhanh", "dai ", "bao ", "tap doan", "lien doan", "mat tran", "hoc vien", "dai hoc",
	"khu ", "bql", "ubmttq", "toa an", "vien kiem sat", "cuc thue", "chi cuc thue", "ban quan ly", "ban chi dao",
	"to ", "doi ", "tram ", "hat ", "chinh phu", "quoc hoi", "thu tuong", "chu tich", "ubdt", "ldld", "cong doan", "lien minh",
}

var localityStarts = []string{"tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran ", "tp "}

func hasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s+" ", p) {
			return true
		}
	}
	return false
}

// joinAgencyLines groups the agency lines of the header into names: a
// line continues the one above when it does not start like an agency
// name, when the line above ends with "-" or "VÀ", or when it adds the
// locality to a bare "ỦY BAN NHÂN DÂN".
func joinAgencyLines(ls []string) []string {
	var names []string
	for _, l := range ls {
		f := fold(l)
		if len(names) > 0 {
			prev := names[len(names)-1]
			pf := fold(prev)
			bare := pf == "uy ban nhan dan" || pf == "hoi dong nhan dan" || pf == "ubnd" || pf == "hdnd" ||
				strings.HasSuffix(pf, " nhan dan") || pf == "ban chap hanh" || pf == "uy ban mat tran to quoc viet nam"
			cont := strings.HasSuffix(pf, "-") || strings.HasSuffix(pf, " va") || strings.HasSuffix(pf, ",") ||
				strings.HasPrefix(f, "va ") || strings.HasPrefix(f, "-") || strings.HasPrefix(f, "&") ||
				(hasPrefixAny(f, localityStarts) && bare) || !hasPrefixAny(f, agencyStarts) && !hasPrefixAny(f, localityStarts)
			if cont {
				sep := " "
				if strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") {
					sep = " "
				}
				names[len(names)-1] = collapse(prev + sep + l)
				continue
			}
		}
		names = append(names, l)
	}
	return names
}

func parseHeader(lines []string, from, to int, ctxYear int) headerInfo {
	var h headerInfo
	h.dateLine = -1
	cells := headerCells(lines, from, to)
	var agency []string
	for _, c := range cells {
		text := strings.Join(c.lines, "\n")
		consumed := make([]bool, len(c.lines))
		// Number and symbol.
		if !h.hasSymbol {
			if m := ownNumber(text); m != nil {
				h.hasSymbol = true
				if m[2] >= 0 {
					h.number, h.hasNumber = text[m[2]:m[3]], true
				}
				h.symbol = strings.NewReplacer(" ", "", "–", "-").Replace(text[m[6]:m[7]])
				h.symbol = strings.TrimRight(h.symbol, ".")
				markConsumed(c.lines, consumed, m[0], m[1])
				rest := text[m[1]:]
				if vm := reVv.FindStringIndex(rest); vm != nil {
					h.summary = vvSummary(rest[vm[1]:])
					markConsumed(c.lines, consumed, m[1], len(text))
				}
			}
		}
		// Date line. The national title and motto may share the date's
		// cell (a header table whose cell paragraphs were joined); they
		// are blanked so that the place starts after them.
		if h.dateLine < 0 {
			text := blankMotto(text)
			if m := reDateLineN.FindStringSubmatchIndex(text); m != nil {
				h.place = collapse(text[m[2]:m[3]])
				h.setDate(text[m[4]:m[5]], text[m[6]:m[7]], text[m[8]:m[9]])
				h.dateLine = c.at[lineOf(text, m[4])]
				markConsumed(c.lines, consumed, m[0], m[1])
			} else if m := reDateLine.FindStringSubmatchIndex(text); m != nil {
				h.place = collapse(text[m[2]:m[3]])
				var d, mo, y string
				if m[4] >= 0 {
					d = text[m[4]:m[5]]
				}
				if m[6] >= 0 {
					mo = text[m[6]:m[7]]
				}
				if m[8] >= 0 {
					y = text[m[8]:m[9]]
				}
				h.setDate(d, mo, y)
				h.dateLine = c.at[lineOf(text, m[2])]
				markConsumed(c.lines, consumed, m[0], m[1])
			}
		}
		for k, l := range c.lines {
			if consumed[k] {
				continue
			}
			if vm := reVv.FindStringIndex(l); vm != nil && vm[0] == 0 && h.summary == "" {
				h.summary = vvSummary(strings.Join(append([]string{l[vm[1]:]}, c.lines[k+1:]...), "\n"))
				break
			}
			if reMotto.MatchString(fold(l)) || isRule(l) {
				continue
			}
			l = strings.TrimSpace(reTrailingRule.ReplaceAllString(l, ""))
			if c.col == 0 && isCaps(l) && typeLine(l) == "" {
				if m := reBareSo.FindStringSubmatch(l); m != nil && !h.hasSymbol {
					h.hasSymbol, h.hasNumber = true, true
					h.number, h.symbol = m[1], m[3]
					continue
				}
				agency = append(agency, l)
			}
		}
	}
	names := joinAgencyLines(agency)
	switch len(names) {
	case 0:
	case 1:
		h.issuer = names[0]
	default:
		h.issuer = names[len(names)-1]
		h.parent = names[len(names)-2]
	}
	return h
}

var reMottoFolded = lazyRE(`cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc`)

// blankMotto returns text with the national title and motto replaced by
// spaces, byte for byte, so that offsets into text still hold.
func blankMotto(text string) string {
	orig, folded := foldRunes(text)
	fs := string(folded)
	ms := reMottoFolded.FindAllStringIndex(fs, -1)
	if ms == nil {
		return text
	}
	// Rune index of each byte offset of fs, and byte offset of each rune of text.
	runeAt := make([]int, len(fs)+1)
	k := 0
	for i := range fs {
		runeAt[i] = k
		k++
	}
	runeAt[len(fs)] = k
	b := []byte(text)
	starts := make([]int, len(orig)+1)
	off := 0
	for i, r := range orig {
		starts[i] = off
		off += utf8.RuneLen(r)
	}
	starts[len(orig)] = off
	for _, m := range ms {
		for j := starts[runeAt[m[0]]]; j < starts[runeAt[m[1]]]; j++ {
			if b[j] != '\n' {
				b[j] = ' '
			}
		}
	}
	return string(b)
}

// ownNumber finds the document's own "Số: …/…" in a header cell: "Số"
// written with a capital, not the number of a document the cell cites
// ("V/v thực hiện Quyết định số 06/2024/QĐ-UBND").
func ownNumber(text string) []int {
	for _, m := range reSo.FindAllStringSubmatchIndex(text, -1) {
		line := text[strings.LastIndexByte(text[:m[0]], '\n')+1 : m[0]+1]
		if reDocWordBefore.MatchString(strings.TrimRight(line, " (|")) {
			continue
		}
		return m
	}
	return nil
}

// vvSummary takes the "V/v" summary up to the next header element.
func vvSummary(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || reMotto.MatchString(fold(t)) || isRule(t) || reDateLine.MatchString(t) || reDateLineN.MatchString(t) {
			break
		}
		out = append(out, t)
	}
	return collapse(strings.Join(out, " "))
}

func lineOf(text string, off int) int {
	if off < 0 {
		return 0
	}
	return strings.Count(text[:off], "\n")
}

func markConsumed(lines []string, consumed []bool, from, to int) {
	pos := 0
	for k, l := range lines {
		end := pos + len(l)
		if end > from && pos < to {
			consumed[k] = true
		}
		pos = end + 1
	}
}

func (h *headerInfo) setDate(d, m, y string) {
	h.year = atoi(y)
	if d == "" || m == "" || y == "" {
		return
	}
	di := atoi(d)
	mi := atoi(m)
	yi := atoi(y)
	if !validDate(yi, mi, di) {
		h.invalidDate = fmt.Sprintf("%s/%s/%s", d, m, y)
		return
	}
	h.date = fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200 {
		return false
	}
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		days = 29
	}
	return d <= days
}
