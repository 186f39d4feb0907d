package ops

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/planimport"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// ImportFields are the header fields of an imported plan as the Office
// typed them on the review page (dates as dd/mm/yyyy or YYYY-MM-DD).
type ImportFields struct {
	Issuer, Number, Symbol, Place, Date, Title, Year string
	PeriodStart, PeriodEnd, PeriodText               string
	ReportTo, Recipients                             string // one a line
	SignerAuthority, SignerTitle, SignerName         string
}

// ImportTask is what the Office chose for the proposed task of the same
// index in the parse.
type ImportTask struct {
	LeadUnitID string   `json:"leadUnitId,omitempty"`
	SupportIDs []string `json:"supportIds,omitempty"`
	Due        string   `json:"due,omitempty"`
	Skip       bool     `json:"skip,omitempty"`
}

// ImportInput is a reviewed import: the parse the review showed, its
// source text, and what the Office typed and chose. Problems are named by
// the review form's fields: "title", "date", "task.3.lead", ….
type ImportInput struct {
	Doc    *docparse.Document
	Source string
	// DraftID names the import under review (see [Service.StartImport])
	// that gives the parse and the source instead of Doc and Source: on a
	// problem what was typed is kept with it, on success it is discarded.
	DraftID string
	// Draft, when given, is that import as [Service.ImportDraft] returned
	// it to the same person for this request: it is not read again (a
	// large source is read once per request).
	Draft *ImportDraft `json:"-"`
	ImportEdits
}

// ImportEdits is what the Office typed and chose on the review page.
type ImportEdits struct {
	Fields ImportFields `json:"fields"`
	Basis  []string     `json:"basis"`
	Tasks  []ImportTask `json:"tasks"`
}

// ImportUnits returns the units of a's agency that imported tasks may be
// given to (those valid today), in tree order; it refuses whoever may not
// import plans.
func (s *Service) ImportUnits(ctx context.Context, a *kehoach.Actor) ([]*kehoach.OrgUnit, error) {
	ag := a.AgencyID()
	if ag == "" || !a.CanEditPlan(ag) {
		return nil, Forbidden()
	}
	var out []*kehoach.OrgUnit
	now := s.Now()
	var walk func(id string)
	walk = func(id string) {
		for _, u := range a.Tree.Children(id) {
			if u.ValidAt(now) {
				out = append(out, u)
			}
			walk(u.ID)
		}
	}
	walk(ag)
	return out, nil
}

// ImportPlan saves a reviewed import as a draft plan of a's agency.
func (s *Service) ImportPlan(ctx context.Context, a *kehoach.Actor, in ImportInput) (*kehoach.Plan, error) {
	if err := cleanInput(document{&in}); err != nil {
		return nil, err
	}
	units, err := s.ImportUnits(ctx, a)
	if err != nil {
		return nil, err
	}
	var draft *ImportDraft
	if in.Draft != nil && in.Draft.ID == in.DraftID && in.Draft.person == a.ID() {
		draft = in.Draft
		in.Doc, in.Source = draft.Doc, draft.Source
	} else if in.DraftID != "" {
		if draft, err = s.ImportDraft(ctx, a, in.DraftID); err != nil {
			return nil, err
		}
		in.Doc, in.Source = draft.Doc, draft.Source
	}
	if in.Doc == nil || !utf8.ValidString(in.Source) {
		return nil, kehoach.Errorf(kehoach.EINVALID, "Thiếu văn bản đã đọc hoặc nội dung nguồn không hợp lệ.")
	}
	in.Fields.Title = oneLine(in.Fields.Title)
	pr := in.problems(units)
	if in.Doc.Type != "KH" {
		pr.Add("form", "Chỉ lưu được văn bản loại Kế hoạch (KH).")
	}
	if err := pr.Err(); err != nil {
		if draft != nil {
			if kerr := s.KeepImportEdits(ctx, a, draft.ID, in.ImportEdits); kerr != nil {
				return nil, kerr
			}
		}
		return nil, err
	}
	p, err := planimport.FromDocument(in.Doc, a.AgencyID())
	if err != nil {
		return nil, err
	}
	in.apply(p)
	p.SourceText = in.Source
	if err := s.proposeParent(ctx, a, p); err != nil {
		return nil, err
	}
	if draft == nil {
		return p, s.CreateDraft(ctx, a, p)
	}
	p.Status = kehoach.PlanDraft
	return p, s.commit(s.store.CreatePlanFromImport(as(ctx, a), p, a.ID(), draft.ID))
}

// ImportDraft is a document under review before it is saved as a draft
// plan: kept on the server per person, so that a reload or Back shows the
// corrections made so far, until it is saved or discarded.
type ImportDraft struct {
	ID, SourceName, Format, Source string
	Doc                            *docparse.Document
	// Edits are the corrections kept so far; nil before the first.
	Edits     *ImportEdits
	UpdatedAt time.Time
	// Units are the units its tasks may be given to (only from
	// [Service.ImportDraft]).
	Units []*kehoach.OrgUnit
	// person is whose import it is (only from [Service.ImportDraft]).
	person string
	// Plans are the plans of the agency a document that is not a plan may
	// be attached to (only from [Service.ImportDraft]).
	Plans []*kehoach.Plan
}

// Title is what the document says it is about, for a list of imports.
func (d *ImportDraft) Title() string {
	if d.Edits != nil && d.Edits.Fields.Title != "" {
		return d.Edits.Fields.Title
	}
	if d.Doc != nil && d.Doc.Title != "" {
		return d.Doc.Title
	}
	return d.SourceName
}

// StartImport keeps a parsed document under review for a, who may import
// plans, and returns it.
func (s *Service) StartImport(ctx context.Context, a *kehoach.Actor, doc *docparse.Document, source, sourceName, format string) (*ImportDraft, error) {
	if _, err := s.ImportUnits(ctx, a); err != nil {
		return nil, err
	}
	if doc == nil || !utf8.ValidString(source) || a.ID() == "" {
		return nil, kehoach.Errorf(kehoach.EINVALID, "Thiếu văn bản đã đọc hoặc nội dung nguồn không hợp lệ.")
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	row := &sqlstore.ImportDraft{PersonID: a.ID(), AgencyID: a.AgencyID(), SourceName: sourceName, Format: format, Source: source, Doc: string(raw)}
	if err := s.store.CreateImportDraft(as(ctx, a), row); err != nil {
		return nil, err
	}
	return &ImportDraft{ID: row.ID, SourceName: sourceName, Format: format, Source: source, Doc: doc, UpdatedAt: row.UpdatedAt}, nil
}

// ImportDraft returns an import a has under review; another person's is not
// found.
func (s *Service) ImportDraft(ctx context.Context, a *kehoach.Actor, id string) (*ImportDraft, error) {
	units, err := s.ImportUnits(ctx, a)
	if err != nil {
		return nil, err
	}
	row, err := s.store.FindImportDraft(ctx, a.ID(), id)
	if err != nil {
		return nil, err
	}
	d, err := importDraftOf(row)
	if d != nil {
		d.Units, d.person = units, a.ID()
		if err == nil && d.Doc.Type != "KH" {
			d.Plans, err = s.attachablePlans(ctx, a)
		}
	}
	return d, err
}

// ImportDrafts returns the imports a has under review, the latest first,
// without their source.
func (s *Service) ImportDrafts(ctx context.Context, a *kehoach.Actor) ([]*ImportDraft, error) {
	if _, err := s.ImportUnits(ctx, a); err != nil {
		return nil, err
	}
	rows, err := s.store.FindImportDrafts(ctx, a.ID())
	if err != nil {
		return nil, err
	}
	out := []*ImportDraft{}
	for _, row := range rows {
		d, err := importDraftOf(row)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func importDraftOf(row *sqlstore.ImportDraft) (*ImportDraft, error) {
	d := &ImportDraft{ID: row.ID, SourceName: row.SourceName, Format: row.Format, Source: row.Source, UpdatedAt: row.UpdatedAt}
	if err := json.Unmarshal([]byte(row.Doc), &d.Doc); err != nil {
		return nil, fmt.Errorf("import draft %s: %w", row.ID, err)
	}
	if row.Edits != "" {
		d.Edits = &ImportEdits{}
		if err := json.Unmarshal([]byte(row.Edits), d.Edits); err != nil {
			return nil, fmt.Errorf("import draft %s: %w", row.ID, err)
		}
	}
	return d, nil
}

// KeepImportEdits keeps what a typed and chose on an import under review.
func (s *Service) KeepImportEdits(ctx context.Context, a *kehoach.Actor, id string, e ImportEdits) error {
	if err := cleanInput(document{&e}); err != nil {
		return err
	}
	if _, err := s.ImportUnits(ctx, a); err != nil {
		return err
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return s.store.SetImportDraftEdits(as(ctx, a), a.ID(), id, string(raw))
}

// DiscardImport drops an import a has under review.
func (s *Service) DiscardImport(ctx context.Context, a *kehoach.Actor, id string) error {
	if _, err := s.ImportUnits(ctx, a); err != nil {
		return err
	}
	return s.store.DeleteImportDraft(as(ctx, a), a.ID(), id)
}

// CreateDraft stores p as a new draft plan of its agency, which a's Office
// keeps.
func (s *Service) CreateDraft(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) error {
	if err := cleanInput(p); err != nil {
		return err
	}
	if p.AgencyID == "" || !a.CanEditPlan(p.AgencyID) {
		return Forbidden()
	}
	p.Status = kehoach.PlanDraft
	return s.savePlan(ctx, a, p, s.store.CreatePlan)
}

// problems names every field of the review that cannot be saved.
func (in *ImportInput) problems(units []*kehoach.OrgUnit) Problems {
	f, pr := in.Fields, Problems{}
	if f.Title == "" {
		pr.Add("title", "Tên (trích yếu) kế hoạch không được để trống.")
	} else if utf8.RuneCountInString(f.Title) > 500 {
		pr.Add("title", "Tên kế hoạch dài quá 500 ký tự.")
	}
	dateField := func(key, val, what string) string {
		if val == "" {
			return ""
		}
		d, ok := ParseDate(val)
		if !ok {
			pr.Add(key, what+" “"+val+"” không hợp lệ: nhập theo dạng ngày/tháng/năm (30/06/2023) hoặc 2023-06-30.")
		}
		return d
	}
	dateField("date", f.Date, "Ngày ban hành")
	start := dateField("periodStart", f.PeriodStart, "Ngày bắt đầu")
	end := dateField("periodEnd", f.PeriodEnd, "Ngày kết thúc")
	if start != "" && end != "" && end < start {
		pr.Add("periodEnd", "Ngày kết thúc trước ngày bắt đầu.")
	}
	if f.Year != "" {
		if y, err := strconv.Atoi(f.Year); err != nil || y < 1945 || y > 2100 {
			pr.Add("year", "Năm phải là một số từ 1945 đến 2100.")
		}
	}
	if utf8.RuneCountInString(f.Number) > 20 {
		pr.Add("number", "Số văn bản dài quá 20 ký tự.")
	}
	if utf8.RuneCountInString(f.Symbol) > 50 {
		pr.Add("symbol", "Ký hiệu dài quá 50 ký tự.")
	}
	ok := map[string]bool{}
	for _, u := range units {
		ok[u.ID] = true
	}
	for i, t := range in.Tasks {
		if t.Skip {
			continue
		}
		k := fmt.Sprintf("task.%d.", i)
		if t.LeadUnitID != "" && !ok[t.LeadUnitID] {
			pr.Add(k+"lead", "Đơn vị chủ trì không có trong cơ quan.")
		}
		for _, id := range t.SupportIDs {
			if !ok[id] {
				pr.Add(k+"support", "Đơn vị phối hợp không có trong cơ quan.")
			}
		}
		dateField(k+"due", t.Due, "Thời hạn")
	}
	return pr
}

// apply writes what was typed onto the plan converted from the parse.
func (in *ImportInput) apply(p *kehoach.Plan) {
	f := in.Fields
	p.Issuer, p.Number, p.Symbol, p.Place = optional(f.Issuer), optional(f.Number), optional(f.Symbol), optional(f.Place)
	p.Title = f.Title
	p.Date = nil
	if d, ok := ParseDate(f.Date); ok {
		p.Date = &d
	}
	p.Year = nil
	if y, err := strconv.Atoi(f.Year); err == nil {
		p.Year = &y
	}
	p.Period = nil
	if f.PeriodStart != "" || f.PeriodEnd != "" || f.PeriodText != "" {
		p.Period = &kehoach.Period{Text: f.PeriodText}
		if d, ok := ParseDate(f.PeriodStart); ok {
			p.Period.Start = &d
		}
		if d, ok := ParseDate(f.PeriodEnd); ok {
			p.Period.End = &d
		}
	}
	var basis []kehoach.Basis
	for i, text := range in.Basis {
		text = oneLine(text)
		if text == "" {
			continue
		}
		b := kehoach.Basis{Text: text}
		if i < len(p.Basis) {
			b = p.Basis[i]
			b.Text = text
		}
		basis = append(basis, b)
	}
	p.Basis = basis
	p.ReportTo, p.Recipients = nonEmptyLines(f.ReportTo), nonEmptyLines(f.Recipients)
	p.Signer = nil
	if f.SignerTitle != "" || f.SignerName != "" {
		p.Signer = &kehoach.Signer{Authority: f.SignerAuthority, Title: f.SignerTitle, Name: f.SignerName}
	}
	var tasks []kehoach.ProposedTask
	for i, t := range in.Tasks {
		if t.Skip || i >= len(p.Tasks) {
			continue
		}
		pt := p.Tasks[i]
		pt.LeadUnitID = t.LeadUnitID
		pt.SupportUnitIDs = nil
		for _, id := range t.SupportIDs {
			if id != t.LeadUnitID {
				pt.SupportUnitIDs = append(pt.SupportUnitIDs, id)
			}
		}
		pt.Due = nil
		if d, ok := ParseDate(t.Due); ok {
			pt.Due = &d
		}
		tasks = append(tasks, pt)
	}
	p.Tasks = tasks
	p.Warnings = currentWarnings(p)
}

// currentWarnings drops the warnings that the Office's edits answered: a
// number or date now given, a period now in the plan's year.
func currentWarnings(p *kehoach.Plan) []kehoach.Warning {
	pd := p.Period
	answered := map[string]bool{
		docparse.WarnMissingNumber:     p.Number != nil,
		docparse.WarnMissingDate:       p.Date != nil,
		docparse.WarnMissingIssuer:     p.Issuer != nil,
		docparse.WarnMissingSigner:     p.Signer != nil,
		docparse.WarnMissingRecipients: len(p.Recipients) > 0,
		docparse.WarnPeriodYear: p.Year != nil && pd != nil && pd.Start != nil && pd.End != nil &&
			(*pd.Start)[:4] == strconv.Itoa(*p.Year) && (*pd.End)[:4] == strconv.Itoa(*p.Year),
	}
	return keep(p.Warnings, func(w kehoach.Warning) bool { return !answered[w.Code] })
}

var reDMY = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$`)

// ParseDate reads a date typed as YYYY-MM-DD or dd/mm/yyyy (also with dots
// or dashes) and returns it as YYYY-MM-DD.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), true
	}
	m := reDMY.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo || t.Year() != y {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// nonEmptyLines returns the non-empty lines of a text area.
func nonEmptyLines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// oneLine collapses the white space of a paragraph typed in a text area.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func optional(s string) *string {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return &s
}
