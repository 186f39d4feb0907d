package docparse

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kehoach/kehoach/vntext"
)

// planTypes are the types whose plan keys (period, events, duties, tasks)
// are read; the others leave them empty.
var planTypes = map[string]bool{"KH": true, "CTr": true, "PA": true, "ĐA": true, "HD": true, "": true, "QĐ": false}

func (a *analysis) extract() {
	d := a.doc
	for _, s := range a.sections {
		sec := Section{Label: s.label, Heading: s.heading, Kind: s.kind, Items: []Item{}}
		for _, n := range s.items {
			sec.Items = append(sec.Items, n.toItem())
		}
		if len(s.intro) > 0 {
			sec.Intro = strp(joinParas(s.intro))
		}
		if len(s.closing) > 0 {
			sec.Closing = strp(joinParas(s.closing))
		}
		d.Sections = append(d.Sections, sec)
	}
	a.readBasis()
	if d.Issuer == nil {
		a.issuerFromSentence()
	}
	// Year: title, else date, else basis.
	if y := titleYear(d.Title); y > 0 {
		d.Year = &y
	} else if a.hdr.year > 0 {
		y := a.hdr.year
		d.Year = &y
	} else {
		for _, b := range d.Basis {
			if b.Date != nil {
				var y int
				y = atoi((*b.Date)[:4])
				d.Year = &y
				break
			}
		}
	}
	if a.ctxYear == 0 && d.Year != nil {
		a.ctxYear = *d.Year
	}
	a.readReportTo()
	if !planTypes[d.Type] {
		return
	}
	a.readPeriod()
	a.readEvents()
	a.readDuties()
}

var (
	reCite          = lazyRE(`(\d{1,6}[a-zA-Z]?)\s*/\s*(?:((?:19|20)\d{2})\s*/\s*)?(\p{Lu}[\p{L}0-9&.]*(?:\s?[-–]\s?[\p{L}0-9&.]+)+|\p{Lu}{2,}[\p{L}]*)`)
	reBasisLead     = lazyRE(`(?i)^(căn cứ|thực hiện|triển khai|theo|trên cơ sở|tiếp theo)\s+`)
	reDocWord       = lazyRE(`(?i)^(kế hoạch|quyết định|công văn|văn bản|nghị quyết|nghị định|thông tư liên tịch|thông tư|chỉ thị|luật|bộ luật|hướng dẫn|chương trình|thông báo|kết luận|công điện|đề án|pháp lệnh|hiến pháp|báo cáo|quy chế|quy định|ý kiến chỉ đạo)(?:[\s,;.]|$)`)
	reDocWordBefore = lazyRE(`(?i)(kế hoạch|quyết định|công văn|văn bản|nghị quyết|nghị định|thông tư liên tịch|thông tư|chỉ thị|hướng dẫn|chương trình|thông báo|kết luận|công điện|đề án|báo cáo|quy chế)\s+(?:số\s*)?$`)
	reOfIssuer      = lazyRE(`(?i)\bcủa\s+(.+?)(?:\s+(?:về|phê duyệt|quy định|ban hành|hướng dẫn|triển khai|thực hiện|sửa đổi|tại|việc|kèm theo|đối với|trong|nhằm|giao|đã)(?:[\s,;.]|$)|[,;(]|\.\s|\.$|$)`)
)

var docWordCodes = map[string]string{
	"ke hoach": "KH", "quyet dinh": "QĐ", "cong van": "CV", "van ban": "CV", "nghi quyet": "NQ", "nghi dinh": "NĐ",
	"thong tu": "TT", "thong tu lien tich": "TTLT", "chi thi": "CT", "luat": "Luật", "bo luat": "Bộ luật",
	"huong dan": "HD", "chuong trinh": "CTr", "thong bao": "TB", "ket luan": "KL", "cong dien": "CĐ", "de an": "ĐA",
	"phap lenh": "Pháp lệnh", "hien phap": "Hiến pháp", "bao cao": "BC", "quy che": "QC", "quy dinh": "QyĐ",
}

// readBasis reads the documents cited by the preamble's "Căn cứ …",
// "Thực hiện …" sentences, one per clause.
func (a *analysis) readBasis() {
	for _, p := range a.preamble {
		t := p.text
		before := len(a.doc.Basis)
		a.readBasisPara(t)
		if len(a.doc.Basis) == before {
			a.doc.Preamble = append(a.doc.Preamble, t)
		}
	}
}

// readBasisPara reads the documents cited by one paragraph of the
// preamble.
func (a *analysis) readBasisPara(t string) {
	if !reBasisLead.MatchString(t) || strings.HasPrefix(fold(t), "theo de nghi") {
		return
	}
	clauses := strings.Split(t, ";")
	for _, c := range clauses {
		c = strings.TrimSpace(c)
		body := reBasisLead.ReplaceAllString(c, "")
		body = strings.TrimSpace(body)
		if body == "" {
			continue
		}
		b := Basis{Text: strings.TrimRight(c, " ;")}
		wm := reDocWord.FindStringSubmatch(body)
		cm := reCite.FindStringSubmatchIndex(body)
		if cm != nil && cm[0] >= 200 {
			cm = nil
		}
		if cm != nil {
			if m := reDocWordBefore.FindStringSubmatch(body[:cm[0]]); m != nil {
				wm = m
			}
		}
		if wm != nil {
			if code, ok := docWordCodes[fold(wm[1])]; ok {
				b.Type = strp(code)
			}
		}
		after := body
		if cm != nil {
			b.Number = strp(body[cm[2]:cm[3]])
			sym := strings.NewReplacer(" ", "", "–", "-").Replace(body[cm[6]:cm[7]])
			b.Symbol = strp(sym)
			if b.Type == nil || *b.Type == "CV" {
				t := typeFromSymbol(sym)
				if b.Type == nil || t != "CV" {
					b.Type = strp(t)
				}
			}
			after = body[cm[1]:]
		}
		if wm == nil && cm == nil {
			continue
		}
		for _, dm := range vntext.FindDates(after, 0) {
			if dm.Err == nil && dm.HasYear && dm.Date.Precision == vntext.DayPrecision {
				b.Date = strp(dm.Date.String())
				after = after[dm.End:]
				break
			}
		}
		if m := reOfIssuer.FindStringSubmatch(after); m != nil {
			is := strings.TrimSpace(m[1])
			if is != "" && len([]rune(is)) < 80 && startsUpper(is) {
				b.Issuer = strp(is)
			}
		}
		if b.Issuer == nil && cm != nil {
			// "ý kiến chỉ đạo của X tại Văn bản số …"
			if m := reOfIssuer.FindStringSubmatch(body[:cm[0]]); m != nil {
				is := strings.TrimSpace(m[1])
				if is != "" && len([]rune(is)) < 80 && startsUpper(is) {
					b.Issuer = strp(is)
				}
			}
		}
		a.doc.Basis = append(a.doc.Basis, b)
	}
}

// issueVerbs and issueObjects are the verbs of reIssues and the words
// that must follow them.
var (
	issueVerbs   = []string{"ban hành", "xây dựng", "triển khai", "hướng dẫn", "báo cáo"}
	issueObjects = []string{"Kế hoạch", "kế hoạch", "Báo cáo", "Hướng dẫn", "Chương trình", "Phương án", "Đề án", "tình hình", "kết quả", "thực hiện"}
)

// reIssues finds "<who> ban hành Kế hoạch"; its group is who.
var reIssues = lazyRE(`([^,.;:]{3,90}?)\s+(?:` + strings.Join(issueVerbs, "|") + `)\s+(?:` + strings.Join(issueObjects, "|") + `)`)

// issuerFromSentence finds the issuer in a sentence such as "Sở Giao
// thông vận tải ban hành Kế hoạch …" when the header gives none.
func (a *analysis) issuerFromSentence() {
	for _, p := range append(append([]para{}, a.preamble...), a.paras...) {
		// The matches of reIssues.FindAllStringSubmatch one by one, so
		// that the search stops at the first that names an agency. The
		// pattern has no anchors and no empty match, so searching the rest
		// of the text after a match finds the next one.
		for t := p.text; ; {
			m := findIssues(t)
			if m == nil {
				break
			}
			s := strings.TrimSpace(t[m[2]:m[3]])
			s = cutToAgency(s)
			if s != "" {
				a.doc.Issuer = strp(s)
				return
			}
			t = t[m[1]:]
		}
	}
}

// findIssues is reIssues.FindStringSubmatchIndex(t), with the search
// started where a match may start: at most 90 runes (its group) before the
// spaces ahead of the first verb followed by spaces and an object. Any
// match's verb is at or after that one, and the spaces before it start
// there or later. Without such a verb there is no match.
func findIssues(t string) []int {
	v := firstIssueVerb(t)
	if v < 0 {
		return nil
	}
	for v > 0 && isRESpace(t[v-1]) {
		v--
	}
	lo := 0
	if v > 90*utf8.UTFMax && utf8.ValidString(t) {
		lo = v - 90*utf8.UTFMax
		for lo < len(t) && !utf8.RuneStart(t[lo]) {
			lo++
		}
	}
	m := reIssues.FindStringSubmatchIndex(t[lo:])
	for i := range m {
		if m[i] >= 0 {
			m[i] += lo
		}
	}
	return m
}

// isRESpace reports whether c is in the regexp class \s.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// firstIssueVerb returns the index of the first of issueVerbs in t that
// follows a space of \s and is followed by spaces and one of issueObjects,
// or -1.
func firstIssueVerb(t string) int {
	first := -1
	for _, w := range issueVerbs {
		for from := 0; ; {
			i := strings.Index(t[from:], w)
			if i < 0 {
				break
			}
			i += from
			if first >= 0 && i >= first {
				break
			}
			if i > 0 && isRESpace(t[i-1]) && issueObjectAt(t, i+len(w)) {
				first = i
				break
			}
			from = i + 1
		}
	}
	return first
}

// issueObjectAt reports whether t at byte j holds spaces then one of
// issueObjects.
func issueObjectAt(t string, j int) bool {
	k := j
	for k < len(t) && isRESpace(t[k]) {
		k++
	}
	if k == j {
		return false
	}
	for _, o := range issueObjects {
		if strings.HasPrefix(t[k:], o) {
			return true
		}
	}
	return false
}

// cutToAgency returns the agency name at the end of s, from the word an
// agency name starts with, or "" when there is none.
func cutToAgency(s string) string {
	words := strings.Fields(s)
	for k := range words {
		cand := strings.Join(words[k:], " ")
		if startsUpper(cand) && hasPrefixAny(fold(cand), agencyStarts) && len(words)-k <= 12 {
			return cand
		}
	}
	return ""
}

var periodKeys = []string{"thoi gian", "trien khai", "thuc hien", "dien ra", "ke hoach", "to chuc"}

// readPeriod picks the implementation period: a range in a body sentence
// about timing or carrying out, else the title's range.
func (a *analysis) readPeriod() {
	type cand struct {
		r     vntext.Range
		where *string
	}
	var best *cand
	a.walkParas(func(text, where string, line int) bool {
		for _, sent := range sentences(text) {
			f := fold(sent)
			key := false
			for _, k := range periodKeys {
				if strings.Contains(f, k) {
					key = true
				}
			}
			if !key {
				continue
			}
			for _, r := range vntext.FindRanges(sent, a.ctxYear) {
				single := r.Start == r.End
				if single && !strings.Contains(f, "thoi gian") {
					continue
				}
				w := where
				if w == "" {
					w = fmt.Sprintf("dòng %d", line+1)
				}
				best = &cand{r: r, where: strp(w)}
				return false
			}
		}
		return true
	})
	if best == nil {
		for _, r := range vntext.FindRanges(a.doc.Title, a.ctxYear) {
			if r.Start != r.End {
				best = &cand{r: r}
				break
			}
		}
	}
	if best == nil {
		return
	}
	r := best.r
	p := &Period{Text: strings.TrimSpace(r.Text)}
	if r.Err == nil {
		p.Start = strp(firstDay(r.Start))
		p.End = strp(lastDay(r.End))
	}
	a.doc.Period = p
	a.periodWhere = best.where
}

func firstDay(d vntext.Date) string {
	switch d.Precision {
	case vntext.MonthPrecision:
		return fmt.Sprintf("%04d-%02d-01", d.Year, d.Month)
	case vntext.YearPrecision:
		return fmt.Sprintf("%04d-01-01", d.Year)
	}
	return d.String()
}

func lastDay(d vntext.Date) string {
	switch d.Precision {
	case vntext.MonthPrecision:
		t := vntext.Date{Year: d.Year, Month: d.Month + 1, Day: 0}
		_ = t
		days := 31
		for days > 28 && !validDate(d.Year, d.Month, days) {
			days--
		}
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, days)
	case vntext.YearPrecision:
		return fmt.Sprintf("%04d-12-31", d.Year)
	}
	return d.String()
}

var reSentence = lazyRE(`[.;!?]\s+\p{Lu}`)

// sentences splits a paragraph into sentences (and clauses after ";").
//
// It splits where reSentence matches, scanning by hand: a sentence mark,
// a run of ASCII white space (\s) and an upper-case letter (\p{Lu}) that
// starts the next sentence. The matches are the same, leftmost first and
// without overlap, as reSentence.FindAllStringIndex would give.
func sentences(t string) []string {
	var out []string
	start := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '.', ';', '!', '?':
		default:
			continue
		}
		j := i + 1
		for j < len(t) && isASCIISpace(t[j]) {
			j++
		}
		if j == i+1 || j == len(t) {
			continue
		}
		r, n := utf8.DecodeRuneInString(t[j:])
		if !unicode.Is(unicode.Lu, r) {
			continue
		}
		out = append(out, t[start:i+1])
		start = j
		i = j + n - 1
	}
	out = append(out, t[start:])
	return out
}

// isASCIISpace reports whether c is in the regexp class \s ([\t\n\f\r ]).
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// walkParas calls fn with each item's text and its place ("II.3"), then
// with section texts, in document order; fn returns false to stop.
func (a *analysis) walkParas(fn func(text, where string, line int) bool) {
	for _, s := range a.sections {
		for _, p := range s.intro {
			if !fn(p.text, s.label, p.line) {
				return
			}
		}
		var walk func(ns []*node, prefix string) bool
		walk = func(ns []*node, prefix string) bool {
			for _, n := range ns {
				w := prefix + "." + n.label
				if n.style == "-" || n.style == "+" || n.style == "•" {
					w = prefix
				}
				for _, p := range n.paras {
					if !fn(p.text, w, p.line) {
						return false
					}
				}
				if !walk(n.children, w) {
					return false
				}
			}
			return true
		}
		if !walk(s.items, s.label) {
			return
		}
		for _, p := range s.closing {
			if !fn(p.text, s.label, p.line) {
				return
			}
		}
	}
	if len(a.sections) == 0 {
		for _, p := range a.paras {
			if reBasisLead.MatchString(p.text) && strings.HasPrefix(fold(p.text), "can cu") {
				continue
			}
			if !fn(p.text, "", p.line) {
				return
			}
		}
	}
}

var (
	reEventNoun = lazyRE(`(Lễ|Hội nghị|Hội thảo|Hội thi|Cuộc thi|Diễn đàn|Tọa đàm|Toạ đàm|Ngày hội|Hội diễn|Liên hoan|Lớp tập huấn|Lớp bồi dưỡng|Hội chợ|Giải|Đại hội|Chương trình|Triển lãm|Buổi|Phiên)\s+\S`)
	reEventEnd  = lazyRE(`\s*(?:\(|,|;|\.\s|\.$| dự kiến| được tổ chức| sẽ | tổ chức| vào ngày| diễn ra| khai mạc|$)`)
	rePlaceAt   = lazyRE(`^[\s,]*(?:\(?[^()]{0,20}\)?)?\s*,?\s*tại\s+`)
	rePlaceEnd  = lazyRE(`\)|;|\.\s|\.$|$`)
	reTrigger   = lazyRE(`(?i)tổ chức|diễn ra|khai mạc|dự kiến`)
	// eventNouns are the words of reEventNoun, for a quick check before it.
	eventNouns = []string{"Lễ", "Hội nghị", "Hội thảo", "Hội thi", "Cuộc thi", "Diễn đàn", "Tọa đàm", "Toạ đàm", "Ngày hội", "Hội diễn",
		"Liên hoan", "Lớp tập huấn", "Lớp bồi dưỡng", "Hội chợ", "Giải", "Đại hội", "Chương trình", "Triển lãm", "Buổi", "Phiên"}
)

// containsAny reports whether s contains one of the words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// readEvents finds dated events: an event noun ("Lễ …", "Hội nghị …")
// followed in its sentence by "tổ chức/diễn ra … ngày …".
func (a *analysis) readEvents() {
	a.walkParas(func(text, where string, line int) bool {
		for _, sent := range sentences(text) {
			if !strings.ContainsAny(sent, "0123456789") {
				continue // an event needs a date
			}
			if !containsAny(sent, eventNouns) {
				continue // reEventNoun cannot match
			}
			for _, m := range reEventNoun.FindAllStringIndex(sent, -1) {
				rest := sent[m[0]:]
				dates := vntext.FindDates(rest, a.ctxYear)
				if len(dates) == 0 || dates[0].Date.Precision != vntext.DayPrecision || dates[0].Start > 220 {
					continue
				}
				between := rest[:dates[0].Start]
				if !reTrigger.MatchString(between) && !reTrigger.MatchString(sent[max(0, m[0]-40):m[0]]) {
					continue
				}
				nameEnd := reEventEnd.FindStringIndex(rest[1:])
				name := rest
				if nameEnd != nil {
					name = rest[:nameEnd[0]+1]
				}
				name = strings.TrimSpace(name)
				if len([]rune(name)) < 4 || len([]rune(name)) > 150 {
					continue
				}
				ev := Event{Name: name, Tentative: strings.Contains(fold(between), "du kien")}
				if dates[0].Err == nil {
					ev.Date = strp(dates[0].Date.String())
				}
				after := rest[dates[0].End:]
				if pm := rePlaceAt.FindStringIndex(after); pm != nil {
					pl := after[pm[1]:]
					if e := rePlaceEnd.FindStringIndex(pl); e != nil {
						pl = pl[:e[0]]
					}
					pl = strings.TrimSpace(strings.TrimRight(pl, " ,."))
					if pl != "" {
						ev.Place = strp(pl)
					}
				}
				a.doc.Events = append(a.doc.Events, ev)
				break
			}
		}
		return true
	})
}

// orgHeads are the words a body's name starts with, in lowercase with
// their diacritics ("phường" is a ward, "phương tiện" is not).
var orgHeads = []string{
	"sở", "phòng", "văn phòng", "ban", "trung tâm", "ubnd", "ủy ban", "uỷ ban", "hđnd", "hội đồng", "thanh tra", "chi đoàn",
	"công đoàn", "đoàn", "hội", "trưởng", "phó trưởng", "giám đốc", "phó giám đốc", "chủ tịch", "phó chủ tịch", "các", "đơn vị",
	"bộ", "cục", "chi cục", "tổng cục", "công an", "viện", "bệnh viện", "tổ", "đội", "kho bạc", "bảo hiểm", "đài", "báo",
	"bộ chỉ huy", "lãnh đạo", "thủ trưởng", "chánh văn phòng", "chánh thanh tra", "tỉnh đoàn", "mặt trận", "công ty",
	"chi nhánh", "trạm", "hạt", "ngành", "ubmttq", "cơ quan", "thành viên", "cán bộ", "trang thông tin", "cổng thông tin",
	"tỉnh ủy", "tỉnh uỷ", "huyện ủy", "đảng ủy", "quận", "huyện", "xã", "phường", "thị xã", "thành phố", "tỉnh", "mỗi",
	"từng", "người đứng đầu", "kế toán", "thư viện", "bảo tàng", "nhà văn hóa", "nhà trường", "trường", "học viện",
	"kiểm lâm", "bộ phận", "liên đoàn", "quỹ", "ngân hàng", "tòa án", "viện kiểm sát", "bch", "ub", "bql", "tt", "tổng công ty",
}

// notOrg are phrases that start like a body's name but are not one.
var notOrg = []string{
	"xã hội", "tổ chức", "ban hành", "đoàn kết", "hội nghị", "hội thảo", "hội thi", "hội diễn", "trường hợp", "đội ngũ",
	"sở hữu", "phòng, chống", "phòng chống", "phòng ngừa", "phòng tránh", "bộ máy", "ban đầu", "cục bộ", "các nội dung",
	"các hoạt động", "các nhiệm vụ", "các văn bản", "các chỉ tiêu", "các quy định", "các giải pháp", "các chương trình",
	"các kế hoạch", "các biện pháp", "các vấn đề", "các lớp", "các hình thức", "các chế độ", "các điều kiện", "tổ chức",
	"đài truyền", "các ngày", "các tháng", "các năm", "các đợt", "các vụ", "các trường hợp", "các mô hình",
}

func isOrgName(s string) bool {
	l := strings.ToLower(strings.TrimSpace(strings.TrimLeft(s, "-–+• ")))
	for _, n := range notOrg {
		if startsWord(l, n) {
			return false
		}
	}
	for _, h := range orgHeads {
		if startsWord(l, h) {
			return true
		}
	}
	return false
}

// startsWord reports whether l is w or starts with w followed by a space
// or a comma.
func startsWord(l, w string) bool {
	return strings.HasPrefix(l, w) && (len(l) == len(w) || l[len(w)] == ' ' || l[len(w)] == ',')
}

// splitHeads may start a second body after "và"; place words are left
// out so that "Lao động - Thương binh và Xã hội" stays whole.
func splitHead(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"xã", "phường", "quận", "huyện", "tỉnh ", "thành phố", "thị xã", "đào tạo", "truyền thông", "môi trường"} {
		if strings.HasPrefix(l, p) && !strings.HasPrefix(l, "tỉnh đoàn") && !strings.HasPrefix(l, "tỉnh ủy") {
			return false
		}
	}
	return isOrgName(s)
}

// splitActors splits a list of bodies on commas and "và" where each part
// names a body of its own ("Sở Lao động - Thương binh và Xã hội" stays whole).
func splitActors(s string) []string {
	s = strings.TrimSpace(strings.Trim(s, " ,;:."))
	var parts []string
	for _, c := range strings.Split(s, ",") {
		sub := strings.Split(c, " và ")
		acc := strings.TrimSpace(sub[0])
		for _, x := range sub[1:] {
			x = strings.TrimSpace(x)
			if splitHead(x) && isOrgName(acc) {
				parts = append(parts, acc)
				acc = x
			} else {
				acc += " và " + x
			}
		}
		parts = append(parts, acc)
	}
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if len(out) > 0 && !isOrgName(p) {
			out[len(out)-1] += ", " + p
			continue
		}
		out = append(out, p)
	}
	return out
}

// dutyVerbs end the subject of a duty sentence, folded with a leading space.
var dutyVerbs = []string{
	" co trach nhiem", " chiu trach nhiem", " chu tri", " phoi hop", " to chuc", " trien khai", " thuc hien", " theo doi",
	" huong dan", " xay dung", " tham muu", " chi dao", " don doc", " tuyen truyen", " phu trach", " duoc giao", " can cu",
	" quan triet", " bo tri", " dam bao", " kiem tra", " tong hop", " nghien cuu", " ra soat", " cung cap", " bao cao",
	" lam dau moi", " giup", " cu can bo", " ban hanh", " tiep tuc", " chu dong", " nang cao", " tang cuong", " day manh",
	" phan cong", " dang tai", " cap nhat", " van dong", " xu ly", ":", " la co quan",
}

var subjectLeads = []string{"giao cho ", "giao ", "de nghi ", "yeu cau ", "trach nhiem cua ", "ve phia "}

// dutySubject returns the bodies a duty names as its subject.
func dutySubject(text string) []string {
	first := sentences(text)[0]
	if i := strings.Index(first, "\n"); i >= 0 {
		first = first[:i]
	}
	orig, f := foldRunes(first)
	fs := string(f)
	for _, v := range dutyVerbs {
		if v = strings.TrimSpace(v); v != ":" && strings.HasPrefix(fs, v) && len(fs) > len(v) && fs[len(v)] == ' ' {
			return nil
		}
	}
	skip := 0
	for _, l := range subjectLeads {
		if strings.HasPrefix(fs, l) {
			skip = len([]rune(l))
			break
		}
	}
	best := -1
	off := byteOff(f, skip)
	for _, v := range dutyVerbs {
		idx := strings.Index(fs[off:], v)
		if idx < 0 {
			continue
		}
		pos := utf8.RuneCountInString(fs[:off+idx])
		if pos-skip >= 2 && (best < 0 || pos < best) {
			best = pos
		}
	}
	var subj string
	if best < 0 {
		// A heading that is only a name ("Sở Y tế", "Văn phòng Sở:").
		t := strings.TrimSpace(strings.TrimRight(first, ":. "))
		if len(strings.Fields(t)) <= 12 && isOrgName(t) && !strings.Contains(text[len(first):], "") {
			subj = t
		} else if len(strings.Fields(t)) <= 12 && isOrgName(t) {
			subj = t
		} else {
			return nil
		}
	} else {
		subj = string(orig[skip:best])
	}
	subj = strings.TrimSpace(strings.Trim(subj, " ,:"))
	if len(strings.Fields(subj)) > 16 || !isOrgName(subj) {
		return nil
	}
	return splitActors(subj)
}

func byteOff(r []rune, n int) int {
	if n > len(r) {
		n = len(r)
	}
	return len(string(r[:n]))
}

var rePhoiHop = lazyRE(`(?i)phối hợp\s+(?:chặt chẽ\s+)?(?:với\s+)?(.+?)(?:\s+(?:tổ chức|triển khai|thực hiện|để|trong|tham mưu|xây dựng|theo dõi|kiểm tra|hướng dẫn|tuyên truyền|rà soát|đề xuất|nghiên cứu|có liên quan tổ chức)(?:[\s,;.]|$)|[;.(]|:|$)`)

const phoiHop = "phối hợp"

// indexFold returns the index of the first byte of s where lit starts in
// any case, as (?i) of a regexp compares, or -1. lit must start with an
// ASCII letter, and each of its letters must have the same length in UTF-8
// in every case (true of Vietnamese letters, not of "k" or "s", whose fold
// orbits hold the Kelvin and long s signs).
func indexFold(s, lit string) int {
	first := lit[0] | 0x20
	for i := 0; i+len(lit) <= len(s); i++ {
		if s[i]|0x20 == first && strings.EqualFold(s[i:i+len(lit)], lit) {
			return i
		}
	}
	return -1
}

// supportOf returns the bodies a duty names after "phối hợp với".
func supportOf(text string) []string {
	first := sentences(text)[0]
	// A match starts at "phối hợp" in any case: none, no match; else the
	// search starts at the first.
	i := indexFold(first, phoiHop)
	if i < 0 {
		return nil
	}
	m := rePhoiHop.FindStringSubmatch(first[i:])
	if m == nil {
		return nil
	}
	var out []string
	for _, s := range splitActors(m[1]) {
		if isOrgName(s) && len([]rune(s)) < 100 {
			out = append(out, s)
		}
	}
	return out
}

// readDuties reads responsibilities and tasks from the organisation
// sections.
func (a *analysis) readDuties() {
	for _, s := range a.sections {
		if s.kind != "organization" {
			continue
		}
		var introActors []string
		for _, p := range s.intro {
			if act := dutySubject(p.text); len(act) > 0 {
				introActors = act
			}
		}
		for _, n := range s.items {
			where := s.label + "." + n.label
			text := n.text()
			actors := dutySubject(text)
			headingOnly := false
			if len(n.paras) > 0 {
				ft := strings.TrimRight(strings.TrimSpace(n.paras[0].text), ":.")
				headingOnly = len(actors) > 0 && len(strings.Fields(ft)) <= 14 && !strings.ContainsAny(ft, ";") && dutyVerbIndex(ft) < 0
			}
			if len(actors) == 0 {
				actors = introActors
			}
			full := text
			for _, c := range n.children {
				full = strings.TrimSpace(full + "\n\n" + c.label + ") " + c.text())
			}
			if len(actors) > 0 {
				a.doc.Responsibilities = append(a.doc.Responsibilities, Responsibility{Section: where, Actors: actors, Text: full})
			}
			if headingOnly && len(n.children) > 0 {
				for _, c := range n.children {
					a.addTask(c.text(), actors, where)
				}
				continue
			}
			if len(actors) > 0 {
				a.addTask(text, actors, where)
			}
		}
	}
}

func dutyVerbIndex(s string) int {
	f := " " + fold(s)
	for _, v := range dutyVerbs {
		if v == ":" {
			continue
		}
		if i := strings.Index(f, v); i >= 0 {
			return i
		}
	}
	return -1
}

func (a *analysis) addTask(text string, actors []string, where string) {
	t := Task{Text: text, Section: where}
	var support []string
	if len(actors) > 0 {
		t.Lead = strp(actors[0])
		support = append(support, actors[1:]...)
	}
	for _, s := range supportOf(text) {
		dup := false
		for _, x := range append(support, actors...) {
			if vntext.FoldEqual(x, s) {
				dup = true
			}
		}
		if !dup {
			support = append(support, s)
		}
	}
	t.Support = support
	t.Due = a.dueOf(text)
	a.doc.Tasks = append(a.doc.Tasks, t)
}

var dueWords = []string{"truoc", "han", "hoan thanh", "cham nhat", "den", "vao", "xong", "trong"}

// dueOf returns the first full date a duty sets as its deadline, else the
// period as written. Dates of cited documents do not count.
func (a *analysis) dueOf(text string) *string {
	for _, dm := range vntext.FindDates(headOf(text, maxDueScan), a.ctxYear) {
		before := fold(text[max(0, dm.Start-30):dm.Start])
		due := false
		for _, w := range dueWords {
			if strings.Contains(before, w) {
				due = true
			}
		}
		if due && dm.Err == nil && dm.Date.Precision == vntext.DayPrecision && dm.Date.Year > 0 {
			return strp(dm.Date.String())
		}
	}
	if a.doc.Period != nil {
		return strp(a.doc.Period.Text)
	}
	return nil
}

var reReportTo = lazyRE(`(?i)(?:gửi\s+về|gửi\s+đến|gửi\s+cho|gửi|về|cho)\s+(?:cho\s+)?(.+?)(?:\s+(?:theo|trước|để|qua|trong|chậm nhất|định kỳ|đồng thời|tổng hợp|xem xét|kèm theo|bằng|trên|hằng|hàng|vào|và\s+(?:tổ chức|thực hiện|chịu))(?:[\s,;.]|$)|[;(:]|\.\s|\.$|$)`)

// readReportTo finds the agencies results must be reported to: "báo cáo
// … gửi về X", "báo cáo kết quả về X".
func (a *analysis) readReportTo() {
	// keys[i] is the key vntext.FoldEqual compares for ReportTo[i]: the
	// fold with white space collapsed, kept so it is made once per name.
	key := func(s string) string { return strings.Join(strings.Fields(vntext.Fold(s)), " ") }
	var keys []string
	for _, x := range a.doc.ReportTo {
		keys = append(keys, key(x))
	}
	added := map[string]bool{} // names as written, whose keys are in keys
	add := func(s string) {
		s = strings.TrimSpace(strings.TrimRight(s, " ,."))
		if added[s] {
			return
		}
		added[s] = true
		k := key(s)
		for _, x := range keys {
			if x == k {
				return
			}
		}
		a.doc.ReportTo = append(a.doc.ReportTo, s)
		keys = append(keys, k)
	}
	scan := func(text string) {
		if !containsFolded(text, baoCao) {
			return // no sentence of text says "báo cáo"
		}
		for _, sent := range sentences(text) {
			orig, f := foldRunes(sent)
			for pos := indexRunes(f, baoCao, 0); pos >= 0; pos = indexRunes(f, baoCao, pos+1) {
				end := min(len(orig), pos+7+200)
				rest := string(orig[pos+7 : end])
				m := reReportTo.FindStringSubmatchIndex(rest)
				if m == nil || m[0] > 160 {
					continue
				}
				name := rest[m[2]:m[3]]
				if !isOrgName(name) || fold(name) == "cac" || strings.HasPrefix(fold(name), "tinh hinh") {
					continue
				}
				for _, s := range splitActors(name) {
					if isOrgName(s) && len([]rune(s)) < 100 {
						add(s)
					}
				}
			}
		}
	}
	a.walkParas(func(text, where string, line int) bool {
		scan(text)
		return true
	})
	if len(a.sections) > 0 {
		for _, p := range a.preamble {
			if !reBasisLead.MatchString(p.text) {
				scan(p.text)
			}
		}
	}
}

var baoCao = []rune("bao cao")

// indexRunes returns the index of needle in hay at or after from, or -1.
func indexRunes(hay, needle []rune, from int) int {
	for i := from; i+len(needle) <= len(hay); i++ {
		match := true
		for k, r := range needle {
			if hay[i+k] != r {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
