package kehoach

import (
	"context"
	"slices"
	"strings"
	"time"
)

// TaskStatus is where a task is.
type TaskStatus string

// The statuses of a task.
const (
	TaskOpen      TaskStatus = "open"      // đang thực hiện
	TaskDone      TaskStatus = "done"      // đã hoàn thành
	TaskCancelled TaskStatus = "cancelled" // đã hủy (e.g. replaced by a split)
)

// Task is work a plan gives to units: one lead ("chủ trì") and supporting
// units ("phối hợp"), a due date, the expected output and the indicators it
// feeds.
type Task struct {
	ID     string `json:"id"`
	PlanID string `json:"planId"`
	// Number is the task's number within its plan, from 1.
	Number int `json:"number"`
	TaskFields
	Status TaskStatus `json:"status"`
	// ParentID is the task this one was split from.
	ParentID  string    `json:"parentId,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// TaskFields are what is typed for a task: shared by the record and the
// Office's input, so the two cannot drift apart.
type TaskFields struct {
	Section string `json:"section"` // where in the plan it comes from, e.g. "III.2"
	Title   string `json:"title"`
	Text    string `json:"text"`
	// LeadUnitID is the unit in charge; SupportUnitIDs help.
	LeadUnitID     string   `json:"leadUnitId"`
	SupportUnitIDs []string `json:"supportUnitIds"`
	// Due is the due date, YYYY-MM-DD.
	Due            string   `json:"due"`
	ExpectedOutput string   `json:"expectedOutput"`
	IndicatorCodes []string `json:"indicatorCodes"`
}

// Units returns the lead and the supporting units.
func (t *Task) Units() []string {
	out := []string{t.LeadUnitID}
	for _, u := range t.SupportUnitIDs {
		if u != t.LeadUnitID && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// Feeds reports whether the task feeds the indicator.
func (t *Task) Feeds(code string) bool { return slices.Contains(t.IndicatorCodes, code) }

// Validate checks the task against its plan's period: a due date may not be
// before the plan starts.
func (t *Task) Validate(plan *Plan) error {
	f := problems{}
	t.Title = strings.TrimSpace(t.Title)
	t.Text = strings.TrimSpace(t.Text)
	f.required("title", t.Title, 300, "Tên nhiệm vụ không được để trống.", "Tên nhiệm vụ dài quá 300 ký tự.")
	f.maxLen("text", t.Text, 5000, "Nội dung nhiệm vụ dài quá 5000 ký tự.")
	if t.LeadUnitID == "" {
		f["leadUnitId"] = "Chọn đơn vị chủ trì."
	}
	if slices.Contains(t.SupportUnitIDs, t.LeadUnitID) && t.LeadUnitID != "" {
		f["supportUnitIds"] = "Đơn vị chủ trì không đồng thời là đơn vị phối hợp."
	}
	if t.Due == "" {
		f["due"] = "Nhập thời hạn hoàn thành."
	} else if d, err := time.Parse(time.DateOnly, t.Due); err != nil {
		f["due"] = "Thời hạn không hợp lệ (ngày/tháng/năm)."
	} else if plan != nil {
		if start := plan.StartDate(); start != nil && d.Before(*start) {
			f["due"] = "Thời hạn " + d.Format("02/01/2006") + " trước ngày bắt đầu kế hoạch " + start.Format("02/01/2006") + "."
		}
		if d.Year() < 2000 || d.Year() > 2100 {
			f["due"] = "Thời hạn không hợp lệ."
		}
	}
	f.maxLen("expectedOutput", t.ExpectedOutput, 1000, "Sản phẩm đầu ra dài quá 1000 ký tự.")
	switch t.Status {
	case "":
		t.Status = TaskOpen
	case TaskOpen, TaskDone, TaskCancelled:
	default:
		f["status"] = "Trạng thái nhiệm vụ không hợp lệ."
	}
	return f.err()
}

// StartDate returns the plan's start: its period start, else its date.
func (p *Plan) StartDate() *time.Time {
	for _, s := range []*string{periodStart(p), p.Date} {
		if s != nil {
			if t, err := time.Parse(time.DateOnly, *s); err == nil {
				return &t
			}
		}
	}
	return nil
}

// EndDate returns the end of the plan's period, or nil.
func (p *Plan) EndDate() *time.Time {
	if p.Period != nil && p.Period.End != nil {
		if t, err := time.Parse(time.DateOnly, *p.Period.End); err == nil {
			return &t
		}
	}
	return nil
}

func periodStart(p *Plan) *string {
	if p.Period == nil {
		return nil
	}
	return p.Period.Start
}

// TaskFilter selects tasks.
type TaskFilter struct {
	PlanID *string
	UnitID *string // lead or support
}

// TaskService reads and changes tasks.
type TaskService interface {
	FindTasks(ctx context.Context, f TaskFilter) ([]*Task, error)
	FindTaskByID(ctx context.Context, id string) (*Task, error)
	CreateTask(ctx context.Context, t *Task) error
	UpdateTask(ctx context.Context, t *Task) error
	SplitTask(ctx context.Context, id string, parts []*Task) error
}
