package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

const obstacleCols = `id, plan_id, task_id, agency_id, unit_id, for_unit, raised_by_id, raised_by, what, why, proposal, state, primary_id, group_label, shared, assessment, office_proposal, escalated_at, decision_id, feedback, reopened, resolved_at, created_at, updated_at`

// obstacleRow is an obstacle as stored, with the id of its decision.
type obstacleRow struct {
	*kehoach.Obstacle
	decisionID string
}

func scanObstacle(sc scanner) (*obstacleRow, error) {
	o := &kehoach.Obstacle{}
	var esc, res, created, updated nullTime
	var decisionID string
	if err := sc.Scan(&o.ID, &o.PlanID, &o.TaskID, &o.AgencyID, &o.UnitID, &o.ForUnit, &o.RaisedByID, &o.RaisedBy, &o.What, &o.Why, &o.Proposal, &o.State,
		&o.PrimaryID, &o.Group, &o.Shared, &o.Assessment, &o.OfficeProposal, &esc, &decisionID, &o.Feedback, &o.Reopened, &res, &created, &updated); err != nil {
		return nil, err
	}
	o.EscalatedAt, o.ResolvedAt, o.CreatedAt, o.UpdatedAt = esc.ptr(), res.ptr(), created.T, updated.T
	o.Files = []kehoach.ObstacleFile{}
	return &obstacleRow{Obstacle: o, decisionID: decisionID}, nil
}

const decisionCols = `id, obstacle_id, by_role, by_id, by_name, text, not_actionable, effects, decided_at`

func scanDecision(sc scanner) (*kehoach.Decision, error) {
	var d kehoach.Decision
	var effects string
	var at nullTime
	if err := sc.Scan(&d.ID, &d.ObstacleID, &d.ByRole, &d.ByID, &d.ByName, &d.Text, &d.NotActionable, &effects, &at); err != nil {
		return nil, err
	}
	d.DecidedAt = at.T
	if err := json.Unmarshal([]byte(effects), &d.Effects); err != nil {
		return nil, fmt.Errorf("decision %s: %w", d.ID, err)
	}
	if d.Effects == nil {
		d.Effects = []kehoach.Effect{}
	}
	return &d, nil
}

// actorOf returns the actor of ctx, or the system when none, as [DB.InTx]
// does.
func actorOf(ctx context.Context) *kehoach.Actor {
	if a := kehoach.ActorFromContext(ctx); a != nil {
		return a
	}
	return kehoach.SystemActor("hệ thống")
}

// FindObstacles returns the obstacles matching f, oldest first, each with
// the decision in force and its files. Who may see which is decided by the
// operations (internal/ops), not here. The documents code uses it for the
// "difficulties and the Director's decisions" part of the result report.
func (db *DB) FindObstacles(ctx context.Context, f kehoach.ObstacleFilter) ([]*kehoach.Obstacle, error) {
	states := cond{}
	if len(f.States) > 0 {
		states.sql = `state IN (?` + strings.Repeat(`, ?`, len(f.States)-1) + `)`
		for _, s := range f.States {
			states.args = append(states.args, string(s))
		}
	}
	decided := cond{}
	if f.Decided {
		decided.sql = `decision_id <> ''`
	}
	w, args := where(eq("plan_id", f.PlanID), eq("agency_id", f.AgencyID), eq("unit_id", f.UnitID), eq("task_id", f.TaskID), states, decided)
	rows, err := db.query(ctx, `SELECT `+obstacleCols+` FROM obstacles`+w+` ORDER BY created_at, id`, args...)
	list, err := scanAll(rows, err, scanObstacle)
	if err != nil {
		return nil, err
	}
	if err := db.completeObstacles(ctx, list); err != nil {
		return nil, err
	}
	out := make([]*kehoach.Obstacle, 0, len(list))
	for _, r := range list {
		out = append(out, r.Obstacle)
	}
	return out, nil
}

// completeObstacles adds their decisions and files to many obstacles with
// one query for each, in batches.
func (db *DB) completeObstacles(ctx context.Context, list []*obstacleRow) error {
	const batch = 500
	for len(list) > batch {
		if err := db.completeObstacles(ctx, list[:batch]); err != nil {
			return err
		}
		list = list[batch:]
	}
	if len(list) == 0 {
		return nil
	}
	byID := make(map[string]*obstacleRow, len(list))
	ids := make([]string, 0, len(list))
	var decisions []string
	for _, r := range list {
		byID[r.ID] = r
		ids = append(ids, r.ID)
		if r.decisionID != "" {
			decisions = append(decisions, r.decisionID)
		}
	}
	if len(decisions) > 0 {
		w, args := inIDs("id", decisions)
		rows, err := db.query(ctx, `SELECT `+decisionCols+` FROM obstacle_decisions WHERE `+w, args...)
		ds, err := scanAll(rows, err, scanDecision)
		if err != nil {
			return err
		}
		byDecision := make(map[string]*kehoach.Decision, len(ds))
		for _, d := range ds {
			byDecision[d.ID] = d
		}
		for _, r := range list {
			if r.decisionID == "" {
				continue
			}
			if r.Decision = byDecision[r.decisionID]; r.Decision == nil {
				return fmt.Errorf("decision of obstacle %s: %w", r.ID, sql.ErrNoRows)
			}
		}
	}
	w, args := inIDs("obstacle_id", ids)
	rows, err := db.query(ctx, `SELECT id, obstacle_id, name, content_type, size, uploaded_at FROM obstacle_files WHERE `+w+` ORDER BY uploaded_at, id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f kehoach.ObstacleFile
		var at nullTime
		if err := rows.Scan(&f.ID, &f.ObstacleID, &f.Name, &f.ContentType, &f.Size, &at); err != nil {
			return err
		}
		f.UploadedAt = at.T
		if r := byID[f.ObstacleID]; r != nil {
			r.Files = append(r.Files, f)
		}
	}
	return rows.Err()
}

// FindObstacleByID returns one obstacle with its decision and files.
func (db *DB) FindObstacleByID(ctx context.Context, id string) (*kehoach.Obstacle, error) {
	r, err := scanObstacle(db.queryRow(ctx, `SELECT `+obstacleCols+` FROM obstacles WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "khó khăn, vướng mắc")
	}
	return r.Obstacle, db.completeObstacle(ctx, r)
}

func (db *DB) completeObstacle(ctx context.Context, r *obstacleRow) error {
	return db.completeObstacles(ctx, []*obstacleRow{r})
}

// ObstacleFileData returns a file attached to an obstacle, with its data.
func (db *DB) ObstacleFileData(ctx context.Context, fileID string) (*kehoach.ObstacleFile, []byte, error) {
	var f kehoach.ObstacleFile
	var at nullTime
	var data []byte
	err := db.queryRow(ctx, `SELECT id, obstacle_id, name, content_type, size, uploaded_at, data FROM obstacle_files WHERE id = ?`, fileID).
		Scan(&f.ID, &f.ObstacleID, &f.Name, &f.ContentType, &f.Size, &at, &data)
	if err != nil {
		return nil, nil, notFound(err, "tệp đính kèm")
	}
	f.UploadedAt = at.T
	return &f, data, nil
}

func (tx *Tx) obstacleByID(id string) (*obstacleRow, error) {
	return scanOne(tx.queryRow(`SELECT `+obstacleCols+` FROM obstacles WHERE id = ?`, id), scanObstacle, "khó khăn, vướng mắc")
}

// tree returns the organisation tree inside the transaction.
func (tx *Tx) obstacleTree() (*kehoach.OrgTree, error) {
	if tx.org != nil && tx.org.tree != nil {
		return tx.org.tree, nil
	}
	units, err := tx.units()
	if err != nil {
		return nil, err
	}
	t := kehoach.NewOrgTree(units)
	tx.orgMemo().tree = t
	return t, nil
}

func unitName(tree *kehoach.OrgTree, id string) string {
	if u := tree.Unit(id); u != nil {
		return u.Name
	}
	return id
}

// obstacleLabel names an obstacle in audit summaries and notices.
func obstacleLabel(o *kehoach.Obstacle) string {
	s := []rune(o.What)
	if len(s) > 80 {
		return "“" + string(s[:80]) + "…”"
	}
	return "“" + o.What + "”"
}

func dayMonthYear(d string) string {
	if t, err := time.Parse(time.DateOnly, d); err == nil {
		return t.Format("02/01/2006")
	}
	return d
}

func (tx *Tx) notice(personID string, o *kehoach.Obstacle, text string) error {
	if personID == "" {
		return nil
	}
	if _, err := tx.exec(`INSERT INTO obstacle_notices (id, person_id, obstacle_id, text, created_at) VALUES (?, ?, ?, ?, ?)`, NewID(), personID, o.ID, text, tx.Now); err != nil {
		return err
	}
	// The notice also goes to the person's inbox at once, and by e-mail
	// through the reminders' durable queue, which records the outcome.
	var name, email string
	if err := tx.queryRow(`SELECT full_name, email FROM people WHERE id = ?`, personID).Scan(&name, &email); err != nil {
		return notFound(err, "người nhận")
	}
	return tx.tellOne(handoff{PlanID: o.PlanID, UnitID: o.UnitID, Step: "notice", Title: "Khó khăn, vướng mắc: có cập nhật", Body: text,
		Link: "/obstacles/" + o.ID}, recipient{personID, name, email})
}

// tellAgency tells the people holding role in the agency of o's unit about
// o, asking them to do what.
func (tx *Tx) tellAgency(o *kehoach.Obstacle, role kehoach.Role, step, title, what string) error {
	h, err := tx.obstacleHandoff(o, step, title, what)
	if err != nil {
		return err
	}
	to, err := tx.agencyPeople(o.UnitID, role)
	if err != nil {
		return err
	}
	return tx.tell(h, to)
}

// obstacleHandoff is a notice about obstacle o of the plan, raised for
// unit, that asks its readers to do what.
func (tx *Tx) obstacleHandoff(o *kehoach.Obstacle, step, title, what string) (handoff, error) {
	plan, err := tx.planToName(o.PlanID)
	if err != nil {
		return handoff{}, err
	}
	tree, err := tx.obstacleTree()
	if err != nil {
		return handoff{}, err
	}
	unit := unitName(tree, o.UnitID)
	return handoff{PlanID: o.PlanID, UnitID: o.UnitID, Step: step, Title: title + ": " + unit + " — " + plan.FullTitle(),
		Body: fmt.Sprintf("%s, %s: %s. %s", unit, plan.FullTitle(), obstacleLabel(o), what), Link: "/obstacles/" + o.ID}, nil
}

// RaiseObstacle records a difficulty on a plan or one of its tasks, with
// its files, raised by the actor of ctx. o.UnitID is the unit it belongs to
// (the actor's unit when empty); the operations have checked who may raise
// it and what was typed.
func (db *DB) RaiseObstacle(ctx context.Context, o *kehoach.Obstacle, files []kehoach.Upload) error {
	// The content types are those the domain finds in the files.
	types, err := kehoach.CheckUploads(files)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		plan, err := tx.planByID(o.PlanID)
		if err != nil {
			return err
		}
		a := tx.Actor
		if o.UnitID == "" {
			o.UnitID = a.UnitID()
		}
		tree, err := tx.obstacleTree()
		if err != nil {
			return err
		}
		o.ID, o.AgencyID, o.State = NewID(), plan.AgencyID, kehoach.ObstacleOpen
		o.RaisedByID, o.RaisedBy, o.CreatedAt, o.UpdatedAt = a.ID(), a.Name(), tx.Now, tx.Now
		o.PrimaryID, o.Group, o.Shared, o.Assessment, o.OfficeProposal, o.Decision, o.Feedback, o.Reopened = "", "", false, "", "", nil, "", 0
		if _, err := tx.exec(`INSERT INTO obstacles (`+obstacleCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, '', '', NULL, '', '', 0, NULL, ?, ?)`,
			o.ID, o.PlanID, o.TaskID, o.AgencyID, o.UnitID, o.ForUnit, o.RaisedByID, o.RaisedBy, o.What, o.Why, o.Proposal, o.State, false, o.CreatedAt, o.UpdatedAt); err != nil {
			return err
		}
		o.Files = []kehoach.ObstacleFile{}
		for i, u := range files {
			sum := sha256.Sum256(u.Data)
			f := kehoach.ObstacleFile{ID: NewID(), ObstacleID: o.ID, Name: u.Name, ContentType: types[i], Size: int64(len(u.Data)), UploadedAt: tx.Now}
			if _, err := tx.exec(`INSERT INTO obstacle_files (id, obstacle_id, name, content_type, size, sha256, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				f.ID, f.ObstacleID, f.Name, f.ContentType, f.Size, hex.EncodeToString(sum[:]), u.Data, a.ID(), f.UploadedAt); err != nil {
				return err
			}
			o.Files = append(o.Files, f)
		}
		who := a.Name()
		if o.ForUnit {
			who = unitName(tree, o.UnitID) + " (" + a.Name() + ")"
		}
		if err := tx.tellAgency(o, kehoach.RoleOffice, "obstacle.raise", "Khó khăn, vướng mắc mới", "Đề nghị Văn phòng xem xét, trả lời hoặc trình Giám đốc."); err != nil {
			return err
		}
		return tx.audit("obstacle.raise", "obstacle", o.ID, o.PlanID, fmt.Sprintf("%s nêu khó khăn, vướng mắc: %s", who, obstacleLabel(o)), nil, o)
	})
}

// MergeObstacle marks obstacle id a duplicate of primaryID: the primary
// carries it from now on, and the decision on the primary answers it.
// Duplicates of id follow it to the primary.
func (db *DB) MergeObstacle(ctx context.Context, id, primaryID string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		dup, err := tx.obstacleByID(id)
		if err != nil {
			return err
		}
		prim, err := tx.obstacleByID(primaryID)
		if err != nil {
			return err
		}
		if prim.State == kehoach.ObstacleMerged {
			return kehoach.Errorf(kehoach.ECONFLICT, "Khó khăn được chọn làm chính đã được gộp vào khó khăn khác.")
		}
		if !prim.State.Pending() || !dup.State.Pending() {
			return kehoach.Errorf(kehoach.ECONFLICT, "Chỉ gộp được các khó khăn đang chờ xử lý.")
		}
		before := map[string]any{"state": dup.State, "primaryId": dup.PrimaryID}
		if _, err := tx.exec(`UPDATE obstacles SET state = ?, primary_id = ?, updated_at = ? WHERE id = ?`, kehoach.ObstacleMerged, prim.ID, tx.Now, dup.ID); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE obstacles SET primary_id = ?, updated_at = ? WHERE primary_id = ?`, prim.ID, tx.Now, dup.ID); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE obstacles SET updated_at = ? WHERE id = ?`, tx.Now, prim.ID); err != nil {
			return err
		}
		return tx.audit("obstacle.merge", "obstacle", dup.ID, dup.PlanID,
			fmt.Sprintf("%s gộp khó khăn %s của %s vào khó khăn %s của %s", tx.Actor.Name(), obstacleLabel(dup.Obstacle), dup.RaisedBy, obstacleLabel(prim.Obstacle), prim.RaisedBy),
			before, map[string]any{"state": kehoach.ObstacleMerged, "primaryId": prim.ID})
	})
}

// AssessObstacle records the Office's assessment, proposal, group and
// whether every unit of the agency may see the obstacle.
func (db *DB) AssessObstacle(ctx context.Context, id string, a kehoach.ObstacleAssessment) error {
	return db.InTx(ctx, func(tx *Tx) error {
		r, err := tx.obstacleByID(id)
		if err != nil {
			return err
		}
		return tx.assess(r, a, "obstacle.assess", fmt.Sprintf("%s ghi ý kiến của Văn phòng về khó khăn %s", tx.Actor.Name(), obstacleLabel(r.Obstacle)))
	})
}

func (tx *Tx) assess(r *obstacleRow, a kehoach.ObstacleAssessment, action, summary string) error {
	before := kehoach.ObstacleAssessment{Assessment: r.Assessment, Proposal: r.OfficeProposal, Group: r.Group, Shared: r.Shared}
	if _, err := tx.exec(`UPDATE obstacles SET assessment = ?, office_proposal = ?, group_label = ?, shared = ?, updated_at = ? WHERE id = ?`,
		a.Assessment, a.Proposal, a.Group, a.Shared, tx.Now, r.ID); err != nil {
		return err
	}
	return tx.audit(action, "obstacle", r.ID, r.PlanID, summary, before, a)
}

// EscalateObstacle records the Office's assessment and sends the obstacle
// (with its duplicates) to the Director.
func (db *DB) EscalateObstacle(ctx context.Context, id string, a kehoach.ObstacleAssessment) error {
	return db.InTx(ctx, func(tx *Tx) error {
		r, err := tx.obstacleByID(id)
		if err != nil {
			return err
		}
		if r.State != kehoach.ObstacleOpen {
			return kehoach.Errorf(kehoach.ECONFLICT, "Chỉ trình Giám đốc được khó khăn đang chờ Văn phòng xử lý.")
		}
		if _, err := tx.exec(`UPDATE obstacles SET state = ?, escalated_at = ? WHERE id = ?`, kehoach.ObstacleEscalated, tx.Now, r.ID); err != nil {
			return err
		}
		if err := tx.tellAgency(r.Obstacle, kehoach.RoleDirector, "obstacle.escalate", "Khó khăn trình Giám đốc",
			"Ý kiến Văn phòng: "+sentence(a.Assessment)+" Đề nghị Giám đốc quyết định."); err != nil {
			return err
		}
		return tx.assess(r, a, "obstacle.escalate", fmt.Sprintf("%s trình Giám đốc khó khăn %s của %s; ý kiến Văn phòng: %s", tx.Actor.Name(), obstacleLabel(r.Obstacle), r.RaisedBy, a.Assessment))
	})
}

// AnswerObstacle records the Office's own answer to an obstacle within its
// remit, or closes it as not actionable; the raiser is notified.
func (db *DB) AnswerObstacle(ctx context.Context, id, text string, notActionable bool) (*kehoach.Decision, error) {
	d := &kehoach.Decision{Text: text, NotActionable: notActionable}
	err := db.InTx(ctx, func(tx *Tx) error {
		r, err := tx.obstacleByID(id)
		if err != nil {
			return err
		}
		if r.State != kehoach.ObstacleOpen {
			return kehoach.Errorf(kehoach.ECONFLICT, "Khó khăn này không còn chờ Văn phòng trả lời.")
		}
		d.ByRole = string(kehoach.RoleOffice)
		return tx.recordDecision(r, d, nil)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// DecideObstacle records the Director's decision on an escalated (or
// still open) obstacle and applies its effects in the same transaction:
// if any effect cannot apply, nothing is recorded and the error says which
// and why.
func (db *DB) DecideObstacle(ctx context.Context, id string, d *kehoach.Decision) (*kehoach.Decision, error) {
	err := db.InTx(ctx, func(tx *Tx) error {
		r, err := tx.obstacleByID(id)
		if err != nil {
			return err
		}
		if !r.State.Pending() {
			return kehoach.Errorf(kehoach.ECONFLICT, "Khó khăn này đã được quyết định hoặc đã gộp vào khó khăn khác.")
		}
		plan, err := tx.planByID(r.PlanID)
		if err != nil {
			return err
		}
		d.ByRole = string(kehoach.RoleDirector)
		return tx.recordDecision(r, d, func() error {
			for i := range d.Effects {
				if err := tx.applyEffect(plan, d, &d.Effects[i]); err != nil {
					return kehoach.Errorf(codeOr(err, kehoach.EINVALID), "Quyết định chưa được ghi nhận, không có thay đổi nào được áp dụng: %s", effectProblem(i, len(d.Effects), err))
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func codeOr(err error, def string) string {
	if c := kehoach.ErrorCode(err); c != kehoach.EINTERNAL {
		return c
	}
	return def
}

// effectProblem words why effect i could not apply.
func effectProblem(i, n int, err error) string {
	msg := kehoach.ErrorMessage(err)
	if fields := kehoach.ErrorFields(err); len(fields) > 1 {
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		msg = fields[keys[0]]
	}
	if n > 1 {
		return fmt.Sprintf("thay đổi thứ %d: %s", i+1, msg)
	}
	return msg
}

// applyEffect applies one effect of decision d on plan. The operations
// have checked the effect against the plan; a task that changed meanwhile
// still refuses the update, and the whole decision with it.
func (tx *Tx) applyEffect(plan *kehoach.Plan, d *kehoach.Decision, e *kehoach.Effect) error {
	by := "theo quyết định của Giám đốc ngày " + tx.Now.In(kehoach.Zone).Format("02/01/2006")
	tree, err := tx.obstacleTree()
	if err != nil {
		return err
	}
	// changeTask changes the open task of the effect with change, which
	// returns the note to leave on the task, and records both.
	changeTask := func(change func(t *kehoach.Task) (note string)) error {
		t, err := tx.taskByID(e.TaskID)
		if err != nil {
			return err
		}
		if t.PlanID != plan.ID || t.Status != kehoach.TaskOpen {
			return kehoach.Errorf(kehoach.ECONFLICT, "Nhiệm vụ %d không còn đang thực hiện.", t.Number)
		}
		note := change(t)
		if err := tx.updateTask(t, by); err != nil {
			return err
		}
		return tx.taskNote(d, t, note)
	}
	switch e.Kind {
	case kehoach.EffectExtendDue:
		return changeTask(func(t *kehoach.Task) string {
			e.Before = t.Due
			t.Due = e.Due
			return fmt.Sprintf("Thời hạn được gia hạn từ %s đến %s %s.", dayMonthYear(e.Before), dayMonthYear(t.Due), by)
		})
	case kehoach.EffectReassign:
		return changeTask(func(t *kehoach.Task) string {
			e.Before = t.LeadUnitID
			t.LeadUnitID = e.UnitID
			t.SupportUnitIDs = slices.DeleteFunc(t.SupportUnitIDs, func(s string) bool { return s == e.UnitID })
			return fmt.Sprintf("Nhiệm vụ được chuyển từ %s sang %s chủ trì %s.", unitName(tree, e.Before), unitName(tree, t.LeadUnitID), by)
		})
	case kehoach.EffectTarget:
		var v float64
		if err := tx.queryRow(`SELECT value FROM plan_targets WHERE plan_id = ? AND indicator_code = ?`, plan.ID, e.IndicatorCode).Scan(&v); err == nil {
			e.Before = kehoach.FormatValue(v, true)
		}
		if _, err := tx.exec(`DELETE FROM plan_targets WHERE plan_id = ? AND indicator_code = ?`, plan.ID, e.IndicatorCode); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO plan_targets (plan_id, indicator_code, value) VALUES (?, ?, ?)`, plan.ID, e.IndicatorCode, *e.Value); err != nil {
			return err
		}
		return tx.audit("plan.target", "plan", plan.ID, plan.ID,
			fmt.Sprintf("Điều chỉnh chỉ tiêu %s từ %s thành %s %s", e.IndicatorCode, orDefault(e.Before, "(chưa đặt)"), kehoach.FormatValue(*e.Value, true), by),
			map[string]any{"value": e.Before}, map[string]any{"value": *e.Value, "decisionId": d.ID})
	case kehoach.EffectAddTask:
		t := &kehoach.Task{PlanID: plan.ID, TaskFields: kehoach.TaskFields{Title: e.Title, LeadUnitID: e.UnitID, Due: e.Due, Section: "QĐ"}}
		if err := tx.createTask(t); err != nil {
			return err
		}
		e.TaskID = t.ID
		return tx.taskNote(d, t, "Nhiệm vụ được bổ sung "+by+".")
	}
	return fmt.Errorf("effect of unknown kind %q", e.Kind)
}

func orDefault(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

func (tx *Tx) taskNote(d *kehoach.Decision, t *kehoach.Task, text string) error {
	_, err := tx.exec(`INSERT INTO obstacle_task_notes (id, decision_id, plan_id, task_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		NewID(), d.ID, t.PlanID, t.ID, text, tx.Now)
	return err
}

// recordDecision stores d as the answer to r and to the duplicates merged
// into it, applies its effects with apply (when given), moves the obstacles
// on, and notifies each raiser.
func (tx *Tx) recordDecision(r *obstacleRow, d *kehoach.Decision, apply func() error) error {
	if d.ID == "" {
		d.ID = NewID()
	}
	if d.Effects == nil {
		d.Effects = []kehoach.Effect{}
	}
	d.ObstacleID, d.ByID, d.ByName, d.DecidedAt = r.ID, tx.Actor.ID(), tx.Actor.Name(), tx.Now
	effects, err := json.Marshal(d.Effects)
	if err != nil {
		return err
	}
	// The decision row goes first: task notes written by the effects refer
	// to it, and foreign keys are checked per statement.
	if _, err := tx.exec(`INSERT INTO obstacle_decisions (`+decisionCols+`, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.ObstacleID, d.ByRole, d.ByID, d.ByName, d.Text, d.NotActionable, string(effects), d.DecidedAt, r.PlanID); err != nil {
		return err
	}
	if apply != nil {
		if err := apply(); err != nil {
			return err
		}
		// Effects learn what they replaced as they apply.
		if effects, err = json.Marshal(d.Effects); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE obstacle_decisions SET effects = ? WHERE id = ?`, string(effects), d.ID); err != nil {
			return err
		}
	}
	state := kehoach.ObstacleAnswered
	if d.NotActionable {
		state = kehoach.ObstacleClosed
	}
	rows, err := tx.query(`SELECT `+obstacleCols+` FROM obstacles WHERE id = ? OR (primary_id = ? AND state = ?)`, r.ID, r.ID, kehoach.ObstacleMerged)
	if err != nil {
		return err
	}
	var answered []*obstacleRow
	for rows.Next() {
		o, err := scanObstacle(rows)
		if err != nil {
			rows.Close()
			return err
		}
		answered = append(answered, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	who := "Giám đốc " + tx.Actor.Name()
	verb := "quyết định"
	if d.ByRole == string(kehoach.RoleOffice) {
		who, verb = "Văn phòng ("+tx.Actor.Name()+")", "trả lời"
	}
	for _, o := range answered {
		if _, err := tx.exec(`UPDATE obstacles SET state = ?, decision_id = ?, updated_at = ? WHERE id = ?`, state, d.ID, tx.Now, o.ID); err != nil {
			return err
		}
		text := fmt.Sprintf("%s đã %s về khó khăn bạn nêu %s: %s", who, verb, obstacleLabel(o.Obstacle), d.Text)
		if d.NotActionable {
			text += " (đóng, không xử lý)"
		}
		if err := tx.notice(o.RaisedByID, o.Obstacle, text); err != nil {
			return err
		}
		// The unit's heads learn of it too, to confirm whether it solved
		// the difficulty; the raiser has been told already.
		h, err := tx.obstacleHandoff(o.Obstacle, "obstacle.decide", "Đã có "+verb+" về khó khăn, vướng mắc",
			fmt.Sprintf("%s đã %s: %s Đề nghị đơn vị xác nhận khó khăn đã được giải quyết hay chưa.", who, verb, sentence(d.Text)))
		if err != nil {
			return err
		}
		heads, err := tx.headsOf(o.UnitID)
		if err != nil {
			return err
		}
		if err := tx.tell(h, slices.DeleteFunc(heads, func(p recipient) bool { return p.id == o.RaisedByID })); err != nil {
			return err
		}
	}
	if d.ByRole == string(kehoach.RoleDirector) {
		h, err := tx.obstacleHandoff(r.Obstacle, "obstacle.decide", "Giám đốc đã quyết định về khó khăn, vướng mắc",
			fmt.Sprintf("%s đã quyết định: %s Đề nghị Văn phòng theo dõi việc thực hiện.", who, sentence(d.Text)))
		if err != nil {
			return err
		}
		office, err := tx.officeOf(r.UnitID)
		if err != nil {
			return err
		}
		told := map[string]bool{}
		for _, o := range answered {
			told[o.RaisedByID] = true
		}
		if err := tx.tell(h, slices.DeleteFunc(office, func(p recipient) bool { return told[p.id] })); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("%s %s về khó khăn %s của %s: %s", who, verb, obstacleLabel(r.Obstacle), r.RaisedBy, d.Text)
	if d.NotActionable {
		summary += " — đóng, không xử lý"
	}
	if n := len(d.Effects); n > 0 {
		summary += fmt.Sprintf(" (%d thay đổi được áp dụng)", n)
	}
	return tx.audit("obstacle.decide", "obstacle", r.ID, r.PlanID, summary, map[string]any{"state": r.State}, d)
}

// ConfirmObstacle records whether the answer solved the obstacle; when it
// did not, the obstacle goes back to the Office.
func (db *DB) ConfirmObstacle(ctx context.Context, id string, resolved bool, feedback string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		r, err := tx.obstacleByID(id)
		if err != nil {
			return err
		}
		if r.State != kehoach.ObstacleAnswered && r.State != kehoach.ObstacleClosed {
			return kehoach.Errorf(kehoach.ECONFLICT, "Khó khăn này chưa có quyết định để xác nhận.")
		}
		if resolved {
			if _, err := tx.exec(`UPDATE obstacles SET state = ?, feedback = ?, resolved_at = ?, updated_at = ? WHERE id = ?`, kehoach.ObstacleResolved, feedback, tx.Now, tx.Now, r.ID); err != nil {
				return err
			}
			return tx.audit("obstacle.confirm", "obstacle", r.ID, r.PlanID, fmt.Sprintf("%s xác nhận khó khăn %s đã được giải quyết", tx.Actor.Name(), obstacleLabel(r.Obstacle)),
				map[string]any{"state": r.State}, map[string]any{"state": kehoach.ObstacleResolved, "feedback": feedback})
		}
		if _, err := tx.exec(`UPDATE obstacles SET state = ?, primary_id = '', feedback = ?, reopened = reopened + 1, escalated_at = NULL, updated_at = ? WHERE id = ?`, kehoach.ObstacleOpen, feedback, tx.Now, r.ID); err != nil {
			return err
		}
		return tx.audit("obstacle.reopen", "obstacle", r.ID, r.PlanID, fmt.Sprintf("%s cho biết khó khăn %s chưa được giải quyết, chuyển lại Văn phòng: %s", tx.Actor.Name(), obstacleLabel(r.Obstacle), feedback),
			map[string]any{"state": r.State}, map[string]any{"state": kehoach.ObstacleOpen, "feedback": feedback})
	})
}

// FindTaskNotes returns, for each task of the plan, what decisions changed
// on it, oldest first.
func (db *DB) FindTaskNotes(ctx context.Context, planID string) (map[string][]kehoach.TaskNote, error) {
	rows, err := db.query(ctx, `SELECT task_id, decision_id, text, created_at FROM obstacle_task_notes WHERE plan_id = ? ORDER BY created_at, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]kehoach.TaskNote{}
	for rows.Next() {
		var n kehoach.TaskNote
		var at nullTime
		if err := rows.Scan(&n.TaskID, &n.DecisionID, &n.Text, &at); err != nil {
			return nil, err
		}
		n.At = at.T
		out[n.TaskID] = append(out[n.TaskID], n)
	}
	return out, rows.Err()
}

// FindNotices returns the person's notices, newest first.
func (db *DB) FindNotices(ctx context.Context, personID string, limit int) ([]*kehoach.Notice, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.query(ctx, fmt.Sprintf(`SELECT id, person_id, obstacle_id, text, created_at, read_at FROM obstacle_notices WHERE person_id = ? ORDER BY created_at DESC, id DESC LIMIT %d`, limit), personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*kehoach.Notice{}
	for rows.Next() {
		var n kehoach.Notice
		var at, read nullTime
		if err := rows.Scan(&n.ID, &n.PersonID, &n.ObstacleID, &n.Text, &at, &read); err != nil {
			return nil, err
		}
		n.CreatedAt, n.ReadAt = at.T, read.ptr()
		out = append(out, &n)
	}
	return out, rows.Err()
}

// MarkNoticesRead marks every notice of the actor of ctx read. Reading is
// not a change of the plan's state, so it is not audited.
func (db *DB) MarkNoticesRead(ctx context.Context) error {
	a := actorOf(ctx)
	db.queries.Add(1)
	_, err := db.w.ExecContext(ctx, db.rebind(`UPDATE obstacle_notices SET read_at = ? WHERE person_id = ? AND read_at IS NULL`), db.now(), a.ID())
	return err
}

// auditNames returns, for readable audit summaries, the actor with their
// unit ("Văn phòng Sở (Lò Thị Hương)") and the name of unit unitID.
func (tx *Tx) auditNames(unitID string) (who, unit string, err error) {
	tree, err := tx.obstacleTree()
	if err != nil {
		return "", "", err
	}
	who = tx.Actor.Name()
	if u := tree.Unit(tx.Actor.UnitID()); u != nil {
		who = u.Name + " (" + who + ")"
	}
	return who, unitName(tree, unitID), nil
}
