package web

import (
	"encoding/csv"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
)

// kindName names an obligation kind.
func obligationKindName(l Lang, k kehoach.ObligationKind) string {
	vi := map[kehoach.ObligationKind]string{kehoach.KindAcknowledgement: "Xác nhận đã nhận", kehoach.KindBriefing: "Quán triệt",
		kehoach.KindProgress: "Báo cáo tiến độ", kehoach.KindFinal: "Báo cáo kết quả"}[k]
	return Translate(l, vi)
}

func obligationStatusName(l Lang, s kehoach.ObligationStatus) string {
	vi := map[kehoach.ObligationStatus]string{kehoach.StatusNotDue: "Chưa đến hạn", kehoach.StatusDueSoon: "Sắp đến hạn", kehoach.StatusLate: "Quá hạn",
		kehoach.StatusSubmitted: "Đã gửi", kehoach.StatusReturned: "Bị trả lại", kehoach.StatusAccepted: "Đã chấp nhận"}[s]
	return Translate(l, vi)
}

// ObligationKind and ObligationStatus name codes in the page's language.
func (p *page) ObligationKind(k kehoach.ObligationKind) string { return obligationKindName(p.Lang, k) }
func (p *page) ObligationStatus(s kehoach.ObligationStatus) string {
	return obligationStatusName(p.Lang, s)
}

// ReportState names a report state.
func (p *page) ReportState(s kehoach.ReportState) string {
	vi := map[kehoach.ReportState]string{kehoach.ReportDraft: "Bản nháp", kehoach.ReportSubmitted: "Đã gửi, chờ xem xét",
		kehoach.ReportReturned: "Bị trả lại", kehoach.ReportAccepted: "Đã chấp nhận"}[s]
	return Translate(p.Lang, vi)
}

// UnitName returns the name of a unit.
func (p *page) UnitName(id string) string {
	if p.Actor != nil && p.Actor.Tree != nil {
		if u := p.Actor.Tree.Unit(id); u != nil {
			return u.Name
		}
	}
	return id
}

// Value formats an indicator value.
func (p *page) Value(v float64, decimal bool) string { return kehoach.FormatValue(v, decimal) }

// Percent formats a rate; "—" when there is none (nothing due yet).
func (p *page) Percent(v *float64) string {
	if v == nil {
		return noRate
	}
	return strconv.FormatFloat(*v, 'f', 0, 64) + "%"
}

// FileSize writes a file's size for people: "512 B", "39,5 KB", "1,2 MB"
// (units of 1024, a decimal comma).
func (p *page) FileSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1024*1024:
		return decimalComma(float64(n)/1024) + " KB"
	default:
		return decimalComma(float64(n)/(1024*1024)) + " MB"
	}
}

// noRate shows a rate over nothing due.
const noRate = "—"

// rateCell writes a rate for a spreadsheet: a decimal comma, "—" for none.
func rateCell(v *float64) string {
	if v == nil {
		return noRate
	}
	return decimalComma(*v)
}

// execData is the plan page's execution part.
type execData struct{ *ops.Execution }

// IndicatorName returns an indicator's name and unit of measure.
func (d *execData) IndicatorName(code string) string {
	if ind := kehoach.IndicatorByCode(d.Indicators, code); ind != nil {
		return ind.Name + " (" + ind.Unit + ")"
	}
	return code
}

// TaskByID finds a task of the plan.
func (d *execData) TaskByID(id string) *kehoach.Task {
	for _, t := range d.Tasks {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// --- issuing ---

type issueForm struct {
	*ops.IssueForm
	Selected  []string
	AckDays   string
	BriefDays string
	IssuedOn  string
	Problems  map[string]string
}

func (f *issueForm) IsSelected(id string) bool { return slices.Contains(f.Selected, id) }

func (s *server) issuePage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, err := s.Ops.IssueForm(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := &issueForm{IssueForm: o, Selected: o.Proposed.RecipientUnitIDs, AckDays: strconv.Itoa(o.Proposed.AckDays),
		BriefDays: strconv.Itoa(o.Proposed.BriefDays), IssuedOn: o.Proposed.IssuedOn}
	return s.show(w, r, "issue", Translate(langOf(r), "Ban hành kế hoạch"), f)
}

func (s *server) issue(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	f := &issueForm{Selected: r.PostForm["recipients"], AckDays: r.PostFormValue("ackDays"), BriefDays: r.PostFormValue("briefDays"),
		IssuedOn: parseDateInput(r.PostFormValue("issuedOn"))}
	// A number that does not read is 0, which the rule refuses by name.
	ack, _ := strconv.Atoi(strings.TrimSpace(f.AckDays))
	brief, _ := strconv.Atoi(strings.TrimSpace(f.BriefDays))
	in := ops.IssueInput{RecipientUnitIDs: f.Selected, AckDays: ack, BriefDays: brief, IssuedOn: f.IssuedOn, Confirmed: confirmed(r)}
	_, err := s.Ops.IssuePlan(r.Context(), a, id, in)
	if err == nil {
		http.Redirect(w, r, "/plans/"+id, http.StatusSeeOther)
		return nil
	}
	f.Problems = map[string]string{}
	if err := addProblems(f.Problems, err); err != nil {
		return err
	}
	if f.IssueForm, err = s.Ops.IssueFormWith(r.Context(), a, id, in); err != nil {
		return err
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, http.StatusBadRequest, "issue", s.newPage(r, Translate(langOf(r), "Ban hành kế hoạch"), f))
	return nil
}

// addProblems adds to problems what err says about each field, or its
// message under "form" when it names no field. It returns err itself when
// it is not something the person can correct on the form (then the error
// page shows it).
func addProblems(problems map[string]string, err error, codes ...string) error {
	c := kehoach.ErrorCode(err)
	if c != kehoach.EINVALID && c != kehoach.ECONFLICT && !slices.Contains(codes, c) {
		return err
	}
	fields := kehoach.ErrorFields(err)
	for k, v := range fields {
		problems[k] = v
	}
	if len(fields) == 0 {
		problems["form"] = kehoach.ErrorMessage(err)
	}
	return nil
}

func (s *server) translateProblems(r *http.Request, m map[string]string) {
	l := langOf(r)
	for k, v := range m {
		m[k] = Translate(l, v)
	}
}

// --- tasks ---

type taskForm struct {
	*ops.TaskForm
	Problems map[string]string
}

func (f *taskForm) Supports(id string) bool { return slices.Contains(f.Task.SupportUnitIDs, id) }
func (f *taskForm) Feeds(code string) bool  { return slices.Contains(f.Task.IndicatorCodes, code) }

func readTaskForm(r *http.Request) ops.TaskInput {
	return ops.TaskInput{TaskFields: kehoach.TaskFields{
		Section: strings.TrimSpace(r.PostFormValue("section")), Title: r.PostFormValue("title"), Text: r.PostFormValue("text"),
		LeadUnitID: r.PostFormValue("leadUnitId"), SupportUnitIDs: r.PostForm["supportUnitIds"], Due: parseDateInput(r.PostFormValue("due")),
		ExpectedOutput: strings.TrimSpace(r.PostFormValue("expectedOutput")), IndicatorCodes: r.PostForm["indicatorCodes"],
	}}
}

// parseDateInput accepts YYYY-MM-DD (the date input) or dd/mm/yyyy typed by
// hand, and returns YYYY-MM-DD, or what was typed when it is neither.
func parseDateInput(s string) string {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2/1/2006", s); err == nil {
		return t.Format(time.DateOnly)
	}
	return s
}

func (s *server) taskNew(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.Ops.NewTaskForm(r.Context(), a, r.PathValue("id"))
	return s.showTask(w, r, Translate(langOf(r), "Thêm nhiệm vụ"), f, err)
}

// showTask shows the task form f with its title, or the error page for err.
func (s *server) showTask(w http.ResponseWriter, r *http.Request, title string, f *ops.TaskForm, err error) error {
	if err != nil {
		return err
	}
	return s.show(w, r, "task", title, &taskForm{TaskForm: f})
}

func (s *server) taskCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	t, err := s.Ops.CreateTask(r.Context(), a, r.PathValue("id"), readTaskForm(r))
	if err != nil {
		return s.taskProblems(w, r, a, t, err, "Thêm nhiệm vụ")
	}
	http.Redirect(w, r, "/plans/"+t.PlanID+"#tasks", http.StatusSeeOther)
	return nil
}

// taskProblems shows the task form again with what was typed and its
// problems; other errors go to the error page.
func (s *server) taskProblems(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, t *kehoach.Task, err error, title string) error {
	if c := kehoach.ErrorCode(err); t == nil || (c != kehoach.EINVALID && c != kehoach.ECONFLICT) {
		return err
	}
	tf, ferr := s.Ops.TaskFormWith(r.Context(), a, t.PlanID, t)
	if ferr != nil {
		return ferr
	}
	f := &taskForm{TaskForm: tf, Problems: map[string]string{}}
	_ = addProblems(f.Problems, err)
	s.translateProblems(r, f.Problems)
	s.render(w, r, statusOf(kehoach.ErrorCode(err)), "task", s.newPage(r, Translate(langOf(r), title), f))
	return nil
}

func (s *server) taskEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.Ops.EditTaskForm(r.Context(), a, r.PathValue("id"))
	return s.showTask(w, r, Translate(langOf(r), "Sửa nhiệm vụ"), f, err)
}

// taskUpdate saves the task form, or splits the task into one part per
// chosen unit (action=split).
func (s *server) taskUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if r.PostFormValue("action") == "split" {
		if err := s.Ops.SplitTask(r.Context(), a, id, r.PostForm["splitUnits"]); err != nil {
			f, ferr := s.Ops.EditTaskForm(r.Context(), a, id)
			if ferr != nil {
				return ferr
			}
			return s.taskProblems(w, r, a, f.Task, err, "Sửa nhiệm vụ")
		}
	} else if t, err := s.Ops.UpdateTask(r.Context(), a, id, readTaskForm(r)); err != nil {
		return s.taskProblems(w, r, a, t, err, "Sửa nhiệm vụ")
	}
	t, _, err := s.Ops.Task(r.Context(), a, id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+t.PlanID+"#tasks", http.StatusSeeOther)
	return nil
}

// --- acknowledgement and briefing ---

func (s *server) acknowledge(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	id := r.PathValue("id")
	if _, err := s.Ops.Acknowledge(r.Context(), a, id, r.FormValue("unit")); err != nil {
		if kehoach.ErrorCode(err) != kehoach.EINVALID {
			return err
		}
		// The button names a unit that is not there: offer those a acts for.
		p, perr := s.Ops.Plan(r.Context(), a, id)
		if perr != nil {
			return perr
		}
		f := &unitWorkForm{Plan: p, UnitID: r.FormValue("unit"), Problems: map[string]string{}}
		return s.unitWorkProblems(w, r, a, "acknowledge", "Xác nhận đã nhận", f, err)
	}
	http.Redirect(w, r, "/plans/"+id, http.StatusSeeOther)
	return nil
}

// unitWorkForm is the form by which a unit acknowledges a plan or confirms
// its briefing, with what was typed; Units are offered when the unit given
// is a problem.
type unitWorkForm struct {
	Plan     *kehoach.Plan
	UnitID   string
	Units    []*kehoach.OrgUnit
	Date     string
	Method   string
	People   string
	Note     string
	Problems map[string]string
}

// unitWorkProblems shows form f of page name again with the problems of
// err, offering the units a acts for when the unit is one.
func (s *server) unitWorkProblems(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, name, title string, f *unitWorkForm, err error) error {
	if err := addProblems(f.Problems, err, kehoach.ENOTFOUND); err != nil {
		return err
	}
	if f.Problems["unitId"] != "" {
		f.Units = ops.ActingUnits(a, f.Plan)
	}
	s.translateProblems(r, f.Problems)
	s.render(w, r, http.StatusBadRequest, name, s.newPage(r, Translate(langOf(r), title), f))
	return nil
}

func (s *server) briefingPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, b, err := s.Ops.NewBriefing(r.Context(), a, r.PathValue("id"), r.FormValue("unit"))
	if err != nil {
		return err
	}
	f := &unitWorkForm{Plan: p, UnitID: b.UnitID, Date: b.Date}
	return s.show(w, r, "briefing", Translate(langOf(r), "Xác nhận quán triệt"), f)
}

func (s *server) briefing(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	p, err := s.Ops.Plan(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := &unitWorkForm{Plan: p, UnitID: r.PostFormValue("unit"), Date: parseDateInput(r.PostFormValue("date")), Method: r.PostFormValue("method"),
		People: strings.TrimSpace(r.PostFormValue("participants")), Note: r.PostFormValue("note"), Problems: map[string]string{}}
	in := ops.BriefingInput{Briefing: kehoach.Briefing{UnitID: f.UnitID, Date: f.Date, Method: f.Method, Note: f.Note}, ParticipantsText: f.People}
	if _, err := s.Ops.RecordBriefing(r.Context(), a, p.ID, in); err != nil {
		return s.unitWorkProblems(w, r, a, "briefing", "Xác nhận quán triệt", f, err)
	}
	http.Redirect(w, r, "/plans/"+p.ID, http.StatusSeeOther)
	return nil
}

// --- monitoring ---

type monitorData struct {
	*ops.Monitoring
	Filter   kehoach.MonitorFilter
	ReadOnly bool
	Query    string
	Kinds    []kehoach.ObligationKind
	Statuses []kehoach.ObligationStatus
	// The manual reminder form: what was typed and its problem.
	RemindUnit, RemindMessage, RemindProblem string
	Reminded                                 string
	// AllRemindersURL lists all the sent reminders when only the latest are.
	AllRemindersURL string
	// srv renders and keeps the parts of the page every viewer shares
	// ([monitorData.Fragment]); parts are those of this page.
	srv   *server
	parts []*httpx.KeptBody
}

// ColumnLabel names a column of the grid.
func (d *monitorData) ColumnLabel(l *page, c kehoach.MonitorColumn) string {
	s := l.ObligationKind(c.Kind)
	if c.TaskNumber > 0 {
		s += fmt.Sprintf(" · NV%d", c.TaskNumber)
	}
	if c.Kind == kehoach.KindProgress && c.PeriodEnd != "" {
		s += " · " + formatDate(c.PeriodEnd)
	}
	return s
}

func (s *server) monitorData(r *http.Request, a *kehoach.Actor, planID string) (*monitorData, error) {
	q := r.URL.Query()
	f := kehoach.MonitorFilter{UnitID: q.Get("unit"), Kind: kehoach.ObligationKind(q.Get("kind")), Status: kehoach.ObligationStatus(q.Get("status"))}
	m, err := s.Ops.Monitoring(r.Context(), a, planID, ops.MonitorQuery{Filter: f, Details: true, AllReminders: q.Get("reminders") == "all"})
	if err != nil {
		return nil, err
	}
	p := m.Plan
	d := &monitorData{Monitoring: m, Filter: f, ReadOnly: !m.CanEdit, Query: r.URL.RawQuery, Kinds: kehoach.ObligationKinds,
		Statuses: []kehoach.ObligationStatus{kehoach.StatusNotDue, kehoach.StatusDueSoon, kehoach.StatusLate, kehoach.StatusSubmitted, kehoach.StatusReturned, kehoach.StatusAccepted},
		Reminded: q.Get("reminded"), srv: s}
	if m.MoreReminders {
		all := url.Values{}
		for k, v := range q {
			if k != "reminded" && k != "format" {
				all[k] = v
			}
		}
		all.Set("reminders", "all")
		d.AllRemindersURL = "/plans/" + p.ID + "/monitoring?" + all.Encode() + "#sent-reminders"
	}
	return d, nil
}

func (s *server) monitoring(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d, err := s.monitorData(r, a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if r.URL.Query().Get("format") == "csv" {
		return writeMonitoringCSV(w, langOf(r), a, d)
	}
	return s.show(w, r, "monitoring", Translate(langOf(r), "Theo dõi thực hiện"), d)
}

// decimalComma writes a rate with a decimal comma, as spreadsheets set to
// Vietnamese read it.
func decimalComma(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

// safeCSV writes CSV records whose cells a spreadsheet will not run
// ([kehoach.SpreadsheetCell]): every CSV kehoach writes goes through it.
type safeCSV struct{ *csv.Writer }

func (c safeCSV) Write(rec []string) error {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = kehoach.SpreadsheetCell(s)
	}
	return c.Writer.Write(out)
}

func writeMonitoringCSV(w http.ResponseWriter, l Lang, a *kehoach.Actor, d *monitorData) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="theo-doi-`+d.Plan.ID+`.csv"`)
	// A byte-order mark lets spreadsheet programs read the file as UTF-8.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil
	}
	cw := safeCSV{csv.NewWriter(w)}
	p := &page{Lang: l, Actor: a}
	head := []string{Translate(l, "Đơn vị")}
	for _, c := range d.M.Columns {
		head = append(head, d.ColumnLabel(p, c))
	}
	head = append(head, Translate(l, "Đầy đủ (%)"), Translate(l, "Đúng hạn (%)"))
	_ = cw.Write(head)
	for _, row := range d.M.Rows {
		rec := []string{row.Unit.Name}
		for _, c := range row.Cells {
			if c == nil {
				rec = append(rec, "")
				continue
			}
			rec = append(rec, obligationStatusName(l, c.Status))
		}
		rec = append(rec, rateCell(row.Completeness()), rateCell(row.OnTimeRate()))
		_ = cw.Write(rec)
	}
	total := []string{Translate(l, "Toàn cơ quan")}
	for range d.M.Columns {
		total = append(total, "")
	}
	total = append(total, rateCell(d.M.Total.Completeness()), rateCell(d.M.Total.OnTimeRate()))
	_ = cw.Write(total)
	cw.Flush()
	return nil
}

// --- unit reports ---

type reportForm struct {
	*ops.ReportView
	Values    map[string]string // as typed
	LinksText string
	Problems  map[string]string
	Saved     string
	// Notes say, by indicator code, how an ambiguous value was read.
	Notes map[string]string
}

// Unfed returns the codes typed with a value that the task does not feed,
// so that each is shown again, as typed, next to its problem.
func (f *reportForm) Unfed() []string {
	return typedOutside(f.Values, f.Problems, "values.", f.Allowed)
}

// typedOutside returns, sorted, the indicator codes typed in a form that are
// not among shown and have a problem (named prefix + code): the form shows
// them again, as typed, each next to its problem.
func typedOutside(typed, problems map[string]string, prefix string, shown []kehoach.Indicator) []string {
	var out []string
	for code := range typed {
		if kehoach.IndicatorByCode(shown, code) == nil && problems[prefix+code] != "" {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

func (f *reportForm) CountedValue(code string) string {
	if f.Table == nil {
		return "0"
	}
	if v := f.Table.Value(f.Obligation.UnitID, code); v != nil {
		ind := kehoach.IndicatorByCode(f.Counted, code)
		return kehoach.FormatValue(v.Value, ind != nil && ind.Decimal)
	}
	return "0"
}

// reportFormData returns the report form showing the saved report.
func (s *server) reportFormData(r *http.Request, a *kehoach.Actor) (*reportForm, error) {
	v, err := s.Ops.Report(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return &reportForm{ReportView: v, Values: typedFigures(v.Report.Values), LinksText: strings.Join(v.Report.Links, "\n")}, nil
}

func (s *server) reportPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.reportFormData(r, a)
	if err != nil {
		return err
	}
	f.Saved = r.URL.Query().Get("saved")
	// A value read as a decimal where a thousands separator was possible
	// is named by the save's redirect; say how it was read.
	f.Notes = map[string]string{}
	for _, code := range r.URL.Query()["read"] {
		if v, ok := f.Report.Values[code]; ok {
			f.Notes[code] = ops.DecimalDotNote(kehoach.FormatValue(v*1000, false), v)
		}
	}
	return s.show(w, r, "report", Translate(langOf(r), "Báo cáo của đơn vị"), f)
}

// reportSave saves the draft (action=save) or saves and submits it
// (action=submit), with the evidence files of the same form, at once.
func (s *server) reportSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, (ops.MaxEvidenceFiles+1)*kehoach.MaxEvidenceSize)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		if err := r.ParseForm(); err != nil {
			return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu quá lớn hoặc không đọc được (tối đa 5 tệp, mỗi tệp 20 MB).")
		}
	}
	in := ops.ReportInput{Results: r.FormValue("results"), Shortcomings: r.FormValue("shortcomings"), Proposals: r.FormValue("proposals"),
		Links: strings.Split(r.FormValue("links"), "\n"), Submit: r.FormValue("action") == "submit", TypedValues: map[string]string{},
		Notes: map[string]string{}, Confirmed: confirmed(r)}
	for k, vs := range r.Form {
		if code, ok := strings.CutPrefix(k, "value_"); ok && len(vs) > 0 {
			in.TypedValues[code] = vs[0]
		}
	}
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["evidence"] {
			u, err := readUpload(fh)
			if err != nil {
				return err
			}
			in.Files = append(in.Files, u)
		}
	}
	_, err := s.Ops.SaveReport(r.Context(), a, r.PathValue("id"), in)
	if err == nil {
		saved := "draft"
		if in.Submit {
			saved = "submitted"
		}
		q := url.Values{"saved": {saved}}
		for code := range in.Notes {
			q.Add("read", code)
		}
		http.Redirect(w, r, "/obligations/"+r.PathValue("id")+"/report?"+q.Encode(), http.StatusSeeOther)
		return nil
	}
	problems := map[string]string{}
	if err := addProblems(problems, err); err != nil {
		return err
	}
	f, ferr := s.reportFormData(r, a)
	if ferr != nil {
		return ferr
	}
	// Show what was typed again.
	f.Values, f.LinksText, f.Notes = in.TypedValues, r.FormValue("links"), in.Notes
	f.Report.Results, f.Report.Shortcomings, f.Report.Proposals = in.Results, in.Shortcomings, in.Proposals
	return s.reportProblems(w, r, f, problems, statusOf(kehoach.ErrorCode(err)))
}

// readUpload reads an uploaded file, up to one byte more than an evidence
// file may have so that a larger one is told apart.
func readUpload(fh *multipart.FileHeader) (ops.EvidenceUpload, error) {
	file, err := fh.Open()
	if err != nil {
		return ops.EvidenceUpload{}, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, kehoach.MaxEvidenceSize+1))
	return ops.EvidenceUpload{Name: fh.Filename, Data: data}, err
}

func (s *server) reportProblems(w http.ResponseWriter, r *http.Request, f *reportForm, problems map[string]string, status int) error {
	s.translateProblems(r, problems)
	f.Problems = problems
	s.render(w, r, status, "report", s.newPage(r, Translate(langOf(r), "Báo cáo của đơn vị"), f))
	return nil
}

// reportReview accepts or returns a submitted report.
func (s *server) reportReview(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	in := ops.ReviewInput{Accept: r.PostFormValue("decision") == "accept", Reason: r.PostFormValue("reason")}
	if _, err := s.Ops.ReviewReport(r.Context(), a, id, in); err != nil {
		if kehoach.ErrorCode(err) != kehoach.EINVALID {
			return err
		}
		f, ferr := s.reportFormData(r, a)
		if ferr != nil {
			return ferr
		}
		return s.reportProblems(w, r, f, map[string]string{"reason": kehoach.ErrorMessage(err)}, http.StatusBadRequest)
	}
	http.Redirect(w, r, "/obligations/"+id+"/report", http.StatusSeeOther)
	return nil
}

// confirmed reads the box a form ticks to confirm a step that cannot be
// undone.
func confirmed(r *http.Request) *bool {
	ok := r.FormValue("confirm") == "yes"
	return &ok
}

// evidenceDelete removes a file from the unit's report being written.
func (s *server) evidenceDelete(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	rep, err := s.Ops.DeleteEvidence(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/obligations/"+rep.ObligationID+"/report?saved=evidence-deleted", http.StatusSeeOther)
	return nil
}

// evidence serves a stored evidence file to those who may read the report.
func (s *server) evidence(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	e, data, err := s.Ops.Evidence(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", e.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename*=UTF-8''%s`, urlPathEscape(e.Name)))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
	return nil
}
