package web

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/summary"
)

type summaryData struct {
	Plan     *kehoach.Plan
	Report   *summary.Report
	Summary  *kehoach.Summary
	Versions []*kehoach.Summary
	Document *kehoach.OutgoingDocument
	CanEdit  bool
	Methods  []kehoach.SendMethod
	Today    string
	Problem  string
	Fields   map[string]string
	// Doc is the report laid out: the preview prints its paragraphs, the
	// same the .docx and .pdf print.
	Doc *previewDoc
	// Edits is what the form shows: the edited text, else the generated.
	Edits kehoach.SummaryEdits
	// Form is what was posted in a refused form, shown back in it.
	Form url.Values
	// Included are the solved difficulties ticked in, by id.
	Included map[string]bool
}

// Typed returns what was typed in control name of a refused form, else
// dflt when the control was not posted.
func (d summaryData) Typed(name, dflt string) string {
	if v, ok := d.Form[name]; ok && len(v) > 0 {
		return v[0]
	}
	return dflt
}

func (s *server) summaryPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.renderSummary(w, r, a, http.StatusOK, nil, nil)
}

// renderSummary shows the preview; problem is an error to show above the
// forms, edits what the Office typed when it was refused. A problem that
// is not about the input is returned as the error it is.
func (s *server) renderSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, status int, problem error, edits *kehoach.SummaryEdits) error {
	if code := kehoach.ErrorCode(problem); problem != nil && code != kehoach.EINVALID && code != kehoach.ECONFLICT {
		return problem
	}
	v, err := s.Ops.Summary(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	rep := v.Report
	d := summaryData{Plan: v.Plan, Report: rep, Summary: v.Current, Versions: v.Versions, Document: v.Document, CanEdit: v.CanEdit,
		Methods: kehoach.SendMethods, Today: s.Ops.Now().In(kehoach.Zone).Format(time.DateOnly)}
	d.Doc = rep.Document()
	d.Edits = kehoach.SummaryEdits{Opening: rep.Opening.Text(), Results: rep.Results.Text(), Shortcomings: rep.Shortcomings.Text(),
		Difficulties: rep.Difficulties.Text(), Proposals: rep.Proposals.Text(), Closing: rep.Closing.Text(),
		Sections: map[string]string{summary.DirectionKey: rep.Direction.Text()}}
	for _, a := range rep.Activities {
		d.Edits.Sections[a.Key] = a.Text.Text()
	}
	for _, x := range rep.Decisions {
		if x.Included && !x.Open {
			d.Edits.IncludeDifficulties = append(d.Edits.IncludeDifficulties, x.ID)
		}
	}
	if edits != nil {
		d.Edits = *edits
	}
	d.Included = map[string]bool{}
	for _, id := range d.Edits.IncludeDifficulties {
		d.Included[id] = true
	}
	if problem != nil {
		d.Problem, d.Fields, d.Form = kehoach.ErrorMessage(problem), kehoach.ErrorFields(problem), r.PostForm
		status = statusOf(kehoach.ErrorCode(problem))
	}
	s.render(w, r, status, summaryTemplate(rep), s.newPage(r, Translate(langOf(r), "Báo cáo kết quả"), d))
	return nil
}

// summaryDone redirects to the report's page at anchor, or shows the page
// with the problem of a refused change.
func (s *server) summaryDone(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, err error, anchor string, typed *kehoach.SummaryEdits) error {
	if err != nil {
		return s.renderSummary(w, r, a, http.StatusBadRequest, err, typed)
	}
	http.Redirect(w, r, "/plans/"+r.PathValue("id")+"/summary"+anchor, http.StatusSeeOther)
	return nil
}

func (s *server) summarySave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	typed := kehoach.SummaryEdits{Opening: r.PostFormValue("opening"), Results: r.PostFormValue("results"), Shortcomings: r.PostFormValue("shortcomings"),
		Difficulties: r.PostFormValue("difficulties"), Proposals: r.PostFormValue("proposals"), Closing: r.PostFormValue("closing"),
		IncludeDifficulties: r.PostForm["includeDifficulties"], Sections: map[string]string{}}
	postedSections(r.PostForm, typed.Sections)
	in := typed
	if r.PostFormValue("reset") != "" {
		in = kehoach.SummaryEdits{}
	}
	_, err := s.Ops.SaveSummary(r.Context(), a, r.PathValue("id"), in)
	return s.summaryDone(w, r, a, err, "#edit", &typed)
}

func (s *server) summaryFinalise(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	_, err := s.Ops.FinaliseSummary(r.Context(), a, r.PathValue("id"), ops.FinaliseFromForm(r.PostFormValue))
	return s.summaryDone(w, r, a, err, "", nil)
}

func (s *server) summarySending(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	snd := kehoach.Sending{On: r.PostFormValue("sentOn"), Via: kehoach.SendMethod(r.PostFormValue("sentVia")), To: r.PostFormValue("sentTo")}
	_, err := s.Ops.RecordSummarySending(r.Context(), a, r.PathValue("id"), snd)
	return s.summaryDone(w, r, a, err, "#register", nil)
}

func (s *server) summaryScanUpload(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	// A body too large or without a file is an empty scan, which the
	// operation names.
	var in ops.ScanInput
	r.Body = http.MaxBytesReader(w, r.Body, kehoach.MaxScanSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err == nil {
		if f, hdr, err := r.FormFile("scan"); err == nil {
			defer f.Close()
			if in.Data, err = io.ReadAll(io.LimitReader(f, kehoach.MaxScanSize+1)); err != nil {
				return err
			}
			in.Name = hdr.Filename
		}
	}
	_, err := s.Ops.AttachSummaryScan(r.Context(), a, r.PathValue("id"), in)
	return s.summaryDone(w, r, a, err, "#register", nil)
}

func (s *server) summaryScan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.Ops.SummaryScan(r.Context(), a, r.PathValue("id"))
	return sendFile(w, f, err)
}

// summaryFile downloads the current draft or the final version in format.
func (s *server) summaryFile(format string) pageHandler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		f, err := s.Ops.SummaryFile(r.Context(), a, r.PathValue("id"), format)
		return sendFile(w, f, err)
	}
}

// planDocx downloads the plan itself in the official layout.
func (s *server) planDocx(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	f, err := s.Ops.PlanFile(r.Context(), a, r.PathValue("id"))
	return sendFile(w, f, err)
}

// sendFile downloads f, or hands err on to the error page.
func sendFile(w http.ResponseWriter, f *ops.File, err error) error {
	if err != nil {
		return err
	}
	httpx.Download(w, f.Name, f.Type, f.Data)
	return nil
}

type registerData struct {
	Year      int
	Documents []*kehoach.OutgoingDocument
}

// register shows the agency's register of outgoing documents for a year,
// this year unless another is asked for.
func (s *server) register(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	year := r.URL.Query().Get("year")
	if year == "" {
		year = strconv.Itoa(s.Ops.Now().In(kehoach.Zone).Year())
	}
	reg, err := s.Ops.Register(r.Context(), a, year)
	if err != nil {
		return err
	}
	return s.show(w, r, "summary_register", Translate(langOf(r), "Sổ văn bản đi"), registerData{Year: reg.Year, Documents: reg.Documents})
}
