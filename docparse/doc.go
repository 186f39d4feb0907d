// Package docparse reads Vietnamese administrative documents (plans,
// reports, dispatches, decisions) from plain text or .docx and extracts
// their header, title, body structure, recipients and signer into a
// [Document], whose JSON encoding is the object of the plan-import contract.
package docparse

import (
	"errors"
)

// Document is what the parser found in one document. Its JSON encoding is
// the object described by the plan-import contract: every key is always
// present, absent values are null and absent lists are [].
type Document struct {
	// Type is the Decree 30 type code ("KH", "BC", "QĐ", …), "CV" for a
	// dispatch, or "" when it cannot be told.
	Type string `json:"type"`
	// Issuer is the issuing agency as written.
	Issuer *string `json:"issuer"`
	// ParentIssuer is the governing body above the issuer in the header.
	ParentIssuer *string `json:"parentIssuer"`
	// Number is the document number as written ("115", "06").
	Number *string `json:"number"`
	// Symbol is the symbol after the number ("KH-UBND"), without the year
	// of a normative document.
	Symbol *string `json:"symbol"`
	// Place is the place name of the date line.
	Place *string `json:"place"`
	// Date is the issue date, YYYY-MM-DD.
	Date *string `json:"date"`
	// Title is the summary after the type name (or after "V/v").
	Title string `json:"title"`
	// Year is the year the plan is about.
	Year *int `json:"year"`
	// Basis lists the documents the plan implements or cites.
	Basis []Basis `json:"basis"`
	// Preamble holds the paragraphs before the first section that cite no
	// document, such as "Sở … ban hành Kế hoạch …, cụ thể như sau:".
	Preamble []string `json:"preamble"`
	// Sections are the Roman-numbered parts of the body.
	Sections []Section `json:"sections"`
	// Period is the implementation period.
	Period *Period `json:"period"`
	// Events are dated events the plan names.
	Events []Event `json:"events"`
	// Responsibilities are the duties of the organisation section.
	Responsibilities []Responsibility `json:"responsibilities"`
	// Tasks are the proposed tasks, from duties and annex task tables.
	Tasks []Task `json:"tasks"`
	// ReportTo lists the agencies that results must be reported to.
	ReportTo []string `json:"reportTo"`
	// Recipients are the "Nơi nhận" lines, the archive line excluded.
	Recipients []string `json:"recipients"`
	// Archive is the "Lưu:" line.
	Archive *Archive `json:"archive"`
	// Signer is the signing block.
	Signer *Signer `json:"signer"`
	// Warnings are the problems found; they never stop the parse.
	Warnings []Warning `json:"warnings"`
}

// Basis is one document cited as the basis of a plan.
type Basis struct {
	Text   string  `json:"text"`
	Type   *string `json:"type"`
	Number *string `json:"number"`
	Symbol *string `json:"symbol"`
	Date   *string `json:"date"`
	Issuer *string `json:"issuer"`
}

// Section is a Roman-numbered part of the body.
type Section struct {
	// Label is the Roman numeral ("II").
	Label string `json:"label"`
	// Heading is the heading as written.
	Heading string `json:"heading"`
	// Kind is "purpose", "activities", "organization" or "other".
	Kind string `json:"kind"`
	// Intro holds the paragraphs between the heading and the first item,
	// joined by a blank line, if any.
	Intro *string `json:"intro"`
	// Items are the numbered items of the section.
	Items []Item `json:"items"`
	// Closing holds the paragraphs after the last item, if any.
	Closing *string `json:"closing"`
}

// Item is a numbered item; its paragraphs are joined by a blank line.
type Item struct {
	Label string `json:"label"`
	Text  string `json:"text"`
	Items []Item `json:"items"`
}

// Period is an implementation period as written.
type Period struct {
	Start *string `json:"start"`
	End   *string `json:"end"`
	Text  string  `json:"text"`
}

// Event is a dated event named by the plan.
type Event struct {
	Name      string  `json:"name"`
	Date      *string `json:"date"`
	Tentative bool    `json:"tentative"`
	Place     *string `json:"place"`
}

// Responsibility is a duty of the organisation section.
type Responsibility struct {
	// Section is the item's place, such as "III.2".
	Section string   `json:"section"`
	Actors  []string `json:"actors"`
	Text    string   `json:"text"`
}

// Task is a proposed task.
type Task struct {
	Text    string   `json:"text"`
	Lead    *string  `json:"lead"`
	Support []string `json:"support"`
	// Due is YYYY-MM-DD, or the period as written, or null.
	Due     *string `json:"due"`
	Section string  `json:"section"`
}

// Archive is the "Lưu:" line of the recipients block.
type Archive struct {
	Text    string   `json:"text"`
	Holders []string `json:"holders"`
	Copies  *int     `json:"copies"`
}

// Signer is the signing block. Authority is "KT.", "TM.", "TL.", "TUQ." or "".
type Signer struct {
	Authority string `json:"authority"`
	Title     string `json:"title"`
	Name      string `json:"name"`
}

// Warning is a problem found in a document. Where is a section label
// ("III.2") or a line of the [Source] ("dòng 12"), or null.
type Warning struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Where   *string `json:"where"`
}

// Warning codes of the contract.
const (
	WarnMissingNumber     = "missing-number"
	WarnMissingDate       = "missing-date"
	WarnMissingIssuer     = "missing-issuer"
	WarnMissingSigner     = "missing-signer"
	WarnMissingRecipients = "missing-recipients"
	WarnPeriodYear        = "period-year-mismatch"
	WarnPeriodInverted    = "period-inverted"
	WarnInvalidDate       = "invalid-date"
	WarnBasisAfterDate    = "basis-after-date"
	WarnNumberingGap      = "numbering-gap"
	WarnLegacyEncoding    = "legacy-encoding"
	WarnNormalized        = "normalized"
)

// Errors returned for input that cannot be read at all, possibly wrapped
// with a detail; test them with errors.Is.
var (
	ErrEmpty    = errors.New("tệp rỗng, không có nội dung văn bản")
	ErrBinary   = errors.New("tệp không phải văn bản thuần hay .docx (có vẻ là tệp nhị phân)")
	ErrNotDocx  = errors.New("tệp nén .zip này không phải văn bản .docx (không có word/document.xml)")
	ErrTooLarge = errors.New("tệp quá lớn so với giới hạn cho phép")
	ErrZipBomb  = errors.New("tệp .docx bị nén bất thường (nghi là bom nén), không mở")
	ErrBadDocx  = errors.New("tệp .docx bị hỏng, không đọc được nội dung")
)

// Limits bounds what the parser will read.
type Limits struct {
	// MaxBytes is the largest input accepted, text or .docx.
	MaxBytes int64
	// MaxDocxUncompressed is the largest total of uncompressed XML read
	// from a .docx.
	MaxDocxUncompressed int64
	// MaxRatio is the largest compression ratio accepted for one .docx
	// part larger than 1 MB.
	MaxRatio int64
}

// DefaultLimits are the limits of [Parse], [ParseText] and [ParseDocx].
var DefaultLimits = Limits{
	MaxBytes:            20 << 20,
	MaxDocxUncompressed: 100 << 20,
	MaxRatio:            200,
}

func strp(s string) *string { return &s }
