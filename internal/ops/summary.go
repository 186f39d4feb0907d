package ops

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/plandoc"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/internal/summary"
)

// summaryPlan returns the plan when a may see its result report: the
// Office and the Director of its agency, and a superior of the plan (who
// sees its finalised versions only).
func (s *Service) summaryPlan(ctx context.Context, a *kehoach.Actor, planID string) (*kehoach.Plan, error) {
	return s.planFor(ctx, a, planID, a.CanReadResultReport, Forbidden())
}

// SummaryView is a plan's result report as it stands: the report (frozen
// when final, else composed now), the latest version, every version and the
// register entry of the latest final one.
type SummaryView struct {
	Plan     *kehoach.Plan
	Report   *summary.Report
	Current  *kehoach.Summary
	Versions []*kehoach.Summary
	Document *kehoach.OutgoingDocument
	// CanEdit tells whether the actor may edit and finalise it.
	CanEdit bool
}

// Summary returns the plan's result report for the Office or the Director.
func (s *Service) Summary(ctx context.Context, a *kehoach.Actor, planID string) (*SummaryView, error) {
	p, err := s.summaryPlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	return s.summaryView(ctx, a, p)
}

func (s *Service) summaryView(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) (*SummaryView, error) {
	if v, ok, err := s.agenciesSummaryView(ctx, a, p); ok || err != nil {
		return v, err
	}
	if !a.CanReadDraftResultReport(p) {
		return s.finalSummaryView(ctx, p)
	}
	rep, cur, err := summary.Load(ctx, s.store, p.ID)
	if err != nil {
		return nil, err
	}
	v := &SummaryView{Plan: p, Report: rep, Current: cur, CanEdit: a.CanEditPlan(p.AgencyID)}
	return v, s.summaryHistory(ctx, v)
}

// summaryHistory adds to v every version and the register entry of the
// current one.
func (s *Service) summaryHistory(ctx context.Context, v *SummaryView) error {
	var err error
	if v.Versions, err = s.store.FindSummaries(ctx, v.Plan.ID); err != nil {
		return err
	}
	if v.Current != nil && v.Current.DocumentID != "" {
		v.Document, err = s.store.FindDocumentByID(ctx, v.Current.DocumentID)
	}
	return err
}

// keepIfGenerated returns "" when the text is the generated one (spaces
// aside), so that a part left as generated keeps following the data.
func keepIfGenerated(typed string, part summary.Part) string {
	norm := func(x string) string { return strings.Join(strings.Fields(x), " ") }
	if norm(typed) == norm(part.Generated) {
		return ""
	}
	return typed
}

// SaveSummary keeps the Office's edits of the narrative parts of the plan's
// result report; a part equal to the generated text is not kept as an
// edit, and all parts empty go back to the generated text. Editing a final
// report starts a new version.
func (s *Service) SaveSummary(ctx context.Context, a *kehoach.Actor, planID string, in kehoach.SummaryEdits) (*SummaryView, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	if p, err := s.agenciesPlan(ctx, a, planID); p != nil || err != nil {
		if err != nil {
			return nil, err
		}
		return s.saveAgenciesSummary(ctx, a, p, in)
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	draft, err := summary.Draft(ctx, s.store, p.ID)
	if err != nil {
		return nil, err
	}
	return s.keepSummaryEdits(ctx, a, p, in, draft)
}

// keepSummaryEdits saves the edits of the report on p that differ from its
// draft and returns the report as it now reads.
func (s *Service) keepSummaryEdits(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan, in kehoach.SummaryEdits, draft *summary.Report) (*SummaryView, error) {
	if _, err := s.store.SaveSummaryEdits(as(ctx, a), p.ID, editsAgainst(in, draft)); err != nil {
		return nil, err
	}
	s.changed()
	return s.summaryView(ctx, a, p)
}

// editsAgainst returns the edits typed in, keeping only the parts that
// differ from the draft's generated text.
func editsAgainst(in kehoach.SummaryEdits, draft *summary.Report) kehoach.SummaryEdits {
	e := kehoach.SummaryEdits{Opening: keepIfGenerated(in.Opening, draft.Opening), Results: keepIfGenerated(in.Results, draft.Results),
		Shortcomings: keepIfGenerated(in.Shortcomings, draft.Shortcomings), Difficulties: keepIfGenerated(in.Difficulties, draft.Difficulties),
		Proposals: keepIfGenerated(in.Proposals, draft.Proposals), Closing: keepIfGenerated(in.Closing, draft.Closing)}
	// Sections: only those the report has, and only when rewritten.
	parts := map[string]summary.Part{summary.DirectionKey: draft.Direction}
	for _, a := range draft.Activities {
		parts[a.Key] = a.Text
	}
	for k, v := range in.Sections {
		if part, ok := parts[k]; ok {
			if v = keepIfGenerated(v, part); v != "" {
				if e.Sections == nil {
					e.Sections = map[string]string{}
				}
				e.Sections[k] = v
			}
		}
	}
	// Difficulties ticked in: only the plan's own, and only those the
	// report would not state anyway.
	for _, d := range draft.Decisions {
		if !d.Open && slices.Contains(in.IncludeDifficulties, d.ID) {
			e.IncludeDifficulties = append(e.IncludeDifficulties, d.ID)
		}
	}
	return e
}

// FinaliseInput is what finalising a result report needs: the date the
// report is issued (the web form offers today) and, optionally, the number
// the Office gives it by hand.
type FinaliseInput struct {
	// Number is the register number typed by hand; 0 or absent takes the
	// next one.
	Number int `json:"number"`
	// IssuedOn is the report's date, YYYY-MM-DD; required.
	IssuedOn string `json:"issuedOn"`

	bad Problems
}

// FinaliseFromForm reads a finalisation typed in a form, where the number
// is text (empty for the next number).
func FinaliseFromForm(get func(string) string) FinaliseInput {
	in := FinaliseInput{IssuedOn: get("issuedOn"), bad: Problems{}}
	if v := strings.TrimSpace(get("number")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			in.bad.Add("number", "Số văn bản phải là số nguyên dương.")
		}
		in.Number = n
	}
	return in
}

func (in *FinaliseInput) check() error {
	pr := Problems{}
	for k, v := range in.bad {
		pr.Add(k, v)
	}
	if in.Number < 0 || in.Number > 99999 {
		pr.Add("number", "Số văn bản phải là số nguyên dương.")
	}
	in.IssuedOn = strings.TrimSpace(in.IssuedOn)
	if in.IssuedOn == "" {
		pr.Add("issuedOn", "Nhập ngày ban hành báo cáo.")
	} else if _, err := time.Parse(time.DateOnly, in.IssuedOn); err != nil {
		pr.Add("issuedOn", "Ngày ban hành không hợp lệ.")
	}
	return pr.Err()
}

// FinaliseSummary composes the plan's current draft, gives it the next
// number of the register (or the number typed) and its date, and freezes
// it.
func (s *Service) FinaliseSummary(ctx context.Context, a *kehoach.Actor, planID string, in FinaliseInput) (*SummaryView, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	if p, err := s.agenciesPlan(ctx, a, planID); p != nil || err != nil {
		if err != nil {
			return nil, err
		}
		return s.finaliseAgenciesSummary(ctx, a, p, in)
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	if _, _, err := summary.Finalise(as(ctx, a), s.store, p.ID, in.Number, in.IssuedOn); err != nil {
		return nil, err
	}
	s.changed()
	return s.summaryView(ctx, a, p)
}

// RecordSummarySending records when and how the plan's final result report
// was sent.
func (s *Service) RecordSummarySending(ctx context.Context, a *kehoach.Actor, planID string, in kehoach.Sending) (*kehoach.OutgoingDocument, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	// The date is checked against the document's own date in the store.
	d, err := s.store.RecordSummarySending(as(ctx, a), p.ID, in)
	return committed(s, d, err)
}

// ScanInput is a signed scan as uploaded: the file's name and content.
type ScanInput struct {
	Name string
	Data []byte
}

// AttachSummaryScan keeps the signed scan of the plan's final result
// report. Its type is judged by its content: PDF or an image.
func (s *Service) AttachSummaryScan(ctx context.Context, a *kehoach.Actor, planID string, in ScanInput) (*kehoach.OutgoingDocument, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	p, err := s.EditablePlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	ct := kehoach.ScanContentType(in.Data)
	pr := Problems{}
	switch {
	case len(in.Data) == 0:
		pr.Add("scan", "Chọn tệp bản quét có chữ ký.")
	case len(in.Data) > kehoach.MaxScanSize:
		pr.Add("scan", "Tệp bản quét lớn quá 20 MB.")
	case ct == "":
		pr.Add("scan", "Bản quét phải là tệp PDF hoặc ảnh (PNG, JPEG, TIFF).")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(in.Name)
	if name == "" || utf8.RuneCountInString(name) > 200 {
		name = "ban-quet"
	}
	d, err := s.store.AttachSummaryScan(as(ctx, a), p.ID, sqlstore.Scan{Name: name, Type: ct, Data: in.Data})
	return committed(s, d, err)
}

// File is a document to download.
type File struct {
	Name, Type string
	Data       []byte
}

// SummaryScan returns the signed scan of the plan's final result report.
func (s *Service) SummaryScan(ctx context.Context, a *kehoach.Actor, planID string) (*File, error) {
	p, err := s.summaryPlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	if !a.CanReadDraftResultReport(p) {
		// A superior sees the scan of a finalised report only.
		if _, err := s.finalSummaryView(ctx, p); err != nil {
			return nil, err
		}
	}
	d, data, err := s.store.SummaryScan(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	return &File{Name: d.ScanName, Type: d.ScanType, Data: data}, nil
}

// SummaryFile returns the plan's result report as it stands (the draft, or
// the final version) in format "docx", "xlsx" or "pdf".
func (s *Service) SummaryFile(ctx context.Context, a *kehoach.Actor, planID, format string) (*File, error) {
	p, err := s.summaryPlan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	switch format {
	case "docx", "xlsx", "pdf":
	default:
		return nil, kehoach.Invalid(map[string]string{"format": "Định dạng phải là docx, xlsx hoặc pdf."})
	}
	v, err := s.summaryView(ctx, a, p)
	if err != nil {
		return nil, err
	}
	rep := v.Report
	var buf bytes.Buffer
	if err := summary.Write(ctx, &buf, rep, format, summary.Options{}); err != nil {
		return nil, err
	}
	return &File{Name: rep.FileName(format), Type: summary.ContentType(format), Data: buf.Bytes()}, nil
}

// PlanFile returns the plan itself in the official layout (.docx) for
// anyone who may read it.
func (s *Service) PlanFile(ctx context.Context, a *kehoach.Actor, planID string) (*File, error) {
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, err
	}
	in, err := summary.Gather(ctx, s.store, p.ID)
	if err != nil {
		return nil, err
	}
	// A plan carries its own issuer and signer; the agency's data only
	// fills what the document lacks, so a missing item is no error here.
	lh, _ := summary.LetterheadFor(p, in.Tree, in.People)
	if lh == nil {
		lh = &summary.Letterhead{}
	}
	var buf bytes.Buffer
	if err := docgen.WriteDocx(&buf, plandoc.Document(p, lh)); err != nil {
		return nil, err
	}
	return &File{Name: fmt.Sprintf("ke-hoach-%s.docx", p.ID), Type: summary.ContentType("docx"), Data: buf.Bytes()}, nil
}

// Register is an agency's register of outgoing documents.
type Register struct {
	// Year is the year shown; 0 for every year.
	Year      int
	Documents []*kehoach.OutgoingDocument
}

// Register returns the register of a's agency for the Office and the
// Director, for year ("" for every year).
func (s *Service) Register(ctx context.Context, a *kehoach.Actor, year string) (*Register, error) {
	ag := a.AgencyID()
	if ag == "" || !a.CanEditPlan(ag) && !a.CanDecide(ag) {
		return nil, Forbidden()
	}
	out := &Register{}
	f := kehoach.DocumentFilter{AgencyID: ag}
	if year = strings.TrimSpace(year); year != "" {
		y, err := strconv.Atoi(year)
		if err != nil || y < 1945 || y > 2100 {
			return nil, kehoach.Invalid(map[string]string{"year": "Năm không hợp lệ."})
		}
		out.Year, f.Year = y, &y
	}
	var err error
	if out.Documents, err = s.store.FindDocuments(ctx, f); err != nil {
		return nil, err
	}
	return out, nil
}
