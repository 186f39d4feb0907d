package kehoach

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ObstacleState is where an obstacle ("khó khăn, vướng mắc") is on its way
// up to the Director and back.
type ObstacleState string

// The states of an obstacle.
const (
	// ObstacleOpen: raised (or reopened), waiting for the Office.
	ObstacleOpen ObstacleState = "open"
	// ObstacleMerged: a duplicate; PrimaryID names the obstacle that
	// carries it from now on.
	ObstacleMerged ObstacleState = "merged"
	// ObstacleEscalated: the Office sent it to the Director.
	ObstacleEscalated ObstacleState = "escalated"
	// ObstacleAnswered: decided (by the Director) or answered (by the
	// Office); waiting for the raiser to confirm.
	ObstacleAnswered ObstacleState = "answered"
	// ObstacleClosed: closed as not actionable.
	ObstacleClosed ObstacleState = "closed"
	// ObstacleResolved: the raiser confirmed the answer solved it.
	ObstacleResolved ObstacleState = "resolved"
)

// ObstacleStates lists the states in the order they are reached.
var ObstacleStates = []ObstacleState{ObstacleOpen, ObstacleMerged, ObstacleEscalated, ObstacleAnswered, ObstacleClosed, ObstacleResolved}

// Valid reports whether s is a known state.
func (s ObstacleState) Valid() bool { return slices.Contains(ObstacleStates, s) }

// Pending reports whether the Office or the Director still owes an answer.
func (s ObstacleState) Pending() bool { return s == ObstacleOpen || s == ObstacleEscalated }

// Obstacle is a difficulty raised on a plan or one of its tasks, by a unit
// (through its head) or by a person as an individual: what blocks, why, and
// what the raiser proposes. The Office consolidates it and answers or
// escalates it; the Director's [Decision] comes back to the raiser, who
// confirms it solved the problem or reopens it.
type Obstacle struct {
	ID       string `json:"id"`
	PlanID   string `json:"planId"`
	TaskID   string `json:"taskId,omitempty"`
	AgencyID string `json:"agencyId"`
	// UnitID is the unit the obstacle belongs to: the unit raising it, or
	// the unit of the person raising it as an individual.
	UnitID string `json:"unitId"`
	// ForUnit is true when raised on behalf of the unit.
	ForUnit    bool   `json:"forUnit"`
	RaisedByID string `json:"raisedById"`
	// RaisedBy is the name of the person who raised it.
	RaisedBy string        `json:"raisedBy"`
	What     string        `json:"what"`
	Why      string        `json:"why"`
	Proposal string        `json:"proposal"`
	State    ObstacleState `json:"state"`
	// PrimaryID is the obstacle this one was merged into.
	PrimaryID string `json:"primaryId,omitempty"`
	// Group is a label the Office gives related obstacles.
	Group string `json:"group,omitempty"`
	// Shared lets every unit of the agency see the obstacle and its
	// decision; otherwise only its own unit, the Office and the Director do.
	Shared         bool       `json:"shared"`
	Assessment     string     `json:"assessment,omitempty"`
	OfficeProposal string     `json:"officeProposal,omitempty"`
	EscalatedAt    *time.Time `json:"escalatedAt,omitempty"`
	// Decision is the answer in force, or nil.
	Decision *Decision `json:"decision"`
	// Feedback is what the raiser said when confirming or reopening.
	Feedback   string         `json:"feedback,omitempty"`
	Reopened   int            `json:"reopened"`
	ResolvedAt *time.Time     `json:"resolvedAt,omitempty"`
	Files      []ObstacleFile `json:"files"`
	CreatedAt  time.Time      `json:"createdAt"`
	UpdatedAt  time.Time      `json:"updatedAt"`
}

// AgeDays returns how many whole days the obstacle has been raised at now.
func (o *Obstacle) AgeDays(now time.Time) int {
	return int(now.Sub(o.CreatedAt).Hours() / 24)
}

// ObstacleFile is a file attached to an obstacle, checked by content like
// report evidence.
type ObstacleFile struct {
	ID          string    `json:"id"`
	ObstacleID  string    `json:"obstacleId"`
	Name        string    `json:"name"`
	ContentType string    `json:"contentType"`
	Size        int64     `json:"size"`
	UploadedAt  time.Time `json:"uploadedAt"`
}

// MaxObstacleFileSize is the largest file accepted on an obstacle, and
// MaxObstacleFiles how many.
const (
	MaxObstacleFileSize = 10 << 20
	MaxObstacleFiles    = 5
)

// Upload is a file as received, before it is stored.
type Upload struct {
	Name string
	Data []byte
}

// Validate checks what the raiser typed.
func (o *Obstacle) Validate() error {
	f := problems{}
	o.What, o.Why, o.Proposal = strings.TrimSpace(o.What), strings.TrimSpace(o.Why), strings.TrimSpace(o.Proposal)
	switch n := utf8.RuneCountInString(o.What); {
	case n == 0:
		f["what"] = "Nêu khó khăn, vướng mắc."
	case n < 5:
		f["what"] = "Nội dung khó khăn, vướng mắc quá ngắn."
	case n > 2000:
		f["what"] = "Nội dung khó khăn, vướng mắc dài quá 2000 ký tự."
	}
	f.required("why", o.Why, 4000, "Nêu vì sao khó khăn này cản trở việc thực hiện.", "Phần lý do dài quá 4000 ký tự.")
	f.maxLen("proposal", o.Proposal, 4000, "Phần đề xuất dài quá 4000 ký tự.")
	if o.PlanID == "" {
		f["planId"] = "Chọn kế hoạch."
	}
	return f.err()
}

// CheckUploads checks the files attached to an obstacle: how many, how
// large, and by content, the same kinds as report evidence. It returns the
// content type of each.
func CheckUploads(files []Upload) ([]string, error) {
	if len(files) > MaxObstacleFiles {
		return nil, Invalid(map[string]string{"files": "Đính kèm tối đa 5 tệp."})
	}
	types := make([]string, len(files))
	for i, u := range files {
		if len(u.Data) == 0 {
			return nil, Invalid(map[string]string{"files": "Tệp “" + filepath.Base(u.Name) + "” rỗng."})
		}
		if len(u.Data) > MaxObstacleFileSize {
			return nil, Invalid(map[string]string{"files": "Tệp “" + filepath.Base(u.Name) + "” lớn quá 10 MB."})
		}
		ct := sniffFile(u.Data)
		if ct == "" {
			return nil, Invalid(map[string]string{"files": "Tệp “" + filepath.Base(u.Name) + "” không phải ảnh, PDF, .docx hoặc .xlsx (kiểm tra theo nội dung tệp)."})
		}
		types[i] = ct
	}
	return types, nil
}

// EffectKind is what a decision changes.
type EffectKind string

// The effects a decision may apply.
const (
	EffectExtendDue EffectKind = "extend_due" // gia hạn nhiệm vụ
	EffectReassign  EffectKind = "reassign"   // giao nhiệm vụ cho đơn vị khác
	EffectTarget    EffectKind = "target"     // điều chỉnh chỉ tiêu kế hoạch
	EffectAddTask   EffectKind = "add_task"   // bổ sung nhiệm vụ
)

// Effect is one change a decision applies, in the same transaction as the
// decision: all apply, or the decision is refused.
type Effect struct {
	Kind EffectKind `json:"kind"`
	// TaskID is the task to extend or reassign.
	TaskID string `json:"taskId,omitempty"`
	// Due is the new due date (extend_due, add_task), YYYY-MM-DD.
	Due string `json:"due,omitempty"`
	// UnitID is the new lead unit (reassign, add_task).
	UnitID string `json:"unitId,omitempty"`
	// IndicatorCode and Value set a plan target (target).
	IndicatorCode string   `json:"indicatorCode,omitempty"`
	Value         *float64 `json:"value,omitempty"`
	// Title is the new task's title (add_task).
	Title string `json:"title,omitempty"`
	// Before is what the effect replaced, filled in when applied.
	Before string `json:"before,omitempty"`
}

// Decision is the answer to an obstacle: the Director's decision, or the
// Office's answer when the matter is within its remit. A decision on a
// primary obstacle answers the duplicates merged into it.
type Decision struct {
	ID         string `json:"id"`
	ObstacleID string `json:"obstacleId"`
	// ByRole is "director" or "office".
	ByRole string `json:"byRole"`
	ByID   string `json:"byId"`
	ByName string `json:"byName"`
	Text   string `json:"text"`
	// NotActionable closes the obstacle without action.
	NotActionable bool      `json:"notActionable"`
	Effects       []Effect  `json:"effects"`
	DecidedAt     time.Time `json:"decidedAt"`
}

// Validate checks the decision's text and the shape of its effects; whether
// the effects can apply is checked against the data when they are applied.
func (d *Decision) Validate() error {
	f := problems{}
	d.Text = strings.TrimSpace(d.Text)
	if utf8.RuneCountInString(d.Text) < 5 {
		f["text"] = "Nhập nội dung quyết định (ít nhất 5 ký tự)."
	} else if utf8.RuneCountInString(d.Text) > 4000 {
		f["text"] = "Nội dung quyết định dài quá 4000 ký tự."
	}
	if d.NotActionable && len(d.Effects) > 0 {
		f["effects"] = "Quyết định đóng (không xử lý) không thể kèm thay đổi nhiệm vụ, chỉ tiêu."
	}
	if len(d.Effects) > 20 {
		f["effects"] = "Tối đa 20 thay đổi trong một quyết định."
	}
	for _, e := range d.Effects {
		switch e.Kind {
		case EffectExtendDue:
			if e.TaskID == "" || e.Due == "" {
				f["effects"] = "Gia hạn: chọn nhiệm vụ và thời hạn mới."
			}
		case EffectReassign:
			if e.TaskID == "" || e.UnitID == "" {
				f["effects"] = "Giao lại: chọn nhiệm vụ và đơn vị mới."
			}
		case EffectTarget:
			if e.IndicatorCode == "" || e.Value == nil {
				f["effects"] = "Điều chỉnh chỉ tiêu: chọn chỉ tiêu và giá trị mới."
			}
		case EffectAddTask:
			if strings.TrimSpace(e.Title) == "" || e.UnitID == "" || e.Due == "" {
				f["effects"] = "Bổ sung nhiệm vụ: nhập tên, đơn vị chủ trì và thời hạn."
			}
		default:
			f["effects"] = "Loại thay đổi không hợp lệ: " + string(e.Kind) + "."
		}
	}
	return f.err()
}

// ObstacleAssessment is the Office's consolidation of an obstacle.
type ObstacleAssessment struct {
	Assessment string `json:"assessment"`
	Proposal   string `json:"proposal"`
	Group      string `json:"group"`
	Shared     bool   `json:"shared"`
}

// Validate checks lengths; escalating needs an assessment.
func (a *ObstacleAssessment) Validate(escalate bool) error {
	f := problems{}
	a.Assessment, a.Proposal, a.Group = strings.TrimSpace(a.Assessment), strings.TrimSpace(a.Proposal), strings.TrimSpace(a.Group)
	if escalate && utf8.RuneCountInString(a.Assessment) < 5 {
		f["assessment"] = "Nhập ý kiến đánh giá của Văn phòng trước khi trình Giám đốc."
	}
	f.maxLen("assessment", a.Assessment, 4000, "Ý kiến đánh giá dài quá 4000 ký tự.")
	f.maxLen("proposal", a.Proposal, 4000, "Đề xuất dài quá 4000 ký tự.")
	f.maxLen("group", a.Group, 100, "Tên nhóm dài quá 100 ký tự.")
	return f.err()
}

// ObstacleFilter selects obstacles; nil fields are not filtered on. Who may
// see which is [Actor.CanSeeObstacle], applied by the operations.
type ObstacleFilter struct {
	PlanID   *string
	AgencyID *string
	UnitID   *string
	TaskID   *string
	// States keeps only these states (none: all).
	States []ObstacleState
	// Decided keeps only obstacles with a decision in force.
	Decided bool
}

// TaskNote is what a decision changed on a task, in words, e.g. "Thời hạn
// được gia hạn theo quyết định của Giám đốc ngày 16/06/2023".
type TaskNote struct {
	TaskID     string    `json:"taskId"`
	DecisionID string    `json:"decisionId"`
	Text       string    `json:"text"`
	At         time.Time `json:"at"`
}

// Notice is an in-app message to a person about an obstacle.
type Notice struct {
	ID         string     `json:"id"`
	PersonID   string     `json:"personId"`
	ObstacleID string     `json:"obstacleId"`
	Text       string     `json:"text"`
	CreatedAt  time.Time  `json:"createdAt"`
	ReadAt     *time.Time `json:"readAt,omitempty"`
}

// ObstacleService reads and moves obstacles, as the store does; the rights
// and the validation are the operations' (internal/ops), checked before.
type ObstacleService interface {
	FindObstacles(ctx context.Context, f ObstacleFilter) ([]*Obstacle, error)
	FindObstacleByID(ctx context.Context, id string) (*Obstacle, error)
	RaiseObstacle(ctx context.Context, o *Obstacle, files []Upload) error
	MergeObstacle(ctx context.Context, id, primaryID string) error
	AssessObstacle(ctx context.Context, id string, a ObstacleAssessment) error
	EscalateObstacle(ctx context.Context, id string, a ObstacleAssessment) error
	AnswerObstacle(ctx context.Context, id string, text string, notActionable bool) (*Decision, error)
	DecideObstacle(ctx context.Context, id string, d *Decision) (*Decision, error)
	ConfirmObstacle(ctx context.Context, id string, resolved bool, feedback string) error
}
