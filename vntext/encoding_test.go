package vntext

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters returns the 134 letters that need more than ASCII: the
// 66 lowercase vowels with a tone mark or a breve, circumflex or horn, their
// 66 capitals, and đ, Đ.
func vietnameseLetters(t *testing.T) []string {
	t.Helper()
	tones := []string{"", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"}
	var out []string
	for _, base := range []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"} {
		for _, tone := range tones {
			l := norm.NFC.String(base + tone)
			if l == base && base < "\x80" {
				continue // plain ASCII vowel
			}
			if utf8.RuneCountInString(l) != 1 {
				t.Fatalf("letter %q does not compose", l)
			}
			out = append(out, l, strings.ToUpper(l))
		}
	}
	out = append(out, "đ", "Đ")
	if len(out) != 134 {
		t.Fatalf("built %d letters, want 134", len(out))
	}
	return out
}

// mojibake returns legacy bytes as they appear when read as Windows-1252.
func mojibake(b []byte) string { return decodeCP1252(b) }

func mustEncode(t *testing.T, s string, e Encoding) []byte {
	t.Helper()
	b, err := Encode(s, e)
	if err != nil {
		t.Fatalf("Encode(%q, %v): %v", s, e, err)
	}
	return b
}

func TestTablesMatchData(t *testing.T) {
	raw, err := os.ReadFile("testdata/legacy-encodings.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Unicode []rune   `json:"unicode"`
		TCVN3   []byte   `json:"tcvn3"`
		VNI     []uint16 `json:"vni_win"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Unicode) != len(legacyTable) {
		t.Fatalf("tables.go has %d entries, data file %d: run go generate", len(legacyTable), len(d.Unicode))
	}
	for i, e := range legacyTable {
		if e.r != d.Unicode[i] || e.tcvn3 != d.TCVN3[i] || e.vni != d.VNI[i] {
			t.Errorf("entry %d: tables.go %+v, data %d %d %d: run go generate", i, e, d.Unicode[i], d.TCVN3[i], d.VNI[i])
		}
	}
	// Every entry encodes to the bytes of the data file.
	for _, e := range legacyTable {
		s := string(e.r)
		if got := mustEncode(t, s, TCVN3); !bytes.Equal(got, []byte{e.tcvn3}) {
			t.Errorf("Encode(%q, TCVN3) = % X, want %02X", s, got, e.tcvn3)
		}
		want := []byte{byte(e.vni)}
		if e.vni > 0xFF {
			want = append(want, byte(e.vni>>8))
		}
		if got := mustEncode(t, s, VNI); !bytes.Equal(got, want) {
			t.Errorf("Encode(%q, VNI) = % X, want % X", s, got, want)
		}
	}
}

func TestKnownVectors(t *testing.T) {
	tests := []struct {
		s    string
		e    Encoding
		want []byte
	}{
		{"ế", TCVN3, []byte{0xD5}},
		{"ạ", TCVN3, []byte{0xB9}},
		{"Đ", TCVN3, []byte{0xA7}},
		{"đ", TCVN3, []byte{0xAE}},
		{"Kế hoạch", TCVN3, []byte("K\xD5 ho\xB9ch")},
		{"ế", VNI, []byte{'e', 0xE1}},
		{"Ế", VNI, []byte{'E', 0xC1}},
		{"ớ", VNI, []byte{0xF4, 0xF9}},
		{"ơ", VNI, []byte{0xF4}},
		{"Đ", VNI, []byte{0xD1}},
		{"Kế hoạch", VNI, []byte("Ke\xE1 hoa\xEFch")},
	}
	for _, tt := range tests {
		t.Run(tt.e.String()+" "+tt.s, func(t *testing.T) {
			if got := mustEncode(t, tt.s, tt.e); !bytes.Equal(got, tt.want) {
				t.Errorf("Encode(%q, %v) = % X, want % X", tt.s, tt.e, got, tt.want)
			}
		})
	}
}

func TestAllLettersRoundTrip(t *testing.T) {
	letters := vietnameseLetters(t)
	for _, e := range []Encoding{TCVN3, VNI} {
		for _, l := range letters {
			t.Run(e.String()+" "+l, func(t *testing.T) {
				b := mustEncode(t, l, e)
				want := l
				lower := strings.ToLower(l)
				sharedCase := e == TCVN3 && l != lower && bytes.Equal(b, mustEncode(t, lower, e))
				if sharedCase {
					// TCVN3 has no byte for this capital: alone it
					// reads as lowercase, inside a capitalised
					// word as the capital.
					want = lower
					word := "T" + l + "T"
					if got, err := Decode(mustEncode(t, word, e), e); err != nil || got != word {
						t.Errorf("Decode(Encode(%q)) = %q, %v", word, got, err)
					}
				}
				got, err := Decode(b, e)
				if err != nil || got != want {
					t.Errorf("Decode(% X, %v) = %q, %v; want %q", b, e, got, err, want)
				}
				got, err = DecodeString(mojibake(b), e)
				if err != nil || got != want {
					t.Errorf("DecodeString(%q, %v) = %q, %v; want %q", mojibake(b), e, got, err, want)
				}
				// NFD input encodes like NFC input.
				if nb := mustEncode(t, norm.NFD.String(l), e); !bytes.Equal(nb, b) {
					t.Errorf("Encode(NFD %q) = % X, want % X", l, nb, b)
				}
			})
		}
		t.Run(e.String()+" all letters in one text", func(t *testing.T) {
			var lowers []string
			for _, l := range letters {
				if l == strings.ToLower(l) {
					lowers = append(lowers, l)
				}
			}
			text := strings.Join(lowers, " ")
			if got, err := Decode(mustEncode(t, text, e), e); err != nil || got != text {
				t.Errorf("round trip of lowercase letters = %q, %v", got, err)
			}
			caps := strings.ToUpper(strings.Join(lowers, ""))
			if got, err := Decode(mustEncode(t, caps, e), e); err != nil || got != caps {
				t.Errorf("round trip of %q = %q, %v", caps, got, err)
			}
		})
	}
}

var vietnameseSentences = []string{
	"Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023",
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	"Độc lập - Tự do - Hạnh phúc",
	"UBND TỈNH SƠN LA",
	"Tháng hành động vì trẻ em được triển khai từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2022.",
	"Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016. Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:",
	"KẾ HOẠCH",
	"Ở VIỆT NAM",
	"Phụ lục\nỦy ban nhân dân tỉnh Sơn La",
}

func TestDetectLegacy(t *testing.T) {
	for _, e := range []Encoding{TCVN3, VNI} {
		for _, s := range vietnameseSentences {
			b := mustEncode(t, s, e)
			t.Run(e.String()+" bytes "+s, func(t *testing.T) {
				if got := Detect(b); got != e {
					t.Errorf("Detect(% X) = %v, want %v", b, got, e)
				}
				text, from, err := ToUnicode(b)
				if err != nil || from != e || text != s {
					t.Errorf("ToUnicode = %q, %v, %v; want %q, %v", text, from, err, s, e)
				}
			})
			m := mojibake(b)
			t.Run(e.String()+" mojibake "+m, func(t *testing.T) {
				if got := DetectString(m); got != e {
					t.Errorf("DetectString(%q) = %v, want %v", m, got, e)
				}
				if got, err := DecodeString(m, e); err != nil || got != s {
					t.Errorf("DecodeString(%q) = %q, %v; want %q", m, got, err, s)
				}
				// The mojibake saved as UTF-8 is repaired by ToUnicode.
				text, from, err := ToUnicode([]byte(m))
				if err != nil || from != e || text != s {
					t.Errorf("ToUnicode(UTF-8 mojibake) = %q, %v, %v; want %q, %v", text, from, err, s, e)
				}
				// So is mojibake produced through Latin-1.
				latin1 := string([]rune(string(bytesToLatin1(b))))
				if got := DetectString(latin1); got != e {
					t.Errorf("DetectString(Latin-1 mojibake %q) = %v, want %v", latin1, got, e)
				}
			})
		}
	}
}

func bytesToLatin1(b []byte) []rune {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return rs
}

func TestDetectMojibakeExample(t *testing.T) {
	// "Kế hoạch" in TCVN3 read as Windows-1252.
	if got := DetectString("KÕ ho¹ch"); got != TCVN3 {
		t.Errorf("DetectString = %v, want TCVN3", got)
	}
	if got, _ := DecodeString("KÕ ho¹ch", TCVN3); got != "Kế hoạch" {
		t.Errorf("DecodeString = %q", got)
	}
	if got := DetectString("Keá hoaïch"); got != VNI {
		t.Errorf("DetectString = %v, want VNI", got)
	}
}

func TestDetectNotLegacy(t *testing.T) {
	texts := []string{
		"Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Tô Lâm và Bà Là",
		"Ông Tô",
		"Hello, world! The quick brown fox jumps over the lazy dog.",
		"Le café est très bon à Paris, n'est-ce pas ? Déjà vu, « voilà ».",
		"Größe über Mädchen für Straße; Bücher kosten 12,50 €.",
		"Señor Muñoz está aquí.",
		"Price: 50 ¢ or £30, © 2023 Acme ® — 25 °C ± 2, ½ cup, § 3 ¶ 2.",
		"São Paulo, não, coração.",
		"Số: 12/KH-SGTVT",
		"",
	}
	for _, s := range texts {
		t.Run(s, func(t *testing.T) {
			if got := Detect([]byte(s)); got != Unicode {
				t.Errorf("Detect(UTF-8) = %v, want Unicode", got)
			}
			if got := DetectString(s); got != Unicode {
				t.Errorf("DetectString = %v, want Unicode", got)
			}
			text, from, err := ToUnicode([]byte(s))
			if err != nil || from != Unicode || text != s {
				t.Errorf("ToUnicode = %q, %v, %v", text, from, err)
			}
			// The same text in Windows-1252 bytes is not taken for
			// a Vietnamese legacy encoding.
			if cp, err := charmap.Windows1252.NewEncoder().String(s); err == nil && !utf8.ValidString(cp) {
				if got := Detect([]byte(cp)); got != Unicode {
					t.Errorf("Detect(Windows-1252 bytes) = %v, want Unicode", got)
				}
				if _, _, err := ToUnicode([]byte(cp)); !errors.Is(err, ErrUnknownEncoding) {
					t.Errorf("ToUnicode(Windows-1252 bytes) error = %v, want ErrUnknownEncoding", err)
				}
			}
		})
	}
}

func TestToUnicodeBOMAndNFD(t *testing.T) {
	in := append([]byte{0xEF, 0xBB, 0xBF}, norm.NFD.String("Kế hoạch")...)
	text, from, err := ToUnicode(in)
	if err != nil || from != Unicode || text != "Kế hoạch" {
		t.Errorf("ToUnicode = %q, %v, %v", text, from, err)
	}
}

func TestEncodingErrors(t *testing.T) {
	if _, err := Encode("Kế hoạch 中", TCVN3); err == nil {
		t.Error("Encode(CJK, TCVN3) succeeded")
	}
	if _, err := Encode("Kế hoạch 中", VNI); err == nil {
		t.Error("Encode(CJK, VNI) succeeded")
	}
	if b, err := Encode("Kế hoạch 中", Unicode); err != nil || string(b) != "Kế hoạch 中" {
		t.Errorf("Encode(Unicode) = %q, %v", b, err)
	}
	if _, err := Decode([]byte{0xFF, 0xFE}, Unicode); err == nil {
		t.Error("Decode(invalid UTF-8, Unicode) succeeded")
	}
	if _, err := Decode([]byte("a"), Encoding(7)); !errors.Is(err, ErrUnknownEncoding) {
		t.Errorf("Decode(bad encoding) error = %v", err)
	}
	if _, err := Encode("a", Encoding(7)); !errors.Is(err, ErrUnknownEncoding) {
		t.Errorf("Encode(bad encoding) error = %v", err)
	}
	if _, err := DecodeString("Kế", TCVN3); err == nil {
		t.Error("DecodeString of real Unicode as TCVN3 succeeded")
	}
}

func TestEncodingString(t *testing.T) {
	for e, want := range map[Encoding]string{Unicode: "Unicode", TCVN3: "TCVN3", VNI: "VNI", 9: "Encoding(9)"} {
		if got := e.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(e), got, want)
		}
	}
}

func TestDecodeUnusedBytes(t *testing.T) {
	// Bytes the tables do not use come out as valid text.
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for _, e := range []Encoding{TCVN3, VNI} {
		s, err := Decode(all, e)
		if err != nil || !utf8.ValidString(s) {
			t.Errorf("Decode(all bytes, %v) = %v", e, err)
		}
		for _, r := range s {
			if r == utf8.RuneError {
				t.Errorf("Decode(all bytes, %v) produced U+FFFD", e)
			}
		}
	}
}
