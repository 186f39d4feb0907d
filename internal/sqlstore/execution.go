package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
)

// planByID reads a plan and, on PostgreSQL, locks its row: changes to a
// plan's tasks and obligations take the plan first, then an obligation.
func (tx *Tx) planByID(id string) (*kehoach.Plan, error) {
	return scanOne(tx.queryRow(`SELECT `+planCols+` FROM plans WHERE id = ?`+tx.forUpdate(), id), scanPlan, "kế hoạch")
}

// planToName reads a plan without locking it, for a change that only
// names the plan (in a notice): a unit's report or obstacle changes rows
// of its own, and taking the plan after them would both serialise every
// unit of the plan and invert the plan-then-obligation order above.
func (tx *Tx) planToName(id string) (*kehoach.Plan, error) {
	return scanOne(tx.queryRow(`SELECT `+planCols+` FROM plans WHERE id = ?`, id), scanPlan, "kế hoạch")
}

const obligationCols = `id, plan_id, unit_id, task_id, kind, period_start, period_end, due, first_submitted_at, submitted_at, returned_at, accepted_at, report_id, created_at`

func scanObligation(sc scanner) (*kehoach.Obligation, error) {
	var o kehoach.Obligation
	var first, sub, ret, acc, created nullTime
	if err := sc.Scan(&o.ID, &o.PlanID, &o.UnitID, &o.TaskID, &o.Kind, &o.PeriodStart, &o.PeriodEnd, &o.Due, &first, &sub, &ret, &acc, &o.ReportID, &created); err != nil {
		return nil, err
	}
	o.FirstSubmittedAt, o.SubmittedAt, o.ReturnedAt, o.AcceptedAt, o.CreatedAt = first.ptr(), sub.ptr(), ret.ptr(), acc.ptr(), created.T
	return &o, nil
}

// FindObligations returns obligations ordered by unit, kind and due date.
func (db *DB) FindObligations(ctx context.Context, f kehoach.ObligationFilter) ([]*kehoach.Obligation, error) {
	w, args := where(eq("plan_id", f.PlanID), eq("unit_id", f.UnitID), eq("kind", f.Kind))
	rows, err := db.query(ctx, `SELECT `+obligationCols+` FROM obligations`+w+` ORDER BY plan_id, unit_id, due, kind, id`, args...)
	return scanAll(rows, err, scanObligation)
}

// FindObligationByID returns one obligation.
func (db *DB) FindObligationByID(ctx context.Context, id string) (*kehoach.Obligation, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+obligationCols+` FROM obligations WHERE id = ?`, id), scanObligation, "nghĩa vụ báo cáo")
}

// obligationByID reads an obligation and, on PostgreSQL, locks its row for
// the rest of the transaction: every change to an obligation or to the
// report answering it takes this lock first, so concurrent writers queue in
// one order. (SQLite has a single writer already.)
func (tx *Tx) obligationByID(id string) (*kehoach.Obligation, error) {
	return scanOne(tx.queryRow(`SELECT `+obligationCols+` FROM obligations WHERE id = ?`+tx.forUpdate(), id), scanObligation, "nghĩa vụ báo cáo")
}

// addObligation inserts an obligation unless the same one exists.
func (tx *Tx) addObligation(o *kehoach.Obligation) error {
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM obligations WHERE plan_id = ? AND unit_id = ? AND task_id = ? AND kind = ? AND period_end = ?`,
		o.PlanID, o.UnitID, o.TaskID, o.Kind, o.PeriodEnd).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	o.ID, o.CreatedAt = NewID(), tx.Now
	_, err := tx.exec(`INSERT INTO obligations (id, plan_id, unit_id, task_id, kind, period_start, period_end, due, report_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
		o.ID, o.PlanID, o.UnitID, o.TaskID, o.Kind, o.PeriodStart, o.PeriodEnd, o.Due, o.CreatedAt)
	return err
}

// ensureTaskObligations makes the lead unit owe a result report for the
// task by its due date, and progress reports for each monthly cut-off
// period when the task runs over more than one; unsubmitted reports owed by
// a unit that no longer leads the task are dropped, and their due dates
// follow the task's.
func (tx *Tx) ensureTaskObligations(plan *kehoach.Plan, t *kehoach.Task) error {
	if _, err := tx.exec(`DELETE FROM obligations WHERE task_id = ? AND unit_id <> ? AND submitted_at IS NULL`, t.ID, t.LeadUnitID); err != nil {
		return err
	}
	if t.Status == kehoach.TaskCancelled {
		_, err := tx.exec(`DELETE FROM obligations WHERE task_id = ? AND submitted_at IS NULL`, t.ID)
		return err
	}
	if _, err := tx.exec(`UPDATE obligations SET due = ? WHERE task_id = ? AND kind = ? AND accepted_at IS NULL`, t.Due, t.ID, kehoach.KindFinal); err != nil {
		return err
	}
	start := ""
	if s := plan.StartDate(); s != nil {
		start = s.Format(time.DateOnly)
	}
	// Progress is owed from when the task exists, not for periods before it.
	from := start
	if created := t.CreatedAt.In(kehoach.Zone).Format(time.DateOnly); created > from {
		from = created
	}
	for _, p := range kehoach.ProgressPeriods(from, t.Due) {
		if err := tx.addObligation(&kehoach.Obligation{PlanID: plan.ID, UnitID: t.LeadUnitID, TaskID: t.ID, Kind: kehoach.KindProgress,
			PeriodStart: p.Start, PeriodEnd: p.End, Due: p.Due}); err != nil {
			return err
		}
	}
	return tx.addObligation(&kehoach.Obligation{PlanID: plan.ID, UnitID: t.LeadUnitID, TaskID: t.ID, Kind: kehoach.KindFinal,
		PeriodStart: start, Due: t.Due})
}

// IssueOptions are the Office's choices when issuing a plan.
type IssueOptions struct {
	// RecipientUnitIDs are the internal units that must acknowledge and
	// brief; empty means every division, office, affiliated unit and union
	// of the agency except the board.
	RecipientUnitIDs []string
	// AckDays and BriefDays are how long units have to acknowledge and to
	// confirm the briefing, counted from the issue date.
	AckDays, BriefDays int
	// IssuedOn is the issue date (default: today).
	IssuedOn string
}

// IssuePlan issues a draft plan: it turns the proposed tasks that have a
// lead unit into tasks (when the plan has none yet), creates each
// recipient's acknowledgement and briefing obligations and each task's
// report obligations, and marks the plan issued. It returns the recipient
// units.
func (db *DB) IssuePlan(ctx context.Context, planID string, opt IssueOptions) ([]string, error) {
	var recipients []string
	err := db.InTx(ctx, func(tx *Tx) error {
		plan, err := tx.planByID(planID)
		if err != nil {
			return err
		}
		if plan.Status != kehoach.PlanDraft {
			return kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch đã được ban hành.")
		}
		units, err := tx.units()
		if err != nil {
			return err
		}
		tree := kehoach.NewOrgTree(units)
		recipients = opt.RecipientUnitIDs
		if len(recipients) == 0 {
			recipients = kehoach.DefaultRecipients(tree, plan.AgencyID)
		}
		for _, id := range recipients {
			if u := tree.Unit(id); u == nil || !tree.IsWithin(id, plan.AgencyID) {
				return kehoach.Invalid(map[string]string{"recipients": "Đơn vị nhận không tồn tại hoặc không thuộc cơ quan."})
			}
		}
		if len(recipients) == 0 {
			return kehoach.Invalid(map[string]string{"recipients": "Chọn ít nhất một đơn vị nhận kế hoạch."})
		}
		issued := tx.Now.In(kehoach.Zone)
		if opt.IssuedOn != "" {
			d, err := time.ParseInLocation(time.DateOnly, opt.IssuedOn, kehoach.Zone)
			if err != nil {
				return kehoach.Invalid(map[string]string{"issuedOn": "Ngày ban hành không hợp lệ."})
			}
			issued = d
		}
		ackDays, briefDays := max(opt.AckDays, 0), max(opt.BriefDays, 0)
		if ackDays == 0 {
			ackDays = 2
		}
		if briefDays == 0 {
			briefDays = 7
		}
		for _, id := range recipients {
			if err := tx.addObligation(&kehoach.Obligation{PlanID: plan.ID, UnitID: id, Kind: kehoach.KindAcknowledgement,
				Due: issued.AddDate(0, 0, ackDays).Format(time.DateOnly)}); err != nil {
				return err
			}
			if err := tx.addObligation(&kehoach.Obligation{PlanID: plan.ID, UnitID: id, Kind: kehoach.KindBriefing,
				Due: issued.AddDate(0, 0, briefDays).Format(time.DateOnly)}); err != nil {
				return err
			}
		}
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM tasks WHERE plan_id = ?`, plan.ID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			for _, pt := range plan.Tasks {
				if pt.LeadUnitID == "" {
					continue
				}
				if err := tx.createProposedTask(plan, pt); err != nil {
					return err
				}
			}
		}
		before := plan.Status
		if _, err := tx.exec(`UPDATE plans SET status = ?, updated_at = ? WHERE id = ?`, kehoach.PlanIssued, tx.Now, plan.ID); err != nil {
			return err
		}
		plan.Status = kehoach.PlanIssued
		tasks, err := tx.tasksOf(plan.ID)
		if err != nil {
			return err
		}
		for _, t := range tasks {
			if err := tx.ensureTaskObligations(plan, t); err != nil {
				return err
			}
		}
		names := make([]string, 0, len(recipients))
		for _, id := range recipients {
			names = append(names, tree.Unit(id).Name)
		}
		if err := tx.tellRecipients(plan, recipients, issued); err != nil {
			return err
		}
		return tx.audit("plan.issue", "plan", plan.ID, plan.ID, fmt.Sprintf("Ban hành kế hoạch tới %d đơn vị", len(recipients)),
			map[string]any{"status": before}, map[string]any{"status": kehoach.PlanIssued, "recipients": names, "issuedOn": issued.Format(time.DateOnly)})
	})
	return recipients, err
}

func (tx *Tx) tasksOf(planID string) ([]*kehoach.Task, error) {
	rows, err := tx.query(`SELECT `+taskCols+` FROM tasks WHERE plan_id = ? ORDER BY number`, planID)
	return scanAll(rows, err, scanTask)
}

// fulfil marks an obligation answered now; acknowledgements and briefings
// need no review, so they are accepted at once.
func (tx *Tx) fulfil(o *kehoach.Obligation, accept bool) error {
	if _, err := tx.exec(`UPDATE obligations SET submitted_at = ?, first_submitted_at = COALESCE(first_submitted_at, ?) WHERE id = ?`, tx.Now, tx.Now, o.ID); err != nil {
		return err
	}
	if accept {
		_, err := tx.exec(`UPDATE obligations SET accepted_at = ? WHERE id = ?`, tx.Now, o.ID)
		return err
	}
	return nil
}

func (tx *Tx) planObligation(planID, unitID string, kind kehoach.ObligationKind) (*kehoach.Obligation, error) {
	return scanOne(tx.queryRow(`SELECT `+obligationCols+` FROM obligations WHERE plan_id = ? AND unit_id = ? AND kind = ? AND task_id = ''`+tx.forUpdate(), planID, unitID, kind), scanObligation, "đơn vị trong danh sách nhận kế hoạch")
}

// Acknowledge records that the unit received the plan.
func (db *DB) Acknowledge(ctx context.Context, planID, unitID string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		o, err := tx.planObligation(planID, unitID, kehoach.KindAcknowledgement)
		if err != nil {
			return err
		}
		if o.SubmittedAt != nil {
			return kehoach.Errorf(kehoach.ECONFLICT, "Đơn vị đã xác nhận nhận kế hoạch.")
		}
		if _, err := tx.exec(`INSERT INTO acknowledgements (plan_id, unit_id, person_id, person_name, at) VALUES (?, ?, ?, ?, ?)`,
			planID, unitID, tx.Actor.ID(), tx.Actor.Name(), tx.Now); err != nil {
			return err
		}
		if err := tx.fulfil(o, true); err != nil {
			return err
		}
		return tx.audit("plan.acknowledge", "obligation", o.ID, planID, tx.Actor.Name()+" xác nhận đơn vị đã nhận kế hoạch", nil, map[string]string{"unitId": unitID})
	})
}

// FindAcknowledgements returns who acknowledged the plan for each unit.
func (db *DB) FindAcknowledgements(ctx context.Context, planID string) ([]*kehoach.Acknowledgement, error) {
	rows, err := db.query(ctx, `SELECT plan_id, unit_id, person_id, person_name, at FROM acknowledgements WHERE plan_id = ? ORDER BY at`, planID)
	return scanAll(rows, err, scanAcknowledgement)
}

func scanAcknowledgement(sc scanner) (*kehoach.Acknowledgement, error) {
	var a kehoach.Acknowledgement
	var at nullTime
	if err := sc.Scan(&a.PlanID, &a.UnitID, &a.PersonID, &a.PersonName, &at); err != nil {
		return nil, err
	}
	a.At = at.T
	return &a, nil
}

// RecordBriefing records the unit's briefing and fulfils its obligation.
func (db *DB) RecordBriefing(ctx context.Context, b *kehoach.Briefing) error {
	return db.InTx(ctx, func(tx *Tx) error {
		plan, err := tx.planByID(b.PlanID)
		if err != nil {
			return err
		}
		if err := b.Validate(plan, tx.Now); err != nil {
			return err
		}
		o, err := tx.planObligation(b.PlanID, b.UnitID, kehoach.KindBriefing)
		if err != nil {
			return err
		}
		b.ID, b.RecordedBy, b.RecordedAt = NewID(), tx.Actor.Name(), tx.Now
		if _, err := tx.exec(`INSERT INTO briefings (id, plan_id, unit_id, held_on, method, participants, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.ID, b.PlanID, b.UnitID, b.Date, b.Method, b.Participants, b.Note, b.RecordedBy, b.RecordedAt); err != nil {
			return err
		}
		if o.SubmittedAt == nil {
			if err := tx.fulfil(o, true); err != nil {
				return err
			}
		}
		return tx.audit("plan.briefing", "briefing", b.ID, b.PlanID,
			fmt.Sprintf("%s ghi nhận quán triệt kế hoạch ngày %s, %d người", tx.Actor.Name(), dayMonthYear(b.Date), b.Participants), nil, b)
	})
}

// FindBriefings returns the briefings of a plan.
func (db *DB) FindBriefings(ctx context.Context, planID string) ([]*kehoach.Briefing, error) {
	rows, err := db.query(ctx, `SELECT id, plan_id, unit_id, held_on, method, participants, note, recorded_by, recorded_at FROM briefings WHERE plan_id = ? ORDER BY held_on, recorded_at`, planID)
	return scanAll(rows, err, scanBriefing)
}

func scanBriefing(sc scanner) (*kehoach.Briefing, error) {
	var b kehoach.Briefing
	var at nullTime
	if err := sc.Scan(&b.ID, &b.PlanID, &b.UnitID, &b.Date, &b.Method, &b.Participants, &b.Note, &b.RecordedBy, &at); err != nil {
		return nil, err
	}
	b.RecordedAt = at.T
	return &b, nil
}

// EnsureIndicators adds the catalogue entries that are missing.
func (db *DB) EnsureIndicators(ctx context.Context, list []kehoach.Indicator) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.ensureIndicators(list, func(i int) int { return i }) })
}

// ensureIndicators adds the entries of list that the catalogue lacks, entry
// i at sort order order(i).
func (tx *Tx) ensureIndicators(list []kehoach.Indicator, order func(i int) int) error {
	for i, ind := range list {
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM indicators WHERE code = ?`, ind.Code).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if _, err := tx.exec(`INSERT INTO indicators (code, name, unit, aggregation, is_decimal, min_value, source, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			ind.Code, ind.Name, ind.Unit, ind.Aggregation, ind.Decimal, ind.Min, ind.Source, order(i)); err != nil {
			return err
		}
		if err := tx.audit("indicator.create", "indicator", ind.Code, "", "Thêm chỉ tiêu "+ind.Name, nil, ind); err != nil {
			return err
		}
	}
	return nil
}

// FindIndicators returns the catalogue.
func (db *DB) FindIndicators(ctx context.Context) ([]kehoach.Indicator, error) {
	rows, err := db.query(ctx, `SELECT `+indicatorCols+` FROM indicators ORDER BY sort_order, code`)
	return scanAll(rows, err, scanIndicator)
}

const indicatorCols = `code, name, unit, aggregation, is_decimal, min_value, source`

func scanIndicator(sc scanner) (kehoach.Indicator, error) {
	var ind kehoach.Indicator
	err := sc.Scan(&ind.Code, &ind.Name, &ind.Unit, &ind.Aggregation, &ind.Decimal, &ind.Min, &ind.Source)
	return ind, err
}

// SetTarget sets a plan's target for an indicator.
func (db *DB) SetTarget(ctx context.Context, t kehoach.Target) error {
	return db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM indicators WHERE code = ?`, t.IndicatorCode).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return kehoach.Invalid(map[string]string{"indicator": "Chỉ tiêu không có trong danh mục."})
		}
		if t.Value < 0 {
			return kehoach.Invalid(map[string]string{"value": "Chỉ tiêu kế hoạch không được âm."})
		}
		var before *float64
		var v float64
		if err := tx.queryRow(`SELECT value FROM plan_targets WHERE plan_id = ? AND indicator_code = ?`, t.PlanID, t.IndicatorCode).Scan(&v); err == nil {
			before = &v
		}
		if _, err := tx.exec(`DELETE FROM plan_targets WHERE plan_id = ? AND indicator_code = ?`, t.PlanID, t.IndicatorCode); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO plan_targets (plan_id, indicator_code, value) VALUES (?, ?, ?)`, t.PlanID, t.IndicatorCode, t.Value); err != nil {
			return err
		}
		var name string
		if err := tx.queryRow(`SELECT name FROM indicators WHERE code = ?`, t.IndicatorCode).Scan(&name); err != nil {
			return err
		}
		return tx.audit("plan.target", "plan", t.PlanID, t.PlanID, fmt.Sprintf("Đặt chỉ tiêu “%s”: %s", name, kehoach.FormatValue(t.Value, true)), before, t)
	})
}

// FindTargets returns a plan's targets by indicator code.
func (db *DB) FindTargets(ctx context.Context, planID string) (map[string]float64, error) {
	rows, err := db.query(ctx, `SELECT indicator_code, value FROM plan_targets WHERE plan_id = ?`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var c string
		var v float64
		if err := rows.Scan(&c, &v); err != nil {
			return nil, err
		}
		out[c] = v
	}
	return out, rows.Err()
}

// UnitsOfPlan returns the units that owe something for the plan, in tree
// order.
func UnitsOfPlan(tree *kehoach.OrgTree, obligations []*kehoach.Obligation) []*kehoach.OrgUnit {
	ids := map[string]bool{}
	for _, o := range obligations {
		ids[o.UnitID] = true
	}
	var out []*kehoach.OrgUnit
	for _, u := range tree.Units() {
		if ids[u.ID] {
			out = append(out, u)
		}
	}
	return out
}

// forUpdate returns the row-locking clause of the engine. On PostgreSQL
// it is FOR NO KEY UPDATE, the lock an UPDATE of non-key columns takes: it
// does not conflict with the key-share locks that inserting a row which
// references the locked one takes (as does updating again a row that
// references it). With FOR UPDATE, two transactions that each held such a
// key-share lock on a plan and then locked the plan waited for each other
// until the server aborted one.
func (tx *Tx) forUpdate() string {
	if tx.db.dialect == Postgres {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

// lockReport locks the obligation a report answers, then reads the report.
func (tx *Tx) lockReport(reportID string) (*kehoach.Report, error) {
	var obligationID string
	if err := tx.queryRow(`SELECT obligation_id FROM reports WHERE id = ?`, reportID).Scan(&obligationID); err != nil {
		return nil, notFound(err, "báo cáo")
	}
	if _, err := tx.obligationByID(obligationID); err != nil {
		return nil, err
	}
	return scanOne(tx.queryRow(`SELECT `+reportCols+` FROM reports WHERE id = ?`, reportID), scanReport, "báo cáo")
}

// SaveIndicator adds a catalogue entry or changes one (by code). The
// source of counted indicators is kept: it is not for people to change.
func (db *DB) SaveIndicator(ctx context.Context, ind kehoach.Indicator) error {
	if err := ind.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		before, err := scanIndicator(tx.queryRow(`SELECT `+indicatorCols+` FROM indicators WHERE code = ?`, ind.Code))
		if kehoach.ErrorCode(notFound(err, "")) == kehoach.ENOTFOUND {
			var n int
			if err := tx.queryRow(`SELECT COUNT(*) FROM indicators`).Scan(&n); err != nil {
				return err
			}
			ind.Source = ""
			if _, err := tx.exec(`INSERT INTO indicators (code, name, unit, aggregation, is_decimal, min_value, source, sort_order) VALUES (?, ?, ?, ?, ?, ?, '', ?)`,
				ind.Code, ind.Name, ind.Unit, ind.Aggregation, ind.Decimal, ind.Min, n); err != nil {
				return err
			}
			return tx.audit("indicator.create", "indicator", ind.Code, "", "Thêm chỉ tiêu "+ind.Name, nil, ind)
		} else if err != nil {
			return err
		}
		ind.Source = before.Source
		if _, err := tx.exec(`UPDATE indicators SET name = ?, unit = ?, aggregation = ?, is_decimal = ?, min_value = ? WHERE code = ?`,
			ind.Name, ind.Unit, ind.Aggregation, ind.Decimal, ind.Min, ind.Code); err != nil {
			return err
		}
		return tx.audit("indicator.update", "indicator", ind.Code, "", "Sửa chỉ tiêu "+ind.Name, before, ind)
	})
}

// tellRecipients tells the heads and staff of each recipient unit that the
// plan was issued to them: in their inbox at once, and by e-mail through
// the reminders' queue.
func (tx *Tx) tellRecipients(plan *kehoach.Plan, units []string, issued time.Time) error {
	title := "Kế hoạch mới được ban hành: " + plan.FullTitle()
	body := "Văn phòng đã ban hành " + plan.FullTitle() + " ngày " + issued.Format("02/01/2006") +
		". Đề nghị đơn vị xác nhận đã nhận kế hoạch, tổ chức quán triệt và thực hiện các nhiệm vụ được giao."
	for _, unit := range units {
		people, err := tx.peopleWith(func(id string) bool { return id == unit }, kehoach.RoleUnitHead, kehoach.RoleStaff)
		if err != nil {
			return err
		}
		if err := tx.tell(handoff{PlanID: plan.ID, UnitID: unit, Step: "issued", Title: title, Body: body, Link: "/plans/" + plan.ID}, people); err != nil {
			return err
		}
	}
	return nil
}
