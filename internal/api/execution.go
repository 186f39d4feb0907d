package api

import (
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
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
	obls, err := d.Ops.PlanObligations(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	out := []obligationOut{}
	for _, o := range obls.Items {
		name := o.UnitID
		if u := a.Tree.Unit(o.UnitID); u != nil {
			name = u.Name
		}
		out = append(out, obligationOf(o, unitRef{o.UnitID, name}, o.Status(obls.Now), obls.Tasks))
	}
	writeJSON(w, http.StatusOK, map[string]any{"obligations": out})
	return nil
}

// obligationOf returns an obligation as the API shows it.
func obligationOf(o *kehoach.Obligation, unit unitRef, status kehoach.ObligationStatus, tasks map[string]*kehoach.Task) obligationOut {
	ob := obligationOut{ID: o.ID, Unit: unit, Kind: o.Kind, PeriodStart: o.PeriodStart, PeriodEnd: o.PeriodEnd,
		Due: o.Due, Status: status, Received: o.Received(), OnTime: o.OnTime(), ReportID: o.ReportID}
	if t := tasks[o.TaskID]; t != nil {
		ob.Task = &taskRef{t.ID, t.Number, t.Title}
	}
	return ob
}

func (d Deps) listTasks(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	tasks, err := d.Ops.Tasks(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"tasks": tasks})
	return nil
}

func (d Deps) createTask(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.TaskInput
	if err := decode(r, &in); err != nil {
		return err
	}
	t, err := d.Ops.CreateTask(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, t)
	return nil
}

func (d Deps) updateTask(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.TaskInput
	if err := decode(r, &in); err != nil {
		return err
	}
	t, err := d.Ops.UpdateTask(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (d Deps) issuePlan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.IssueInput
	if err := decode(r, &in); err != nil {
		return err
	}
	recipients, err := d.Ops.IssuePlan(r.Context(), a, r.PathValue("id"), in)
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
	var in unitIn
	if err := decode(r, &in); err != nil {
		return err
	}
	id := r.PathValue("id")
	unit, err := d.Ops.Acknowledge(r.Context(), a, id, in.UnitID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"planId": id, "unitId": unit})
	return nil
}

func (d Deps) recordBriefing(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.BriefingInput
	if err := decode(r, &in); err != nil {
		return err
	}
	b, err := d.Ops.RecordBriefing(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
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
	m, err := d.Ops.Monitoring(r.Context(), a, r.PathValue("id"), ops.MonitorQuery{})
	if err != nil {
		return err
	}
	out := monitoringOut{Units: []monitorUnitOut{}, Total: tally(m.M.Total)}
	for _, row := range m.M.Rows {
		u := monitorUnitOut{Unit: unitRef{row.Unit.ID, row.Unit.Name}, Obligations: []obligationOut{}, tallyOut: tally(row.Tally)}
		for _, c := range row.Cells {
			if c != nil {
				u.Obligations = append(u.Obligations, obligationOf(c.Obligation, u.Unit, c.Status, nil))
			}
		}
		out.Units = append(out.Units, u)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (d Deps) getReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	rep, err := d.Ops.SavedReport(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// saveReport saves a unit's report and, with "submit": true, submits it in
// the same transaction.
func (d Deps) saveReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.ReportInput
	if err := decode(r, &in); err != nil {
		return err
	}
	rep, err := d.Ops.SaveReport(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func (d Deps) reviewReport(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	var in ops.ReviewInput
	if err := decode(r, &in); err != nil {
		return err
	}
	rep, err := d.Ops.ReviewReport(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func (d Deps) listIndicators(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	inds, err := d.Ops.Indicators(r.Context(), a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"indicators": inds})
	return nil
}

func (d Deps) planValues(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	t, err := d.Ops.PlanValues(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}
