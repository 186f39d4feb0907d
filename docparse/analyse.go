package docparse

import (
	"fmt"
	"strings"
)

// para is a paragraph of the body, with the source line it starts on.
type para struct {
	text string
	line int // 0-based index into the source lines
}

// analysis carries the state of one parse.
type analysis struct {
	lines  []string
	format string
	doc    *Document
	hdr    headerInfo
	// body paragraphs and their parts
	paras       []para
	preamble    []para
	sections    []*section
	bodyEnd     int
	annexStart  int
	ctxYear     int
	periodWhere *string
	// tableTasks is set when a task table listed the plan's tasks.
	tableTasks bool
}

type section struct {
	label, heading, kind string
	line                 int
	intro                []para
	items                []*node
	closing              []para
}

type node struct {
	style, label string
	paras        []para
	children     []*node
	// joined is text() of the first joinedN paras: the parts of a
	// document share one copy of a long item's text.
	joined  string
	joinedN int
}

var reBodyOpener = lazyRE(`(?i)^(căn cứ|thực hiện|kính gửi|theo |xét |trên cơ sở|nhằm|để |phần thứ|phần [ivx\d]+\b|điều \d|chương [ivx\d]+\b)`)

func analyseLines(lines []string, format string, warns []Warning) (*Document, *Source) {
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	a := &analysis{lines: lines, format: format, doc: &Document{}}
	a.doc.Warnings = append(a.doc.Warnings, warns...)
	a.run()
	finalize(a.doc)
	return a.doc, &Source{Format: format, Lines: lines, Encoding: "utf-8"}
}

func (a *analysis) trimmed(i int) string { return strings.TrimSpace(a.lines[i]) }

func (a *analysis) run() {
	n := len(a.lines)
	limit := min(n, 80)
	// The type-name line, if any, ends the header.
	ti := -1
	for i := 0; i < limit; i++ {
		t := a.trimmed(i)
		if t == "" {
			continue
		}
		if c := typeLine(t); c != "" {
			ti = i
			a.doc.Type = c
			break
		}
		if reBodyOpener.MatchString(t) && !isCaps(t) || parseLabelRoman(t) {
			break
		}
	}
	hEnd := 0
	if ti >= 0 {
		hEnd = ti
	} else {
		hEnd = a.headerEndWithoutType(limit)
	}
	a.hdr = parseHeader(a.lines, 0, hEnd, 0)
	h := a.hdr
	if h.hasNumber && h.number != "" {
		a.doc.Number = strp(h.number)
	}
	if h.hasSymbol && h.symbol != "" {
		a.doc.Symbol = strp(h.symbol)
	}
	if h.place != "" {
		a.doc.Place = strp(h.place)
	}
	if h.date != "" {
		a.doc.Date = strp(h.date)
	}
	if h.issuer != "" {
		a.doc.Issuer = strp(h.issuer)
	}
	if h.parent != "" {
		a.doc.ParentIssuer = strp(h.parent)
	}
	if h.invalidDate != "" {
		a.warn(WarnInvalidDate, fmt.Sprintf("Ngày ban hành %s không có thật.", h.invalidDate), a.lineWhere(h.dateLine))
	}
	if a.doc.Type == "" {
		switch {
		case a.doc.Symbol != nil:
			a.doc.Type = typeFromSymbol(*a.doc.Symbol)
		case h.summary != "":
			a.doc.Type = "CV"
		}
	}
	// Title.
	bodyStart := hEnd
	if ti >= 0 {
		a.doc.Title, bodyStart = a.readTitle(ti+1, false)
	} else if h.summary != "" {
		a.doc.Title = h.summary
	} else {
		a.doc.Title, bodyStart = a.readTitle(hEnd, true)
	}
	if a.doc.Title == "" && h.summary != "" {
		a.doc.Title = h.summary
	}
	a.ctxYear = a.guessYear()
	// Body, closing block and annex.
	a.findBodyEnd(bodyStart)
	a.paras = a.buildParas(bodyStart, a.bodyEnd)
	a.buildSections()
	a.extract()
	a.readClosing()
	a.readAnnex()
	a.readActivities()
	a.checks()
}

// headerEndWithoutType finds where a header without a type-name line
// ends: at "Kính gửi", or after the last line that looks like a header.
func (a *analysis) headerEndWithoutType(limit int) int {
	last := -1
	for i := 0; i < min(limit, 30); i++ {
		t := a.trimmed(i)
		if t == "" {
			continue
		}
		f := fold(t)
		if strings.HasPrefix(f, "kinh gui") {
			return i
		}
		if reBodyOpener.MatchString(t) && !isCaps(t) || parseLabelRoman(t) || len([]rune(t)) > 200 {
			break
		}
		if strings.Contains(t, "|") || reSo.MatchString(t) || reBareSo.MatchString(t) || reDateLine.MatchString(t) ||
			reDateLineN.MatchString(t) || reMotto.MatchString(f) || isRule(t) || reVv.MatchString(t) ||
			strings.HasPrefix(f, "so:") || f == "so" {
			last = i
		}
	}
	if last < 0 {
		return 0
	}
	// A header whose last cell ends on the next line ("Số:" then the number).
	return last + 1
}

// readTitle reads the summary lines from line i. capsOnly is for documents
// without a type line, whose title is the capitalised lines after the header.
func (a *analysis) readTitle(i int, capsOnly bool) (string, int) {
	n := len(a.lines)
	for i < n && a.trimmed(i) == "" {
		i++
	}
	var parts []string
	caps := false
	for ; i < n && len(parts) < 6; i++ {
		t := a.trimmed(i)
		if t == "" || isRule(t) {
			if len(parts) > 0 {
				if isRule(t) {
					i++
				}
				break
			}
			continue
		}
		t = strings.TrimSpace(reTrailingRule.ReplaceAllString(t, ""))
		f := fold(t)
		if reBodyOpener.MatchString(t) && !isCaps(t) || parseLabelRoman(t) || strings.HasPrefix(f, "kinh gui") {
			break
		}
		if _, _, _, ok := splitLabel(t); ok {
			break
		}
		if len(parts) == 0 {
			caps = isCaps(t)
			if capsOnly && !caps {
				break
			}
		} else {
			if caps && !isCaps(t) {
				break
			}
			if !caps && startsUpper(t) && (len([]rune(t)) > 90 || terminal(t)) {
				break
			}
			if terminal(parts[len(parts)-1]) {
				break
			}
			if a.hdr.issuer != "" && fold(a.hdr.issuer) == f {
				break
			}
			if caps && (strings.HasPrefix(f, "uy ban nhan dan") || strings.HasPrefix(f, "chu tich") || strings.HasPrefix(f, "giam doc") || strings.HasPrefix(f, "bo truong")) {
				break
			}
		}
		parts = append(parts, t)
	}
	title := collapse(strings.Join(parts, " "))
	title = strings.TrimRight(title, " ")
	return title, i
}

// guessYear returns the year the document is about, for dates written
// without one: the title's year, else the issue date's.
func (a *analysis) guessYear() int {
	if y := titleYear(a.doc.Title); y > 0 {
		return y
	}
	return a.hdr.year
}

var reYear = lazyRE(`(?:^|[^\d/.])((?:19|20)\d{2})(?:$|[^\d/])`)
var reNamYear = lazyRE(`(?i)năm\s+((?:19|20)\d{2})\b`)

func titleYear(t string) int {
	var y int
	if m := reNamYear.FindStringSubmatch(t); m != nil {
		y = atoi(m[1])
		return y
	}
	if m := reYear.FindStringSubmatch(t); m != nil {
		y = atoi(m[1])
	}
	return y
}

var reAuthority = lazyRE(`^(KT|TM|TL|TUQ|T/M|K/T|T/L|T\.M|K\.T|T\.L)\s*[.:]?\s+(\p{Lu}.*)$`)

func isAuthorityLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || s[0] != 'K' && s[0] != 'T' {
		return false // reAuthority cannot match
	}
	m := reAuthority.FindStringSubmatch(s)
	return m != nil && isCaps(m[2])
}

// findBodyEnd sets where the body ends (the closing block starts) and
// where the annex starts.
func (a *analysis) findBodyEnd(from int) {
	n := len(a.lines)
	a.bodyEnd, a.annexStart = n, n
	end := n
	for i := from; i < n; i++ {
		t := a.trimmed(i)
		if t == "" {
			continue
		}
		frags, _ := splitColumns(a.lines[i])
		hit := false
		for _, f := range frags {
			ff := fold(f)
			if strings.HasPrefix(ff, "noi nhan") || isAuthorityLine(f) {
				hit = true
			}
		}
		if hit {
			end = i
			break
		}
		if strings.HasSuffix(t, "./.") || strings.HasSuffix(t, "/.") && strings.HasSuffix(strings.TrimSuffix(t, "/."), ".") {
			end = i + 1
			break
		}
		if a.isAnnexStart(i) {
			end = i
			break
		}
	}
	if end == n {
		end = a.tailSigner(from)
	}
	a.bodyEnd = end
	for i := end; i < n; i++ {
		if a.isAnnexStart(i) {
			a.annexStart = i
			// A capitalised annex title just above "(Kèm theo …)".
			for j := i - 1; j >= end; j-- {
				t := a.trimmed(j)
				if t == "" {
					continue
				}
				if isCaps(t) && !isAuthorityLine(t) && !looksLikeSignerTitle(t) {
					a.annexStart = j
				}
				break
			}
			break
		}
	}
}

func (a *analysis) isAnnexStart(i int) bool {
	t := strings.TrimSpace(strings.Trim(a.trimmed(i), "|"))
	f := fold(t)
	if strings.HasPrefix(f, "phu luc") && (len([]rune(t)) < 160) && !strings.Contains(f, "kem theo ke hoach nay") {
		r := strings.TrimSpace(strings.TrimPrefix(f, "phu luc"))
		return r == "" || strings.ContainsAny(r[:1], "0123456789:ivx.-–") || isCaps(t)
	}
	return strings.HasPrefix(f, "(kem theo") || strings.HasPrefix(f, "(ban hanh kem theo")
}

// tailSigner looks for a signer block closing a document that has neither
// "Nơi nhận" nor "./.": a capitalised title followed by a name at the end.
func (a *analysis) tailSigner(from int) int {
	n := len(a.lines)
	seen := 0
	for i := n - 1; i >= from && seen < 8; i-- {
		t := a.trimmed(i)
		if t == "" {
			continue
		}
		seen++
		frags, _ := splitColumns(a.lines[i])
		for _, f := range frags {
			if looksLikeSignerTitle(f) {
				return i
			}
		}
	}
	return n
}

var signerTitleWords = []string{"giam doc", "chu tich", "truong", "bo truong", "thu truong", "chanh", "bi thu", "tong giam doc", "cuc truong", "vien truong", "hieu truong", "thu ky", "chu nhiem", "ke toan truong", "to truong", "doi truong", "chi huy truong"}

func looksLikeSignerTitle(s string) bool {
	s = strings.TrimSpace(s)
	if !isCaps(s) || len([]rune(s)) > 40 {
		return false
	}
	f := fold(s)
	if isAuthorityLine(s) {
		return true
	}
	f = strings.TrimPrefix(f, "pho ")
	f = strings.TrimPrefix(f, "q. ")
	for _, w := range signerTitleWords {
		if f == w || strings.HasPrefix(f, w+" ") {
			return true
		}
	}
	return false
}

func (a *analysis) warn(code, msg string, where *string) {
	a.doc.Warnings = append(a.doc.Warnings, Warning{Code: code, Message: msg, Where: where})
}

func (a *analysis) lineWhere(i int) *string {
	if i < 0 {
		return nil
	}
	return strp(fmt.Sprintf("dòng %d", i+1))
}

// finalize replaces nil lists by empty ones so that they encode as [].
func finalize(d *Document) {
	d.Basis = orEmpty(d.Basis)
	d.Preamble = orEmpty(d.Preamble)
	d.Sections = orEmpty(d.Sections)
	for i := range d.Sections {
		d.Sections[i].Items = fixItems(d.Sections[i].Items)
	}
	d.Events = orEmpty(d.Events)
	d.Responsibilities = orEmpty(d.Responsibilities)
	for i := range d.Responsibilities {
		d.Responsibilities[i].Actors = orEmpty(d.Responsibilities[i].Actors)
	}
	d.Tasks = orEmpty(d.Tasks)
	for i := range d.Tasks {
		d.Tasks[i].Support = orEmpty(d.Tasks[i].Support)
	}
	d.ReportTo = orEmpty(d.ReportTo)
	d.Recipients = orEmpty(d.Recipients)
	if d.Archive != nil {
		d.Archive.Holders = orEmpty(d.Archive.Holders)
	}
	d.Warnings = orEmpty(d.Warnings)
}

// orEmpty returns s, or an empty list for nil.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// fixItems returns items, never nil, with the same done to their sub-items.
func fixItems(items []Item) []Item {
	items = orEmpty(items)
	for i := range items {
		items[i].Items = fixItems(items[i].Items)
	}
	return items
}
