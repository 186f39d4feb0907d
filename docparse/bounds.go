package docparse

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Bounds on what the analysis looks at, so that time and memory stay in
// proportion to the document whatever its shape.
const (
	// maxDueScan is how much of a task's text is searched for its
	// deadline: a deadline is written near the start of a duty.
	maxDueScan = 16 << 10
	// maxLineBytes is the longest line kept whole; a longer one (a text
	// without line breaks) is broken at a space before the limit.
	maxLineBytes = 16 << 10
)

// headOf is the start of s of at most n bytes, cut between runes.
func headOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// breakLongLines breaks every line longer than maxLineBytes at a space
// before the limit (or between runes when there is none) and warns once,
// naming the first such line.
func breakLongLines(lines []string) ([]string, []Warning) {
	first := -1
	for i, l := range lines {
		if len(l) > maxLineBytes {
			first = i
			break
		}
	}
	if first < 0 {
		return lines, nil
	}
	out := append([]string(nil), lines[:first]...)
	for _, l := range lines[first:] {
		for len(l) > maxLineBytes {
			cut := headOf(l, maxLineBytes)
			if sp := strings.LastIndexByte(cut, ' '); sp > maxLineBytes/2 {
				cut = cut[:sp]
			}
			out = append(out, cut)
			l = strings.TrimLeft(l[len(cut):], " ")
		}
		out = append(out, l)
	}
	return out, []Warning{{Code: WarnLongLine, Where: strp(fmt.Sprintf("dòng %d", first+1)),
		Message: fmt.Sprintf("Dòng %d dài quá %d KB, không có chỗ xuống dòng; văn bản đã được ngắt thành nhiều dòng để đọc, hãy kiểm tra lại cấu trúc.", first+1, maxLineBytes>>10)}}
}

// Warning codes of the reading of the input.
const (
	WarnLongLine = "long-line"
)

// Bounds on the texts of a [Document].
const (
	// maxTitleRunes is the longest title kept, as the plan's form allows.
	maxTitleRunes = 500
	// maxFieldBytes is the longest text kept in one field of the
	// document (an item, a task, a basis); the source keeps all of it.
	maxFieldBytes = 16 << 10
)

// Warning codes of the bounds of a document.
const (
	WarnMissingTitle = "missing-title"
	WarnLongTitle    = "long-title"
	WarnLongText     = "long-text"
)

// boundDocument checks the title and cuts every over-long text of d, so
// that what is kept and shown of a document stays small whatever its
// source, and says so in a warning.
func boundDocument(d *Document) {
	if d == nil {
		return
	}
	d.Title = strings.Map(func(r rune) rune {
		if r == '\u2060' || r == '\uFEFF' || r == '\u200B' || r == '\u200C' || r == '\u200D' {
			return -1
		}
		return r
	}, d.Title)
	if n := utf8.RuneCountInString(d.Title); n > maxTitleRunes {
		d.Warnings = append(d.Warnings, Warning{Code: WarnLongTitle,
			Message: fmt.Sprintf("Trích yếu dài %d ký tự, quá %d ký tự: có thể văn bản không tách được phần tên; chỉ giữ %d ký tự đầu, hãy sửa lại.", n, maxTitleRunes, maxTitleRunes)})
		d.Title = strings.TrimSpace(string([]rune(d.Title)[:maxTitleRunes]))
	} else if strings.TrimSpace(d.Title) == "" {
		d.Warnings = append(d.Warnings, Warning{Code: WarnMissingTitle, Message: "Không tìm thấy trích yếu (tên) của văn bản; hãy nhập tên kế hoạch."})
	}
	long := ""
	cut := func(s *string, where string) {
		if len(*s) > maxFieldBytes {
			*s = headOf(*s, maxFieldBytes) + "…"
			if long == "" {
				long = where
			}
		}
	}
	for i := range d.Basis {
		cut(&d.Basis[i].Text, "")
	}
	var items func(label string, it []Item)
	items = func(label string, it []Item) {
		for i := range it {
			cut(&it[i].Text, label+"."+it[i].Label)
			items(label+"."+it[i].Label, it[i].Items)
		}
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		cut(&s.Heading, s.Label)
		if s.Closing != nil {
			cut(s.Closing, s.Label)
		}
		items(s.Label, s.Items)
	}
	for i := range d.Responsibilities {
		cut(&d.Responsibilities[i].Text, d.Responsibilities[i].Section)
	}
	for i := range d.Tasks {
		cut(&d.Tasks[i].Text, d.Tasks[i].Section)
	}
	if long != "" || len(d.Title) > maxFieldBytes {
		w := Warning{Code: WarnLongText, Message: fmt.Sprintf("Có đoạn văn dài quá %d KB (có thể do văn bản mất đánh số mục); chỉ giữ phần đầu của đoạn đó, văn bản gốc vẫn giữ đủ.", maxFieldBytes>>10)}
		if long != "" {
			w.Where = strp(long)
		}
		d.Warnings = append(d.Warnings, w)
	}
}

// readAll reads at most limit bytes of r into one buffer of the right size
// when r knows its size (a file), instead of growing one by doubling.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			var buf bytes.Buffer
			buf.Grow(int(min(fi.Size(), limit)) + 512)
			_, err := buf.ReadFrom(io.LimitReader(r, limit))
			return buf.Bytes(), err
		}
	}
	return io.ReadAll(io.LimitReader(r, limit))
}
