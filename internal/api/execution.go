package api

import (
	"context"
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

func (d Deps) listTasks() handler { return listed("tasks", d.Ops.Tasks) }

func (d Deps) createTask() handler { return withBody(http.StatusCreated, d.Ops.CreateTask) }

func (d Deps) updateTask() handler { return withBody(http.StatusOK, d.Ops.UpdateTask) }

func (d Deps) issuePlan() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in ops.IssueInput) (map[string]any, error) {
		recipients, err := d.Ops.IssuePlan(ctx, a, id, in)
		return map[string]any{"status": kehoach.PlanIssued, "recipientUnitIds": recipients}, err
	})
}

// unitIn names the unit acted for.
type unitIn struct {
	UnitID string `json:"unitId"`
}

func (d Deps) acknowledge() handler {
	return withBody(http.StatusCreated, func(ctx context.Context, a *kehoach.Actor, id string, in unitIn) (map[string]any, error) {
		unit, err := d.Ops.Acknowledge(ctx, a, id, in.UnitID)
		return map[string]any{"planId": id, "unitId": unit}, err
	})
}

func (d Deps) recordBriefing() handler { return withBody(http.StatusCreated, d.Ops.RecordBriefing) }

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
	Expected int `json:"expected"`
	Received int `json:"received"`
	OnTime   int `json:"onTime"`
	Late     int `json:"late"`
	// Completeness and OnTimeRate are null when nothing is due yet.
	Completeness *float64 `json:"completeness"`
	OnTimeRate   *float64 `json:"onTimeRate"`
}

func tally(t kehoach.Tally) tallyOut {
	return tallyOut{Expected: t.Expected, Received: t.Received, OnTime: t.OnTime, Late: t.Late, Completeness: t.Completeness(), OnTimeRate: t.OnTimeRate()}
}

func (d Deps) monitoring(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	m, err := d.Ops.Monitoring(r.Context(), a, r.PathValue("id"), ops.MonitorQuery{})
	if err != nil {
		return err
	}
	return writeKept(w, r, d.Ops, m.Kept, func() any { return monitoringJSON(m) })
}

// monitoringJSON is the API's form of the monitoring (what every viewer
// allowed gets alike).
func monitoringJSON(m *ops.Monitoring) monitoringOut {
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
	return out
}

func (d Deps) getReport() handler { return onPath(d.Ops.SavedReport) }

// saveReport saves a unit's report and, with "submit": true, submits it in
// the same transaction.
func (d Deps) saveReport() handler { return withBody(http.StatusOK, d.Ops.SaveReport) }

func (d Deps) reviewReport() handler { return withBody(http.StatusOK, d.Ops.ReviewReport) }

func (d Deps) listIndicators(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	inds, err := d.Ops.Indicators(r.Context(), a)
	return answer(w, http.StatusOK, map[string]any{"indicators": inds}, err)
}

func (d Deps) planValues() handler { return onPath(d.Ops.PlanValues) }

// deleteEvidence removes an evidence file from the unit's report being
// written and answers the report without it.
func (d Deps) deleteEvidence() handler { return onPath(d.Ops.DeleteEvidence) }
