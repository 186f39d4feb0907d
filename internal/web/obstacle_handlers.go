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
		if c := kehoach.ErrorCode(err); c == kehoach.EINVALID || c == kehoach.EFORBIDDEN {
			f.Problems = kehoach.ErrorFields(err)
			if f.Problems == nil {
				f.Problems = map[string]string{"form": kehoach.ErrorMessage(err)}
			}
			return s.showRaiseForm(w, r, a, planID, f, statusOf(c))
		}
		return err
	}
	http.Redirect(w, r, "/obstacles/"+o.ID+"?done=raised", http.StatusSeeOther)
	return nil
}

// obstacleData is the page of one obstacle and what the actor may do on it.
type obstacleData struct {
	*ops.ObstacleDetail
	O           obstacleView
	Done        string
	Problem     string
	Form        url.Values
	EffectTexts []string
}

// FormValue returns a value the actor typed, kept across a refused post.
func (d *obstacleData) FormValue(name string) string { return d.Form.Get(name) }

func (s *server) obstaclePage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.showObstacle(w, r, a, r.PathValue("id"), http.StatusOK, "", nil)
}

func (s *server) showObstacle(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, id string, status int, problem string, form url.Values) error {
	od, err := s.Ops.ObstacleDetail(r.Context(), a, id)
	if err != nil {
		return err
	}
	if form == nil {
		form = url.Values{}
	}
	d := &obstacleData{ObstacleDetail: od, O: s.obstacleViews(a, []ops.ObstacleEntry{od.ObstacleEntry})[0],
		Done: r.URL.Query().Get("done"), Problem: problem, Form: form}
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

// obstacleAction reads a small form and runs act; a refusal shows the
// obstacle page again with the message and what was typed.
func (s *server) obstacleAction(done string, act func(r *http.Request, a *kehoach.Actor, id string) (*kehoach.Obstacle, error)) pageHandler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
		if err := r.ParseForm(); err != nil {
			return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không đọc được.")
		}
		id := r.PathValue("id")
		if _, err := act(r, a, id); err != nil {
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
	return s.obstacleAction("merged", func(r *http.Request, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
		return s.Ops.MergeObstacle(r.Context(), a, id, ops.MergeInput{PrimaryID: r.PostFormValue("primaryId")})
	})
}

func (s *server) obstacleAssess() pageHandler {
	return s.obstacleAction("assessed", func(r *http.Request, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
		return s.Ops.AssessObstacle(r.Context(), a, id, assessmentFrom(r))
	})
}

func (s *server) obstacleEscalate() pageHandler {
	return s.obstacleAction("escalated", func(r *http.Request, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
		return s.Ops.EscalateObstacle(r.Context(), a, id, assessmentFrom(r))
	})
}

func (s *server) obstacleAnswer() pageHandler {
	return s.obstacleAction("answered", func(r *http.Request, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
		return s.Ops.AnswerObstacle(r.Context(), a, id, ops.AnswerInput{Text: r.PostFormValue("text"), NotActionable: r.PostFormValue("notActionable") == "on"})
	})
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
			x, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
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
	return s.obstacleAction("decided", func(r *http.Request, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
		d, err := decisionFromForm(r.PostForm)
		if err != nil {
			return nil, err
		}
		return s.Ops.DecideObstacle(r.Context(), a, id, d)
	})
}

func (s *server) obstacleConfirm() pageHandler {
	return s.obstacleAction("confirmed", func(r *http.Request, a *kehoach.Actor, id string) (*kehoach.Obstacle, error) {
		return s.Ops.ConfirmObstacle(r.Context(), a, id, ops.ConfirmInput{Resolved: r.PostFormValue("resolved") == "yes", Feedback: r.PostFormValue("feedback")})
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
