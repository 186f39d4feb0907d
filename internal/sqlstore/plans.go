package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kehoach/kehoach"
)

// planContent is the structured part of a plan kept as one JSON document:
// it is read and written whole, and never queried inside.
type planContent struct {
	Issuer           *string                   `json:"issuer"`
	ParentIssuer     *string                   `json:"parentIssuer"`
	Place            *string                   `json:"place"`
	Basis            []kehoach.Basis           `json:"basis"`
	Sections         []kehoach.Section         `json:"sections"`
	Period           *kehoach.Period           `json:"period"`
	Events           []kehoach.Event           `json:"events"`
	Responsibilities []kehoach.Responsibility  `json:"responsibilities"`
	Tasks            []kehoach.ProposedTask    `json:"tasks"`
	ReportTo         []string                  `json:"reportTo"`
	Recipients       []string                  `json:"recipients"`
	Archive          *kehoach.Archive          `json:"archive"`
	Signer           *kehoach.Signer           `json:"signer"`
	Warnings         []kehoach.Warning         `json:"warnings"`
	Preamble         []string                  `json:"preamble,omitempty"`
	ReportDue        *string                   `json:"reportDue,omitempty"`
	ReportingPeriods []kehoach.ReportingPeriod `json:"reportingPeriods,omitempty"`
}

const planCols = `id, agency_id, status, report_to_unit_id, type, title, year, number, symbol, doc_date, content, created_by, created_at, updated_at, predecessor_id, parent_plan_id`

// planHeaderCols are planCols without the content: who issued the plan
// and its state, all that the rules of access read.
var planHeaderCols = strings.Replace(planCols, " content,", "", 1)

func scanPlan(sc scanner) (*kehoach.Plan, error) { return scanPlanWith(sc, true) }

// scanPlanHeader reads the columns of planHeaderCols: the plan without
// its content (its lists are empty).
func scanPlanHeader(sc scanner) (*kehoach.Plan, error) { return scanPlanWith(sc, false) }

func scanPlanWith(sc scanner, withContent bool) (*kehoach.Plan, error) {
	var p kehoach.Plan
	var reportTo *string
	var content string
	var created, updated nullTime
	dest := []any{&p.ID, &p.AgencyID, &p.Status, &reportTo, &p.Type, &p.Title, &p.Year, &p.Number, &p.Symbol, &p.Date, &content, &p.CreatedBy, &created, &updated, &p.PredecessorID, &p.ParentPlanID}
	if !withContent {
		dest = append(dest[:10], dest[11:]...)
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	if reportTo != nil {
		p.ReportToUnitID = *reportTo
	}
	p.CreatedAt, p.UpdatedAt = created.T, updated.T
	if !withContent {
		normalizeLists(&p)
		return &p, nil
	}
	c, err := decodePlanContent(p.ID, content)
	if err != nil {
		return nil, fmt.Errorf("plan %s content: %w", p.ID, err)
	}
	p.Issuer, p.ParentIssuer, p.Place = c.Issuer, c.ParentIssuer, c.Place
	p.Basis, p.Sections, p.Period, p.Events = c.Basis, c.Sections, c.Period, c.Events
	p.Responsibilities, p.Tasks, p.ReportTo, p.Recipients = c.Responsibilities, c.Tasks, c.ReportTo, c.Recipients
	p.Archive, p.Signer, p.Warnings = c.Archive, c.Signer, c.Warnings
	p.Preamble, p.ReportDue, p.ReportingPeriods = c.Preamble, c.ReportDue, c.ReportingPeriods
	p.CreatedAt, p.UpdatedAt = created.T, updated.T
	normalizeLists(&p)
	return &p, nil
}

// normalizeLists makes absent lists empty, as the contract shows them.
func normalizeLists(p *kehoach.Plan) {
	if p.Basis == nil {
		p.Basis = []kehoach.Basis{}
	}
	if p.Sections == nil {
		p.Sections = []kehoach.Section{}
	}
	if p.Events == nil {
		p.Events = []kehoach.Event{}
	}
	if p.Responsibilities == nil {
		p.Responsibilities = []kehoach.Responsibility{}
	}
	if p.Tasks == nil {
		p.Tasks = []kehoach.ProposedTask{}
	}
	if p.ReportTo == nil {
		p.ReportTo = []string{}
	}
	if p.Recipients == nil {
		p.Recipients = []string{}
	}
	if p.Warnings == nil {
		p.Warnings = []kehoach.Warning{}
	}
}

func contentOf(p *kehoach.Plan) (string, error) {
	b, err := json.Marshal(planContent{
		Issuer: p.Issuer, ParentIssuer: p.ParentIssuer, Place: p.Place, Basis: p.Basis, Sections: p.Sections,
		Period: p.Period, Events: p.Events, Responsibilities: p.Responsibilities, Tasks: p.Tasks,
		ReportTo: p.ReportTo, Recipients: p.Recipients, Archive: p.Archive, Signer: p.Signer, Warnings: p.Warnings,
		Preamble: p.Preamble, ReportDue: p.ReportDue, ReportingPeriods: p.ReportingPeriods,
	})
	return string(b), err
}

// FindPlans returns plans, newest first, and the total matching count.
func (db *DB) FindPlans(ctx context.Context, f kehoach.PlanFilter) ([]*kehoach.Plan, int, error) {
	w, args := where(eq("agency_id", f.AgencyID), eq("status", f.Status), eq("parent_plan_id", f.ParentPlanID))
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM plans`+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	page := ""
	if f.Limit > 0 {
		page = fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	}
	rows, err := db.query(ctx, `SELECT `+planCols+` FROM plans`+w+` ORDER BY created_at DESC, id DESC`+page, args...)
	out, err := scanAll(rows, err, scanPlan)
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// FindPlanByID returns one plan, with its source text.
func (db *DB) FindPlanByID(ctx context.Context, id string) (*kehoach.Plan, error) {
	var source string
	p, err := scanPlan(scanMore{db.queryRow(ctx, `SELECT `+planCols+`, source_text FROM plans WHERE id = ?`, id), []any{&source}})
	if err != nil {
		return nil, notFound(err, "kế hoạch")
	}
	p.SourceText = source
	return p, nil
}

// scanMore scans the columns a row has after those its scan function reads.
type scanMore struct {
	sc   scanner
	more []any
}

func (s scanMore) Scan(dest ...any) error { return s.sc.Scan(append(dest, s.more...)...) }

// CreatePlan stores a new plan.
func (db *DB) CreatePlan(ctx context.Context, p *kehoach.Plan) error {
	if p.Status == "" {
		p.Status = kehoach.PlanDraft
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error { return tx.createPlan(p) })
}

func (tx *Tx) createPlan(p *kehoach.Plan) error {
	if p.ID == "" {
		p.ID = NewID()
	}
	normalizeLists(p)
	p.CreatedAt, p.UpdatedAt, p.CreatedBy = tx.Now, tx.Now, tx.Actor.ID()
	c, err := contentOf(p)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO plans (`+planCols+`, source_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.AgencyID, p.Status, nullStr(p.ReportToUnitID), p.Type, p.Title, p.Year, p.Number, p.Symbol, p.Date, c,
		p.CreatedBy, p.CreatedAt, p.UpdatedAt, p.PredecessorID, p.ParentPlanID, p.SourceText); err != nil {
		if isUniqueViolation(err) {
			return kehoach.Errorf(kehoach.ECONFLICT, "Kế hoạch đã tồn tại.")
		}
		return err
	}
	return tx.audit("plan.create", "plan", p.ID, p.ID, "Tạo kế hoạch "+p.Title, nil, planView(p))
}

// UpdatePlan replaces a plan's fields (not its source text).
func (db *DB) UpdatePlan(ctx context.Context, p *kehoach.Plan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error { return tx.updatePlan(p) })
}

func (tx *Tx) updatePlan(p *kehoach.Plan) error {
	before, err := scanPlan(tx.queryRow(`SELECT `+planCols+` FROM plans WHERE id = ?`, p.ID))
	if err != nil {
		return notFound(err, "kế hoạch")
	}
	normalizeLists(p)
	p.UpdatedAt, p.CreatedAt, p.CreatedBy = tx.Now, before.CreatedAt, before.CreatedBy
	c, err := contentOf(p)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE plans SET agency_id = ?, status = ?, report_to_unit_id = ?, type = ?, title = ?, year = ?, number = ?, symbol = ?, doc_date = ?, content = ?, updated_at = ?, parent_plan_id = ? WHERE id = ?`,
		p.AgencyID, p.Status, nullStr(p.ReportToUnitID), p.Type, p.Title, p.Year, p.Number, p.Symbol, p.Date, c, p.UpdatedAt, p.ParentPlanID, p.ID); err != nil {
		return err
	}
	return tx.audit("plan.update", "plan", p.ID, p.ID, "Sửa kế hoạch "+p.Title, planView(before), planView(p))
}

// planView is what the audit trail records of a plan.
func planView(p *kehoach.Plan) *kehoach.Plan {
	c := *p
	c.SourceText = ""
	return &c
}
