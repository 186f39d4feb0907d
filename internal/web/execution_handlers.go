package web

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
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

// Percent formats a rate.
func (p *page) Percent(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) + "%" }

// todo is one thing a unit owes, for its head's home page.
type todo struct {
	Plan       *kehoach.Plan
	Obligation *kehoach.Obligation
	Task       *kehoach.Task
	Status     kehoach.ObligationStatus
}

// unitTodos returns what the actor's unit owes on plans it can read, most
// urgent first.
func (s *server) unitTodos(r *http.Request, a *kehoach.Actor, plans []*kehoach.Plan) ([]todo, error) {
	if !a.Has(kehoach.RoleUnitHead) && !a.Has(kehoach.RoleStaff) {
		return nil, nil
	}
	unit := a.UnitID()
	obls, err := s.DB.FindObligations(r.Context(), kehoach.ObligationFilter{UnitID: &unit})
	if err != nil {
		return nil, err
	}
	byID := map[string]*kehoach.Plan{}
	for _, p := range plans {
		byID[p.ID] = p
	}
	now := s.DB.Clock.Now()
	var out []todo
	for _, o := range obls {
		p := byID[o.PlanID]
		if p == nil {
			continue
		}
		t := todo{Plan: p, Obligation: o, Status: o.Status(now)}
		if o.TaskID != "" {
			t.Task, _ = s.DB.FindTaskByID(r.Context(), o.TaskID)
		}
		out = append(out, t)
	}
	rank := map[kehoach.ObligationStatus]int{kehoach.StatusLate: 0, kehoach.StatusReturned: 1, kehoach.StatusDueSoon: 2, kehoach.StatusNotDue: 3, kehoach.StatusSubmitted: 4, kehoach.StatusAccepted: 5}
	slices.SortStableFunc(out, func(x, y todo) int {
		if rank[x.Status] != rank[y.Status] {
			return rank[x.Status] - rank[y.Status]
		}
		return strings.Compare(x.Obligation.Due, y.Obligation.Due)
	})
	return out, nil
}

// execData is the plan page's execution part.
type execData struct {
	Tasks       []*kehoach.Task
	Obligations []*kehoach.Obligation // the actor's unit's, for acting on them
	CanIssue    bool
	CanMonitor  bool
	Now         time.Time
	Acks        []*kehoach.Acknowledgement
	Briefings   []*kehoach.Briefing
	Indicators  []kehoach.Indicator
	Targets     map[string]float64
}

func (s *server) execData(r *http.Request, a *kehoach.Actor, p *kehoach.Plan) (*execData, error) {
	ctx := r.Context()
	tasks, err := s.DB.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	d := &execData{Tasks: tasks, CanIssue: a.CanEditPlan(p.AgencyID) && p.Status == kehoach.PlanDraft,
		CanMonitor: a.CanEditPlan(p.AgencyID) || a.CanDecide(p.AgencyID), Now: s.DB.Clock.Now()}
	if p.Status != kehoach.PlanDraft && a.UnitID() != "" && a.CanReadUnitWork(a.UnitID()) {
		unit := a.UnitID()
		if d.Obligations, err = s.DB.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID, UnitID: &unit}); err != nil {
			return nil, err
		}
	}
	if d.CanMonitor {
		if d.Acks, err = s.DB.FindAcknowledgements(ctx, p.ID); err != nil {
			return nil, err
		}
		if d.Briefings, err = s.DB.FindBriefings(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	if d.Indicators, err = s.DB.FindIndicators(ctx); err != nil {
		return nil, err
	}
	if d.Targets, err = s.DB.FindTargets(ctx, p.ID); err != nil {
		return nil, err
	}
	return d, nil
}

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
	Plan       *kehoach.Plan
	Units      []*kehoach.OrgUnit
	Selected   []string
	AckDays    string
	BriefDays  string
	IssuedOn   string
	Problems   map[string]string
	TaskCount  int
	Unassigned int
}

func (f *issueForm) IsSelected(id string) bool { return slices.Contains(f.Selected, id) }

func (s *server) issueFormData(r *http.Request, a *kehoach.Actor, p *kehoach.Plan) (*issueForm, error) {
	f := &issueForm{Plan: p, AckDays: "2", BriefDays: "7", IssuedOn: s.DB.Clock.Now().In(kehoach.Zone).Format(time.DateOnly)}
	for _, u := range a.Tree.Units() {
		if u.ID != p.AgencyID && a.Tree.IsWithin(u.ID, p.AgencyID) {
			f.Units = append(f.Units, u)
		}
	}
	f.Selected = kehoach.DefaultRecipients(a.Tree, p.AgencyID)
	tasks, err := s.DB.FindTasks(r.Context(), kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	f.TaskCount = len(tasks)
	if len(tasks) == 0 {
		for _, t := range p.Tasks {
			if t.LeadUnitID == "" {
				f.Unassigned++
			} else {
				f.TaskCount++
			}
		}
	}
	return f, nil
}

func (s *server) issuePage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if p.Status != kehoach.PlanDraft {
		return kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch đã được ban hành.")
	}
	f, err := s.issueFormData(r, a, p)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "issue", s.newPage(r, Translate(langOf(r), "Ban hành kế hoạch"), f))
	return nil
}

func (s *server) issue(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f, err := s.issueFormData(r, a, p)
	if err != nil {
		return err
	}
	f.Selected, f.AckDays, f.BriefDays, f.IssuedOn = r.PostForm["recipients"], r.PostFormValue("ackDays"), r.PostFormValue("briefDays"), r.PostFormValue("issuedOn")
	f.Problems = map[string]string{}
	ack, err1 := strconv.Atoi(f.AckDays)
	brief, err2 := strconv.Atoi(f.BriefDays)
	if err1 != nil || ack < 1 || ack > 60 {
		f.Problems["ackDays"] = "Số ngày xác nhận phải từ 1 đến 60."
	}
	if err2 != nil || brief < 1 || brief > 120 {
		f.Problems["briefDays"] = "Số ngày quán triệt phải từ 1 đến 120."
	}
	if len(f.Selected) == 0 {
		f.Problems["recipients"] = "Chọn ít nhất một đơn vị nhận kế hoạch."
	}
	if _, err := time.Parse(time.DateOnly, f.IssuedOn); err != nil {
		f.Problems["issuedOn"] = "Ngày ban hành không hợp lệ."
	}
	if len(f.Problems) == 0 {
		_, err = s.DB.IssuePlan(r.Context(), p.ID, sqlstore.IssueOptions{RecipientUnitIDs: f.Selected, AckDays: ack, BriefDays: brief, IssuedOn: f.IssuedOn})
		if err == nil {
			http.Redirect(w, r, "/plans/"+p.ID, http.StatusSeeOther)
			return nil
		}
		if err := addProblems(f.Problems, err); err != nil {
			return err
		}
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
	Plan       *kehoach.Plan
	Task       *kehoach.Task
	Units      []*kehoach.OrgUnit
	Indicators []kehoach.Indicator
	Problems   map[string]string
}

func (f *taskForm) Supports(id string) bool { return slices.Contains(f.Task.SupportUnitIDs, id) }
func (f *taskForm) Feeds(code string) bool  { return slices.Contains(f.Task.IndicatorCodes, code) }

func (s *server) taskFormData(r *http.Request, a *kehoach.Actor, p *kehoach.Plan, t *kehoach.Task) (*taskForm, error) {
	inds, err := s.DB.FindIndicators(r.Context())
	if err != nil {
		return nil, err
	}
	f := &taskForm{Plan: p, Task: t, Indicators: inds}
	for _, u := range a.Tree.Units() {
		if u.ID != p.AgencyID && a.Tree.IsWithin(u.ID, p.AgencyID) {
			f.Units = append(f.Units, u)
		}
	}
	return f, nil
}

func readTaskForm(r *http.Request, t *kehoach.Task) {
	t.Section = strings.TrimSpace(r.PostFormValue("section"))
	t.Title = r.PostFormValue("title")
	t.Text = r.PostFormValue("text")
	t.LeadUnitID = r.PostFormValue("leadUnitId")
	t.SupportUnitIDs = r.PostForm["supportUnitIds"]
	t.Due = parseDateInput(r.PostFormValue("due"))
	t.ExpectedOutput = strings.TrimSpace(r.PostFormValue("expectedOutput"))
	t.IndicatorCodes = r.PostForm["indicatorCodes"]
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
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	due := ""
	if e := p.EndDate(); e != nil {
		due = e.Format(time.DateOnly)
	}
	f, err := s.taskFormData(r, a, p, &kehoach.Task{PlanID: p.ID, Due: due})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "task", s.newPage(r, Translate(langOf(r), "Thêm nhiệm vụ"), f))
	return nil
}

func (s *server) taskCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	t := &kehoach.Task{PlanID: p.ID}
	readTaskForm(r, t)
	if err := s.DB.CreateTask(r.Context(), t); err != nil {
		return s.taskProblems(w, r, a, p, t, err, "Thêm nhiệm vụ")
	}
	http.Redirect(w, r, "/plans/"+p.ID+"#tasks", http.StatusSeeOther)
	return nil
}

func (s *server) taskProblems(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, p *kehoach.Plan, t *kehoach.Task, err error, title string) error {
	if c := kehoach.ErrorCode(err); c != kehoach.EINVALID && c != kehoach.ECONFLICT {
		return err
	}
	f, ferr := s.taskFormData(r, a, p, t)
	if ferr != nil {
		return ferr
	}
	f.Problems = map[string]string{}
	_ = addProblems(f.Problems, err)
	s.translateProblems(r, f.Problems)
	s.render(w, r, statusOf(kehoach.ErrorCode(err)), "task", s.newPage(r, Translate(langOf(r), title), f))
	return nil
}

func (s *server) taskAndPlan(r *http.Request, a *kehoach.Actor) (*kehoach.Task, *kehoach.Plan, error) {
	t, err := s.DB.FindTaskByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	p, err := s.DB.FindPlanByID(r.Context(), t.PlanID)
	if err != nil {
		return nil, nil, err
	}
	if !a.CanReadPlan(p) {
		return nil, nil, notFound()
	}
	return t, p, nil
}

func (s *server) taskEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	t, p, err := s.taskAndPlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return forbidden()
	}
	f, err := s.taskFormData(r, a, p, t)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "task", s.newPage(r, Translate(langOf(r), "Sửa nhiệm vụ"), f))
	return nil
}

func (s *server) taskUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	t, p, err := s.taskAndPlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return forbidden()
	}
	if err := parseForm(r); err != nil {
		return err
	}
	if r.PostFormValue("action") == "split" {
		return s.taskSplit(w, r, a, t, p)
	}
	readTaskForm(r, t)
	if err := s.DB.UpdateTask(r.Context(), t); err != nil {
		return s.taskProblems(w, r, a, p, t, err, "Sửa nhiệm vụ")
	}
	http.Redirect(w, r, "/plans/"+p.ID+"#tasks", http.StatusSeeOther)
	return nil
}

// taskSplit splits a task into one part per chosen unit, each led by it.
func (s *server) taskSplit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, t *kehoach.Task, p *kehoach.Plan) error {
	units := r.PostForm["splitUnits"]
	var parts []*kehoach.Task
	for _, u := range units {
		parts = append(parts, &kehoach.Task{Title: t.Title, Text: t.Text, LeadUnitID: u, Due: t.Due, ExpectedOutput: t.ExpectedOutput, IndicatorCodes: t.IndicatorCodes})
	}
	if err := s.DB.SplitTask(r.Context(), t.ID, parts); err != nil {
		return s.taskProblems(w, r, a, p, t, err, "Sửa nhiệm vụ")
	}
	http.Redirect(w, r, "/plans/"+p.ID+"#tasks", http.StatusSeeOther)
	return nil
}

// --- acknowledgement and briefing ---

// actingUnit returns the unit the actor acts for: the form's unit when the
// actor may change its work, else the actor's own.
func actingUnit(r *http.Request, a *kehoach.Actor) (string, error) {
	unit := r.FormValue("unit")
	if unit == "" {
		unit = a.UnitID()
	}
	if !a.CanChangeUnitWork(unit) {
		return "", forbidden()
	}
	return unit, nil
}

func (s *server) acknowledge(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	unit, err := actingUnit(r, a)
	if err != nil {
		return err
	}
	if err := s.DB.Acknowledge(r.Context(), p.ID, unit); err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+p.ID, http.StatusSeeOther)
	return nil
}

type briefingForm struct {
	Plan     *kehoach.Plan
	UnitID   string
	Date     string
	Method   string
	People   string
	Note     string
	Problems map[string]string
}

func (s *server) briefingPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	unit, err := actingUnit(r, a)
	if err != nil {
		return err
	}
	f := &briefingForm{Plan: p, UnitID: unit, Date: s.DB.Clock.Now().In(kehoach.Zone).Format(time.DateOnly)}
	s.render(w, r, http.StatusOK, "briefing", s.newPage(r, Translate(langOf(r), "Xác nhận quán triệt"), f))
	return nil
}

func (s *server) briefing(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	unit, err := actingUnit(r, a)
	if err != nil {
		return err
	}
	f := &briefingForm{Plan: p, UnitID: unit, Date: parseDateInput(r.PostFormValue("date")), Method: strings.TrimSpace(r.PostFormValue("method")),
		People: strings.TrimSpace(r.PostFormValue("participants")), Note: strings.TrimSpace(r.PostFormValue("note"))}
	n, perr := strconv.Atoi(f.People)
	b := &kehoach.Briefing{PlanID: p.ID, UnitID: unit, Date: f.Date, Method: f.Method, Participants: n, Note: f.Note}
	err = nil
	if perr != nil {
		err = kehoach.Invalid(map[string]string{"participants": "Số người phải là số nguyên."})
	} else {
		err = s.DB.RecordBriefing(r.Context(), b)
	}
	if err != nil {
		f.Problems = map[string]string{}
		if err := addProblems(f.Problems, err, kehoach.ENOTFOUND); err != nil {
			return err
		}
		s.translateProblems(r, f.Problems)
		s.render(w, r, http.StatusBadRequest, "briefing", s.newPage(r, Translate(langOf(r), "Xác nhận quán triệt"), f))
		return nil
	}
	http.Redirect(w, r, "/plans/"+p.ID, http.StatusSeeOther)
	return nil
}

// --- monitoring ---

type monitorData struct {
	Plan     *kehoach.Plan
	M        *kehoach.Monitoring
	Filter   kehoach.MonitorFilter
	Units    []*kehoach.OrgUnit
	Tasks    map[string]*kehoach.Task
	Values   *kehoach.IndicatorTable
	ReadOnly bool
	Query    string
	Kinds    []kehoach.ObligationKind
	Statuses []kehoach.ObligationStatus
	// The manual reminder form: what was typed and its problem.
	RemindUnit, RemindMessage, RemindProblem string
	Reminded                                 string
	Reminders                                []*notify.Reminder
	CanRemind                                bool
	// MoreReminders is true when only the latest sentReminderRows of the
	// sent reminders are listed; AllRemindersURL lists them all.
	MoreReminders   bool
	AllRemindersURL string
}

// sentReminderRows is how many sent reminders the monitoring page lists
// unless asked for all of them (?reminders=all).
const sentReminderRows = 20

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

func (s *server) monitorData(r *http.Request, a *kehoach.Actor, p *kehoach.Plan) (*monitorData, error) {
	ctx := r.Context()
	q := r.URL.Query()
	f := kehoach.MonitorFilter{UnitID: q.Get("unit"), Kind: kehoach.ObligationKind(q.Get("kind")), Status: kehoach.ObligationStatus(q.Get("status"))}
	obls, err := s.DB.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	tasks, err := s.DB.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	units := sqlstore.UnitsOfPlan(a.Tree, obls)
	d := &monitorData{Plan: p, Filter: f, Units: units, Tasks: map[string]*kehoach.Task{}, ReadOnly: !a.CanEditPlan(p.AgencyID),
		Query: r.URL.RawQuery, Kinds: kehoach.ObligationKinds,
		Statuses: []kehoach.ObligationStatus{kehoach.StatusNotDue, kehoach.StatusDueSoon, kehoach.StatusLate, kehoach.StatusSubmitted, kehoach.StatusReturned, kehoach.StatusAccepted}}
	for _, t := range tasks {
		d.Tasks[t.ID] = t
	}
	d.M = kehoach.Monitor(units, obls, tasks, s.DB.Clock.Now(), f)
	d.Reminded = q.Get("reminded")
	d.CanRemind = s.Reminders != nil && a.CanEditPlan(p.AgencyID)
	rf := notify.ReminderFilter{PlanID: &p.ID}
	if q.Get("reminders") != "all" {
		// One more than shown tells whether there are more.
		rf.Limit = sentReminderRows + 1
	}
	if d.Reminders, err = s.DB.FindReminders(ctx, rf); err != nil {
		return nil, err
	}
	if rf.Limit > 0 && len(d.Reminders) > sentReminderRows {
		d.Reminders, d.MoreReminders = d.Reminders[:sentReminderRows], true
		all := url.Values{}
		for k, v := range q {
			if k != "reminded" && k != "format" {
				all[k] = v
			}
		}
		all.Set("reminders", "all")
		d.AllRemindersURL = "/plans/" + p.ID + "/monitoring?" + all.Encode() + "#sent-reminders"
	}
	if d.Values, err = s.DB.PlanIndicatorValues(ctx, p.ID); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *server) monitoring(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) {
		return forbidden()
	}
	d, err := s.monitorData(r, a, p)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("format") == "csv" {
		return writeMonitoringCSV(w, langOf(r), a, d)
	}
	s.render(w, r, http.StatusOK, "monitoring", s.newPage(r, Translate(langOf(r), "Theo dõi thực hiện"), d))
	return nil
}

// decimalComma writes a rate with a decimal comma, as spreadsheets set to
// Vietnamese read it.
func decimalComma(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

func writeMonitoringCSV(w http.ResponseWriter, l Lang, a *kehoach.Actor, d *monitorData) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="theo-doi-`+d.Plan.ID+`.csv"`)
	// A byte-order mark lets spreadsheet programs read the file as UTF-8.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil
	}
	cw := csv.NewWriter(w)
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
		rec = append(rec, decimalComma(row.Completeness()), decimalComma(row.OnTimeRate()))
		_ = cw.Write(rec)
	}
	total := []string{Translate(l, "Toàn cơ quan")}
	for range d.M.Columns {
		total = append(total, "")
	}
	total = append(total, decimalComma(d.M.Total.Completeness()), decimalComma(d.M.Total.OnTimeRate()))
	_ = cw.Write(total)
	cw.Flush()
	return nil
}

// --- unit reports ---

type reportForm struct {
	Plan       *kehoach.Plan
	Obligation *kehoach.Obligation
	Task       *kehoach.Task
	Report     *kehoach.Report
	Allowed    []kehoach.Indicator
	Counted    []kehoach.Indicator // fed by what kehoach counts itself
	Values     map[string]string   // as typed
	LinksText  string
	Problems   map[string]string
	CanEdit    bool
	CanReview  bool
	Versions   []*kehoach.Report
	Saved      string
	Table      *kehoach.IndicatorTable
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

func (s *server) obligationCtx(r *http.Request, a *kehoach.Actor) (*kehoach.Obligation, *kehoach.Plan, error) {
	o, err := s.DB.FindObligationByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	if !a.CanReadUnitWork(o.UnitID) {
		return nil, nil, notFound()
	}
	p, err := s.DB.FindPlanByID(r.Context(), o.PlanID)
	if err != nil {
		return nil, nil, err
	}
	if !a.CanReadPlan(p) {
		return nil, nil, notFound()
	}
	return o, p, nil
}

func (s *server) reportFormData(r *http.Request, a *kehoach.Actor, o *kehoach.Obligation, p *kehoach.Plan) (*reportForm, error) {
	ctx := r.Context()
	f := &reportForm{Plan: p, Obligation: o, Values: map[string]string{}}
	if o.Kind != kehoach.KindProgress && o.Kind != kehoach.KindFinal {
		return nil, kehoach.Errorf(kehoach.ENOTFOUND, "Nghĩa vụ này không phải là báo cáo.")
	}
	if o.TaskID != "" {
		t, err := s.DB.FindTaskByID(ctx, o.TaskID)
		if err != nil {
			return nil, err
		}
		f.Task = t
	}
	inds, err := s.DB.FindIndicators(ctx)
	if err != nil {
		return nil, err
	}
	for _, ind := range inds {
		if f.Task == nil || !f.Task.Feeds(ind.Code) {
			continue
		}
		if ind.Source == "" {
			f.Allowed = append(f.Allowed, ind)
		} else {
			f.Counted = append(f.Counted, ind)
		}
	}
	rep, err := s.DB.FindReportByObligation(ctx, o.ID)
	switch {
	case err == nil:
		f.Report = rep
		if f.Versions, err = s.DB.FindReportVersions(ctx, rep.ID); err != nil {
			return nil, err
		}
	case kehoach.ErrorCode(err) == kehoach.ENOTFOUND:
		f.Report = &kehoach.Report{State: kehoach.ReportDraft, Values: map[string]float64{}}
	default:
		return nil, err
	}
	for code, v := range f.Report.Values {
		f.Values[code] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	f.LinksText = strings.Join(f.Report.Links, "\n")
	f.CanEdit = a.CanChangeUnitWork(o.UnitID) && f.Report.State != kehoach.ReportSubmitted && f.Report.State != kehoach.ReportAccepted
	f.CanReview = a.CanEditPlan(p.AgencyID) && f.Report.State == kehoach.ReportSubmitted
	if len(f.Counted) > 0 {
		if f.Table, err = s.DB.PlanIndicatorValues(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func (s *server) reportPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, p, err := s.obligationCtx(r, a)
	if err != nil {
		return err
	}
	f, err := s.reportFormData(r, a, o, p)
	if err != nil {
		return err
	}
	f.Saved = r.URL.Query().Get("saved")
	s.render(w, r, http.StatusOK, "report", s.newPage(r, Translate(langOf(r), "Báo cáo của đơn vị"), f))
	return nil
}

// reportSave saves the draft (action=save) or saves and submits it
// (action=submit); evidence files come with the same form.
func (s *server) reportSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, p, err := s.obligationCtx(r, a)
	if err != nil {
		return err
	}
	if !a.CanChangeUnitWork(o.UnitID) {
		return forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, 5*kehoach.MaxEvidenceSize)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		if err := r.ParseForm(); err != nil {
			return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu quá lớn hoặc không đọc được (tối đa 5 tệp, mỗi tệp 20 MB).")
		}
	}
	f, err := s.reportFormData(r, a, o, p)
	if err != nil {
		return err
	}
	if !f.CanEdit {
		return kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo đã được gửi; không thể sửa hoặc gửi lại.")
	}
	problems := map[string]string{}
	in := &kehoach.Report{Values: map[string]float64{}, Results: strings.TrimSpace(r.FormValue("results")),
		Shortcomings: strings.TrimSpace(r.FormValue("shortcomings")), Proposals: strings.TrimSpace(r.FormValue("proposals"))}
	for k, vs := range r.Form {
		code, ok := strings.CutPrefix(k, "value_")
		if !ok || len(vs) == 0 {
			continue
		}
		v := strings.TrimSpace(vs[0])
		f.Values[code] = v
		if v == "" {
			continue
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
		if err != nil {
			problems[k] = "Giá trị phải là số."
			continue
		}
		in.Values[code] = n
	}
	f.LinksText = r.FormValue("links")
	for _, l := range strings.Split(f.LinksText, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			in.Links = append(in.Links, l)
		}
	}
	f.Report.Results, f.Report.Shortcomings, f.Report.Proposals = in.Results, in.Shortcomings, in.Proposals
	if len(problems) == 0 {
		if err := in.ValidateDraft(f.Allowed); err != nil {
			for k, v := range kehoach.ErrorFields(err) {
				if code, ok := strings.CutPrefix(k, "value_"); ok && kehoach.IndicatorByCode(f.Allowed, code) == nil {
					// A value the form does not show: say so at the top.
					problems["form"] = v + " (" + code + ")"
					continue
				}
				problems[k] = v
			}
		}
	}
	// Evidence files are checked before anything is saved.
	type upload struct {
		name, ct string
		data     []byte
	}
	var uploads []upload
	if r.MultipartForm != nil {
		files := r.MultipartForm.File["evidence"]
		if len(files) > 5 {
			problems["evidence"] = "Tối đa 5 tệp mỗi lần."
		}
		for _, fh := range files {
			if fh.Size > kehoach.MaxEvidenceSize {
				problems["evidence"] = "Tệp “" + fh.Filename + "” lớn quá 20 MB."
				continue
			}
			file, err := fh.Open()
			if err != nil {
				return err
			}
			data, err := io.ReadAll(io.LimitReader(file, kehoach.MaxEvidenceSize+1))
			file.Close()
			if err != nil {
				return err
			}
			ct, err := kehoach.SniffEvidence(fh.Filename, data)
			if err != nil {
				problems["evidence"] = kehoach.ErrorFields(err)["evidence"]
				continue
			}
			uploads = append(uploads, upload{fh.Filename, ct, data})
		}
	}
	if len(problems) > 0 {
		return s.reportProblems(w, r, f, problems, http.StatusBadRequest)
	}
	rep, err := s.DB.SaveReportDraft(r.Context(), o.ID, in, f.Allowed)
	if err != nil {
		return s.reportError(w, r, f, err)
	}
	for _, u := range uploads {
		if _, err := s.DB.AddEvidence(r.Context(), rep.ID, u.name, u.ct, u.data); err != nil {
			return s.reportError(w, r, f, err)
		}
	}
	saved := "draft"
	if r.FormValue("action") == "submit" {
		if _, err := s.DB.SubmitReport(r.Context(), rep.ID); err != nil {
			f2, ferr := s.reportFormData(r, a, o, p)
			if ferr != nil {
				return ferr
			}
			f2.Values, f2.LinksText = f.Values, f.LinksText
			return s.reportError(w, r, f2, err)
		}
		saved = "submitted"
	}
	http.Redirect(w, r, "/obligations/"+o.ID+"/report?saved="+saved, http.StatusSeeOther)
	return nil
}

func (s *server) reportError(w http.ResponseWriter, r *http.Request, f *reportForm, err error) error {
	problems := map[string]string{}
	if err := addProblems(problems, err); err != nil {
		return err
	}
	return s.reportProblems(w, r, f, problems, statusOf(kehoach.ErrorCode(err)))
}

func (s *server) reportProblems(w http.ResponseWriter, r *http.Request, f *reportForm, problems map[string]string, status int) error {
	s.translateProblems(r, problems)
	f.Problems = problems
	s.render(w, r, status, "report", s.newPage(r, Translate(langOf(r), "Báo cáo của đơn vị"), f))
	return nil
}

// reportReview accepts or returns a submitted report.
func (s *server) reportReview(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, p, err := s.obligationCtx(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return forbidden()
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f, err := s.reportFormData(r, a, o, p)
	if err != nil {
		return err
	}
	if f.Report.ID == "" {
		return kehoach.Errorf(kehoach.ECONFLICT, "Đơn vị chưa gửi báo cáo.")
	}
	accept := r.PostFormValue("decision") == "accept"
	if _, err := s.DB.ReviewReport(r.Context(), f.Report.ID, accept, strings.TrimSpace(r.PostFormValue("reason"))); err != nil {
		if c := kehoach.ErrorCode(err); c == kehoach.EINVALID {
			f.Problems = map[string]string{"reason": kehoach.ErrorMessage(err)}
			s.translateProblems(r, f.Problems)
			s.render(w, r, http.StatusBadRequest, "report", s.newPage(r, Translate(langOf(r), "Báo cáo của đơn vị"), f))
			return nil
		}
		return err
	}
	http.Redirect(w, r, "/obligations/"+o.ID+"/report", http.StatusSeeOther)
	return nil
}

// evidence serves a stored evidence file to those who may read the report.
func (s *server) evidence(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	e, data, err := s.DB.EvidenceData(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	rep, err := s.DB.FindReportByID(r.Context(), e.ReportID)
	if err != nil {
		return err
	}
	if !a.CanReadUnitWork(rep.UnitID) {
		return notFound()
	}
	w.Header().Set("Content-Type", e.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename*=UTF-8''%s`, urlPathEscape(e.Name)))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
	return nil
}
