package kehoach

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// ReportState is where a unit report is.
type ReportState string

// The states of a unit report.
const (
	ReportDraft     ReportState = "draft"
	ReportSubmitted ReportState = "submitted"
	ReportReturned  ReportState = "returned"
	ReportAccepted  ReportState = "accepted"
)

// Report is a unit's report on a plan: indicator values, the narrative in
// three parts, evidence files and links. Every submission is kept as a
// version; the Office accepts it or returns it with a reason.
type Report struct {
	ID           string      `json:"id"`
	PlanID       string      `json:"planId"`
	UnitID       string      `json:"unitId"`
	ObligationID string      `json:"obligationId"`
	Version      int         `json:"version"`
	State        ReportState `json:"state"`
	ReportContent
	Evidence     []Evidence `json:"evidence"`
	SubmittedBy  string     `json:"submittedBy,omitempty"`
	SubmittedAt  *time.Time `json:"submittedAt,omitempty"`
	ReviewedBy   string     `json:"reviewedBy,omitempty"`
	ReviewedAt   *time.Time `json:"reviewedAt,omitempty"`
	ReturnReason string     `json:"returnReason,omitempty"`
	UpdatedAt    time.Time  `json:"updatedAt"`
}

// ReportContent is what a unit types in its report; the store keeps it as
// one JSON document per version.
type ReportContent struct {
	Values       map[string]float64 `json:"values"`
	Results      string             `json:"results"`      // kết quả đạt được
	Shortcomings string             `json:"shortcomings"` // tồn tại, hạn chế
	Proposals    string             `json:"proposals"`    // đề xuất, kiến nghị
	Links        []string           `json:"links"`
}

// Evidence is a file attached to a report; its type was checked by content.
type Evidence struct {
	ID          string    `json:"id"`
	ReportID    string    `json:"reportId"`
	Name        string    `json:"name"`
	ContentType string    `json:"contentType"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedAt  time.Time `json:"uploadedAt"`
}

// MaxEvidenceSize is the largest evidence file accepted.
const MaxEvidenceSize = 20 << 20

// ValidateDraft checks what a unit typed: values against the indicators the
// unit's tasks feed, lengths, links.
func (r *Report) ValidateDraft(allowed []Indicator) error {
	f := problems{}
	for code, v := range r.Values {
		ind := IndicatorByCode(allowed, code)
		if ind == nil {
			f["values."+code] = "Chỉ tiêu này không thuộc nhiệm vụ của đơn vị."
			continue
		}
		if msg := ind.CheckValue(v); msg != "" {
			f["values."+code] = msg
		}
	}
	for name, s := range map[string]string{"results": r.Results, "shortcomings": r.Shortcomings, "proposals": r.Proposals} {
		if utf8.RuneCountInString(s) > 20000 {
			f[name] = "Nội dung dài quá 20.000 ký tự."
		}
	}
	if len(r.Links) > 50 {
		f["links"] = "Tối đa 50 đường dẫn."
	}
	for _, l := range r.Links {
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			f["links"] = "Đường dẫn không hợp lệ: " + l + " (phải bắt đầu bằng http:// hoặc https://)."
			break
		}
	}
	return f.err()
}

// ValidateSubmit checks that a report can be submitted: something to say.
func (r *Report) ValidateSubmit() error {
	if strings.TrimSpace(r.Results) == "" {
		return Invalid(map[string]string{"results": "Nhập kết quả đạt được trước khi gửi báo cáo."})
	}
	return nil
}
