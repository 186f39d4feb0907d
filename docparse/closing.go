package docparse

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/vntext"
)

var (
	reCopies   = lazyRE(`(?i)\(?\s*(\d{1,4})\s*(?:b|bản|bộ)?\s*\)?\s*\.?$`)
	reSignNote = lazyRE(`(?i)^[(\[]?\s*(đã ký|da ky|ký|ký tên|ký, ghi rõ|ký và ghi|đóng dấu|chữ ký|signed)[^)\]]*[)\]]?$|^(ký bởi|người ký|thời gian ký|cơ quan:|email:)`)
)

// readClosing reads recipients, the archive line and the signer from the
// lines between the body and the annex, whether "Nơi nhận" and the signer
// stand side by side or one after the other.
func (a *analysis) readClosing() {
	inRec := false
	var signer []string
	lastRecOpen := false
	for i := a.bodyEnd; i < a.annexStart; i++ {
		if strings.TrimSpace(a.lines[i]) == "" {
			continue
		}
		frags, cols := splitClosingCells(splitColumns(a.lines[i]))
		for k, f := range frags {
			ff := fold(f)
			right := cols[k] == 1 && len(frags) > 1
			switch {
			case strings.HasPrefix(ff, "noi nhan"):
				inRec = true
				rest := strings.TrimSpace(f[strings.IndexAny(f, "nN")+len("Nơi nhận"):])
				rest = strings.TrimSpace(strings.TrimPrefix(rest, ":"))
				if rest != "" {
					lastRecOpen = a.addRecipient(rest)
				}
			case !right && isArchiveLine(ff):
				a.readArchive(f)
				inRec = false
				lastRecOpen = false
			case !right && (inRec || len(frags) > 1) && strings.IndexAny(f[:1], "-–+•*") == 0:
				inRec = true
				lastRecOpen = a.addRecipient(f)
			case !right && inRec && lastRecOpen && startsLower(f):
				n := len(a.doc.Recipients)
				a.doc.Recipients[n-1] = cleanEntry(a.doc.Recipients[n-1] + " " + f)
				lastRecOpen = !terminal(f)
			default:
				if right || !inRec || isCaps(f) || looksLikeName(f) {
					signer = append(signer, f)
				}
			}
		}
	}
	a.doc.Signer = parseSigner(signer)
}

var (
	// reItemJoin is where two "Nơi nhận" items were joined into one
	// line: "…; - …", "…;- …", "….- Lưu".
	reItemJoin = lazyRE(`[;.]\s*[-–+•]\s*\S`)
	// reTitleJoin is where the lines of a signing block were joined into
	// one: before an authority ("KT.", "TM.", …) or "PHÓ" that does not
	// start the block, even when nothing separates it from the line above
	// ("KT. GIÁM ĐỐCPHÓ GIÁM ĐỐC").
	reTitleJoin = lazyRE(`(\p{Lu})\s*((?:KT|TM|TL|TUQ)\.\s|PHÓ\s)`)
)

// splitClosingCells splits the fragments of a closing line whose table
// cell held several lines joined into one: a recipients cell becomes one
// fragment per item, a signing cell one per title.
func splitClosingCells(frags []string, cols []int) ([]string, []int) {
	var outF []string
	var outC []int
	for k, f := range frags {
		col := cols[k]
		if left, right, ok := narrowGap(f); ok && col == 0 {
			outF, outC = append(outF, left), append(outC, 0)
			f, col = right, 1
		}
		var parts []string
		ff := fold(f)
		switch {
		case strings.HasPrefix(ff, "noi nhan") || strings.IndexAny(f[:1], "-–+•") == 0:
			for {
				m := reItemJoin.FindStringIndex(f)
				if m == nil {
					break
				}
				parts = append(parts, strings.TrimSpace(f[:m[0]+1]))
				f = strings.TrimSpace(f[m[0]+1:])
			}
			parts = append(parts, f)
		case isCaps(f):
			for {
				m := reTitleJoin.FindStringSubmatchIndex(f)
				if m == nil {
					break
				}
				parts = append(parts, strings.TrimSpace(f[:m[3]]))
				f = f[m[4]:]
			}
			parts = append(parts, f)
		default:
			parts = []string{f}
		}
		for _, p := range parts {
			if p != "" {
				outF = append(outF, p)
				outC = append(outC, col)
			}
		}
	}
	return outF, outC
}

// narrowGap splits a fragment where a layout left only two spaces
// between a recipient (ended by ";", "." or ":") and the signing block
// beside it: a title in capitals or a name.
func narrowGap(f string) (left, right string, ok bool) {
	i := strings.LastIndex(f, "  ")
	if i <= 0 {
		return "", "", false
	}
	left, right = strings.TrimSpace(f[:i]), strings.TrimSpace(f[i:])
	if left == "" || right == "" || !strings.ContainsAny(left[len(left)-1:], ";.:") {
		return "", "", false
	}
	if isCaps(right) && utf8.RuneCountInString(right) > 3 || looksLikeName(right) {
		return left, right, true
	}
	return "", "", false
}

func isArchiveLine(ff string) bool {
	ff = strings.TrimLeft(ff, "-–+• ")
	return strings.HasPrefix(ff, "luu:") || strings.HasPrefix(ff, "luu :") || strings.HasPrefix(ff, "luu vt") || strings.HasPrefix(ff, "luu hs") || strings.HasPrefix(ff, "luu tru:")
}

// addRecipient adds one "- …;" line and reports whether it is left open
// (no final ";" or "."), so that the next line may continue it.
func (a *analysis) addRecipient(f string) bool {
	e := cleanEntry(f)
	if e == "" {
		return false
	}
	a.doc.Recipients = append(a.doc.Recipients, e)
	return !terminal(f)
}

func (a *analysis) readArchive(f string) {
	text := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(f), "-–+•*"))
	text = strings.TrimRight(text, " .;")
	ar := &Archive{Text: text}
	body := text
	if i := strings.Index(body, ":"); i >= 0 {
		body = body[i+1:]
	} else {
		body = strings.TrimSpace(body[len("Lưu"):])
	}
	if m := reCopies.FindStringSubmatchIndex(body); m != nil && (strings.Contains(body[m[0]:], "(") || strings.ContainsAny(body[m[1]-1:m[1]], "bả")) {
		n, _ := strconv.Atoi(body[m[2]:m[3]])
		ar.Copies = &n
		body = body[:m[0]]
	}
	for _, h := range strings.FieldsFunc(body, func(r rune) bool { return r == ',' || r == ';' }) {
		h = strings.TrimSpace(strings.TrimRight(h, "."))
		if h != "" {
			ar.Holders = append(ar.Holders, h)
		}
	}
	a.doc.Archive = ar
}

// looksLikeName reports whether s reads as a person's name: two to six
// capitalised words without digits.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 || isCaps(s) {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '.' {
				return false
			}
		}
	}
	return true
}

var authorityCodes = map[string]string{"KT": "KT.", "K/T": "KT.", "K.T": "KT.", "TM": "TM.", "T/M": "TM.", "T.M": "TM.", "TL": "TL.", "T/L": "TL.", "T.L": "TL.", "TUQ": "TUQ."}

// parseSigner reads the signing block: authority lines ("KT. GIÁM ĐỐC"),
// the signer's own title and the name.
func parseSigner(ls []string) *Signer {
	s := &Signer{}
	var titles []string
	authTitle := ""
	for _, l := range ls {
		l = strings.TrimSpace(l)
		if l == "" || reSignNote.MatchString(l) || isRule(l) {
			continue
		}
		if m := reAuthority.FindStringSubmatch(l); m != nil && isCaps(m[2]) {
			s.Authority = authorityCodes[strings.ToUpper(m[1])]
			authTitle = m[2]
			titles = nil
			continue
		}
		if isCaps(l) && s.Name == "" {
			if len(titles) > 0 && !looksLikeSignerTitle(l) && looksLikeSignerTitle(titles[len(titles)-1]) && len(strings.Fields(l)) >= 2 && len(strings.Fields(l)) <= 5 {
				s.Name = l // a name written in capitals
				continue
			}
			titles = append(titles, l)
			continue
		}
		if looksLikeName(l) {
			s.Name = l
		}
	}
	switch {
	case len(titles) > 0:
		s.Title = collapse(strings.Join(titles, " "))
	case authTitle != "":
		s.Title = authTitle
	}
	if s.Title == "" && s.Name == "" {
		return nil
	}
	return s
}

// readAnnex reads task tables ("Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối
// hợp | Thời gian") anywhere after the header.
func (a *analysis) readAnnex() {
	section := ""
	var rows [][]string
	var rowLines []int
	flush := func() {
		if len(rows) >= 2 {
			a.taskTable(rows, section)
		}
		rows, rowLines = nil, nil
	}
	if !planTypes[a.doc.Type] {
		return
	}
	inAnnex := false
	for i := 0; i < len(a.lines); i++ {
		t := a.trimmed(i)
		if i >= a.annexStart {
			if !inAnnex {
				inAnnex, section = true, "Phụ lục"
			}
			f := fold(t)
			if strings.HasPrefix(f, "phu luc") {
				label := t
				if j := strings.IndexAny(label, ":."); j > 0 {
					label = label[:j]
				}
				if len([]rune(label)) > 20 {
					label = "Phụ lục"
				}
				section = strings.TrimSpace(label)
			}
		} else {
			section = a.sectionAt(i)
		}
		if strings.Count(t, "|") >= 2 || (strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 1) {
			if strings.Trim(t, "|-: ") == "" {
				continue
			}
			cells := strings.Split(strings.Trim(t, "|"), "|")
			for k := range cells {
				cells[k] = strings.TrimSpace(cells[k])
			}
			rows = append(rows, cells)
			rowLines = append(rowLines, i)
			continue
		}
		flush()
	}
	flush()
}

func (a *analysis) sectionAt(line int) string {
	label := ""
	for _, s := range a.sections {
		if s.line <= line {
			label = s.label
		}
	}
	return label
}

func (a *analysis) taskTable(rows [][]string, section string) {
	hdr := -1
	taskCol, leadCol, supCol, dueCol := -1, -1, -1, -1
	for r := 0; r < len(rows) && r < 3 && hdr < 0; r++ {
		taskCol, leadCol, supCol, dueCol = -1, -1, -1, -1
		for k, c := range rows[r] {
			f := fold(c)
			switch {
			case strings.Contains(f, "phoi hop"):
				supCol = k
			case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han") || strings.Contains(f, "tien do") || strings.Contains(f, "hoan thanh"):
				dueCol = k
			case taskCol < 0 && (strings.Contains(f, "nhiem vu") || strings.Contains(f, "noi dung") || strings.Contains(f, "cong viec") || strings.Contains(f, "hoat dong")):
				taskCol = k
			case leadCol < 0 && (strings.Contains(f, "chu tri") || strings.Contains(f, "thuc hien") || strings.Contains(f, "phu trach") || strings.Contains(f, "dau moi")):
				leadCol = k
			}
		}
		if taskCol >= 0 && leadCol >= 0 {
			hdr = r
		}
	}
	if hdr < 0 {
		return
	}
	get := func(row []string, k int) string {
		if k < 0 || k >= len(row) {
			return ""
		}
		return row[k]
	}
	for _, row := range rows[hdr+1:] {
		text := collapse(get(row, taskCol))
		if text == "" || fold(text) == fold(rows[hdr][taskCol]) {
			continue
		}
		t := Task{Text: text, Section: section}
		leads := splitList(get(row, leadCol))
		if len(leads) > 0 {
			t.Lead = strp(leads[0])
			t.Support = append(t.Support, leads[1:]...)
		}
		t.Support = append(t.Support, splitList(get(row, supCol))...)
		due := collapse(get(row, dueCol))
		if due != "" {
			if dt, err := vntext.ParseDate(due, a.ctxYear); err == nil && dt.Precision == vntext.DayPrecision && dt.Year > 0 {
				t.Due = strp(dt.String())
			} else {
				t.Due = strp(due)
			}
		} else {
			t.Due = a.dueOf(text)
		}
		a.doc.Tasks = append(a.doc.Tasks, t)
		a.tableTasks = true
	}
}

// splitList splits a table cell listing bodies or people.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		for _, q := range splitActors(p) {
			q = cleanEntry(q)
			if q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// checks adds the warnings about missing and inconsistent values.
func (a *analysis) checks() {
	d := a.doc
	if d.Number == nil {
		a.warn(WarnMissingNumber, "Văn bản chưa có số.", nil)
	}
	if d.Date == nil && a.hdr.invalidDate == "" {
		a.warn(WarnMissingDate, "Văn bản chưa có ngày ban hành.", nil)
	}
	if d.Issuer == nil {
		a.warn(WarnMissingIssuer, "Không tìm thấy cơ quan ban hành.", nil)
	}
	if d.Signer == nil {
		a.warn(WarnMissingSigner, "Không tìm thấy người ký.", nil)
	}
	if len(d.Recipients) == 0 {
		a.warn(WarnMissingRecipients, "Văn bản không có phần \u201cNơi nhận\u201d.", nil)
	}
	if p := d.Period; p != nil && p.Start != nil && p.End != nil {
		if *p.Start > *p.End {
			a.warn(WarnPeriodInverted, fmt.Sprintf("Thời gian thực hiện \u201c%s\u201d có ngày bắt đầu sau ngày kết thúc.", p.Text), a.periodWhere)
		}
		if d.Year != nil {
			ys, ye := atoi((*p.Start)[:4]), atoi((*p.End)[:4])
			if *d.Year < min(ys, ye) || *d.Year > max(ys, ye) {
				a.warn(WarnPeriodYear, fmt.Sprintf("Thời gian thực hiện \u201c%s\u201d thuộc năm %d, khác năm %d của kế hoạch.", p.Text, ys, *d.Year), a.periodWhere)
			}
		}
	}
	if d.Date != nil {
		for _, b := range d.Basis {
			if b.Date != nil && *b.Date > *d.Date {
				a.warn(WarnBasisAfterDate, fmt.Sprintf("Văn bản căn cứ \u201c%s\u201d có ngày %s, sau ngày ban hành %s.", shorten(b.Text, 80), *b.Date, *d.Date), nil)
			}
		}
	}
	a.checkNumbering()
	a.checkDates()
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// checkNumbering reports gaps in the numbering of sections and items.
func (a *analysis) checkNumbering() {
	prev := 0
	for _, s := range a.sections {
		v := romanValue(s.label)
		if prev > 0 && v != prev+1 {
			a.warn(WarnNumberingGap, fmt.Sprintf("Các phần đánh số nhảy từ %s sang %s.", toRoman(prev), s.label), strp(s.label))
		}
		prev = v
	}
	var walk func(ns []*node, where string)
	walk = func(ns []*node, where string) {
		var last *node
		for _, n := range ns {
			if last != nil && last.style == n.style && !follows(last, n) {
				a.warn(WarnNumberingGap, fmt.Sprintf("Mục %s: đánh số nhảy từ %s sang %s.", where, last.label, n.label), strp(where))
			}
			last = n
			w := where + "." + n.label
			if n.style == "-" || n.style == "+" || n.style == "•" {
				w = where
			}
			walk(n.children, w)
		}
	}
	for _, s := range a.sections {
		walk(s.items, s.label)
	}
}

func follows(a, b *node) bool {
	switch a.style {
	case "-", "+", "•":
		return true
	case "a)", "a.":
		return nextLetter(a.label, b.label)
	}
	pa := strings.Split(a.label, ".")
	pb := strings.Split(b.label, ".")
	if len(pa) != len(pb) {
		return true
	}
	for k := 0; k < len(pa)-1; k++ {
		if pa[k] != pb[k] {
			return atoi(pb[len(pb)-1]) == 1
		}
	}
	return atoi(pb[len(pb)-1]) == atoi(pa[len(pa)-1])+1
}

// checkDates reports dates that do not exist, once per line.
func (a *analysis) checkDates() {
	for i, l := range a.lines {
		// vntext.FindDates finds nothing without an ASCII digit.
		if i == a.hdr.dateLine || !strings.ContainsAny(l, "0123456789") {
			continue
		}
		for _, dm := range vntext.FindDates(l, a.ctxYear) {
			if dm.Err != nil {
				a.warn(WarnInvalidDate, fmt.Sprintf("Ngày \u201c%s\u201d không có thật.", dm.Text), a.lineWhere(i))
				break
			}
		}
	}
}
