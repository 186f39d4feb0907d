// Package docgen renders official documents (Decree 30/2020 layout) as
// .docx, .pdf and .xlsx annexes. It knows nothing of the database: callers
// describe a document with the types below and ask for one of the formats.
package docgen

import (
	"fmt"
	"strings"
	"time"

	"github.com/kehoach/kehoach/vntext"
)

// Header is the agency and numbering part of an official document.
type Header struct {
	// GoverningBody is the body above the issuing agency, e.g. "UBND TỈNH SƠN LA".
	// It may be empty for agencies with no governing body.
	GoverningBody string
	// Agency is the issuing agency, e.g. "SỞ GIAO THÔNG VẬN TẢI".
	Agency string
	// Number is the registry number; 0 means not yet numbered and prints
	// "Số:      /BC-SGTVT" with blank space for the clerk.
	Number int
	// Symbol is the type and agency abbreviation, e.g. "BC-SGTVT".
	Symbol string
	// Place is the place name in the date line, e.g. "Sơn La".
	Place string
	// Date is the issue date; the zero value prints blank day and month
	// ("Sơn La, ngày      tháng      năm 2023") for a draft.
	Date time.Time
	// Year is printed in the date line when Date is zero; 0 leaves it blank.
	Year int
}

// Signer is the signature block of the closing.
type Signer struct {
	// Authority is "", "KT.", "TM.", "TL." or "TUQ.".
	Authority string
	// AuthorityTitle follows Authority on its own line, e.g. "GIÁM ĐỐC" after
	// "KT." or "ỦY BAN NHÂN DÂN" after "TM.".
	AuthorityTitle string
	// Title is the signer's own title, e.g. "PHÓ GIÁM ĐỐC" or "GIÁM ĐỐC".
	Title string
	// Name is the signer's name, without academic titles.
	Name string
}

// BlockKind says how a body block is laid out.
type BlockKind int

const (
	// Paragraph is justified text with a first-line indent.
	Paragraph BlockKind = iota
	// Section is a heading such as "I. KẾT QUẢ THỰC HIỆN": capitals, bold.
	Section
	// Item is a numbered item such as "1. Công tác tuyên truyền": bold.
	Item
	// Bullet is a "- " point.
	Bullet
	// TableBlock is a bordered table (Block.Table).
	TableBlock
)

// Block is one element of the document body.
type Block struct {
	Kind BlockKind
	// Label is the numbering: "I", "1", "a)". A label without a final "." or
	// ")" gets a ".".
	Label string
	Text  string
	// Italic and Bold apply to Paragraph and Bullet blocks.
	Italic, Bold bool
	Table        *Table
}

// Table is a simple grid with a bold header row.
type Table struct {
	Columns []string
	Rows    [][]string
	// Widths are relative column widths; nil or a wrong length means equal widths.
	Widths []float64
	// Foot is the number of last rows printed bold (totals, targets).
	Foot int
}

// AnnexPage is an annex printed inside the document after the signature,
// on landscape pages of its own section: "PHỤ LỤC", a title, the reference
// to the document and a table whose header row repeats on every page.
type AnnexPage struct {
	Title    string
	Subtitle string
	Ref      string
	Table    *Table
	Note     string
}

// Document is a self-contained description of an official document.
type Document struct {
	Header
	// TypeName is the document type in capitals: "BÁO CÁO", "KẾ HOẠCH".
	TypeName string
	// Summary is the title line under the type name.
	Summary string
	// To lists the addressees of "Kính gửi:".
	To []string
	// Basis lists the "Căn cứ …" lines, printed in italics.
	Basis []string
	Body  []Block
	// Recipients are the "Nơi nhận" lines without dash or final punctuation;
	// for a report sent upward the caller puts "Như trên" first.
	Recipients []string
	// Archive is the archive line without the copy count, e.g. "Lưu: VT, VP".
	Archive string
	// Copies is the number of copies, printed as "(16b)"; 0 prints none.
	Copies int
	Signer Signer
	// Draft adds a visible "DỰ THẢO" mark.
	Draft bool
	// Annex, when set, follows the signature on landscape pages.
	Annex *AnnexPage
}

// DateLine formats a place and date the Decree 30 way:
// "Sơn La, ngày 05 tháng 5 năm 2023". Days under 10 and the months January
// and February take a leading zero.
func DateLine(place string, t time.Time) string {
	return place + ", " + vntext.FormatDateLine("", t)
}

// blank is the space left for a clerk to fill in a number or a date by hand.
const blank = "      "

// Blank is the space left for a clerk to fill in by hand, for callers that
// write a blank number or date in running text.
const Blank = blank

// dateLine is DateLine for a header, with a blank date for a zero Date.
func (h *Header) dateLine() string {
	if !h.Date.IsZero() {
		return DateLine(h.Place, h.Date)
	}
	year := blank
	if h.Year > 0 {
		year = fmt.Sprint(h.Year)
	}
	return fmt.Sprintf("%s, ngày%stháng%snăm %s", h.Place, blank, blank, year)
}

// NumberSymbol formats "Số: 05/BC-SGTVT"; numbers under 10 take a leading
// zero and 0 (not yet numbered) leaves blank space.
func NumberSymbol(n int, symbol string) string {
	if n <= 0 {
		return "Số:" + blank + "/" + symbol
	}
	return fmt.Sprintf("Số: %02d/%s", n, symbol)
}

// labelText joins a block label and its text: "I" + "Kết quả" → "I. Kết quả".
func labelText(label, text string) string {
	label = strings.TrimSpace(label)
	if label == "" {
		return text
	}
	if !strings.HasSuffix(label, ".") && !strings.HasSuffix(label, ")") {
		label += "."
	}
	return label + " " + text
}

// blockText is the text of a body block as printed.
func blockText(b *Block) string {
	switch b.Kind {
	case Section:
		return strings.ToUpper(labelText(b.Label, b.Text))
	case Bullet:
		return "- " + b.Text
	default:
		return labelText(b.Label, b.Text)
	}
}

// signerLines returns the capitalised authority lines of the signature block.
func (s *Signer) lines() []string {
	var out []string
	if s.Authority != "" {
		out = append(out, strings.TrimSpace(s.Authority+" "+strings.ToUpper(s.AuthorityTitle)))
	}
	if s.Title != "" {
		out = append(out, strings.ToUpper(s.Title))
	}
	return out
}

// recipientLines returns the "Nơi nhận" lines with dashes and punctuation:
// "- X;" for each recipient and "- Lưu: VT, VP (16b)." last.
func (d *Document) recipientLines() []string {
	var out []string
	for _, r := range d.Recipients {
		r = strings.TrimRight(strings.TrimSpace(r), ";.")
		if r == "" {
			continue
		}
		out = append(out, "- "+r+";")
	}
	archive := strings.TrimRight(strings.TrimSpace(d.Archive), ";.")
	if archive == "" {
		archive = "Lưu: VT"
	}
	if d.Copies > 0 {
		archive += fmt.Sprintf(" (%db)", d.Copies)
	}
	return append(out, "- "+archive+".")
}

// addresseeLines returns the "Kính gửi" addressees with their punctuation:
// one addressee ends with "."; several each get "- " and ";", the last ".".
func (d *Document) addresseeLines() []string {
	var to []string
	for _, a := range d.To {
		a = strings.TrimRight(strings.TrimSpace(a), ";.")
		if a != "" {
			to = append(to, a)
		}
	}
	if len(to) == 1 {
		return []string{to[0] + "."}
	}
	out := make([]string, len(to))
	for i, a := range to {
		end := ";"
		if i == len(to)-1 {
			end = "."
		}
		out[i] = "- " + a + end
	}
	return out
}

// basisLines returns the legal basis lines, each ending with ";" and the last with ".".
func (d *Document) basisLines() []string {
	var out []string
	for _, b := range d.Basis {
		b = strings.TrimRight(strings.TrimSpace(b), ";.")
		if b != "" {
			out = append(out, b+";")
		}
	}
	if n := len(out); n > 0 {
		out[n-1] = strings.TrimSuffix(out[n-1], ";") + "."
	}
	return out
}

// numberLine is the "Số: …" line of the header.
func (h *Header) numberLine() string { return NumberSymbol(h.Number, h.Symbol) }

const (
	nationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	nationalMotto = "Độc lập - Tự do - Hạnh phúc"
	draftMark     = "DỰ THẢO"
)

// Printed is the block's text as the documents print it ("I. KẾT QUẢ …",
// "- …"), for previews that show the same words.
func (b Block) Printed() string { return blockText(&b) }

// KindName names the block's kind for templates: "section", "item",
// "bullet", "table" or "paragraph".
func (b Block) KindName() string {
	switch b.Kind {
	case Section:
		return "section"
	case Item:
		return "item"
	case Bullet:
		return "bullet"
	case TableBlock:
		return "table"
	}
	return "paragraph"
}

// NumberLine is the "Số: …" line of the header as printed.
func (h Header) NumberLine() string { return h.numberLine() }

// DateLine is the place and date line of the header as printed.
func (h Header) DateLine() string { return h.dateLine() }

// RecipientLines are the "Nơi nhận" lines as printed.
func (d *Document) RecipientLines() []string { return d.recipientLines() }

// AddresseeLines are the "Kính gửi" lines as printed.
func (d *Document) AddresseeLines() []string { return d.addresseeLines() }

// SignerLines are the capitalised lines above the signer's name.
func (s Signer) Lines() []string { return s.lines() }
