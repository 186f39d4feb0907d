package kehoach

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// PlanStatus is where a plan is in its lifecycle.
type PlanStatus string

// The statuses of a plan, in lifecycle order.
const (
	PlanDraft      PlanStatus = "draft"       // dự thảo: only the Office sees it
	PlanIssued     PlanStatus = "issued"      // đã ban hành: sent to recipients
	PlanInProgress PlanStatus = "in_progress" // đang thực hiện
	PlanReporting  PlanStatus = "reporting"   // đang tổng hợp báo cáo
	PlanClosed     PlanStatus = "closed"      // đã kết thúc
)

// PlanStatuses lists the statuses in lifecycle order.
var PlanStatuses = []PlanStatus{PlanDraft, PlanIssued, PlanInProgress, PlanReporting, PlanClosed}

// Valid reports whether s is a known status.
func (s PlanStatus) Valid() bool { return slices.Contains(PlanStatuses, s) }

// Basis is a document the plan implements or cites.
type Basis struct {
	Text   string  `json:"text"`
	Type   *string `json:"type"`
	Number *string `json:"number"`
	Symbol *string `json:"symbol"`
	Date   *string `json:"date"`
	Issuer *string `json:"issuer"`
}

// Item is a numbered item of a section; sub-items nest.
type Item struct {
	Label string `json:"label"`
	Text  string `json:"text"`
	Items []Item `json:"items,omitempty"`
}

// Section is a Roman-numbered part of a plan.
type Section struct {
	Label   string  `json:"label"`
	Heading string  `json:"heading"`
	Kind    string  `json:"kind"` // purpose, activities, organization, other
	Intro   *string `json:"intro,omitempty"`
	Items   []Item  `json:"items"`
	Closing *string `json:"closing"`
}

// Period is the implementation period as written.
type Period struct {
	Start *string `json:"start"` // YYYY-MM-DD
	End   *string `json:"end"`
	Text  string  `json:"text"`
}

// Event is a dated event the plan names, such as a launch ceremony.
type Event struct {
	Name      string  `json:"name"`
	Date      *string `json:"date"`
	Tentative bool    `json:"tentative"`
	Place     *string `json:"place"`
}

// Day returns the day of the event at midnight in Vietnam, and false when
// the event has no date or one that is not YYYY-MM-DD.
func (e Event) Day() (time.Time, bool) {
	if e.Date == nil {
		return time.Time{}, false
	}
	d, err := time.ParseInLocation(time.DateOnly, *e.Date, Zone)
	return d, err == nil
}

// Responsibility is a duty in the organisation section.
type Responsibility struct {
	Section string   `json:"section"`
	Actors  []string `json:"actors"`
	Text    string   `json:"text"`
}

// ProposedTask is a task the importer found in the document, with names as
// written; the Office turns it into assigned work.
type ProposedTask struct {
	Text    string   `json:"text"`
	Lead    *string  `json:"lead"`
	Support []string `json:"support"`
	Due     *string  `json:"due"`
	Section string   `json:"section"`
	// LeadUnitID and SupportUnitIDs are the units the Office chose.
	LeadUnitID     string   `json:"leadUnitId,omitempty"`
	SupportUnitIDs []string `json:"supportUnitIds,omitempty"`
}

// Archive is the "Lưu:" line.
type Archive struct {
	Text    string   `json:"text"`
	Holders []string `json:"holders"`
	Copies  *int     `json:"copies"`
}

// Signer is who signs the document and on whose behalf.
type Signer struct {
	Authority string `json:"authority"` // "", KT., TM., TL., TUQ.
	Title     string `json:"title"`
	Name      string `json:"name"`
}

// Warning is something the importer noticed in the document.
type Warning struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Where   *string `json:"where"`
}

// Plan is a plan ("Kế hoạch") of an agency, with the fields of the import
// contract and its place in the lifecycle.
type Plan struct {
	ID       string     `json:"id"`
	AgencyID string     `json:"agencyId"`
	Status   PlanStatus `json:"status"`
	// ReportToUnitID is the superior unit results go to, when known.
	ReportToUnitID string `json:"reportToUnitId,omitempty"`
	// ParentPlanID is the plan this plan implements ("Thực hiện Kế hoạch
	// số …"), when it is in kehoach.
	ParentPlanID *string `json:"parentPlanId"`

	Type         string  `json:"type"`
	Issuer       *string `json:"issuer"`
	ParentIssuer *string `json:"parentIssuer"`
	Number       *string `json:"number"`
	Symbol       *string `json:"symbol"`
	Place        *string `json:"place"`
	Date         *string `json:"date"`
	Title        string  `json:"title"`
	Year         *int    `json:"year"`
	Basis        []Basis `json:"basis"`
	// Preamble holds the paragraphs before the first section that cite no
	// document.
	Preamble         []string         `json:"preamble,omitempty"`
	Sections         []Section        `json:"sections"`
	Period           *Period          `json:"period"`
	Events           []Event          `json:"events"`
	Responsibilities []Responsibility `json:"responsibilities"`
	Tasks            []ProposedTask   `json:"tasks"`
	ReportTo         []string         `json:"reportTo"`
	Recipients       []string         `json:"recipients"`
	Archive          *Archive         `json:"archive"`
	Signer           *Signer          `json:"signer"`
	Warnings         []Warning        `json:"warnings"`
	// PredecessorID is the plan this one was copied from for a new year.
	PredecessorID *string `json:"predecessorId,omitempty"`
	// ReportDue is when the result report is due to the superior
	// (YYYY-MM-DD), as an incoming request set it.
	ReportDue *string `json:"reportDue,omitempty"`
	// ReportingPeriods are the periodic reports a reporting regime asks.
	ReportingPeriods []ReportingPeriod `json:"reportingPeriods,omitempty"`

	// SourceText is the document text the plan was imported from.
	SourceText string    `json:"-"`
	CreatedBy  string    `json:"createdBy"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// FullTitle returns "Kế hoạch" followed by the title, as people name a plan.
func (p *Plan) FullTitle() string {
	if p.Title == "" {
		return "Kế hoạch (chưa có tên)"
	}
	return "Kế hoạch " + lowerFirst(p.Title)
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}

// NumberSymbol returns "115/KH-UBND", or "" when the plan has no number yet.
func (p *Plan) NumberSymbol() string {
	if p.Number == nil || p.Symbol == nil {
		return ""
	}
	return *p.Number + "/" + *p.Symbol
}

// Validate checks the fields a person can change.
func (p *Plan) Validate() error {
	f := problems{}
	p.Title = strings.TrimSpace(p.Title)
	f.required("title", p.Title, 500, "Tên (trích yếu) kế hoạch không được để trống.", "Tên kế hoạch dài quá 500 ký tự.")
	if p.AgencyID == "" {
		f["agencyId"] = "Kế hoạch phải thuộc một cơ quan."
	}
	if !p.Status.Valid() {
		f["status"] = "Trạng thái kế hoạch không hợp lệ."
	}
	if p.Type == "" {
		p.Type = "KH"
	}
	if p.Year != nil && (*p.Year < 1945 || *p.Year > 2100) {
		f["year"] = "Năm không hợp lệ."
	}
	if p.Date != nil && *p.Date != "" {
		if _, err := time.Parse(time.DateOnly, *p.Date); err != nil {
			f["date"] = "Ngày ban hành không hợp lệ (định dạng YYYY-MM-DD)."
		}
	}
	if p.Number != nil && utf8.RuneCountInString(*p.Number) > 20 {
		f["number"] = "Số văn bản dài quá 20 ký tự."
	}
	if p.Symbol != nil && utf8.RuneCountInString(*p.Symbol) > 50 {
		f["symbol"] = "Ký hiệu dài quá 50 ký tự."
	}
	if p.Period != nil && p.Period.Start != nil && p.Period.End != nil && *p.Period.End < *p.Period.Start {
		f["period"] = "Thời gian thực hiện: ngày kết thúc trước ngày bắt đầu."
	}
	return f.err()
}

// PlanFilter selects plans; nil fields are not filtered on.
type PlanFilter struct {
	AgencyID *string
	Status   *PlanStatus
	// ParentPlanID selects the plans implementing that plan.
	ParentPlanID *string
	Offset       int
	Limit        int
}

// PlanService reads and changes plans.
type PlanService interface {
	FindPlans(ctx context.Context, f PlanFilter) ([]*Plan, int, error)
	FindPlanByID(ctx context.Context, id string) (*Plan, error)
	CreatePlan(ctx context.Context, p *Plan) error
	UpdatePlan(ctx context.Context, p *Plan) error
}
