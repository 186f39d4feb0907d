package api

import (
	"context"
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/summary"
)

// summaryOut is the JSON of a plan's result report.
type summaryOut struct {
	Report   *summary.Report           `json:"report"`
	Current  *kehoach.Summary          `json:"current"`
	Versions []*kehoach.Summary        `json:"versions"`
	Document *kehoach.OutgoingDocument `json:"document"`
}

// summaryOf is the report v as the API shows it, or the error err.
func summaryOf(v *ops.SummaryView, err error) (*summaryOut, error) {
	if err != nil {
		return nil, err
	}
	return &summaryOut{Report: v.Report, Current: v.Current, Versions: v.Versions, Document: v.Document}, nil
}

func (d Deps) getSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	out, err := summaryOf(d.Ops.Summary(r.Context(), a, r.PathValue("id")))
	return answer(w, http.StatusOK, out, err)
}

func (d Deps) putSummary() handler {
	return withBody(http.StatusOK, func(ctx context.Context, a *kehoach.Actor, id string, in kehoach.SummaryEdits) (*summaryOut, error) {
		return summaryOf(d.Ops.SaveSummary(ctx, a, id, in))
	})
}

func (d Deps) finaliseSummary() handler {
	return withBody(http.StatusCreated, func(ctx context.Context, a *kehoach.Actor, id string, in ops.FinaliseInput) (*summaryOut, error) {
		return summaryOf(d.Ops.FinaliseSummary(ctx, a, id, in))
	})
}

func (d Deps) summarySending() handler { return withBody(http.StatusOK, d.Ops.RecordSummarySending) }

func (d Deps) listRegister(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	reg, err := d.Ops.Register(r.Context(), a, r.URL.Query().Get("year"))
	if err != nil {
		return err
	}
	return answer(w, http.StatusOK, map[string]any{"documents": reg.Documents}, nil)
}
