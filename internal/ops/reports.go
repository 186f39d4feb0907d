package ops

import (
	"context"
	"slices"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// MaxEvidenceFiles is how many evidence files one save may attach.
const MaxEvidenceFiles = 5

// ReportInput is what a unit types in its report; the JSON names are the
// API's.
type ReportInput struct {
	Values       map[string]float64 `json:"values"`
	Results      string             `json:"results"`
	Shortcomings string             `json:"shortcomings"`
	Proposals    string             `json:"proposals"`
	Links        []string           `json:"links"`
	// Submit submits the report after saving it.
	Submit bool `json:"submit"`
	// TypedValues are values as typed on a form, by indicator code: blank
	// means none, read by [ReadNumber] for the indicator; they are added to
	// Values.
	TypedValues map[string]string `json:"-"`
	// Notes, when not nil, receives by indicator code how an ambiguous
	// typed value was read (see [ReadNumber]), for the form to say so.
	Notes map[string]string `json:"-"`
	// Files are evidence files to attach (forms only).
	Files []EvidenceUpload `json:"-"`
	// Confirmed, when not nil, is whether the person ticked the box that
	// confirms a submission (forms ask for it; the API does not): a submit
	// without it is refused by name under "confirm".
	Confirmed *bool `json:"-"`
}

// EvidenceUpload is an evidence file as received: its name and content,
// read up to [kehoach.MaxEvidenceSize]+1 bytes so that a larger file is
// told apart.
type EvidenceUpload struct {
	Name string
	Data []byte
}

// ReportView is a unit's report on one obligation as its page shows it.
type ReportView struct {
	Plan       *kehoach.Plan
	Obligation *kehoach.Obligation
	Task       *kehoach.Task
	// Report is the saved report, or an empty draft (no ID) when none.
	Report *kehoach.Report
	// Allowed are the indicators the unit types; Counted those kehoach
	// counts itself, with their values in Table.
	Allowed, Counted []kehoach.Indicator
	Table            *kehoach.IndicatorTable
	// Figures are the report's values named, in the order of the form.
	Figures  []ReportFigure
	Versions []*kehoach.Report
	// CanEdit tells whether a may change and submit the report now;
	// CanReview whether a may accept or return it now.
	CanEdit, CanReview bool
}

// obligation returns an obligation whose unit's work a may read on a plan a
// may read, with the plan.
func (s *Service) obligation(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Obligation, *kehoach.Plan, error) {
	o, err := s.store.FindObligationByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.planOfObligation(ctx, a, o, nil)
	if err != nil {
		return nil, nil, err
	}
	return o, p, nil
}

// planOfObligation returns the plan of o when a may read the obligation:
// its unit's work, on a plan a may read. p is the plan when already read
// (else it is read here).
func (s *Service) planOfObligation(ctx context.Context, a *kehoach.Actor, o *kehoach.Obligation, p *kehoach.Plan) (*kehoach.Plan, error) {
	if !a.CanReadUnitWork(o.UnitID) {
		return nil, notFound("nghĩa vụ báo cáo")
	}
	var err error
	if p == nil {
		p, err = s.Plan(ctx, a, o.PlanID)
	} else {
		p, err = allowed(p, nil, a.CanReadPlan, notFound("kế hoạch"))
	}
	if err != nil {
		return nil, notFound("nghĩa vụ báo cáo")
	}
	return p, nil
}

// Report returns the report page of an obligation a may read.
func (s *Service) Report(ctx context.Context, a *kehoach.Actor, obligationID string) (*ReportView, error) {
	return s.reportView(ctx, a, obligationID, true)
}

// reportView reads the report page of an obligation a may read. Without
// full it reads what a save judges before its transaction, in one narrow
// statement ([sqlstore.ReportSubject]: the obligation, plan and task carry
// only the fields the rules read); the report is then left as an empty
// draft, since its state is judged in the save's transaction, which reads
// it under the writer's lock.
func (s *Service) reportView(ctx context.Context, a *kehoach.Actor, obligationID string, full bool) (*ReportView, error) {
	subj := &sqlstore.ReportSubject{}
	var err error
	if full {
		subj.Obligation, err = s.store.FindObligationByID(ctx, obligationID)
	} else {
		subj, err = s.store.FindReportSubject(ctx, obligationID)
	}
	if err != nil {
		return nil, err
	}
	o := subj.Obligation
	p, err := s.planOfObligation(ctx, a, o, subj.Plan)
	if err != nil {
		return nil, err
	}
	if o.Kind != kehoach.KindProgress && o.Kind != kehoach.KindFinal {
		return nil, kehoach.Errorf(kehoach.ENOTFOUND, "Nghĩa vụ này không phải là báo cáo.")
	}
	v := &ReportView{Plan: p, Obligation: o, Task: subj.Task}
	switch {
	case o.TaskID == "":
	case full:
		if v.Task, err = s.store.FindTaskByID(ctx, o.TaskID); err != nil {
			return nil, err
		}
	case v.Task == nil:
		return nil, notFound("nhiệm vụ")
	}
	inds := subj.Indicators
	if full {
		if inds, err = s.store.FindIndicators(ctx); err != nil {
			return nil, err
		}
	}
	for _, ind := range inds {
		if v.Task == nil || !v.Task.Feeds(ind.Code) {
			continue
		}
		if ind.Source == "" {
			v.Allowed = append(v.Allowed, ind)
		} else {
			v.Counted = append(v.Counted, ind)
		}
	}
	rep, err := subj.Report, error(nil)
	switch {
	case full:
		rep, err = s.store.FindReportByObligation(ctx, o.ID)
	case rep == nil:
		err = kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy báo cáo.")
	}
	switch {
	case err == nil:
		v.Report = rep
		if !full {
			break
		}
		if v.Versions, err = s.store.FindReportVersions(ctx, rep.ID); err != nil {
			return nil, err
		}
	case kehoach.ErrorCode(err) == kehoach.ENOTFOUND:
		v.Report = &kehoach.Report{State: kehoach.ReportDraft, Evidence: []kehoach.Evidence{},
			ReportContent: kehoach.ReportContent{Values: map[string]float64{}, Links: []string{}}}
	default:
		return nil, err
	}
	v.Figures = reportFigures(v.Report.Values, v.Allowed, inds)
	st := v.Report.State
	v.CanEdit = a.CanChangeUnitWork(o.UnitID) && st != kehoach.ReportSubmitted && st != kehoach.ReportAccepted
	v.CanReview = a.CanEditPlan(p.AgencyID) && st == kehoach.ReportSubmitted
	if len(v.Counted) > 0 && full {
		if v.Table, err = s.store.PlanIndicatorValues(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// ReportFigure is one value of a report with the indicator it is of.
type ReportFigure struct {
	Code, Name, Unit string
	Decimal          bool
	Value            float64
}

// reportFigures names the values of a report: first those of the
// indicators the form asks for, in its order, then any other by the
// catalogue's order (a code the catalogue lacks is shown as it is).
func reportFigures(values map[string]float64, form, catalogue []kehoach.Indicator) []ReportFigure {
	out := []ReportFigure{}
	seen := map[string]bool{}
	add := func(ind kehoach.Indicator) {
		if v, ok := values[ind.Code]; ok && !seen[ind.Code] {
			seen[ind.Code] = true
			out = append(out, ReportFigure{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Decimal: ind.Decimal, Value: v})
		}
	}
	for _, ind := range form {
		add(ind)
	}
	for _, ind := range catalogue {
		add(ind)
	}
	var rest []string
	for code := range values {
		if !seen[code] {
			rest = append(rest, code)
		}
	}
	slices.Sort(rest)
	for _, code := range rest {
		out = append(out, ReportFigure{Code: code, Name: code, Decimal: true, Value: values[code]})
	}
	return out
}

// SavedReport returns the saved report of an obligation a may read; an
// obligation without one is not found.
func (s *Service) SavedReport(ctx context.Context, a *kehoach.Actor, obligationID string) (*kehoach.Report, error) {
	o, _, err := s.obligation(ctx, a, obligationID)
	if err != nil {
		return nil, err
	}
	return s.store.FindReportByObligation(ctx, o.ID)
}

// AllowedIndicators returns the catalogue entries a task feeds that units
// type in their reports; figures kehoach counts itself are left out so that
// nobody types them twice.
func AllowedIndicators(catalogue []kehoach.Indicator, t *kehoach.Task) []kehoach.Indicator {
	return keep(catalogue, func(ind kehoach.Indicator) bool { return t != nil && t.Feeds(ind.Code) && ind.Source == "" })
}

// SaveReport saves a unit's report on an obligation a may change: the text,
// the values, the evidence files and, when in.Submit, its submission, in one
// transaction; on any problem nothing is saved. Every problem is named by
// field by its API name: values as values.<code>, files as evidence.
func (s *Service) SaveReport(ctx context.Context, a *kehoach.Actor, obligationID string, in ReportInput) (*kehoach.Report, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	v, err := s.reportView(ctx, a, obligationID, false)
	if err != nil {
		return nil, err
	}
	if !a.CanChangeUnitWork(v.Obligation.UnitID) {
		return nil, Forbidden()
	}
	if !v.CanEdit {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã được gửi; không thể sửa hoặc gửi lại.")
	}
	pr := Problems{}
	rep := &kehoach.Report{ReportContent: kehoach.ReportContent{Values: map[string]float64{}, Results: strings.TrimSpace(in.Results),
		Shortcomings: strings.TrimSpace(in.Shortcomings), Proposals: strings.TrimSpace(in.Proposals), Links: []string{}}}
	for code, n := range in.Values {
		rep.Values[code] = n
	}
	for code, typed := range in.TypedValues {
		if typed = strings.TrimSpace(typed); typed == "" {
			continue
		}
		ind := kehoach.IndicatorByCode(v.Allowed, code)
		n, note, err := ReadNumber(typed, ind != nil && !ind.Decimal)
		if err != nil {
			pr.Add("values."+code, "Giá trị phải là số.")
			continue
		}
		if note != "" && in.Notes != nil {
			in.Notes[code] = note
		}
		rep.Values[code] = n
	}
	for _, l := range in.Links {
		if l = strings.TrimSpace(l); l != "" {
			rep.Links = append(rep.Links, l)
		}
	}
	if err := rep.ValidateDraft(v.Allowed); err != nil {
		for k, msg := range kehoach.ErrorFields(err) {
			pr.Add(k, msg)
		}
	}
	if in.Submit {
		if in.Confirmed != nil && !*in.Confirmed {
			pr.Add("confirm", "Đánh dấu ô xác nhận trước khi gửi báo cáo.")
		}
		if err := rep.ValidateSubmit(); err != nil {
			for k, msg := range kehoach.ErrorFields(err) {
				pr.Add(k, msg)
			}
		}
	}
	files, err := checkEvidence(in.Files, pr)
	if err != nil {
		return nil, err
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	saved, err := s.store.SaveReport(as(ctx, a), v.Obligation.ID, rep, v.Allowed, files, in.Submit)
	return committed(s, saved, err)
}

// checkEvidence judges each file by its content and size, adding what is
// wrong to pr under "evidence".
func checkEvidence(uploads []EvidenceUpload, pr Problems) ([]sqlstore.EvidenceFile, error) {
	if len(uploads) > MaxEvidenceFiles {
		pr.Add("evidence", "Tối đa 5 tệp mỗi lần.")
	}
	var files []sqlstore.EvidenceFile
	for _, u := range uploads {
		ct, err := kehoach.SniffEvidence(u.Name, u.Data)
		if err != nil {
			if kehoach.ErrorCode(err) != kehoach.EINVALID {
				return nil, err
			}
			pr.Add("evidence", kehoach.ErrorFields(err)["evidence"])
			continue
		}
		files = append(files, sqlstore.EvidenceFile{Name: u.Name, ContentType: ct, Data: u.Data})
	}
	return files, nil
}

// ReviewInput is the Office's decision on a submitted report.
type ReviewInput struct {
	Accept bool `json:"accept"`
	// Reason says why a report is returned (at least 5 characters).
	Reason string `json:"reason"`
}

// ReviewReport accepts or returns the submitted report of an obligation on
// a plan a may change.
func (s *Service) ReviewReport(ctx context.Context, a *kehoach.Actor, obligationID string, in ReviewInput) (*kehoach.Report, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	o, p, err := s.obligation(ctx, a, obligationID)
	if err != nil {
		return nil, err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return nil, Forbidden()
	}
	rep, err := s.store.FindReportByObligation(ctx, o.ID)
	if kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Đơn vị chưa gửi báo cáo.")
	} else if err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(in.Reason)
	if !in.Accept && len([]rune(reason)) < 5 {
		return nil, kehoach.Invalid(map[string]string{"reason": "Nhập lý do trả lại báo cáo (ít nhất 5 ký tự)."})
	}
	rep, err = s.store.ReviewReport(as(ctx, a), rep.ID, in.Accept, reason)
	return committed(s, rep, err)
}

// Evidence returns an evidence file of a report whose unit's work a may
// read, with its content.
func (s *Service) Evidence(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Evidence, []byte, error) {
	e, data, err := s.store.EvidenceData(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	rep, err := s.store.FindReportByID(ctx, e.ReportID)
	if err != nil {
		return nil, nil, err
	}
	if !a.CanReadUnitWork(rep.UnitID) {
		return nil, nil, notFound("minh chứng")
	}
	return e, data, nil
}

// DeleteEvidence removes an evidence file from a report its unit is still
// writing: only who reports for the unit may, and only before the report is
// submitted (or after it was returned). It returns the report without the
// file.
func (s *Service) DeleteEvidence(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Report, error) {
	e, _, err := s.Evidence(ctx, a, id)
	if err != nil {
		return nil, err
	}
	rep, err := s.store.FindReportByID(ctx, e.ReportID)
	if err != nil {
		return nil, err
	}
	if !a.CanChangeUnitWork(rep.UnitID) {
		return nil, Forbidden()
	}
	if rep.State == kehoach.ReportSubmitted || rep.State == kehoach.ReportAccepted {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã gửi; không thể xóa minh chứng.")
	}
	rep, err = s.store.DeleteEvidence(as(ctx, a), id)
	return committed(s, rep, err)
}
