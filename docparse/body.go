package docparse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	reRoman   = lazyRE(`^([IVXLC]{1,7})\s*[.)]\s*(.*)$`)
	rePart    = lazyRE(`(?i)^phần\s+(thứ\s+\pL+|[IVXLC]+|\d+)\s*[:.\-–]?\s*(.*)$`)
	reDotted  = lazyRE(`^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s*(?:[)\-–:]\s*)?(\S.*)$`)
	reNumDot  = lazyRE(`^(\d{1,2})\s*\.\s*(\D.*|)$`)
	reNumPar  = lazyRE(`^(\d{1,2})\s*\)\s*(.*)$`)
	reLetter  = lazyRE(`^([a-zđ])\s*\)\s*(.*)$`)
	reLetterD = lazyRE(`^([a-zđ])\.\s+(.*)$`)
	reBullet  = lazyRE(`^([-–—+•●▪◦·*✓])\s*(\S.*)$`)
	ordinals  = map[string]int{"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
)

// parseLabelRoman reports whether s opens a Roman-numbered section.
func parseLabelRoman(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || !isRomanDigit(s[0]) {
		return false
	}
	m := reRoman.FindStringSubmatch(s)
	return m != nil && romanValue(m[1]) > 0 && (m[2] == "" || !startsLower(m[2]))
}

// splitLabel splits the list label off a paragraph: style tells the kind
// of numbering ("R" Roman, "P" part, "N." "N)" "N2" numbers, "a)" "a."
// letters, "-" "+" "•" bullets).
//
// Every pattern is anchored at the start, so the first byte of s tells
// which of them can match; only those are tried, in the same order.
func splitLabel(s string) (style, label, rest string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", s, false
	}
	c := s[0]
	if isRomanDigit(c) {
		if m := reRoman.FindStringSubmatch(s); m != nil && romanValue(m[1]) > 0 && (m[2] == "" || !startsLower(m[2])) {
			return "R", m[1], m[2], true
		}
	}
	if c == 'P' {
		// "phần I của Kế hoạch …" in lower case continues a sentence; a
		// part's heading is written "Phần I" or "PHẦN I".
		if style, label, rest, ok := splitPart(s); ok {
			return style, label, rest, ok
		}
	}
	if '0' <= c && c <= '9' {
		if m := reDotted.FindStringSubmatch(s); m != nil && !startsDigit(m[2]) {
			return "N" + strconv.Itoa(strings.Count(m[1], ".")+1), m[1], m[2], true
		}
		if m := reNumDot.FindStringSubmatch(s); m != nil {
			return "N.", m[1], strings.TrimSpace(m[2]), true
		}
		if m := reNumPar.FindStringSubmatch(s); m != nil {
			return "N)", m[1], m[2], true
		}
	}
	if 'a' <= c && c <= 'z' || strings.HasPrefix(s, "đ") {
		if m := reLetter.FindStringSubmatch(s); m != nil {
			return "a)", m[1], m[2], true
		}
		if m := reLetterD.FindStringSubmatch(s); m != nil && startsUpper(m[2]) {
			return "a.", m[1], m[2], true
		}
	}
	if c == '-' || c == '+' || c == '*' || c >= utf8.RuneSelf {
		return splitBullet(s)
	}
	return "", "", s, false
}

// isRomanDigit reports whether c can start reRoman.
func isRomanDigit(c byte) bool {
	return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C'
}

// splitPart is splitLabel for "Phần thứ nhất", "PHẦN II".
func splitPart(s string) (style, label, rest string, ok bool) {
	if m := rePart.FindStringSubmatch(s); m != nil {
		f := fold(m[1])
		v := 0
		if strings.HasPrefix(f, "thu ") {
			v = ordinals[strings.TrimPrefix(f, "thu ")]
			if f == "thu nhat" {
				v = 1
			}
		} else if n, err := strconv.Atoi(m[1]); err == nil {
			v = n
		} else {
			v = romanValue(strings.ToUpper(m[1]))
		}
		if v > 0 && (m[2] == "" || isCaps(m[2]) || len([]rune(m[2])) < 100) {
			return "P", toRoman(v), m[2], true
		}
	}
	return "", "", s, false
}

// splitBullet is splitLabel for a bullet ("-", "+", "•", …); the ASCII
// marks of reBullet are "-", "+" and "*", the others are not ASCII.
func splitBullet(s string) (style, label, rest string, ok bool) {
	if m := reBullet.FindStringSubmatch(s); m != nil {
		b := m[1]
		switch b {
		case "–", "—":
			b = "-"
		case "●", "▪", "◦", "·", "*", "✓":
			b = "•"
		}
		return b, b, m[2], true
	}
	return "", "", s, false
}

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// buildParas joins the body lines into paragraphs: lines hard-wrapped in
// the middle of a sentence are joined, words split by a hyphen at a line
// end are mended, page numbers and rules are dropped, and table rows are
// kept out.
func (a *analysis) buildParas(from, to int) []para {
	wrapped := a.hardWrapped(from, to)
	var out []para
	// The paragraph being built; caps and length are kept as lines are
	// added so that long paragraphs do not cost quadratic time.
	var b strings.Builder
	start, runes, caps, open := 0, 0, true, false
	last := ""
	flush := func() {
		if open {
			if t := collapse(b.String()); t != "" {
				out = append(out, para{text: t, line: start})
			}
		}
		b.Reset()
		open, runes, caps, last = false, 0, true, ""
	}
	for i := from; i < to; i++ {
		t := a.trimmed(i)
		if t == "" {
			// A blank line ends a paragraph, unless it sits around a page
			// number in the middle of a sentence.
			if open && !terminal(last) && a.pageBreakAhead(i, to) {
				continue
			}
			flush()
			continue
		}
		if isRule(t) {
			flush()
			continue
		}
		if rePageNumber.MatchString(t) {
			if open && !terminal(last) {
				continue
			}
			flush()
			continue
		}
		if strings.HasPrefix(t, "|") || strings.Count(t, "|") >= 2 {
			flush()
			continue
		}
		t = strings.ReplaceAll(t, "\t", " ")
		if open && a.joins(last, caps, runes, t, wrapped) {
			if strings.HasSuffix(last, "-") && len(last) > 1 && startsLower(t) {
				r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(last, "-"))
				if unicode.IsLetter(r) {
					// A word split by a hyphen at the line end.
					s := b.String()
					b.Reset()
					b.WriteString(strings.TrimSuffix(s, "-"))
					b.WriteString(t)
					last, runes, caps = t, runes+utf8.RuneCountInString(t)-1, caps && isCaps(t)
					continue
				}
			}
			b.WriteByte(' ')
			b.WriteString(t)
			last, runes, caps = t, runes+1+utf8.RuneCountInString(t), caps && isCaps(t)
			continue
		}
		flush()
		b.WriteString(t)
		start, open, last, runes, caps = i, true, t, utf8.RuneCountInString(t), isCaps(t)
	}
	flush()
	return out
}

// pageBreakAhead reports whether the blank lines from i lead to a page
// number and then more text.
func (a *analysis) pageBreakAhead(i, to int) bool {
	for j := i; j < to && j < i+4; j++ {
		t := a.trimmed(j)
		if t == "" {
			continue
		}
		return rePageNumber.MatchString(t)
	}
	return false
}

// hardWrapped reports whether the text was wrapped at a fixed width, so
// that a line not ending a sentence continues on the next line.
func (a *analysis) hardWrapped(from, to int) bool {
	if a.format == "docx" {
		return false
	}
	cont, total := 0, 0
	for i := from; i+1 < to; i++ {
		t, n := a.trimmed(i), a.trimmed(i+1)
		if t == "" {
			continue
		}
		total++
		if n != "" && !terminal(t) && startsLower(n) {
			cont++
		}
	}
	return cont >= 3 || (total > 0 && cont*10 >= total && cont > 0)
}

// joins reports whether line next continues a paragraph whose last line
// is cur, whose text is all capitals when curCaps, and runes long.
func (a *analysis) joins(cur string, curCaps bool, runes int, next string, wrapped bool) bool {
	if terminal(cur) {
		return false
	}
	if st, _, rest, ok := splitLabel(next); ok {
		// A hard-wrapped sentence whose next line happens to start with
		// "Phần I của …" goes on; a part's heading stands alone.
		if !(st == "P" && wrapped && !strings.HasSuffix(cur, ":") && startsLower(rest)) {
			return false
		}
	}
	f := fold(next)
	if strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(f, "can cu ") || strings.HasPrefix(f, "kinh gui") {
		return false
	}
	if curCaps && !isCaps(next) {
		return false
	}
	if startsLower(next) || strings.HasSuffix(cur, "-") || strings.HasSuffix(cur, ",") || startsDigit(next) {
		return true
	}
	if curCaps && isCaps(next) && wrapped {
		return true
	}
	return wrapped && runes >= 50 && !isCaps(next)
}

// closingPhrases open the closing paragraphs of the last section.
var closingPhrases = []string{"tren day la", "trong qua trinh", "qua trinh thuc hien", "yeu cau cac", "de nghi cac", "nhan duoc ke hoach", "can cu noi dung ke hoach", "can cu ke hoach nay", "de nghi thu truong"}

func isClosingPara(t string) bool {
	f := fold(t)
	for _, p := range closingPhrases {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return strings.HasSuffix(strings.TrimSpace(t), "./.")
}

// buildSections splits the paragraphs into the preamble and the Roman
// sections (or parts, when there are no Roman sections), and each
// section into nested items.
func (a *analysis) buildSections() {
	// splitLabel is asked up to four times about each paragraph below;
	// the answers are kept so that its patterns run once per paragraph.
	type labelSplit struct {
		style, label, rest string
		ok                 bool
	}
	memo := make(map[string]labelSplit, len(a.paras))
	splitLabel := func(s string) (style, label, rest string, ok bool) {
		if l, seen := memo[s]; seen {
			return l.style, l.label, l.rest, l.ok
		}
		style, label, rest, ok = splitLabel(s)
		memo[s] = labelSplit{style, label, rest, ok}
		return style, label, rest, ok
	}
	hasRoman := false
	for _, p := range a.paras {
		if st, _, _, _ := splitLabel(p.text); st == "R" {
			hasRoman = true
			break
		}
	}
	top := "R"
	if !hasRoman {
		top = "P"
	}
	var cur *section
	var body [][]para
	for k := 0; k < len(a.paras); k++ {
		p := a.paras[k]
		st, label, rest, _ := splitLabel(p.text)
		if st == top {
			heading := strings.TrimSpace(strings.Trim(rest, ":.–- "))
			if heading == "" && k+1 < len(a.paras) && isCaps(a.paras[k+1].text) {
				heading = a.paras[k+1].text
				k++
			} else if top == "P" && k+1 < len(a.paras) && isCaps(a.paras[k+1].text) && !isCaps(heading) {
				heading = a.paras[k+1].text
				k++
			}
			cur = &section{label: label, heading: heading, line: p.line, kind: sectionKind(heading)}
			a.sections = append(a.sections, cur)
			body = append(body, nil)
			continue
		}
		if st == "P" && hasRoman {
			continue // parts grouping Roman sections are not sections themselves
		}
		if cur == nil {
			a.preamble = append(a.preamble, p)
			continue
		}
		body[len(body)-1] = append(body[len(body)-1], p)
	}
	for si, s := range a.sections {
		ps := body[si]
		// Closing: trailing unlabelled paragraphs after the last labelled
		// one, from the first that reads like a closing.
		lastLabel := -1
		for k, p := range ps {
			if _, _, _, ok := splitLabel(p.text); ok {
				lastLabel = k
			}
		}
		cut := len(ps)
		for k := lastLabel + 1; k < len(ps); k++ {
			if isClosingPara(ps[k].text) {
				cut = k
				break
			}
		}
		if lastLabel < 0 {
			// No items: the paragraphs are the section's text.
			s.intro = ps[:cut]
			s.closing = ps[cut:]
			continue
		}
		s.closing = ps[cut:]
		s.items, s.intro = nestItems(ps[:cut], splitLabel)
	}
}

// nestItems builds the item tree: a label of a style already open closes
// the items below it; a new style opens a level under the current item.
func nestItems(ps []para, splitLabel func(string) (style, label, rest string, ok bool)) (items []*node, intro []para) {
	var stack []*node
	for _, p := range ps {
		st, label, rest, ok := splitLabel(p.text)
		if !ok {
			if len(stack) == 0 {
				intro = append(intro, p)
			} else {
				top := stack[len(stack)-1]
				top.paras = append(top.paras, p)
			}
			continue
		}
		idx := -1
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].style == st {
				idx = k
				break
			}
		}
		if idx >= 0 {
			stack = stack[:idx]
		}
		n := &node{style: st, label: label}
		if strings.TrimSpace(rest) != "" {
			n.paras = append(n.paras, para{text: rest, line: p.line})
		}
		if len(stack) == 0 {
			items = append(items, n)
		} else {
			parent := stack[len(stack)-1]
			parent.children = append(parent.children, n)
		}
		stack = append(stack, n)
	}
	return items, intro
}

func sectionKind(h string) string {
	f := fold(h)
	switch {
	case strings.HasPrefix(f, "danh gia") || strings.HasPrefix(f, "ket qua"):
		return "other"
	case strings.Contains(f, "to chuc thuc hien") || strings.Contains(f, "trach nhiem") || strings.Contains(f, "phan cong"):
		return "organization"
	case strings.Contains(f, "muc dich") || strings.Contains(f, "muc tieu") || strings.Contains(f, "yeu cau") || strings.Contains(f, "quan diem"):
		return "purpose"
	case strings.Contains(f, "noi dung") || strings.Contains(f, "nhiem vu") || strings.Contains(f, "hoat dong") ||
		strings.Contains(f, "giai phap") || strings.Contains(f, "chuong trinh") || strings.Contains(f, "cong viec"):
		return "activities"
	}
	return "other"
}

func (n *node) text() string {
	if n.joinedN != len(n.paras) || n.joinedN == 0 {
		n.joined, n.joinedN = joinParas(n.paras), len(n.paras)
	}
	return n.joined
}

func (n *node) toItem() Item {
	it := Item{Label: n.label, Text: n.text(), Items: []Item{}}
	for _, c := range n.children {
		it.Items = append(it.Items, c.toItem())
	}
	return it
}

func (n *node) line() int {
	if len(n.paras) > 0 {
		return n.paras[0].line
	}
	return -1
}

// joinParas joins paragraphs by a blank line.
func joinParas(ps []para) string {
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.text
	}
	return strings.Join(texts, "\n\n")
}
