// Package orgmatch matches the names of bodies as a document writes them
// ("Văn phòng Sở", "Sở LĐ-TB&XH", "UBND tỉnh") to the units of an
// organisation tree, with a score that says how sure the match is.
//
// Matching ignores case and diacritics, reads "&" as "và", expands the
// common abbreviations (UBND, HĐND, TP), compares abbreviations made of
// initials ("TN&MT" for "Tài nguyên và Môi trường") and reads "Sở" at the
// end of a unit's name as the agency itself. Scores are meant to be
// honest: 1.0 for the same name, about 0.9 for an abbreviation, low for a
// few shared words; below [Threshold] a name is left for a person to match.
package orgmatch

import (
	"sort"
	"strings"
	"unicode"

	"github.com/kehoach/kehoach/vntext"
)

// Candidate is a unit of the organisation tree.
type Candidate struct {
	ID, Name, Abbrev string
	Aliases          []string
	// ParentName is the name of the agency the unit belongs to, which
	// "Sở" in a unit's name refers to.
	ParentName string
}

// Match is a candidate with its score, from 0 to 1, and the reason in
// Vietnamese.
type Match struct {
	Candidate Candidate
	Score     float64
	Reason    string
}

// Threshold is the lowest score [Best] accepts.
const Threshold = 0.6

// Best returns the best match for name, and false when no candidate
// reaches [Threshold] or when two candidates are too close to choose.
func Best(name string, cands []Candidate) (Match, bool) {
	r := Rank(name, cands, 2)
	if len(r) == 0 {
		return Match{}, false
	}
	if r[0].Score < Threshold {
		return r[0], false
	}
	if len(r) > 1 && r[0].Score < 0.9 && r[0].Score-r[1].Score < 0.05 {
		return r[0], false
	}
	return r[0], true
}

// Rank returns up to n candidates with a score above zero, best first
// (n <= 0 means all).
func Rank(name string, cands []Candidate, n int) []Match {
	q := analyse(name)
	var out []Match
	for _, c := range cands {
		s, why := score(name, q, c)
		if s > 0 {
			out = append(out, Match{Candidate: c, Score: s, Reason: why})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// expansions are abbreviations common enough to read as the words.
var expansions = map[string][]string{
	"ubnd": {"uy", "ban", "nhan", "dan"}, "hdnd": {"hoi", "dong", "nhan", "dan"}, "tp": {"thanh", "pho"},
	"ubmttq": {"uy", "ban", "mat", "tran", "to", "quoc"}, "tx": {"thi", "xa"}, "tt": {"trung", "tam"},
	"vp": {"van", "phong"},
}

var stopWords = map[string]bool{"va": true, "cua": true, "thuoc": true, "truc": false}

// heads are words that name the kind of unit; they weigh little when
// counting shared words.
var heads = map[string]bool{"so": true, "phong": true, "ban": true, "trung": true, "tam": true, "van": false, "chi": true,
	"doan": true, "cac": true, "don": true, "vi": true, "uy": true, "nhan": true, "dan": true, "tinh": true}

// form is a name read for matching.
type form struct {
	words   []string // folded words, abbreviations expanded, "&" as "va"
	compact []string // the same, with each abbreviation kept as one token
	abbr    bool     // the name holds an abbreviation of initials
}

func analyse(s string) form {
	s = vntext.NFC(s)
	var f form
	for _, raw := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' || r == ';' || r == ':'
	}) {
		letters := 0
		upper := true
		for _, r := range raw {
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					upper = false
				}
			}
		}
		fw := vntext.Fold(raw)
		if upper && letters >= 2 {
			// An abbreviation such as "LĐ-TB&XH" or "UBND".
			tok := strings.Map(func(r rune) rune {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return r
				}
				return -1
			}, fw)
			if ex, ok := expansions[tok]; ok {
				f.words = append(f.words, ex...)
				f.compact = append(f.compact, ex...)
				continue
			}
			f.abbr = true
			f.compact = append(f.compact, "#"+tok)
			for _, part := range strings.FieldsFunc(fw, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				f.words = append(f.words, part)
			}
			continue
		}
		for _, part := range strings.FieldsFunc(strings.ReplaceAll(fw, "&", " va "), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if ex, ok := expansions[part]; ok && part != "tt" && part != "vp" && part != "tx" {
				f.words = append(f.words, ex...)
				f.compact = append(f.compact, ex...)
				continue
			}
			f.words = append(f.words, part)
			f.compact = append(f.compact, part)
		}
	}
	// Join neighbouring abbreviations: "QLVT, PT&NL" reads as one.
	var joined []string
	for _, t := range f.compact {
		if strings.HasPrefix(t, "#") && len(joined) > 0 && strings.HasPrefix(joined[len(joined)-1], "#") {
			joined[len(joined)-1] += t[1:]
			continue
		}
		joined = append(joined, t)
	}
	f.compact = joined
	return f
}

func join(ws []string) string { return strings.Join(ws, " ") }

// initials returns the first letters of the words that are not stop words.
func initials(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		if stopWords[w] || w == "" {
			continue
		}
		b.WriteString(w[:1])
	}
	return b.String()
}

// relative drops a trailing reference to the agency itself: "… Sở",
// "… của Sở", "… Sở GTVT" when GTVT abbreviates the parent.
func relative(ws []string, parent form) []string {
	for k := len(ws) - 1; k >= 1; k-- {
		if ws[k] != "so" {
			continue
		}
		rest := ws[k+1:]
		ok := len(rest) == 0
		if !ok && len(parent.words) > 1 {
			pw := parent.words[1:] // the parent's name without "Sở"
			// The parent named in full or by initials, with or without
			// its place ("Sở GTVT", "Sở Giao thông vận tải").
			for end := len(pw); end >= 2 && !ok; end-- {
				ok = join(rest) == join(pw[:end]) || join(rest) == initials(pw[:end])
			}
		}
		if ok {
			end := k
			for end > 0 && (ws[end-1] == "cua" || ws[end-1] == "thuoc") {
				end--
			}
			return ws[:end]
		}
	}
	return ws
}

func score(raw string, q form, c Candidate) (float64, string) {
	if len(q.words) == 0 {
		return 0, ""
	}
	parent := analyse(c.ParentName)
	type named struct {
		text string
		kind int // 0 name, 1 alias, 2 abbreviation
	}
	names := []named{{c.Name, 0}}
	for _, a := range c.Aliases {
		names = append(names, named{a, 1})
	}
	if c.Abbrev != "" {
		names = append(names, named{c.Abbrev, 2})
	}
	best, why := 0.0, ""
	try := func(s float64, r string) {
		if s > best {
			best, why = s, r
		}
	}
	for _, n := range names {
		if n.text == "" {
			continue
		}
		cf := analyse(n.text)
		switch {
		case vntext.FoldEqual(raw, n.text):
			try([]float64{1.0, 0.97, 0.95}[n.kind], []string{"trùng tên", "trùng tên gọi khác", "trùng tên viết tắt"}[n.kind])
			continue
		case join(q.words) == join(cf.words):
			try([]float64{0.98, 0.96, 0.94}[n.kind], "trùng tên (khác cách viết)")
			continue
		}
		qr, cr := relative(q.words, parent), relative(cf.words, parent)
		if len(qr) > 0 && join(qr) == join(cr) && (len(qr) != len(q.words) || len(cr) != len(cf.words)) {
			try(0.93, "trùng tên, \u201cSở\u201d chỉ cơ quan")
		}
		if s := abbrevScore(q, cf); s > 0 {
			try(s, "khớp chữ viết tắt")
		}
		if s := abbrevScore(cf, q); s > 0 {
			try(s-0.02, "khớp chữ viết tắt")
		}
		// The name written in full while the candidate is only an
		// abbreviation (or the reverse).
		if n.kind == 2 && initials(q.words) == strings.ReplaceAll(join(cf.words), " ", "") {
			try(0.88, "khớp chữ viết tắt của đơn vị")
		}
		if isPrefix(qr, cr) && (content(qr) >= 2 || len(qr) >= 4) {
			try(0.75, "trùng phần đầu của tên")
		}
		if s := overlap(qr, cr); s > 0 {
			try(0.7*s, "trùng một số từ")
		}
	}
	return round(best), why
}

// abbrevScore compares a name holding abbreviations (a) with a name in
// full words (b): the words before the abbreviation must agree and the
// abbreviation must be the initials of the remaining words.
func abbrevScore(a, b form) float64 {
	if !a.abbr {
		return 0
	}
	// Positions: a.compact = prefix words, "#abbr", suffix words.
	idx := -1
	for i, t := range a.compact {
		if strings.HasPrefix(t, "#") {
			if idx >= 0 {
				return 0
			}
			idx = i
		}
	}
	prefix, ab, suffix := a.compact[:idx], a.compact[idx][1:], a.compact[idx+1:]
	bw := b.words
	if len(bw) < len(prefix)+len(suffix) || join(bw[:len(prefix)]) != join(prefix) {
		return 0
	}
	if len(suffix) > 0 && join(bw[len(bw)-len(suffix):]) != join(suffix) {
		return 0
	}
	mid := bw[len(prefix) : len(bw)-len(suffix)]
	if len(mid) == 0 {
		return 0
	}
	if initials(mid) == ab {
		return 0.9
	}
	// Initials of syllable pairs ("LĐ" for "Lao động") are the usual
	// form; also accept the initials with the stop words kept.
	var all strings.Builder
	for _, w := range mid {
		all.WriteString(w[:1])
	}
	if all.String() == ab {
		return 0.88
	}
	return 0
}

func isPrefix(a, b []string) bool {
	if len(a) == 0 || len(a) >= len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func content(ws []string) int {
	n := 0
	for _, w := range ws {
		if !heads[w] && !stopWords[w] {
			n++
		}
	}
	return n
}

// overlap is the weighted Dice coefficient of the words of a and b, head
// words and stop words weighing little.
func overlap(a, b []string) float64 {
	weight := func(w string) float64 {
		switch {
		case stopWords[w]:
			return 0
		case heads[w]:
			return 0.3
		}
		return 1
	}
	count := map[string]float64{}
	var wa, wb, common float64
	for _, w := range a {
		wa += weight(w)
		count[w] += weight(w)
	}
	for _, w := range b {
		wb += weight(w)
		if count[w] > 0 {
			common += weight(w)
			count[w] -= weight(w)
		}
	}
	if wa+wb == 0 {
		return 0
	}
	return 2 * common / (wa + wb)
}

func round(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
