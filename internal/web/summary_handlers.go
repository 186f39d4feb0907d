package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/docgen"
	"github.com/kehoach/kehoach/internal/summary"
)

// summaryPlan returns the plan of the path when the actor may see its
// result report: the Office and the Director of its agency.
func (s *server) summaryPlan(r *http.Request, a *kehoach.Actor) (*kehoach.Plan, error) {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return nil, err
	}
	if !a.CanEditPlan(p.AgencyID) && !a.CanDecide(p.AgencyID) {
		return nil, forbidden()
	}
	return p, nil
}

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
	// Edits is what the form shows: the edited text, else the generated.
	Edits kehoach.SummaryEdits
}

func (s *server) summaryPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.summaryPlan(r, a)
	if err != nil {
		return err
	}
	return s.renderSummary(w, r, a, p, http.StatusOK, nil, nil)
}

// renderSummary shows the preview; problem is an error to show above the
// forms, edits what the Office typed when it was refused.
func (s *server) renderSummary(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, p *kehoach.Plan, status int, problem error, edits *kehoach.SummaryEdits) error {
	rep, cur, err := summary.Load(r.Context(), s.DB, p.ID)
	if err != nil {
		return err
	}
	d := summaryData{Plan: p, Report: rep, Summary: cur, CanEdit: a.CanEditPlan(p.AgencyID), Methods: kehoach.SendMethods,
		Today: s.DB.Clock.Now().In(kehoach.Zone).Format(time.DateOnly)}
	if d.Versions, err = s.DB.FindSummaries(r.Context(), p.ID); err != nil {
		return err
	}
	if cur != nil && cur.DocumentID != "" {
		if d.Document, err = s.DB.FindDocumentByID(r.Context(), cur.DocumentID); err != nil {
			return err
		}
	}
	d.Edits = kehoach.SummaryEdits{Opening: rep.Opening.Text(), Results: rep.Results.Text(), Shortcomings: rep.Shortcomings.Text(),
		Difficulties: rep.Difficulties.Text(), Proposals: rep.Proposals.Text()}
	if edits != nil {
		d.Edits = *edits
	}
	if problem != nil {
		d.Problem, d.Fields = kehoach.ErrorMessage(problem), kehoach.ErrorFields(problem)
	}
	s.render(w, r, status, "summary", s.newPage(r, Translate(langOf(r), "Báo cáo kết quả"), d))
	return nil
}

// keepIfGenerated returns "" when the Office left the generated text as it
// was, so that regenerating keeps following the data.
func keepIfGenerated(typed string, part summary.Part) string {
	norm := func(x string) string { return strings.Join(strings.Fields(x), " ") }
	if norm(typed) == norm(part.Generated) {
		return ""
	}
	return typed
}

func (s *server) summarySave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không hợp lệ.")
	}
	typed := kehoach.SummaryEdits{Opening: r.PostFormValue("opening"), Results: r.PostFormValue("results"), Shortcomings: r.PostFormValue("shortcomings"),
		Difficulties: r.PostFormValue("difficulties"), Proposals: r.PostFormValue("proposals")}
	draft, err := summary.Draft(r.Context(), s.DB, p.ID)
	if err != nil {
		return err
	}
	e := kehoach.SummaryEdits{Opening: keepIfGenerated(typed.Opening, draft.Opening), Results: keepIfGenerated(typed.Results, draft.Results),
		Shortcomings: keepIfGenerated(typed.Shortcomings, draft.Shortcomings), Difficulties: keepIfGenerated(typed.Difficulties, draft.Difficulties),
		Proposals: keepIfGenerated(typed.Proposals, draft.Proposals)}
	if r.PostFormValue("reset") != "" {
		e = kehoach.SummaryEdits{}
	}
	if _, err := s.DB.SaveSummaryEdits(r.Context(), p.ID, e); err != nil {
		if code := kehoach.ErrorCode(err); code == kehoach.EINVALID || code == kehoach.ECONFLICT {
			return s.renderSummary(w, r, a, p, statusOf(code), err, &typed)
		}
		return err
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/summary#edit", http.StatusSeeOther)
	return nil
}

func (s *server) summaryFinalise(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không hợp lệ.")
	}
	number := 0
	if v := strings.TrimSpace(r.PostFormValue("number")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return s.renderSummary(w, r, a, p, http.StatusBadRequest, kehoach.Invalid(map[string]string{"number": "Số văn bản phải là số nguyên dương."}), nil)
		}
		number = n
	}
	issued := strings.TrimSpace(r.PostFormValue("issuedOn"))
	if _, _, err := summary.Finalise(r.Context(), s.DB, p.ID, number, issued); err != nil {
		if code := kehoach.ErrorCode(err); code == kehoach.EINVALID || code == kehoach.ECONFLICT {
			return s.renderSummary(w, r, a, p, statusOf(code), err, nil)
		}
		return err
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/summary", http.StatusSeeOther)
	return nil
}

// currentDocument returns the register entry of the plan's latest final report.
func (s *server) currentDocument(r *http.Request, p *kehoach.Plan) (*kehoach.OutgoingDocument, error) {
	cur, err := s.DB.FindSummary(r.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	if cur.DocumentID == "" {
		return nil, kehoach.Errorf(kehoach.ECONFLICT, "Báo cáo chưa được hoàn thiện và cấp số; chưa thể ghi nhận gửi hay đính kèm bản quét.")
	}
	return s.DB.FindDocumentByID(r.Context(), cur.DocumentID)
}

func (s *server) summarySending(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không hợp lệ.")
	}
	doc, err := s.currentDocument(r, p)
	if err != nil {
		return err
	}
	snd := kehoach.Sending{On: r.PostFormValue("sentOn"), Via: kehoach.SendMethod(r.PostFormValue("sentVia")), To: r.PostFormValue("sentTo")}
	if _, err := s.DB.RecordSending(r.Context(), doc.ID, snd); err != nil {
		if code := kehoach.ErrorCode(err); code == kehoach.EINVALID {
			return s.renderSummary(w, r, a, p, http.StatusBadRequest, err, nil)
		}
		return err
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/summary#register", http.StatusSeeOther)
	return nil
}

func (s *server) summaryScanUpload(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.editablePlan(r, a)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, kehoach.MaxScanSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return s.renderSummary(w, r, a, p, http.StatusBadRequest, kehoach.Invalid(map[string]string{"scan": "Chọn tệp bản quét (tối đa 20 MB)."}), nil)
	}
	f, hdr, err := r.FormFile("scan")
	if err != nil {
		return s.renderSummary(w, r, a, p, http.StatusBadRequest, kehoach.Invalid(map[string]string{"scan": "Chọn tệp bản quét có chữ ký."}), nil)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, kehoach.MaxScanSize+1))
	if err != nil {
		return err
	}
	doc, err := s.currentDocument(r, p)
	if err != nil {
		return err
	}
	if _, err := s.DB.AttachScan(r.Context(), doc.ID, hdr.Filename, data); err != nil {
		if kehoach.ErrorCode(err) == kehoach.EINVALID {
			return s.renderSummary(w, r, a, p, http.StatusBadRequest, err, nil)
		}
		return err
	}
	http.Redirect(w, r, "/plans/"+p.ID+"/summary#register", http.StatusSeeOther)
	return nil
}

func (s *server) summaryScan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.summaryPlan(r, a)
	if err != nil {
		return err
	}
	doc, err := s.currentDocument(r, p)
	if err != nil {
		return err
	}
	d, data, err := s.DB.DocumentScan(r.Context(), doc.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", d.ScanType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(d.ScanName))
	_, _ = w.Write(data)
	return nil
}

// summaryFile downloads the current draft or the final version in format.
func (s *server) summaryFile(format string) pageHandler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		p, err := s.summaryPlan(r, a)
		if err != nil {
			return err
		}
		rep, _, err := summary.Load(r.Context(), s.DB, p.ID)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := summary.Write(r.Context(), &buf, rep, format, summary.Options{}); err != nil {
			return err
		}
		sendFile(w, summary.ContentType(format), rep.FileName(format), buf.Bytes())
		return nil
	}
}

// planDocx downloads the plan itself in the official layout.
func (s *server) planDocx(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	p, err := s.readablePlan(r, a)
	if err != nil {
		return err
	}
	in, err := summary.Gather(r.Context(), s.DB, p.ID)
	if err != nil {
		return err
	}
	// A plan carries its own issuer and signer; the agency's data only
	// fills what the document lacks, so a missing item is no error here.
	lh, _ := summary.LetterheadFor(p, in.Tree, in.People)
	if lh == nil {
		lh = &summary.Letterhead{}
	}
	var buf bytes.Buffer
	if err := docgen.WriteDocx(&buf, summary.PlanDocument(p, lh)); err != nil {
		return err
	}
	sendFile(w, summary.ContentType("docx"), fmt.Sprintf("ke-hoach-%s.docx", p.ID), buf.Bytes())
	return nil
}

func sendFile(w http.ResponseWriter, contentType, name string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

type registerData struct {
	Year      int
	Documents []*kehoach.OutgoingDocument
}

// register shows the agency's register of outgoing documents for a year.
func (s *server) register(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	ag := a.AgencyID()
	if ag == "" || !a.CanEditPlan(ag) && !a.CanDecide(ag) {
		return forbidden()
	}
	year := s.DB.Clock.Now().In(kehoach.Zone).Year()
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1945 || y > 2100 {
			return kehoach.Errorf(kehoach.EINVALID, "Năm không hợp lệ.")
		}
		year = y
	}
	docs, err := s.DB.FindDocuments(r.Context(), kehoach.DocumentFilter{AgencyID: ag, Year: &year})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "summary_register", s.newPage(r, Translate(langOf(r), "Sổ văn bản đi"), registerData{Year: year, Documents: docs}))
	return nil
}

// summaryRoutes lists the routes of the result report and the register.
func (s *server) summaryRoutes(mux *http.ServeMux) {
	mux.Handle("GET /plans/{id}/summary", s.authed(s.summaryPage))
	mux.Handle("POST /plans/{id}/summary", s.authed(s.summarySave))
	mux.Handle("POST /plans/{id}/summary/finalise", s.authed(s.summaryFinalise))
	mux.Handle("POST /plans/{id}/summary/sending", s.authed(s.summarySending))
	mux.Handle("POST /plans/{id}/summary/scan", s.authed(s.summaryScanUpload))
	mux.Handle("GET /plans/{id}/summary/scan", s.authed(s.summaryScan))
	mux.Handle("GET /plans/{id}/summary.docx", s.authed(s.summaryFile("docx")))
	mux.Handle("GET /plans/{id}/summary.xlsx", s.authed(s.summaryFile("xlsx")))
	mux.Handle("GET /plans/{id}/summary.pdf", s.authed(s.summaryFile("pdf")))
	mux.Handle("GET /plans/{id}/plan.docx", s.authed(s.planDocx))
	mux.Handle("GET /register", s.authed(s.register))
}
