package docparse

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/kehoach/kehoach/vntext"
)

// Source is the normalised text a [Document] was read from, one entry per
// line. A warning's "dòng N" refers to Lines[N-1]. For a .docx the lines are
// its paragraphs, table rows written as "| a | b |" and layout-table cells
// one paragraph per line.
type Source struct {
	// Name is the name given to the parser.
	Name string
	// Format is "text" or "docx".
	Format string
	// Encoding is how the text was encoded: "utf-8", "utf-16", "tcvn3" or "vni".
	Encoding string
	// Lines are the normalised lines.
	Lines []string
}

// Parse reads a document, text or .docx (told apart by content, not by
// name), within [DefaultLimits]. name labels the [Source]; errors do not
// repeat it, so the caller should name the file when it reports one.
func Parse(r io.Reader, name string) (*Document, error) {
	d, _, err := ParseLimited(r, name, DefaultLimits)
	return d, err
}

// ParseWithSource is [Parse] that also returns the normalised source lines,
// so that a page can show the extracted plan beside its source.
func ParseWithSource(r io.Reader, name string) (*Document, *Source, error) {
	return ParseLimited(r, name, DefaultLimits)
}

// ParseLimited is [ParseWithSource] with explicit limits.
func ParseLimited(r io.Reader, name string, lim Limits) (*Document, *Source, error) {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultLimits.MaxBytes
	}
	data, err := readAll(r, lim.MaxBytes+1)
	if err != nil {
		return nil, nil, nameErr(name, fmt.Errorf("không đọc được tệp: %w", err))
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, nil, nameErr(name, fmt.Errorf("%w (tối đa %d MB)", ErrTooLarge, lim.MaxBytes>>20))
	}
	d, src, err := parseBytes(data, lim)
	if err != nil {
		return nil, nil, nameErr(name, err)
	}
	boundDocument(d)
	src.Name = name
	return d, src, nil
}

// ParseText parses a document given as text.
func ParseText(text string) (*Document, error) {
	if int64(len(text)) > DefaultLimits.MaxBytes {
		return nil, fmt.Errorf("%w (tối đa %d MB)", ErrTooLarge, DefaultLimits.MaxBytes>>20)
	}
	d, _, err := parseBytes([]byte(text), DefaultLimits)
	boundDocument(d)
	return d, err
}

// ParseDocx parses a .docx file of the given size.
func ParseDocx(r io.ReaderAt, size int64) (*Document, error) {
	lim := DefaultLimits
	if size > lim.MaxBytes {
		return nil, fmt.Errorf("%w (tối đa %d MB)", ErrTooLarge, lim.MaxBytes>>20)
	}
	lines, err := docxLines(r, size, lim)
	if err != nil {
		return nil, err
	}
	lines, lw := breakLongLines(lines)
	d, _ := analyseLines(lines, "docx", lw)
	boundDocument(d)
	return d, nil
}

// nameErr leaves err as it is: callers name the file themselves, as the
// command line does ("kehoach import: FILE: problem").
func nameErr(_ string, err error) error { return err }

var zipMagic = []byte("PK\x03\x04")

func parseBytes(data []byte, lim Limits) (*Document, *Source, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, ErrEmpty
	}
	if bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		lines, err := docxLines(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			return nil, nil, err
		}
		lines, lw := breakLongLines(lines)
		d, src := analyseLines(lines, "docx", lw)
		src.Encoding = "utf-8"
		return d, src, nil
	}
	text, enc, warns, err := decodeText(data)
	if err != nil {
		return nil, nil, err
	}
	lines, nw := normalizeText(text)
	warns = append(warns, nw...)
	lines, lw := breakLongLines(lines)
	warns = append(warns, lw...)
	if allBlank(lines) {
		return nil, nil, ErrEmpty
	}
	d, src := analyseLines(lines, "text", warns)
	src.Encoding = enc
	return d, src, nil
}

// decodeText turns raw bytes into a string, telling binary data apart.
func decodeText(data []byte) (string, string, []Warning, error) {
	switch {
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return "", "", nil, ErrRTF
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "", "", nil, fmt.Errorf("%w: đây là tệp PDF, hãy dùng bản .docx hoặc văn bản thuần", ErrBinary)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", "", nil, fmt.Errorf("%w: đây là tệp .doc (Word 97–2003), hãy lưu lại thành .docx", ErrBinary)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data), "utf-16", nil, nil
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		if be, ok := utf16NoBOM(data); ok {
			s := decodeUTF16Order(data, be)
			if controlRatio(s) <= 0.05 {
				return s, "utf-16", nil, nil
			}
		}
		return "", "", nil, ErrBinary
	}
	if utf8.Valid(data) {
		// The buffer is the parser's own and is never written again: the
		// text shares it instead of copying a document of up to 20 MB.
		s := unsafe.String(unsafe.SliceData(data), len(data))
		if enc, conv, ok := legacyInUnicode(s); ok {
			return conv, enc, []Warning{legacyWarning(enc)}, nil
		}
		if controlRatio(s) > 0.05 {
			return "", "", nil, ErrBinary
		}
		s, warns := legacyLines(s)
		return s, "utf-8", warns, nil
	}
	if s, warns, ok := decodeMixed(data); ok {
		if controlRatio(s) > 0.05 {
			return "", "", nil, ErrBinary
		}
		return s, "utf-8", warns, nil
	}
	if enc, conv, ok := legacyBytes(data); ok {
		if controlRatio(conv) > 0.05 {
			return "", "", nil, ErrBinary
		}
		return conv, enc, []Warning{legacyWarning(enc)}, nil
	}
	if s, ok := cp1258(data); ok && controlRatio(s) <= 0.05 {
		return s, "cp1258", []Warning{legacyWarning("cp1258")}, nil
	}
	// Mostly UTF-8 with a few broken bytes: keep it, replacing them.
	bad := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	if bad*100 > len(data) && bad > 8 {
		return "", "", nil, ErrBinary
	}
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	if controlRatio(s) > 0.05 {
		return "", "", nil, ErrBinary
	}
	return s, "utf-8", []Warning{invalidWarning(invalidLines(data))}, nil
}

func legacyWarning(enc string) Warning {
	name := encTitle(enc)
	return Warning{Code: WarnLegacyEncoding, Message: "Văn bản dùng bảng mã cũ " + name + " và đã được chuyển sang Unicode; hãy kiểm tra lại dấu tiếng Việt."}
}

func decodeUTF16(data []byte) string {
	return decodeUTF16Order(data[2:], data[0] == 0xFE)
}

// controlRatio is the share of control characters other than white space.
func controlRatio(s string) float64 {
	n, bad := 0, 0
	for _, r := range s {
		n++
		if (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f') || r == 0x7F {
			bad++
		}
		if n >= 65536 {
			break
		}
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}

var (
	reEmphStrong = lazyRE(`(\*\*|__)([^*_\s](?:[^*\n]*?[^*_\s])?)(\*\*|__)`)
	reEmphStar   = lazyRE(`(^|[^\pL\pN*\\])\*([^*\s](?:[^*\n]*?[^*\s])?)\*($|[^\pL\pN*])`)
	reEmphUnder  = lazyRE(`(^|[^\pL\pN_\\])_([^_\s](?:[^_\n]*?[^_\s])?)_($|[^\pL\pN_])`)
	reMdEscape   = lazyRE(`\\([.\-*_#()\[\]+!|>~])`)
	reMdHeading  = lazyRE(`^\s{0,3}#{1,6}\s+`)
)

var spaceReplacer = strings.NewReplacer(
	"\u00A0", " ", "\u2007", " ", "\u202F", " ", "\u3000", " ", "\u2002", " ", "\u2003", " ", "\u2009", " ",
	"\u200B", "", "\u200C", "", "\u200D", "", "\uFEFF", "", "\u00AD", "", "\u2060", "", "\f", "\n", "\v", "\n",
	"\u2028", "\n", "\u2029", "\n",
)

// isSpaceReplaced tells the characters spaceReplacer changes: a text
// without them is not copied.
func isSpaceReplaced(r rune) bool {
	switch r {
	case '\u00A0', '\u2007', '\u202F', '\u3000', '\u2002', '\u2003', '\u2009', '\u200B', '\u200C', '\u200D',
		'\uFEFF', '\u00AD', '\f', '\v', '\u2028', '\u2029', '\u2060':
		return true
	}
	return false
}

// normalizeText turns decoded text into normalised lines: literal "\r\n"
// escapes and CR line ends become newlines, the text is put in NFC, odd
// spaces become plain spaces and Markdown emphasis is removed.
func normalizeText(s string) ([]string, []Warning) {
	var warns []Warning
	if strings.Contains(s, `\r\n`) || strings.Count(s, `\n`) > strings.Count(s, "\n")+2 {
		s = strings.ReplaceAll(s, `\r\n`, "\n")
		s = strings.ReplaceAll(s, `\n`, "\n")
		s = strings.ReplaceAll(s, `\r`, "\n")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if strings.ContainsFunc(s, isSpaceReplaced) {
		s = spaceReplacer.Replace(zwspBetweenWords(s))
	}
	if !vntext.IsNFC(s) {
		s = vntext.NFC(s)
		warns = append(warns, Warning{Code: WarnNormalized, Message: "Văn bản có chữ tiếng Việt ở dạng tổ hợp (dấu tách rời) và đã được chuẩn hóa về Unicode dựng sẵn (NFC)."})
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = cleanMarkdown(strings.TrimRight(l, " \t"))
	}
	return lines, warns
}

// cleanMarkdown removes what a Markdown converter leaves around words:
// emphasis markers, heading marks and backslash escapes. Quotes stay.
func cleanMarkdown(l string) string {
	if !strings.ContainsAny(l, "*_#\\") {
		return l
	}
	// Each pattern is run only when its marker is in the line.
	if strings.Contains(l, "#") {
		l = reMdHeading.ReplaceAllString(l, "")
	}
	for range 3 {
		n := l
		if strings.Contains(n, "**") || strings.Contains(n, "__") {
			n = reEmphStrong.ReplaceAllString(n, "$2")
		}
		if strings.Contains(n, "*") {
			n = reEmphStar.ReplaceAllString(n, "$1$2$3")
		}
		if strings.Contains(n, "_") {
			n = reEmphUnder.ReplaceAllString(n, "$1$2$3")
		}
		if n == l {
			break
		}
		l = n
	}
	if !strings.Contains(l, "\\") {
		return l
	}
	l = reMdEscape.ReplaceAllString(l, "$1")
	return l
}
