package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kehoach/kehoach/internal/notify"
)

// ReminderRule returns the plan's reminder schedule, or the default when the
// Office has not set one.
func (db *DB) ReminderRule(ctx context.Context, planID string) (notify.Rule, error) {
	var raw string
	err := db.queryRow(ctx, `SELECT rule FROM plan_reminder_rules WHERE plan_id = ?`, planID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return notify.DefaultRule, nil
	} else if err != nil {
		return notify.Rule{}, err
	}
	var r notify.Rule
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return notify.Rule{}, fmt.Errorf("reminder rule of %s: %w", planID, err)
	}
	return r, nil
}

// SetReminderRule sets the plan's reminder schedule, which the caller has
// validated.
func (db *DB) SetReminderRule(ctx context.Context, planID string, r notify.Rule) error {
	raw, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.planByID(planID); err != nil {
			return err
		}
		before := notify.DefaultRule
		var old string
		err := tx.queryRow(`SELECT rule FROM plan_reminder_rules WHERE plan_id = ?`, planID).Scan(&old)
		switch {
		case err == nil:
			if err := json.Unmarshal([]byte(old), &before); err != nil {
				return fmt.Errorf("reminder rule of %s: %w", planID, err)
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := tx.exec(`DELETE FROM plan_reminder_rules WHERE plan_id = ?`, planID); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO plan_reminder_rules (plan_id, rule, updated_at) VALUES (?, ?, ?)`, planID, string(raw), tx.Now); err != nil {
			return err
		}
		return tx.audit("plan.reminder_rule", "plan", planID, planID, "Đặt quy tắc nhắc việc: "+DescribeRule(r), before, r)
	})
}

// DescribeRule says a schedule in Vietnamese.
func DescribeRule(r notify.Rule) string {
	var parts []string
	for _, d := range r.DaysBefore {
		parts = append(parts, fmt.Sprintf("trước hạn %d ngày", d))
	}
	if r.OnDueDay {
		parts = append(parts, "đúng ngày đến hạn")
	}
	if r.RepeatLateEvery > 0 {
		parts = append(parts, fmt.Sprintf("khi quá hạn nhắc lại mỗi %d ngày", r.RepeatLateEvery))
	} else {
		parts = append(parts, "khi quá hạn nhắc một lần")
	}
	if r.EscalateAfter > 0 {
		parts = append(parts, fmt.Sprintf("quá hạn %d ngày báo cả thủ trưởng đơn vị", r.EscalateAfter))
	}
	if r.FlagOfficeAfter > 0 {
		parts = append(parts, fmt.Sprintf("quá hạn %d ngày báo Văn phòng", r.FlagOfficeAfter))
	}
	return strings.Join(parts, "; ") + fmt.Sprintf(" (gửi từ %d giờ)", r.Hour)
}

// RuleFor gives the reminders each plan's own schedule.
func (s *reminderSource) RuleFor(ctx context.Context, planID string) (notify.Rule, error) {
	return s.db.ReminderRule(ctx, planID)
}

// SetTargets sets several of a plan's targets at once; a nil value removes
// the target. The caller has checked the codes and values.
func (db *DB) SetTargets(ctx context.Context, planID string, targets map[string]*float64) error {
	before, err := db.FindTargets(ctx, planID)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.planByID(planID); err != nil {
			return err
		}
		after := map[string]float64{}
		for k, v := range before {
			after[k] = v
		}
		for code, v := range targets {
			if _, err := tx.exec(`DELETE FROM plan_targets WHERE plan_id = ? AND indicator_code = ?`, planID, code); err != nil {
				return err
			}
			delete(after, code)
			if v != nil {
				if _, err := tx.exec(`INSERT INTO plan_targets (plan_id, indicator_code, value) VALUES (?, ?, ?)`, planID, code, *v); err != nil {
					return err
				}
				after[code] = *v
			}
		}
		return tx.audit("plan.targets", "plan", planID, planID, "Cập nhật chỉ tiêu kế hoạch", before, after)
	})
}
