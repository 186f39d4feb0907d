package web

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
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
	ops.ObstacleEntry
	UnitName string
	Age      int
}

// obstacleViews adds to entries their units' names and their ages.
func (s *server) obstacleViews(a *kehoach.Actor, entries []ops.ObstacleEntry) []obstacleView {
	now := s.Ops.Now()
	out := make([]obstacleView, 0, len(entries))
	for _, e := range entries {
		v := obstacleView{ObstacleEntry: e, Age: e.AgeDays(now)}
		if u := a.Tree.Unit(e.UnitID); u != nil {
			v.UnitName = u.Name
		}
		out = append(out, v)
	}
	return out
}

// planObstacles is the obstacle part of the plan page.
type planObstacles struct {
	List     []obstacleView
	Notes    []ops.TaskNoteEntry
	CanRaise bool
}

// planObstacleData returns the obstacles of the plan the actor may see and
// the changes decisions made to its tasks, for the plan page.
func (s *server) planObstacleData(r *http.Request, a *kehoach.Actor, p *kehoach.Plan) (*planObstacles, error) {
	d, err := s.Ops.PlanObstacles(r.Context(), a, p.ID)
	if err != nil {
		return nil, err
	}
	return &planObstacles{List: s.obstacleViews(a, d.Entries), Notes: d.Notes, CanRaise: d.CanRaise}, nil
}

// obstaclesData is the page of obstacles across plans: the Office's open
// list by age, the Director's queue, and the person's own and notices.
type obstaclesData struct {
	*ops.ObstacleBoard
	Unread   int
	Sections []obstacleSection
	// States offers the Office's filters with their counts.
	States []obstacleStateFilter
}

// obstacleStateFilter is one choice of the Office's state filter.
type obstacleStateFilter struct {
	Value, Label string
	Count        int
}

// obstacleSection is one table of the obstacles page.
type obstacleSection struct {
	ID, Heading string
	List        []obstacleView
}

func (s *server) obstacleList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	b, err := s.Ops.ObstacleBoard(r.Context(), a, r.URL.Query().Get("state"))
	if err != nil {
		return err
	}
	d := obstaclesData{ObstacleBoard: b}
	for _, n := range b.Notices {
		if n.ReadAt == nil {
			d.Unread++
		}
	}
	l := langOf(r)
	if b.Office {
		stateLabel := map[string]string{"open": "Đang chờ Văn phòng xử lý", "decided": "Đã có ý kiến xử lý, đã đóng", "all": "Tất cả khó khăn, vướng mắc"}
		filterLabel := map[string]string{"open": "Đang chờ xử lý", "decided": "Đã xử lý, đã đóng", "all": "Tất cả"}
		for _, f := range ops.ObstacleStateFilters {
			d.States = append(d.States, obstacleStateFilter{f, Translate(l, filterLabel[f]), b.Counts[f]})
		}
		d.Sections = append(d.Sections, obstacleSection{"open", Translate(l, stateLabel[b.State]), s.obstacleViews(a, b.Open)})
	}
	mine := s.obstacleViews(a, b.Mine)
	if b.Office || b.Director {
		d.Sections = append(d.Sections, obstacleSection{"queue", Translate(l, "Đã trình Giám đốc, chờ quyết định"), s.obstacleViews(a, b.Queue)},
			obstacleSection{"mine", Translate(l, "Khó khăn tôi đã nêu"), mine})
	} else {
		d.Sections = append(d.Sections, obstacleSection{"mine", Translate(l, "Khó khăn của tôi và của đơn vị"), mine})
	}
	s.render(w, r, http.StatusOK, "obstacles", s.newPage(r, Translate(l, "Khó khăn, vướng mắc"), d))
	return nil
}

func (s *server) noticesRead(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := s.Ops.MarkNoticesRead(r.Context(), a); err != nil {
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
	return s.showRaiseForm(w, r, a, r.PathValue("id"), &raiseForm{TaskID: r.URL.Query().Get("task")}, http.StatusOK)
}

func (s *server) showRaiseForm(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, planID string, f *raiseForm, status int) error {
	d, err := s.Ops.PlanObstacles(r.Context(), a, planID)
	if err != nil {
		return err
	}
	f.Plan, f.CanUnit, f.Tasks, f.List = d.Plan, d.CanRaiseForUnit, d.RaiseTasks, s.obstacleViews(a, d.Entries)
	s.render(w, r, status, "obstacle_plan", s.newPage(r, Translate(langOf(r), "Khó khăn, vướng mắc"), f))
	return nil
}

// maxRaiseBody bounds a raise request: five files and the text.
const maxRaiseBody = kehoach.MaxObstacleFiles*kehoach.MaxObstacleFileSize + 1<<20

func (s *server) obstacleRaise(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	planID := r.PathValue("id")
	r.Body = http.MaxBytesReader(w, r.Body, maxRaiseBody)
	if err := r.ParseMultipartForm(2 << 20); err != nil {
		if err := r.ParseForm(); err != nil {
			return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không đọc được hoặc tệp đính kèm quá lớn.")
		}
	}
	f := &raiseForm{TaskID: r.FormValue("taskId"), ForUnit: r.FormValue("forUnit") == "on", What: r.FormValue("what"), Why: r.FormValue("why"), Proposal: r.FormValue("proposal")}
	in := ops.ObstacleInput{TaskID: f.TaskID, ForUnit: f.ForUnit, What: f.What, Why: f.Why, Proposal: f.Proposal}
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
			in.Files = append(in.Files, kehoach.Upload{Name: fh.Filename, Data: data})
		}
	}
	o, err := s.Ops.RaiseObstacle(r.Context(), a, planID, in)
	if err != nil {
		probs, ok := formProblems(r, err)
		if !ok {
			return err
		}
		f.Problems = probs
		return s.showRaiseForm(w, r, a, planID, f, statusOf(kehoach.ErrorCode(err)))
	}
	http.Redirect(w, r, "/obstacles/"+o.ID+"?done=raised", http.StatusSeeOther)
	return nil
}

// obstacleData is the page of one obstacle and what the actor may do on it.
type obstacleData struct {
	*ops.ObstacleDetail
	O    obstacleView
	Done string
	// Posted names the form refused ("merge", "office", "answer", "decide",
	// "confirm"), Problems its problems by form control ("form": above the
	// forms) and Form what was typed in it.
	Posted      string
	Problems    map[string]string
	Form        url.Values
	EffectTexts []string
}

// Value returns what was typed in control name of form when that form was
// refused, else def.
func (d *obstacleData) Value(form, name, def string) string {
	if d.Posted != form {
		return def
	}
	return d.Form.Get(name)
}

// Checked returns whether checkbox name of form was ticked when that form
// was refused, else def.
func (d *obstacleData) Checked(form, name string, def bool) bool {
	if d.Posted != form {
		return def
	}
	return d.Form.Get(name) == "on"
}

// Problem returns the problem shown next to control name of form.
func (d *obstacleData) Problem(form, name string) string {
	if d.Posted != form {
		return ""
	}
	return d.Problems[name]
}

func (s *server) obstaclePage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.showObstacle(w, r, a, r.PathValue("id"), http.StatusOK, &obstacleData{})
}

// showObstacle shows obstacle id with d's refused form, if any.
func (s *server) showObstacle(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, id string, status int, d *obstacleData) error {
	od, err := s.Ops.ObstacleDetail(r.Context(), a, id)
	if err != nil {
		return err
	}
	d.ObstacleDetail, d.O, d.Done = od, s.obstacleViews(a, []ops.ObstacleEntry{od.ObstacleEntry})[0], r.URL.Query().Get("done")
	if d.Form == nil {
		d.Form = url.Values{}
	}
	if od.Decision != nil {
		d.EffectTexts = effectTexts(a.Tree, od.Tasks, od.Decision)
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

// obstacleControls are the controls of each form of the obstacle page next
// to which the template shows a problem; "effects" stands at the top of the
// decision's effects.
var obstacleControls = map[string][]string{
	"merge":   {"primaryId"},
	"office":  {"assessment", "proposal", "group"},
	"answer":  {"text"},
	"decide":  decideControls(),
	"confirm": {"feedback"},
}

// decideControls are the decision's text, its effects as a whole and the
// controls of each effect.
func decideControls() []string {
	out := []string{"text", "effects"}
	for _, fields := range effectControls {
		out = slices.AppendSeq(out, maps.Values(fields))
	}
	return out
}

// obstacleAction reads a small form of the obstacle page (form, one of
// [obstacleControls]) and runs act; a refusal shows the page again with
// each problem next to its control and what was typed. act returns the
// control of each field its error names (nil: the fields are the controls).
func (s *server) obstacleAction(form, done string, act func(r *http.Request, a *kehoach.Actor, id string) (control func(field string) string, err error)) pageHandler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		if err := readForm(w, r, 256<<10); err != nil {
			return err
		}
		id := r.PathValue("id")
		control, err := act(r, a, id)
		if err == nil {
			http.Redirect(w, r, "/obstacles/"+id+"?done="+done, http.StatusSeeOther)
			return nil
		}
		probs, ok := formProblems(r, err)
		if !ok {
			return err
		}
		d := &obstacleData{Posted: form, Problems: map[string]string{}, Form: r.PostForm}
		var general []string
		if msg := Translate(langOf(r), kehoach.ErrorMessage(err)); !slices.Contains(slices.Collect(maps.Values(probs)), msg) {
			// A summary the fields do not say, such as a decision refused whole.
			general = append(general, msg)
		}
		for _, k := range slices.Sorted(maps.Keys(probs)) {
			c := k
			if control != nil {
				c = control(k)
			}
			if slices.Contains(obstacleControls[form], c) {
				d.Problems[c] = probs[k]
			} else {
				general = append(general, probs[k])
			}
		}
		if len(general) > 0 {
			d.Problems["form"] = strings.Join(general, " ")
		}
		return s.showObstacle(w, r, a, id, statusOf(kehoach.ErrorCode(err)), d)
	}
}

// sameNames ends an action whose problems name the form's controls.
func sameNames(_ *kehoach.Obstacle, err error) (func(string) string, error) { return nil, err }

func assessmentFrom(r *http.Request) kehoach.ObstacleAssessment {
	return kehoach.ObstacleAssessment{Assessment: r.PostFormValue("assessment"), Proposal: r.PostFormValue("proposal"),
		Group: r.PostFormValue("group"), Shared: r.PostFormValue("shared") == "on"}
}

func (s *server) obstacleMerge() pageHandler {
	return s.obstacleAction("merge", "merged", func(r *http.Request, a *kehoach.Actor, id string) (func(string) string, error) {
		return sameNames(s.Ops.MergeObstacle(r.Context(), a, id, ops.MergeInput{PrimaryID: r.PostFormValue("primaryId")}))
	})
}

func (s *server) obstacleAssess() pageHandler {
	return s.obstacleAction("office", "assessed", func(r *http.Request, a *kehoach.Actor, id string) (func(string) string, error) {
		return sameNames(s.Ops.AssessObstacle(r.Context(), a, id, assessmentFrom(r)))
	})
}

func (s *server) obstacleEscalate() pageHandler {
	return s.obstacleAction("office", "escalated", func(r *http.Request, a *kehoach.Actor, id string) (func(string) string, error) {
		return sameNames(s.Ops.EscalateObstacle(r.Context(), a, id, assessmentFrom(r)))
	})
}

func (s *server) obstacleAnswer() pageHandler {
	return s.obstacleAction("answer", "answered", func(r *http.Request, a *kehoach.Actor, id string) (func(string) string, error) {
		return sameNames(s.Ops.AnswerObstacle(r.Context(), a, id, ops.AnswerInput{Text: r.PostFormValue("text"), NotActionable: r.PostFormValue("notActionable") == "on"}))
	})
}

// effectControls are the controls of the decision form that fill each
// kind of effect, by the effect's field.
var effectControls = map[kehoach.EffectKind]map[string]string{
	kehoach.EffectExtendDue: {"taskId": "extendTask", "due": "extendDue"},
	kehoach.EffectReassign:  {"taskId": "reassignTask", "unitId": "reassignUnit"},
	kehoach.EffectTarget:    {"indicatorCode": "targetCode", "value": "targetValue"},
	kehoach.EffectAddTask:   {"title": "newTaskTitle", "unitId": "newTaskUnit", "due": "newTaskDue"},
}

// effectControl returns the control of the decision form a problem of the
// decision names: "effects.i.field" is the control that filled that field
// of the i-th effect; any other name is its own.
func effectControl(effects []kehoach.Effect) func(string) string {
	return func(field string) string {
		parts := strings.SplitN(field, ".", 3)
		if len(parts) != 3 || parts[0] != "effects" {
			return field
		}
		i, err := strconv.Atoi(parts[1])
		if err != nil || i < 0 || i >= len(effects) {
			return field
		}
		if c := effectControls[effects[i].Kind][parts[2]]; c != "" {
			return c
		}
		return field
	}
}

// decisionFromForm reads the decision and the effects filled in.
func decisionFromForm(f url.Values) (ops.DecisionInput, error) {
	d := ops.DecisionInput{Text: f.Get("text"), NotActionable: f.Get("notActionable") == "on"}
	if t, due := f.Get("extendTask"), f.Get("extendDue"); t != "" || due != "" {
		d.Effects = append(d.Effects, kehoach.Effect{Kind: kehoach.EffectExtendDue, TaskID: t, Due: due})
	}
	if t, u := f.Get("reassignTask"), f.Get("reassignUnit"); t != "" || u != "" {
		d.Effects = append(d.Effects, kehoach.Effect{Kind: kehoach.EffectReassign, TaskID: t, UnitID: u})
	}
	if c, v := f.Get("targetCode"), strings.TrimSpace(f.Get("targetValue")); c != "" || v != "" {
		e := kehoach.Effect{Kind: kehoach.EffectTarget, IndicatorCode: c}
		if v != "" {
			// The one reader of typed numbers; the indicator decides
			// nothing here, so a decimal reading is allowed.
			x, _, err := ops.ReadNumber(v, false)
			if err != nil {
				return d, kehoach.Invalid(map[string]string{"targetValue": "Giá trị chỉ tiêu phải là số."})
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
	return s.obstacleAction("decide", "decided", func(r *http.Request, a *kehoach.Actor, id string) (func(string) string, error) {
		d, err := decisionFromForm(r.PostForm)
		if err == nil {
			_, err = s.Ops.DecideObstacle(r.Context(), a, id, d)
		}
		return effectControl(d.Effects), err
	})
}

func (s *server) obstacleConfirm() pageHandler {
	return s.obstacleAction("confirm", "confirmed", func(r *http.Request, a *kehoach.Actor, id string) (func(string) string, error) {
		return sameNames(s.Ops.ConfirmObstacle(r.Context(), a, id, ops.ConfirmInput{Resolved: r.PostFormValue("resolved") == "yes", Feedback: r.PostFormValue("feedback")}))
	})
}

func (s *server) obstacleFile(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, data, err := s.Ops.ObstacleFile(r.Context(), a, r.PathValue("id"))
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
