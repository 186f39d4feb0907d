package kehoach

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// SummaryStatus is where a plan's result report ("báo cáo kết quả") is.
type SummaryStatus string

// The statuses of a summary.
const (
	// SummaryDraft is regenerated from the data on every look, keeping the
	// Office's edits of the narrative parts.
	SummaryDraft SummaryStatus = "draft"
	// SummaryFinal has a number in the register of outgoing documents and
	// its content frozen; later changes make a new version.
	SummaryFinal SummaryStatus = "final"
)

// SummaryEdits are the narrative parts of a summary the Office rewrote.
// They are kept apart from the generated figures so that regenerating the
// draft keeps them; an empty part means "use the generated text".
type SummaryEdits struct {
	Opening      string `json:"opening"`      // lời mở đầu
	Results      string `json:"results"`      // nhận xét chung về kết quả
	Shortcomings string `json:"shortcomings"` // tồn tại, hạn chế
	Difficulties string `json:"difficulties"` // khó khăn, vướng mắc
	Proposals    string `json:"proposals"`    // đề xuất, kiến nghị
	// Sections are the rewritten sections of part I, by key: "direction"
	// (chỉ đạo, triển khai) or the plan section of an activity ("II.3").
	Sections map[string]string `json:"sections,omitempty"`
	// Closing is the rewritten closing line ("Trên đây là …./.").
	Closing string `json:"closing,omitempty"`
	// IncludeDifficulties are the obstacles, solved or decided inside the
	// agency, that the Office chose to report upward with what was done.
	IncludeDifficulties []string `json:"includeDifficulties,omitempty"`
}

// MaxSummarySections bounds the rewritten sections of a summary.
const MaxSummarySections = 100

// Validate checks the lengths of the edited parts.
func (e *SummaryEdits) Validate() error {
	f := problems{}
	for name, s := range map[string]*string{"opening": &e.Opening, "results": &e.Results, "shortcomings": &e.Shortcomings,
		"difficulties": &e.Difficulties, "proposals": &e.Proposals} {
		*s = strings.TrimSpace(strings.ReplaceAll(*s, "\r\n", "\n"))
		if utf8.RuneCountInString(*s) > 20000 {
			f[name] = "Nội dung dài quá 20.000 ký tự."
		}
	}
	e.Closing = strings.TrimSpace(strings.ReplaceAll(e.Closing, "\r\n", "\n"))
	f.maxLen("closing", e.Closing, 2000, "Câu kết dài quá 2.000 ký tự.")
	if len(e.Sections) > MaxSummarySections || len(e.IncludeDifficulties) > MaxSummarySections {
		f["sections"] = "Quá nhiều mục được sửa."
	}
	for k, v := range e.Sections {
		v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
		if v == "" {
			delete(e.Sections, k)
			continue
		}
		e.Sections[k] = v
		if utf8.RuneCountInString(k) > 40 || utf8.RuneCountInString(v) > 20000 {
			f["sections"] = "Nội dung một mục dài quá 20.000 ký tự."
		}
	}
	if len(e.Sections) == 0 {
		e.Sections = nil
	}
	return f.err()
}

// Summary is one version of a plan's result report. A draft holds only the
// Office's edits; a final version also holds its number and the frozen
// content it was finalised with.
type Summary struct {
	ID      string        `json:"id"`
	PlanID  string        `json:"planId"`
	Version int           `json:"version"`
	Status  SummaryStatus `json:"status"`
	Edits   SummaryEdits  `json:"edits"`
	// DocumentID is the entry of the register of outgoing documents.
	DocumentID string `json:"documentId,omitempty"`
	Number     int    `json:"number,omitempty"`
	Symbol     string `json:"symbol,omitempty"`
	// IssuedOn is the date of the final version, YYYY-MM-DD.
	IssuedOn string `json:"issuedOn,omitempty"`
	// Frozen is the full composed content of a final version (JSON).
	Frozen      []byte     `json:"-"`
	FinalisedBy string     `json:"finalisedBy,omitempty"`
	FinalisedAt *time.Time `json:"finalisedAt,omitempty"`
	UpdatedBy   string     `json:"updatedBy,omitempty"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
}

// Document type codes of Decree 30, Annex III, that kehoach numbers.
const (
	DocReport = "BC" // Báo cáo
	DocPlan   = "KH" // Kế hoạch
)

// DocSymbol returns the symbol of a document: "BC-SGTVT".
func DocSymbol(docType, agencyAbbrev string) string {
	if docType == "" {
		return agencyAbbrev
	}
	return docType + "-" + agencyAbbrev
}

// FormatDocNumber returns "05/BC-SGTVT": numbers under 10 take a leading zero.
func FormatDocNumber(n int, symbol string) string {
	return fmt.Sprintf("%02d/%s", n, symbol)
}

// SendMethod is how an outgoing document was sent.
type SendMethod string

// The ways a document is sent.
const (
	SendSystem SendMethod = "system" // qua hệ thống quản lý văn bản
	SendEmail  SendMethod = "email"  // thư điện tử
	SendPost   SendMethod = "post"   // bưu chính
)

// SendMethods lists the ways in display order.
var SendMethods = []SendMethod{SendSystem, SendEmail, SendPost}

// Label returns the method in Vietnamese.
func (m SendMethod) Label() string {
	switch m {
	case SendSystem:
		return "Hệ thống quản lý văn bản"
	case SendEmail:
		return "Thư điện tử"
	case SendPost:
		return "Bưu chính"
	}
	return string(m)
}

// OutgoingDocument is an entry of the agency's register of outgoing
// documents ("sổ văn bản đi"): numbers run per agency, type and calendar
// year from 01 and are never reused.
type OutgoingDocument struct {
	ID       string `json:"id"`
	AgencyID string `json:"agencyId"`
	Type     string `json:"type"`
	Year     int    `json:"year"`
	Number   int    `json:"number"`
	Symbol   string `json:"symbol"`
	Title    string `json:"title"`
	PlanID   string `json:"planId,omitempty"`
	// IssuedOn is the date of the document, YYYY-MM-DD.
	IssuedOn  string    `json:"issuedOn"`
	CreatedBy string    `json:"createdBy"`
	CreatedAt time.Time `json:"createdAt"`
	// Sending, when recorded.
	SentOn  string     `json:"sentOn,omitempty"` // YYYY-MM-DD
	SentVia SendMethod `json:"sentVia,omitempty"`
	SentTo  string     `json:"sentTo,omitempty"`
	SentBy  string     `json:"sentBy,omitempty"`
	// The signed scan, when attached.
	ScanName   string `json:"scanName,omitempty"`
	ScanType   string `json:"scanType,omitempty"`
	ScanSize   int64  `json:"scanSize,omitempty"`
	ScanSHA256 string `json:"scanSha256,omitempty"`
}

// NumberSymbol returns "01/BC-SGTVT".
func (d *OutgoingDocument) NumberSymbol() string { return FormatDocNumber(d.Number, d.Symbol) }

// Sending is what the Office records when a document leaves the agency.
type Sending struct {
	On  string     `json:"sentOn"` // YYYY-MM-DD
	Via SendMethod `json:"sentVia"`
	To  string     `json:"sentTo"`
}

// Validate checks a sending record; it may not be dated before the
// document nor in the future.
func (s *Sending) Validate(issuedOn string, now time.Time) error {
	f := problems{}
	s.To = strings.TrimSpace(s.To)
	switch s.Via {
	case SendSystem, SendEmail, SendPost:
	default:
		f["sentVia"] = "Chọn cách gửi: hệ thống, thư điện tử hoặc bưu chính."
	}
	if d, err := time.Parse(time.DateOnly, s.On); err != nil {
		f["sentOn"] = "Ngày gửi không hợp lệ."
	} else if d.After(now.In(Zone).AddDate(0, 0, 1)) {
		f["sentOn"] = "Ngày gửi không thể ở tương lai."
	} else if issuedOn != "" && s.On < issuedOn {
		f["sentOn"] = "Ngày gửi trước ngày ban hành văn bản."
	}
	f.maxLen("sentTo", s.To, 500, "Nơi nhận dài quá 500 ký tự.")
	return f.err()
}

// MaxScanSize is the largest signed scan accepted.
const MaxScanSize = 20 << 20

// ScanContentType returns the type of a signed scan judged by its content
// (PDF, PNG, JPEG or TIFF), or "" for anything else.
func ScanContentType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "image/tiff"
	}
	return ""
}

// DocumentFilter selects entries of the register.
type DocumentFilter struct {
	AgencyID string
	Year     *int
	Type     *string
}
