package vntext

//go:generate go run ./internal/gen -in testdata/legacy-encodings.json -out tables.go

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding identifies how Vietnamese text is encoded.
type Encoding int

// The encodings known to this package.
const (
	// Unicode is UTF-8 encoded Unicode, the only encoding allowed in
	// documents today (TCVN 6909:2001).
	Unicode Encoding = iota
	// TCVN3 is the 8-bit TCVN 5712:1993 (ABC) encoding used with the
	// ".Vn" fonts. Its toned capitals share the byte of the lowercase
	// letter; the capital forms were shown with a separate all-caps font.
	TCVN3
	// VNI is the VNI-Windows encoding used with the "VNI-" fonts. Many
	// letters take two bytes: the base letter followed by a diacritic
	// byte.
	VNI
)

// String returns "Unicode", "TCVN3" or "VNI".
func (e Encoding) String() string {
	switch e {
	case Unicode:
		return "Unicode"
	case TCVN3:
		return "TCVN3"
	case VNI:
		return "VNI"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// ErrUnknownEncoding is returned by ToUnicode for bytes that are neither
// valid UTF-8 nor recognisable as TCVN3 or VNI, and by Decode, DecodeString
// and Encode for an Encoding value they do not know.
var ErrUnknownEncoding = errors.New("vntext: unknown encoding")

// tables holds the lookup structures derived from legacyTable.
type tables struct {
	tcvn3Dec [256]rune
	tcvn3Enc map[rune]byte
	// tcvn3Upper maps a lowercase letter whose TCVN3 byte is shared with
	// its capital to that capital.
	tcvn3Upper map[rune]rune

	vniSingle [256]rune
	vniPair   map[uint16]rune // low byte base, high byte diacritic
	vniEnc    map[rune]uint16
}

var getTables = sync.OnceValue(func() *tables {
	t := &tables{
		tcvn3Enc:   make(map[rune]byte),
		tcvn3Upper: make(map[rune]rune),
		vniPair:    make(map[uint16]rune),
		vniEnc:     make(map[rune]uint16),
	}
	var tcvnSet, vniSet [256]bool
	byByte := make(map[byte][]rune)
	for _, e := range legacyTable {
		byByte[e.tcvn3] = append(byByte[e.tcvn3], e.r)
		t.tcvn3Enc[e.r] = e.tcvn3
		t.vniEnc[e.r] = e.vni
		if e.vni < 0x100 {
			b := byte(e.vni)
			// Prefer the lowercase letter if a byte were shared.
			if !vniSet[b] || unicode.IsLower(e.r) {
				t.vniSingle[b] = e.r
			}
			vniSet[b] = true
		} else {
			t.vniPair[e.vni] = e.r
		}
	}
	for b, rs := range byByte {
		tcvnSet[b] = true
		dec := rs[0]
		for _, r := range rs {
			if unicode.IsLower(r) {
				dec = r
			}
		}
		t.tcvn3Dec[b] = dec
		for _, r := range rs {
			if r != dec && unicode.IsUpper(r) && unicode.ToLower(r) == dec {
				t.tcvn3Upper[dec] = r
			}
		}
	}
	// Bytes that the tables do not use stand for the Latin-1 character
	// with the same value.
	for i := 0; i < 256; i++ {
		r := rune(i)
		if !tcvnSet[i] {
			t.tcvn3Dec[i] = r
			if _, ok := t.tcvn3Enc[r]; !ok {
				t.tcvn3Enc[r] = byte(i)
			}
		}
		if !vniSet[i] {
			t.vniSingle[i] = r
			if _, ok := t.vniEnc[r]; !ok {
				t.vniEnc[r] = uint16(i)
			}
		}
	}
	return t
})

// Decode converts b from encoding e to Unicode text in NFC.
//
// For Unicode, b must be valid UTF-8. For TCVN3 and VNI every byte sequence
// is accepted; bytes that the encoding does not use are read as the Latin-1
// character of the same value. Because TCVN3 has no separate bytes for toned
// capitals, Decode writes such a letter as a capital when it stands in a
// word written in capitals ("CỘNG HÒA"), or in a word such as "Ở" or "KẾ"
// whose case cannot be told by itself but whose nearest neighbouring word is
// in capitals. The first letter of a word that follows ".", "!", "?" or a
// line break is also written as a capital. Otherwise Decode writes the
// lowercase letter, so for example a capitalised "Ủy" at the very start of
// the input reads "ủy".
func Decode(b []byte, e Encoding) (string, error) {
	switch e {
	case Unicode:
		if !utf8.Valid(b) {
			return "", errors.New("vntext: invalid UTF-8")
		}
		return NFC(string(b)), nil
	case TCVN3:
		return NFC(decodeTCVN3(b, true)), nil
	case VNI:
		return NFC(decodeVNI(b)), nil
	}
	return "", fmt.Errorf("%w: %v", ErrUnknownEncoding, e)
}

func decodeTCVN3(b []byte, fixCase bool) string {
	t := getTables()
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = t.tcvn3Dec[c]
	}
	if fixCase {
		restoreCapitals(rs, t.tcvn3Upper)
	}
	return string(rs)
}

func decodeVNI(b []byte) string {
	t := getTables()
	var sb strings.Builder
	sb.Grow(len(b) * 2)
	for i := 0; i < len(b); i++ {
		if i+1 < len(b) {
			if r, ok := t.vniPair[uint16(b[i])|uint16(b[i+1])<<8]; ok {
				sb.WriteRune(r)
				i++
				continue
			}
		}
		sb.WriteRune(t.vniSingle[b[i]])
	}
	return sb.String()
}

// word case classes used by restoreCapitals.
const (
	caseUndecided = iota
	caseLower
	caseUpper
)

// restoreCapitals turns ambiguous lowercase letters (keys of upper) into
// capitals in words written in capitals.
func restoreCapitals(rs []rune, upper map[rune]rune) {
	type word struct {
		start, end int
		class      int
		amb        bool
	}
	var words []word
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			i++
			continue
		}
		w := word{start: i}
		lowers, uppers := 0, 0
		for ; i < len(rs) && unicode.IsLetter(rs[i]); i++ {
			r := rs[i]
			switch {
			case upper[r] != 0:
				w.amb = true
			case unicode.IsLower(r):
				lowers++
			case unicode.IsUpper(r):
				uppers++
			}
		}
		w.end = i
		switch {
		case lowers > 0:
			w.class = caseLower
		case uppers >= 2:
			w.class = caseUpper
		}
		words = append(words, w)
	}
	for i, w := range words {
		if !w.amb {
			continue
		}
		class := w.class
		if class == caseUndecided {
			for j := i - 1; j >= 0 && class == caseUndecided; j-- {
				class = words[j].class
			}
			for j := i + 1; j < len(words) && class == caseUndecided; j++ {
				class = words[j].class
			}
		}
		if class != caseUpper {
			// A sentence starts with a capital.
			if upper[rs[w.start]] != 0 && sentenceStart(rs, w.start) {
				rs[w.start] = upper[rs[w.start]]
			}
			continue
		}
		for k := w.start; k < w.end; k++ {
			if u := upper[rs[k]]; u != 0 {
				rs[k] = u
			}
		}
	}
}

// sentenceStart reports whether the word at index i follows the end of a
// sentence (".", "!" or "?") or a line break with text before it.
func sentenceStart(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == '\u00A0') {
		j--
	}
	if j < 0 {
		return false
	}
	switch rs[j] {
	case '.', '!', '?':
		return true
	case '\n', '\r':
		for j >= 0 && unicode.IsSpace(rs[j]) {
			j--
		}
		return j >= 0
	}
	return false
}

// Encode converts s (in any normalisation form) to encoding e. It returns
// an error naming the first character that e cannot represent. Toned
// capitals are encoded in TCVN3 with the byte of their lowercase letter.
// Encode is the inverse of Decode and is mostly useful to produce test data.
func Encode(s string, e Encoding) ([]byte, error) {
	s = NFC(s)
	switch e {
	case Unicode:
		return []byte(s), nil
	case TCVN3, VNI:
	default:
		return nil, fmt.Errorf("%w: %v", ErrUnknownEncoding, e)
	}
	t := getTables()
	out := make([]byte, 0, len(s)*2)
	for _, r := range s {
		if e == TCVN3 {
			c, ok := t.tcvn3Enc[r]
			if !ok {
				return nil, fmt.Errorf("vntext: %U %q cannot be encoded in TCVN3", r, r)
			}
			out = append(out, c)
			continue
		}
		v, ok := t.vniEnc[r]
		if !ok {
			return nil, fmt.Errorf("vntext: %U %q cannot be encoded in VNI", r, r)
		}
		out = append(out, byte(v))
		if v >= 0x100 {
			out = append(out, byte(v>>8))
		}
	}
	return out, nil
}

// mojibakeBytes recovers the bytes of legacy text that was read as
// Windows-1252 (or Latin-1) and saved as Unicode. It fails if s holds a
// character outside those two character sets.
func mojibakeBytes(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 0x100 {
			out = append(out, byte(r))
			continue
		}
		b, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// DecodeString converts s from encoding e to Unicode text in NFC. For TCVN3
// and VNI, s is taken to be legacy text that was read as Windows-1252 (or
// Latin-1) and stored as Unicode, which gives strings such as "KÕ ho¹ch"
// (TCVN3) or "Keá hoaïch" (VNI): each character is mapped back to its byte
// and the bytes are decoded as by Decode. For Unicode, s is only normalised.
func DecodeString(s string, e Encoding) (string, error) {
	if e == Unicode {
		return NFC(s), nil
	}
	if e != TCVN3 && e != VNI {
		return "", fmt.Errorf("%w: %v", ErrUnknownEncoding, e)
	}
	b, ok := mojibakeBytes(s)
	if !ok {
		return "", fmt.Errorf("vntext: text has characters outside Windows-1252 and cannot be %v read as Windows-1252", e)
	}
	return Decode(b, e)
}

// Detect guesses the encoding of raw bytes. Valid UTF-8, including plain
// ASCII and UTF-8 text with Vietnamese letters, is Unicode. Other input is
// decoded as TCVN3 and as VNI, and the result is reported when its words
// are clearly more often well-formed Vietnamese syllables than those of the
// bytes read as Windows-1252; otherwise Detect returns Unicode, meaning
// "not a legacy Vietnamese encoding" (ToUnicode then reports an error).
func Detect(b []byte) Encoding {
	if utf8.Valid(b) {
		return Unicode
	}
	return detectLegacy(b, decodeCP1252(b))
}

// DetectString guesses whether s is legacy Vietnamese text that was read as
// Windows-1252 (or Latin-1) and saved as Unicode, such as "KÕ ho¹ch" for
// "Kế hoạch" in TCVN3 or "Keá hoaïch" in VNI, and returns TCVN3 or VNI if
// so. Text with any character outside Windows-1252 (every Vietnamese letter
// such as ă, ơ, ư, đ or ệ is) is Unicode, and so is text whose words read
// as well as Vietnamese (or any other language) as they do after
// conversion. Decode such text with DecodeString.
func DetectString(s string) Encoding {
	b, ok := mojibakeBytes(s)
	if !ok {
		return Unicode
	}
	return detectLegacy(b, s)
}

func decodeCP1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			r = rune(c)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// detectLegacy compares how well the bytes read as TCVN3 and as VNI against
// the text as it stands (base).
func detectLegacy(b []byte, base string) Encoding {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return Unicode
	}
	bv, bi, _ := syllableScore(base)
	best, bestScore, bestCommon, bestValid, bestInvalid := Unicode, bv-bi, -1, 0, 0
	for _, e := range []Encoding{TCVN3, VNI} {
		var s string
		if e == TCVN3 {
			s = decodeTCVN3(b, false)
		} else {
			s = decodeVNI(b)
		}
		v, i, c := syllableScore(s)
		// A legacy reading must be better formed than the text as it
		// stands; between the two legacy readings, common syllables
		// break ties.
		if v-i > bestScore || (best != Unicode && v-i == bestScore && c > bestCommon) {
			best, bestScore, bestCommon, bestValid, bestInvalid = e, v-i, c, v, i
		}
	}
	if best == Unicode || bestValid == 0 || bestValid <= bestInvalid {
		return Unicode
	}
	return best
}

// ToUnicode converts a document's bytes to Unicode text in NFC, detecting
// the encoding, and reports the encoding found. A leading UTF-8 byte order
// mark is removed. Valid UTF-8 is returned as Unicode unless DetectString
// recognises it as legacy text that was read as Windows-1252 and saved as
// UTF-8; such text is repaired and its legacy encoding reported. Bytes that
// are not valid UTF-8 are decoded as TCVN3 or VNI when Detect recognises
// them, and otherwise ToUnicode returns an error wrapping
// ErrUnknownEncoding.
func ToUnicode(b []byte) (text string, from Encoding, err error) {
	b = trimBOM(b)
	if utf8.Valid(b) {
		s := string(b)
		if e := DetectString(s); e != Unicode {
			t, err := DecodeString(s, e)
			if err == nil {
				return t, e, nil
			}
		}
		return NFC(s), Unicode, nil
	}
	e := Detect(b)
	if e == Unicode {
		return "", Unicode, fmt.Errorf("%w: input is neither UTF-8 nor TCVN3 or VNI text", ErrUnknownEncoding)
	}
	t, err := Decode(b, e)
	return t, e, err
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}
