package web

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// obstacleName returns an obstacle state in words.
func obstacleStateName(l Lang, s kehoach.ObstacleState) string {
	vi := map[kehoach.ObstacleState]string{
		kehoach.ObstacleOpen: "Chờ Văn phòng xử lý", kehoach.ObstacleMerged: "Đã gộp vào khó khăn khác", kehoach.ObstacleEscalated: "Đã trình Giám đốc",
		kehoach.ObstacleAnswered: "Đã có ý kiến xử lý", kehoach.ObstacleClosed: "Đã đóng (không xử lý)", kehoach.ObstacleResolved: "Đã giải quyết xong",
	}[s]
	if vi == "" {
		return string(s)
	}
	return Translate(l, vi)
}

// ObstacleState names an obstacle state in the page's language.
func (p *page) ObstacleState(s kehoach.ObstacleState) string { return obstacleStateName(p.Lang, s) }

// obstacleView is an obstacle with what a page shows beside it.
type obstacleView struct {
	*kehoach.Obstacle
	UnitName string
	Task     *kehoach.Task
	Age      int
	// Duplicates are the obstacles merged into this one.
	Duplicates []*kehoach.Obstacle
}

// planObstacles is the obstacle part of the plan page.
type planObstacles struct {
	List     []obstacleView
	Notes    []taskNoteView
	CanRaise bool
}

type taskNoteView struct {
	Task *kehoach.Task
	kehoach.TaskNote
}

// planObstacleData returns the obstacles of the plan the actor may see and
// the changes decisions made to its tasks, for the plan page.
func (s *server) planObstacleData(r *http.Request, a *kehoach.Actor, p *kehoach.Plan) (*planObstacles, error) {
	list, tasks, err := s.obstacleViews(r, a, kehoach.ObstacleFilter{PlanID: &p.ID})
	if err != nil {
		return nil, err
	}
	notes, err := s.DB.FindTaskNotes(r.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	d := &planObstacles{List: list, CanRaise: a.CanRaiseObstacle(p) && p.Status != kehoach.PlanClosed}
	for _, t := range tasks {
		for _, n := range notes[t.ID] {
			if a.CanEditPlan(p.AgencyID) || a.CanDecide(p.AgencyID) || a.CanReadUnitWork(t.LeadUnitID) || slices.ContainsFunc(t.SupportUnitIDs, a.CanReadUnitWork) {
				d.Notes = append(d.Notes, taskNoteView{Task: t, TaskNote: n})
			}
		}
	}
	return d, nil
}

// obstacleViews loads obstacles with their units and tasks; duplicates are
// listed under their primary when both are visible.
func (s *server) obstacleViews(r *http.Request, a *kehoach.Actor, f kehoach.ObstacleFilter) ([]obstacleView, []*kehoach.Task, error) {
	all, err := s.DB.FindObstacles(r.Context(), f)
	if err != nil {
		return nil, nil, err
	}
	tasks, err := s.DB.FindTasks(r.Context(), kehoach.TaskFilter{PlanID: f.PlanID})
	if err != nil {
		return nil, nil, err
	}
	byID := map[string]*kehoach.Task{}
	for _, t := range tasks {
		byID[t.ID] = t
	}
	visible := map[string]bool{}
	for _, o := range all {
		visible[o.ID] = true
	}
	now := s.DB.Clock.Now()
	var out []obstacleView
	for _, o := range all {
		if o.State == kehoach.ObstacleMerged && visible[o.PrimaryID] {
			continue
		}
		v := obstacleView{Obstacle: o, Task: byID[o.TaskID], Age: o.AgeDays(now)}
		if u := a.Tree.Unit(o.UnitID); u != nil {
			v.UnitName = u.Name
		}
		for _, d := range all {
			if d.State == kehoach.ObstacleMerged && d.PrimaryID == o.ID {
				v.Duplicates = append(v.Duplicates, d)
			}
		}
		out = append(out, v)
	}
	return out, tasks, nil
}

// obstaclesData is the page of obstacles across plans: the Office's open
// list by age, the Director's queue, and the person's own and notices.
type obstaclesData struct {
	Notices   []*kehoach.Notice
	Unread    int
	Open      []obstacleView
	Queue     []obstacleView
	Mine      []obstacleView
	Office    bool
	Director  bool
	PlanTitle map[string]string
	Sections  []obstacleSection
	// State is the Office's filter: "open" (the default), "decided"
	// (answered, closed or resolved) or "all"; States offers them with
	// their counts.
	State  string
	States []obstacleStateFilter
}

// obstacleStateFilter is one choice of the Office's state filter.
type obstacleStateFilter struct {
	Value, Label string
	Count        int
}

// obstacleStateFilters are the values of the Office's state filter, the
// default first.
var obstacleStateFilters = []string{"open", "decided", "all"}

// inStateFilter reports whether an obstacle of state st is listed under
// the filter f.
func inStateFilter(f string, st kehoach.ObstacleState) bool {
	switch f {
	case "all":
		return true
	case "decided":
		return st == kehoach.ObstacleAnswered || st == kehoach.ObstacleClosed || st == kehoach.ObstacleResolved
	}
	return st == kehoach.ObstacleOpen
}

// obstacleSection is one table of the obstacles page.
type obstacleSection struct {
	ID, Heading string
	List        []obstacleView
}

func (s *server) obstacleList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	ag := a.AgencyID()
	d := obstaclesData{Office: a.CanConsolidate(ag) && ag != "", Director: a.CanDecide(ag), PlanTitle: map[string]string{}, State: "open"}
	if st := r.URL.Query().Get("state"); slices.Contains(obstacleStateFilters, st) {
		d.State = st
	}
	counts := map[string]int{}
	var err error
	if d.Notices, err = s.DB.FindNotices(r.Context(), a.ID(), 20); err != nil {
		return err
	}
	for _, n := range d.Notices {
		if n.ReadAt == nil {
			d.Unread++
		}
	}
	f := kehoach.ObstacleFilter{}
	if ag != "" {
		f.AgencyID = &ag
	}
	views, _, err := s.obstacleViews(r, a, f)
	if err != nil {
		return err
	}
	for _, v := range views {
		if d.Office {
			for _, f := range obstacleStateFilters {
				if inStateFilter(f, v.State) {
					counts[f]++
				}
			}
			if inStateFilter(d.State, v.State) {
				d.Open = append(d.Open, v)
			}
		}
		if (d.Office || d.Director) && v.State == kehoach.ObstacleEscalated {
			d.Queue = append(d.Queue, v)
		}
		if v.RaisedByID == a.ID() || (!d.Office && !d.Director) {
			d.Mine = append(d.Mine, v)
		}
		if _, ok := d.PlanTitle[v.PlanID]; !ok {
			if p, err := s.DB.FindPlanByID(r.Context(), v.PlanID); err == nil {
				d.PlanTitle[v.PlanID] = p.FullTitle()
			}
		}
	}
	l := langOf(r)
	stateLabel := map[string]string{"open": "Đang chờ Văn phòng xử lý", "decided": "Đã có ý kiến xử lý, đã đóng", "all": "Tất cả khó khăn, vướng mắc"}
	if d.State == "open" {
		// Oldest first: they have waited longest.
		slices.SortStableFunc(d.Open, func(x, y obstacleView) int { return y.Age - x.Age })
	}
	if d.Office {
		filterLabel := map[string]string{"open": "Đang chờ xử lý", "decided": "Đã xử lý, đã đóng", "all": "Tất cả"}
		for _, f := range obstacleStateFilters {
			d.States = append(d.States, obstacleStateFilter{f, Translate(l, filterLabel[f]), counts[f]})
		}
		d.Sections = append(d.Sections, obstacleSection{"open", Translate(l, stateLabel[d.State]), d.Open})
	}
	if d.Office || d.Director {
		d.Sections = append(d.Sections, obstacleSection{"queue", Translate(l, "Đã trình Giám đốc, chờ quyết định"), d.Queue},
			obstacleSection{"mine", Translate(l, "Khó khăn tôi đã nêu"), d.Mine})
	} else {
		d.Sections = append(d.Sections, obstacleSection{"mine", Translate(l, "Khó khăn của tôi và của đơn vị"), d.Mine})
	}
	s.render(w, r, http.StatusOK, "obstacles", s.newPage(r, Translate(langOf(r), "Khó khăn, vướng mắc"), d))
	return nil
}

func (s *server) noticesRead(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := s.DB.MarkNoticesRead(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/obstacles", http.StatusSeeOther)
	return nil
}

// raiseForm is what the raise form shows and keeps on error.
type raiseForm struct {
	Plan     *kehoach.Plan
	Tasks    []*kehoach.Task
	TaskID   string
	ForUnit  bool
	CanUnit  bool
	What     string
	Why      string
	Proposal string
	Problems map[string]string
	List     []obstacleView
}

func (s *server) planObstacles(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	return s.showRaiseForm(w, r, a, p, &raiseForm{TaskID: r.URL.Query().Get("task")}, http.StatusOK)
}

func (s *server) showRaiseForm(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, p *kehoach.Plan, f *raiseForm, status int) error {
	var err error
	f.Plan, f.CanUnit = p, a.Has(kehoach.RoleUnitHead)
	if f.List, f.Tasks, err = s.obstacleViews(r, a, kehoach.ObstacleFilter{PlanID: &p.ID}); err != nil {
		return err
	}
	f.Tasks = slices.DeleteFunc(slices.Clone(f.Tasks), func(t *kehoach.Task) bool { return t.Status != kehoach.TaskOpen })
	if !a.CanRaiseObstacle(p) {
		f.Tasks = nil
	}
	s.render(w, r, status, "obstacle_plan", s.newPage(r, Translate(langOf(r), "Khó khăn, vướng mắc"), f))
	return nil
}

// maxRaiseBody bounds a raise request: five files and the text.
const maxRaiseBody = kehoach.MaxObstacleFiles*kehoach.MaxObstacleFileSize + 1<<20

func (s *server) obstacleRaise(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanRaiseObstacle(p) {
		return forbidden()
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRaiseBody)
	if err := r.ParseMultipartForm(2 << 20); err != nil {
		if err := r.ParseForm(); err != nil {
			return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không đọc được hoặc tệp đính kèm quá lớn.")
		}
	}
	f := &raiseForm{TaskID: r.FormValue("taskId"), ForUnit: r.FormValue("forUnit") == "on", What: r.FormValue("what"), Why: r.FormValue("why"), Proposal: r.FormValue("proposal")}
	var uploads []kehoach.Upload
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			if fh.Size == 0 && fh.Filename == "" {
				continue
			}
			file, err := fh.Open()
			if err != nil {
				return err
			}
			data, err := io.ReadAll(io.LimitReader(file, kehoach.MaxObstacleFileSize+1))
			file.Close()
			if err != nil {
				return err
			}
			uploads = append(uploads, kehoach.Upload{Name: fh.Filename, Data: data})
		}
	}
	o := &kehoach.Obstacle{PlanID: p.ID, TaskID: f.TaskID, ForUnit: f.ForUnit, What: f.What, Why: f.Why, Proposal: f.Proposal}
	if err := s.DB.RaiseObstacle(r.Context(), o, uploads); err != nil {
		if c := kehoach.ErrorCode(err); c == kehoach.EINVALID || c == kehoach.EFORBIDDEN {
			f.Problems = kehoach.ErrorFields(err)
			if f.Problems == nil {
				f.Problems = map[string]string{"form": kehoach.ErrorMessage(err)}
			}
			return s.showRaiseForm(w, r, a, p, f, statusOf(c))
		}
		return err
	}
	http.Redirect(w, r, "/obstacles/"+o.ID+"?done=raised", http.StatusSeeOther)
	return nil
}

// obstacleData is the page of one obstacle and what the actor may do on it.
type obstacleData struct {
	O           obstacleView
	Plan        *kehoach.Plan
	Primary     *kehoach.Obstacle
	Done        string
	Problem     string
	Form        url.Values
	Candidates  []*kehoach.Obstacle
	Tasks       []*kehoach.Task
	Units       []*kehoach.OrgUnit
	Indicators  []kehoach.Indicator
	Targets     map[string]float64
	CanOffice   bool
	CanDecide   bool
	CanConfirm  bool
	RaiserName  string
	EffectTexts []string
}

// FormValue returns a value the actor typed, kept across a refused post.
func (d *obstacleData) FormValue(name string) string { return d.Form.Get(name) }

func (s *server) obstaclePage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.showObstacle(w, r, a, r.PathValue("id"), http.StatusOK, "", nil)
}

func (s *server) showObstacle(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, id string, status int, problem string, form url.Values) error {
	ctx := r.Context()
	o, err := s.DB.FindObstacleByID(ctx, id)
	if err != nil {
		return err
	}
	p, err := s.DB.FindPlanByID(ctx, o.PlanID)
	if err != nil {
		return err
	}
	if form == nil {
		form = url.Values{}
	}
	d := &obstacleData{O: obstacleView{Obstacle: o, Age: o.AgeDays(s.DB.Clock.Now())}, Plan: p, Done: r.URL.Query().Get("done"), Problem: problem, Form: form,
		CanOffice: a.CanConsolidate(o.AgencyID), CanDecide: a.CanDecide(o.AgencyID), CanConfirm: a.CanConfirmObstacle(o)}
	if u := a.Tree.Unit(o.UnitID); u != nil {
		d.O.UnitName = u.Name
	}
	d.Tasks, err = s.DB.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	for _, t := range d.Tasks {
		if t.ID == o.TaskID {
			d.O.Task = t
		}
	}
	if o.PrimaryID != "" {
		d.Primary, _ = s.DB.FindObstacleByID(ctx, o.PrimaryID)
	}
	others, err := s.DB.FindObstacles(ctx, kehoach.ObstacleFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	for _, x := range others {
		if x.PrimaryID == o.ID && x.State == kehoach.ObstacleMerged {
			d.O.Duplicates = append(d.O.Duplicates, x)
		}
		if x.ID != o.ID && x.State.Pending() {
			d.Candidates = append(d.Candidates, x)
		}
	}
	if d.CanDecide {
		for _, u := range a.Tree.Units() {
			if u.ID != o.AgencyID && a.Tree.IsWithin(u.ID, o.AgencyID) {
				d.Units = append(d.Units, u)
			}
		}
		if d.Indicators, err = s.DB.FindIndicators(ctx); err != nil {
			return err
		}
		if d.Targets, err = s.DB.FindTargets(ctx, p.ID); err != nil {
			return err
		}
	}
	if o.Decision != nil {
		d.EffectTexts = effectTexts(a.Tree, d.Tasks, o.Decision)
	}
	s.render(w, r, status, "obstacle", s.newPage(r, Translate(langOf(r), "Khó khăn, vướng mắc"), d))
	return nil
}

// effectTexts words what a decision changed.
func effectTexts(tree *kehoach.OrgTree, tasks []*kehoach.Task, d *kehoach.Decision) []string {
	taskName := func(id string) string {
		for _, t := range tasks {
			if t.ID == id {
				return fmt.Sprintf("nhiệm vụ %d (%s)", t.Number, t.Title)
			}
		}
		return "nhiệm vụ"
	}
	unit := func(id string) string {
		if u := tree.Unit(id); u != nil {
			return u.Name
		}
		return id
	}
	var out []string
	for _, e := range d.Effects {
		switch e.Kind {
		case kehoach.EffectExtendDue:
			out = append(out, fmt.Sprintf("Gia hạn %s từ %s đến %s", taskName(e.TaskID), formatDate(e.Before), formatDate(e.Due)))
		case kehoach.EffectReassign:
			out = append(out, fmt.Sprintf("Chuyển %s từ %s sang %s chủ trì", taskName(e.TaskID), unit(e.Before), unit(e.UnitID)))
		case kehoach.EffectTarget:
			out = append(out, fmt.Sprintf("Điều chỉnh chỉ tiêu %s thành %s", e.IndicatorCode, kehoach.FormatValue(*e.Value, true)))
		case kehoach.EffectAddTask:
			out = append(out, fmt.Sprintf("Bổ sung nhiệm vụ “%s” do %s chủ trì, thời hạn %s", e.Title, unit(e.UnitID), formatDate(e.Due)))
		}
	}
	return out
}

// obstacleAction reads a small form and runs act; a refusal shows the
// obstacle page again with the message and what was typed.
func (s *server) obstacleAction(done string, act func(r *http.Request, id string) error) pageHandler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
		if err := r.ParseForm(); err != nil {
			return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không đọc được.")
		}
		id := r.PathValue("id")
		if err := act(r, id); err != nil {
			switch c := kehoach.ErrorCode(err); c {
			case kehoach.EINVALID, kehoach.ECONFLICT, kehoach.EFORBIDDEN:
				msg := kehoach.ErrorMessage(err)
				if fields := kehoach.ErrorFields(err); len(fields) > 1 {
					var parts []string
					for _, v := range fields {
						parts = append(parts, v)
					}
					slices.Sort(parts)
					msg = strings.Join(parts, " ")
				}
				return s.showObstacle(w, r, a, id, statusOf(c), msg, r.PostForm)
			}
			return err
		}
		http.Redirect(w, r, "/obstacles/"+id+"?done="+done, http.StatusSeeOther)
		return nil
	}
}

func assessmentFrom(r *http.Request) kehoach.ObstacleAssessment {
	return kehoach.ObstacleAssessment{Assessment: r.PostFormValue("assessment"), Proposal: r.PostFormValue("proposal"),
		Group: r.PostFormValue("group"), Shared: r.PostFormValue("shared") == "on"}
}

func (s *server) obstacleMerge() pageHandler {
	return s.obstacleAction("merged", func(r *http.Request, id string) error {
		p := r.PostFormValue("primaryId")
		if p == "" {
			return kehoach.Invalid(map[string]string{"primaryId": "Chọn khó khăn chính để gộp vào."})
		}
		return s.DB.MergeObstacle(r.Context(), id, p)
	})
}

func (s *server) obstacleAssess() pageHandler {
	return s.obstacleAction("assessed", func(r *http.Request, id string) error {
		return s.DB.AssessObstacle(r.Context(), id, assessmentFrom(r))
	})
}

func (s *server) obstacleEscalate() pageHandler {
	return s.obstacleAction("escalated", func(r *http.Request, id string) error {
		return s.DB.EscalateObstacle(r.Context(), id, assessmentFrom(r))
	})
}

func (s *server) obstacleAnswer() pageHandler {
	return s.obstacleAction("answered", func(r *http.Request, id string) error {
		_, err := s.DB.AnswerObstacle(r.Context(), id, r.PostFormValue("text"), r.PostFormValue("notActionable") == "on")
		return err
	})
}

// decisionFromForm reads the decision and the effects filled in.
func decisionFromForm(f url.Values) (*kehoach.Decision, error) {
	d := &kehoach.Decision{Text: f.Get("text"), NotActionable: f.Get("notActionable") == "on"}
	if t, due := f.Get("extendTask"), f.Get("extendDue"); t != "" || due != "" {
		d.Effects = append(d.Effects, kehoach.Effect{Kind: kehoach.EffectExtendDue, TaskID: t, Due: due})
	}
	if t, u := f.Get("reassignTask"), f.Get("reassignUnit"); t != "" || u != "" {
		d.Effects = append(d.Effects, kehoach.Effect{Kind: kehoach.EffectReassign, TaskID: t, UnitID: u})
	}
	if c, v := f.Get("targetCode"), strings.TrimSpace(f.Get("targetValue")); c != "" || v != "" {
		e := kehoach.Effect{Kind: kehoach.EffectTarget, IndicatorCode: c}
		if v != "" {
			x, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
			if err != nil {
				return nil, kehoach.Invalid(map[string]string{"targetValue": "Giá trị chỉ tiêu phải là số."})
			}
			e.Value = &x
		}
		d.Effects = append(d.Effects, e)
	}
	if t, u, due := strings.TrimSpace(f.Get("newTaskTitle")), f.Get("newTaskUnit"), f.Get("newTaskDue"); t != "" || u != "" || due != "" {
		d.Effects = append(d.Effects, kehoach.Effect{Kind: kehoach.EffectAddTask, Title: t, UnitID: u, Due: due})
	}
	return d, nil
}

func (s *server) obstacleDecide() pageHandler {
	return s.obstacleAction("decided", func(r *http.Request, id string) error {
		d, err := decisionFromForm(r.PostForm)
		if err != nil {
			return err
		}
		_, err = s.DB.DecideObstacle(r.Context(), id, d)
		return err
	})
}

func (s *server) obstacleConfirm() pageHandler {
	return s.obstacleAction("confirmed", func(r *http.Request, id string) error {
		return s.DB.ConfirmObstacle(r.Context(), id, r.PostFormValue("resolved") == "yes", r.PostFormValue("feedback"))
	})
}

func (s *server) obstacleFile(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, data, err := s.DB.ObstacleFileData(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(f.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, strings.NewReader(string(data)))
	return nil
}

// ObstacleUnitName returns the name of a unit, for the obstacle pages.
func (p *page) ObstacleUnitName(id string) string {
	if p.Actor != nil && p.Actor.Tree != nil {
		if u := p.Actor.Tree.Unit(id); u != nil {
			return u.Name
		}
	}
	return id
}
