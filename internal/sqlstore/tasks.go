package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kehoach/kehoach"
)

const taskCols = `id, plan_id, number, section, title, text, lead_unit_id, support_unit_ids, due, expected_output, indicator_codes, status, parent_id, created_at, updated_at`

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func scanTask(sc scanner) (*kehoach.Task, error) {
	var t kehoach.Task
	var support, codes string
	var parent *string
	var created, updated nullTime
	if err := sc.Scan(&t.ID, &t.PlanID, &t.Number, &t.Section, &t.Title, &t.Text, &t.LeadUnitID, &support, &t.Due, &t.ExpectedOutput, &codes, &t.Status, &parent, &created, &updated); err != nil {
		return nil, err
	}
	t.SupportUnitIDs, t.IndicatorCodes = splitList(support), splitList(codes)
	if parent != nil {
		t.ParentID = *parent
	}
	t.CreatedAt, t.UpdatedAt = created.T, updated.T
	return &t, nil
}

// FindTasks returns tasks by plan and number.
func (db *DB) FindTasks(ctx context.Context, f kehoach.TaskFilter) ([]*kehoach.Task, error) {
	w, args := where(eq("plan_id", f.PlanID))
	rows, err := db.query(ctx, `SELECT `+taskCols+` FROM tasks`+w+` ORDER BY plan_id, number`, args...)
	return scanKept(rows, err, scanTask, func(t *kehoach.Task) bool { return f.UnitID == nil || slices.Contains(t.Units(), *f.UnitID) })
}

// FindTaskByID returns one task.
func (db *DB) FindTaskByID(ctx context.Context, id string) (*kehoach.Task, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+taskCols+` FROM tasks WHERE id = ?`, id), scanTask, "nhiệm vụ")
}

func (tx *Tx) taskByID(id string) (*kehoach.Task, error) {
	return scanOne(tx.queryRow(`SELECT `+taskCols+` FROM tasks WHERE id = ?`, id), scanTask, "nhiệm vụ")
}

// checkTaskUnits refuses units that do not exist or lie outside the plan's
// agency.
func (tx *Tx) checkTaskUnits(plan *kehoach.Plan, t *kehoach.Task) error {
	units, err := tx.units()
	if err != nil {
		return err
	}
	tree := kehoach.NewOrgTree(units)
	if u := tree.Unit(t.LeadUnitID); u == nil || !tree.IsWithin(u.ID, plan.AgencyID) {
		return kehoach.Invalid(map[string]string{"leadUnitId": "Đơn vị chủ trì không tồn tại hoặc không thuộc cơ quan."})
	}
	for _, s := range t.SupportUnitIDs {
		if tree.Unit(s) == nil {
			return kehoach.Invalid(map[string]string{"supportUnitIds": "Đơn vị phối hợp không tồn tại."})
		}
	}
	return nil
}

// CreateTask adds a task to a plan with the next number of the plan.
func (db *DB) CreateTask(ctx context.Context, t *kehoach.Task) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.createTask(t) })
}

func (tx *Tx) createTask(t *kehoach.Task) error {
	plan, err := tx.planByID(t.PlanID)
	if err != nil {
		return err
	}
	if plan.Status == kehoach.PlanClosed {
		return kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch đã kết thúc, không thể thêm nhiệm vụ.")
	}
	if err := t.Validate(plan); err != nil {
		return err
	}
	if err := tx.checkTaskUnits(plan, t); err != nil {
		return err
	}
	if t.ID == "" {
		t.ID = NewID()
	}
	// The plan row lock (on PostgreSQL) or the single writer (SQLite) keeps
	// numbers unique under concurrency; the UNIQUE constraint backs it.
	if _, err := tx.exec(`UPDATE plans SET updated_at = ? WHERE id = ?`, tx.Now, t.PlanID); err != nil {
		return err
	}
	if err := tx.queryRow(`SELECT COALESCE(MAX(number), 0) + 1 FROM tasks WHERE plan_id = ?`, t.PlanID).Scan(&t.Number); err != nil {
		return err
	}
	t.CreatedAt, t.UpdatedAt = tx.Now, tx.Now
	if _, err := tx.exec(`INSERT INTO tasks (`+taskCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, t.PlanID, t.Number, t.Section, t.Title, t.Text, t.LeadUnitID, strings.Join(t.SupportUnitIDs, ","), t.Due,
		t.ExpectedOutput, strings.Join(t.IndicatorCodes, ","), t.Status, nullStr(t.ParentID), t.CreatedAt, t.UpdatedAt); err != nil {
		return err
	}
	if plan.Status != kehoach.PlanDraft {
		if err := tx.ensureTaskObligations(plan, t); err != nil {
			return err
		}
	}
	return tx.audit("task.create", "task", t.ID, t.PlanID, fmt.Sprintf("Thêm nhiệm vụ %d: %s", t.Number, t.Title), nil, t)
}

// UpdateTask changes a task: text, units (reassigning), due date, indicators.
func (db *DB) UpdateTask(ctx context.Context, t *kehoach.Task) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.updateTask(t, "") })
}

func (tx *Tx) updateTask(t *kehoach.Task, why string) error {
	before, err := tx.taskByID(t.ID)
	if err != nil {
		return err
	}
	plan, err := tx.planByID(before.PlanID)
	if err != nil {
		return err
	}
	if before.Status == kehoach.TaskCancelled {
		return kehoach.Errorf(kehoach.ECONFLICT, "Nhiệm vụ đã bị hủy, không thể sửa.")
	}
	t.PlanID, t.Number, t.CreatedAt, t.ParentID = before.PlanID, before.Number, before.CreatedAt, before.ParentID
	if err := t.Validate(plan); err != nil {
		return err
	}
	if err := tx.checkTaskUnits(plan, t); err != nil {
		return err
	}
	t.UpdatedAt = tx.Now
	if _, err := tx.exec(`UPDATE tasks SET section = ?, title = ?, text = ?, lead_unit_id = ?, support_unit_ids = ?, due = ?, expected_output = ?, indicator_codes = ?, status = ?, updated_at = ? WHERE id = ?`,
		t.Section, t.Title, t.Text, t.LeadUnitID, strings.Join(t.SupportUnitIDs, ","), t.Due, t.ExpectedOutput, strings.Join(t.IndicatorCodes, ","), t.Status, t.UpdatedAt, t.ID); err != nil {
		return err
	}
	if plan.Status != kehoach.PlanDraft {
		if err := tx.ensureTaskObligations(plan, t); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("Sửa nhiệm vụ %d: %s", t.Number, t.Title)
	if before.LeadUnitID != t.LeadUnitID {
		summary = fmt.Sprintf("Giao lại nhiệm vụ %d cho đơn vị khác", t.Number)
	} else if before.Due != t.Due {
		summary = fmt.Sprintf("Đổi thời hạn nhiệm vụ %d từ %s thành %s", t.Number, dayMonthYear(before.Due), dayMonthYear(t.Due))
	}
	if why != "" {
		summary += " (" + why + ")"
	}
	return tx.audit("task.update", "task", t.ID, t.PlanID, summary, before, t)
}

// SplitTask replaces a task by parts: the parts are new tasks whose parent
// is the original, which is cancelled.
func (db *DB) SplitTask(ctx context.Context, id string, parts []*kehoach.Task) error {
	return db.InTx(ctx, func(tx *Tx) error {
		orig, err := tx.taskByID(id)
		if err != nil {
			return err
		}
		if orig.Status != kehoach.TaskOpen {
			return kehoach.Errorf(kehoach.ECONFLICT, "Chỉ tách được nhiệm vụ đang thực hiện.")
		}
		for _, p := range parts {
			p.PlanID, p.ParentID, p.Section = orig.PlanID, orig.ID, orig.Section
			if len(p.IndicatorCodes) == 0 {
				p.IndicatorCodes = orig.IndicatorCodes
			}
			if err := tx.createTask(p); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?`, kehoach.TaskCancelled, tx.Now, id); err != nil {
			return err
		}
		// Nothing more is owed on the cancelled task.
		if _, err := tx.exec(`DELETE FROM obligations WHERE task_id = ? AND submitted_at IS NULL`, id); err != nil {
			return err
		}
		return tx.audit("task.split", "task", id, orig.PlanID, fmt.Sprintf("Tách nhiệm vụ %d thành %d nhiệm vụ", orig.Number, len(parts)), orig, parts)
	})
}
