package docparse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/kehoach/kehoach/vntext"
)

// Warning codes of the encodings of a text.
const (
	WarnMixedEncoding = "mixed-encoding"
	WarnInvalidUTF8   = "invalid-utf8"
)

// rawLines splits raw text into lines as the reader will number them: at
// LF, or at CR in a text with no LF.
func rawLines(data []byte) [][]byte {
	sep := []byte("\n")
	if bytes.IndexByte(data, '\n') < 0 {
		sep = []byte("\r")
	}
	return bytes.Split(data, sep)
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func lineWord(n int) *string { return strp(fmt.Sprintf("dòng %d", n)) }

// decodeMixed reads a text that is not valid UTF-8 but has lines that are
// (with Vietnamese letters): each broken line is read in the legacy
// encoding it reads as (TCVN3, VNI), else its bad bytes are replaced, and
// the first line of each kind is named in a warning. ok is false when the
// text is not mixed.
func decodeMixed(data []byte) (text string, warns []Warning, ok bool) {
	lines := rawLines(data)
	unicodeLines, bad := 0, 0
	for _, l := range lines {
		if !utf8.Valid(l) {
			bad++
		} else if hasNonASCII(l) {
			unicodeLines++
		}
	}
	if bad == 0 || unicodeLines == 0 {
		return "", nil, false
	}
	out := make([]string, len(lines))
	legacyFirst, legacyN, enc := 0, 0, ""
	invalidFirst, invalidN := 0, 0
	for i, l := range lines {
		switch {
		case utf8.Valid(l):
			out[i] = string(l)
		default:
			if e, conv, ok := legacyBytes(l); ok {
				out[i] = conv
				legacyN++
				if legacyFirst == 0 {
					legacyFirst, enc = i+1, e
				}
				continue
			}
			out[i] = strings.ToValidUTF8(string(l), "\uFFFD")
			invalidN++
			if invalidFirst == 0 {
				invalidFirst = i + 1
			}
		}
	}
	if legacyN > 0 {
		warns = append(warns, Warning{Code: WarnMixedEncoding, Where: lineWord(legacyFirst),
			Message: fmt.Sprintf("Văn bản trộn hai bảng mã: phần lớn là Unicode nhưng từ dòng %d có %d dòng dùng bảng mã cũ %s, đã được chuyển sang Unicode; hãy kiểm tra lại dấu tiếng Việt ở các dòng đó.", legacyFirst, legacyN, encTitle(enc))})
	}
	if invalidN > 0 {
		warns = append(warns, invalidWarning(invalidFirst, invalidN))
	}
	return strings.Join(out, "\n"), warns, true
}

func encTitle(enc string) string {
	if n := map[string]string{"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}[enc]; n != "" {
		return n
	}
	return enc
}

func invalidWarning(first, n int) Warning {
	return Warning{Code: WarnInvalidUTF8, Where: lineWord(first),
		Message: fmt.Sprintf("Dòng %d (và tổng cộng %d dòng) có byte không hợp lệ trong bảng mã UTF-8, đã được thay bằng dấu “�”; hãy kiểm tra lại chữ ở các dòng đó hoặc lưu lại tệp bằng Unicode (UTF-8).", first, n)}
}

// invalidLines finds the first line with bytes that are not UTF-8 and how
// many lines have some.
func invalidLines(data []byte) (first, n int) {
	for i, l := range rawLines(data) {
		if !utf8.Valid(l) {
			n++
			if first == 0 {
				first = i + 1
			}
		}
	}
	return first, n
}

// legacyLines repairs, in a valid UTF-8 text that is Unicode as a whole,
// the lines that are TCVN3 or VNI read as Windows-1252 ("KÕ ho¹ch"), and
// names the first in a warning.
func legacyLines(s string) (string, []Warning) {
	// Such lines have letters of Latin-1 (two bytes in UTF-8, led by
	// 0xC2 or 0xC3).
	if strings.IndexByte(s, 0xC2) < 0 && strings.IndexByte(s, 0xC3) < 0 {
		return s, nil
	}
	lines := strings.Split(s, "\n")
	first, n, enc := 0, 0, ""
	for i, l := range lines {
		if e, conv, ok := legacyInUnicode(l); ok {
			lines[i] = conv
			n++
			if first == 0 {
				first, enc = i+1, e
			}
		}
	}
	if n == 0 {
		return s, nil
	}
	return strings.Join(lines, "\n"), []Warning{{Code: WarnMixedEncoding, Where: lineWord(first),
		Message: fmt.Sprintf("Văn bản trộn hai bảng mã: phần lớn là Unicode nhưng từ dòng %d có %d dòng dùng bảng mã cũ %s, đã được chuyển sang Unicode; hãy kiểm tra lại dấu tiếng Việt ở các dòng đó.", first, n, encTitle(enc))}}
}

// utf16NoBOM tells UTF-16 text without a byte order mark by its zero
// bytes: most characters of a Vietnamese text are ASCII, whose high byte
// is zero, so one byte in two is zero, always at the same parity.
func utf16NoBOM(data []byte) (be, ok bool) {
	head := data[:min(len(data), 8192)&^1]
	if len(head) < 8 {
		return false, false
	}
	var zeroEven, zeroOdd int
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				zeroEven++
			} else {
				zeroOdd++
			}
		}
	}
	half := len(head) / 2
	switch {
	case zeroOdd*10 > half*4 && zeroEven*20 < half:
		return false, true
	case zeroEven*10 > half*4 && zeroOdd*20 < half:
		return true, true
	}
	return false, false
}

func decodeUTF16Order(data []byte, be bool) string {
	u := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if be {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u))
}

// cp1258 reads bytes as Windows-1258 (Vietnamese Windows, with tone marks
// as combining characters) when they read as Vietnamese that way.
func cp1258(data []byte) (string, bool) {
	s, err := charmap.Windows1258.NewDecoder().String(string(data))
	if err != nil {
		return "", false
	}
	s = vntext.NFC(s)
	letters, viet := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if strings.ContainsRune("ăâđêôơưĂÂĐÊÔƠƯ", r) || (r >= 0x1EA0 && r <= 0x1EF9) || strings.ContainsRune("àáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ", r) {
				viet++
			}
		}
	}
	return s, letters > 0 && viet*100 >= letters*3
}

// zwspBetweenWords turns a zero-width space between two words into a
// space ("Triển\u200bkhai" is two words); one beside a space goes.
func zwspBetweenWords(s string) string {
	const zw = "\u200B"
	if !strings.Contains(s, zw) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, zw)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+len(zw):]
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(rest)
		if i > 0 && len(rest) > 0 && !unicode.IsSpace(prev) && !unicode.IsSpace(next) && next != '\u200B' {
			b.WriteByte(' ')
		}
		s = rest
	}
}

func allBlank(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}
