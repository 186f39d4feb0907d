package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// unitRef names a unit in responses.
type unitRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// taskRef names a task in responses.
type taskRef struct {
	ID     string `json:"id"`
	Number int    `json:"number"`
	Title  string `json:"title"`
}

// obligationOut is an obligation with its computed status.
type obligationOut struct {
	ID          string                   `json:"id"`
	Unit        unitRef                  `json:"unit"`
	Kind        kehoach.ObligationKind   `json:"kind"`
	Task        *taskRef                 `json:"task"`
	PeriodStart string                   `json:"periodStart"`
	PeriodEnd   string                   `json:"periodEnd"`
	Due         string                   `json:"due"`
	Status      kehoach.ObligationStatus `json:"status"`
	Received    bool                     `json:"received"`
	OnTime      bool                     `json:"onTime"`
	ReportID    string                   `json:"reportId,omitempty"`
}

func (d Deps) listObligations(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	obls, err := d.DB.FindObligations(r.Context(), kehoach.ObligationFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	tasks, err := d.DB.FindTasks(r.Context(), kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	byID := map[string]*kehoach.Task{}
	for _, t := range tasks {
		byID[t.ID] = t
	}
	now := d.DB.Clock.Now()
	out := []obligationOut{}
	for _, o := range obls {
		if !a.CanReadUnitWork(o.UnitID) {
			continue
		}
		name := o.UnitID
		if u := a.Tree.Unit(o.UnitID); u != nil {
			name = u.Name
		}
		ob := obligationOut{ID: o.ID, Unit: unitRef{o.UnitID, name}, Kind: o.Kind, PeriodStart: o.PeriodStart, PeriodEnd: o.PeriodEnd,
			Due: o.Due, Status: o.Status(now), Received: o.Received(), OnTime: o.OnTime(), ReportID: o.ReportID}
		if t := byID[o.TaskID]; t != nil {
			ob.Task = &taskRef{t.ID, t.Number, t.Title}
		}
		out = append(out, ob)
	}
	writeJSON(w, http.StatusOK, map[string]any{"obligations": out})
	return nil
}

func (d Deps) listTasks(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	tasks, err := d.DB.FindTasks(r.Context(), kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	if tasks == nil {
		tasks = []*kehoach.Task{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"tasks": tasks})
	return nil
}

// taskIn is the body of task creation and update.
type taskIn struct {
	Section        string   `json:"section"`
	Title          string   `json:"title"`
	Text           string   `json:"text"`
	LeadUnitID     string   `json:"leadUnitId"`
	SupportUnitIDs []string `json:"supportUnitIds"`
	Due            string   `json:"due"`
	ExpectedOutput string   `json:"expectedOutput"`
	IndicatorCodes []string `json:"indicatorCodes"`
	Status         string   `json:"status"`
}

func (in taskIn) apply(t *kehoach.Task) {
	t.Section, t.Title, t.Text, t.LeadUnitID, t.SupportUnitIDs = in.Section, in.Title, in.Text, in.LeadUnitID, in.SupportUnitIDs
	t.Due, t.ExpectedOutput, t.IndicatorCodes = in.Due, in.ExpectedOutput, in.IndicatorCodes
	if in.Status != "" {
		t.Status = kehoach.TaskStatus(in.Status)
	}
	if t.SupportUnitIDs == nil {
		t.SupportUnitIDs = []string{}
	}
	if t.IndicatorCodes == nil {
		t.IndicatorCodes = []string{}
	}
}

func (d Deps) createTask(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.editablePlan(r, a)
	if err != nil {
		return err
	}
	var in taskIn
	if err := decode(r, &in); err != nil {
		return err
	}
	t := &kehoach.Task{PlanID: p.ID}
	in.apply(t)
	if err := d.DB.CreateTask(r.Context(), t); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, t)
	return nil
}

func (d Deps) updateTask(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	t, err := d.DB.FindTaskByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	p, err := d.DB.FindPlanByID(r.Context(), t.PlanID)
	if err != nil {
		return err
	}
	if !a.CanReadPlan(p) {
		return kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy nhiệm vụ.")
	}
	if !a.CanEditPlan(p.AgencyID) {
		return forbidden()
	}
	var in taskIn
	if err := decode(r, &in); err != nil {
		return err
	}
	in.apply(t)
	if err := d.DB.UpdateTask(r.Context(), t); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

// issueIn is the body of POST /plans/{id}/issue.
type issueIn struct {
	RecipientUnitIDs []string `json:"recipientUnitIds"`
	AckDays          int      `json:"ackDays"`
	BriefDays        int      `json:"briefDays"`
	IssuedOn         string   `json:"issuedOn"`
}

func (d Deps) issuePlan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.editablePlan(r, a)
	if err != nil {
		return err
	}
	var in issueIn
	if err := decode(r, &in); err != nil {
		return err
	}
	recipients, err := d.DB.IssuePlan(r.Context(), p.ID, sqlstore.IssueOptions{RecipientUnitIDs: in.RecipientUnitIDs, AckDays: in.AckDays, BriefDays: in.BriefDays, IssuedOn: in.IssuedOn})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": kehoach.PlanIssued, "recipientUnitIds": recipients})
	return nil
}

// unitIn names the unit acted for.
type unitIn struct {
	UnitID string `json:"unitId"`
}

func (d Deps) acknowledge(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	var in unitIn
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.UnitID == "" {
		in.UnitID = a.UnitID()
	}
	if !a.CanChangeUnitWork(in.UnitID) {
		return forbidden()
	}
	if err := d.DB.Acknowledge(r.Context(), p.ID, in.UnitID); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"planId": p.ID, "unitId": in.UnitID})
	return nil
}

func (d Deps) recordBriefing(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	var b kehoach.Briefing
	if err := decode(r, &b); err != nil {
		return err
	}
	if b.UnitID == "" {
		b.UnitID = a.UnitID()
	}
	if !a.CanChangeUnitWork(b.UnitID) {
		return forbidden()
	}
	b.PlanID = p.ID
	if err := d.DB.RecordBriefing(r.Context(), &b); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, b)
	return nil
}

// monitoringOut is the monitoring grid as JSON.
type monitoringOut struct {
	Units []monitorUnitOut `json:"units"`
	Total tallyOut         `json:"total"`
}

type monitorUnitOut struct {
	Unit        unitRef         `json:"unit"`
	Obligations []obligationOut `json:"obligations"`
	tallyOut
}

type tallyOut struct {
	Expected     int     `json:"expected"`
	Received     int     `json:"received"`
	OnTime       int     `json:"onTime"`
	Late         int     `json:"late"`
	Completeness float64 `json:"completeness"`
	OnTimeRate   float64 `json:"onTimeRate"`
}

func tally(t kehoach.Tally) tallyOut {
	return tallyOut{Expected: t.Expected, Received: t.Received, OnTime: t.OnTime, Late: t.Late, Completeness: t.Completeness(), OnTimeRate: t.OnTimeRate()}
}

func (d Deps) monitoring(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) {
		return forbidden()
	}
	obls, err := d.DB.FindObligations(r.Context(), kehoach.ObligationFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	tasks, err := d.DB.FindTasks(r.Context(), kehoach.TaskFilter{PlanID: &p.ID})
	if err != nil {
		return err
	}
	now := d.DB.Clock.Now()
	m := kehoach.Monitor(sqlstore.UnitsOfPlan(a.Tree, obls), obls, tasks, now, kehoach.MonitorFilter{})
	out := monitoringOut{Units: []monitorUnitOut{}, Total: tally(m.Total)}
	for _, row := range m.Rows {
		u := monitorUnitOut{Unit: unitRef{row.Unit.ID, row.Unit.Name}, Obligations: []obligationOut{}, tallyOut: tally(row.Tally)}
		for _, c := range row.Cells {
			if c == nil {
				continue
			}
			o := c.Obligation
			u.Obligations = append(u.Obligations, obligationOut{ID: o.ID, Unit: u.Unit, Kind: o.Kind, PeriodStart: o.PeriodStart, PeriodEnd: o.PeriodEnd,
				Due: o.Due, Status: c.Status, Received: o.Received(), OnTime: o.OnTime(), ReportID: o.ReportID})
		}
		out.Units = append(out.Units, u)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// obligationFor loads an obligation the actor may read.
func (d Deps) obligationFor(r *http.Request, a *kehoach.Actor) (*kehoach.Obligation, *kehoach.Plan, error) {
	o, err := d.DB.FindObligationByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	p, err := d.DB.FindPlanByID(r.Context(), o.PlanID)
	if err != nil {
		return nil, nil, err
	}
	if !a.CanReadUnitWork(o.UnitID) || !a.CanReadPlan(p) {
		return nil, nil, kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy nghĩa vụ báo cáo.")
	}
	return o, p, nil
}

func (d Deps) getReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, _, err := d.obligationFor(r, a)
	if err != nil {
		return err
	}
	rep, err := d.DB.FindReportByObligation(r.Context(), o.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// reportIn is what a unit types.
type reportIn struct {
	Values       map[string]float64 `json:"values"`
	Results      string             `json:"results"`
	Shortcomings string             `json:"shortcomings"`
	Proposals    string             `json:"proposals"`
	Links        []string           `json:"links"`
	Submit       bool               `json:"submit"`
}

func (d Deps) saveReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, _, err := d.obligationFor(r, a)
	if err != nil {
		return err
	}
	if !a.CanChangeUnitWork(o.UnitID) {
		return forbidden()
	}
	var in reportIn
	if err := decode(r, &in); err != nil {
		return err
	}
	var allowed []kehoach.Indicator
	if o.TaskID != "" {
		t, err := d.DB.FindTaskByID(r.Context(), o.TaskID)
		if err != nil {
			return err
		}
		inds, err := d.DB.FindIndicators(r.Context())
		if err != nil {
			return err
		}
		for _, ind := range inds {
			if t.Feeds(ind.Code) && ind.Source == "" {
				allowed = append(allowed, ind)
			}
		}
	}
	if in.Values == nil {
		in.Values = map[string]float64{}
	}
	rep, err := d.DB.SaveReportDraft(r.Context(), o.ID, &kehoach.Report{Values: in.Values, Results: in.Results, Shortcomings: in.Shortcomings, Proposals: in.Proposals, Links: in.Links}, allowed)
	if err != nil {
		return err
	}
	if in.Submit {
		if rep, err = d.DB.SubmitReport(r.Context(), rep.ID); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// reviewIn is the Office's decision on a report.
type reviewIn struct {
	Accept bool   `json:"accept"`
	Reason string `json:"reason"`
}

func (d Deps) reviewReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	o, p, err := d.obligationFor(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) {
		return forbidden()
	}
	var in reviewIn
	if err := decode(r, &in); err != nil {
		return err
	}
	rep, err := d.DB.FindReportByObligation(r.Context(), o.ID)
	if err != nil {
		return err
	}
	if rep, err = d.DB.ReviewReport(r.Context(), rep.ID, in.Accept, in.Reason); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func (d Deps) listIndicators(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	inds, err := d.DB.FindIndicators(r.Context())
	if err != nil {
		return err
	}
	if inds == nil {
		inds = []kehoach.Indicator{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"indicators": inds})
	return nil
}

func (d Deps) planValues(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := d.readablePlan(r, a)
	if err != nil {
		return err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) {
		return forbidden()
	}
	t, err := d.DB.PlanIndicatorValues(r.Context(), p.ID)
	if err != nil {
		return err
	}
	if t.Units == nil {
		t.Units = []string{}
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}
