package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/orgmatch"
	"github.com/kehoach/kehoach/internal/planimport"
)

// The import of a plan from its document runs in two steps. The upload
// (POST /plans/import) parses the document and keeps it under review on the
// server for its person (see [ops.Service.StartImport]); the review page
// (GET /plans/import/review/{id}) shows it with the corrections kept so
// far, so a reload or Back loses nothing. Its form
// (POST /plans/import/review/{id}) keeps the corrections or saves the draft
// plan; discarding drops the import.

const (
	// maxImportBody caps an upload: the parser's limit plus room for the
	// form around the file.
	maxImportBody = 20<<20 + 1<<20
	// maxImportSave caps the review form.
	maxImportSave = 8 << 20
)

// importUpload is the upload form: the pasted text is kept on a problem.
// Drafts are the imports its person has under review.
type importUpload struct {
	Text    string
	Problem string
	MaxMB   int64
	Drafts  []*ops.ImportDraft
}

// importSourceLine is one numbered line of the source with the warnings that
// point at it.
type importSourceLine struct {
	N        int
	Text     string
	Warnings []docparse.Warning
}

// importTask is a proposed task with the units chosen for it.
type importTask struct {
	Index       int
	Text        string
	Section     string
	Lead        string
	Support     []string
	DueWritten  string
	Due         string
	LeadUnitID  string
	SupportIDs  []string
	Skip        bool
	MatchName   string // the best unit for the lead name, when there is one
	MatchScore  int    // its score in percent
	MatchReason string
	Sure        bool     // the match reached the threshold and was preselected
	Unmatched   []string // support names no unit matched
}

// Supports reports whether unit id is chosen as a supporting unit.
func (t importTask) Supports(id string) bool {
	for _, x := range t.SupportIDs {
		if x == id {
			return true
		}
	}
	return false
}

// importReview is the review page.
type importReview struct {
	Type        string
	TypeName    string
	IsPlan      bool
	Doc         *docparse.Document
	Fields      ops.ImportFields
	Basis       []string
	Tasks       []importTask
	Lines       []importSourceLine
	General     []docparse.Warning // warnings without a place in the source
	Placed      []placedImportWarning
	Units       []orgRow
	Problems    map[string]string
	DraftID     string
	Kept        bool
	SourceName  string
	Format      string
	Authorities []string
	// Plans are those a document that is not a plan may be attached to.
	Plans []*kehoach.Plan
	importPages
}

// placedImportWarning is a warning with the source line it is marked at.
type placedImportWarning struct {
	docparse.Warning
	Line int
}

// Section returns the section label the warning names, or "" when it
// names a line.
func (w placedImportWarning) Section() string {
	if w.Where == nil || reLineWhere.MatchString(*w.Where) {
		return ""
	}
	return *w.Where
}

// importField is what the "import-field" template draws: one labelled
// input with its problem.
type importField struct {
	Page                     *page
	Name, Label, Value, Kind string
	Problem                  string
}

// Field describes the input name of the review form with its label, value
// and kind ("" for one line, "area", "lines", "date" or "year").
func (rv *importReview) Field(p *page, name, label, value, kind string) importField {
	return importField{Page: p, Name: name, Label: label, Value: value, Kind: kind, Problem: rv.Problems[name]}
}

// docTypeNames names the Decree 30 type codes.
var docTypeNames = map[string]string{
	"KH": "Kế hoạch", "BC": "Báo cáo", "QĐ": "Quyết định", "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình",
	"PA": "Phương án", "ĐA": "Đề án", "TTr": "Tờ trình", "BB": "Biên bản", "GM": "Giấy mời", "CV": "Công văn",
	"CT": "Chỉ thị", "NQ": "Nghị quyết",
}

func (s *server) importPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := s.Ops.ImportUnits(r.Context(), a); err != nil {
		return err
	}
	s.renderImportForm(w, r, http.StatusOK, &importUpload{})
	return nil
}

func (s *server) renderImportForm(w http.ResponseWriter, r *http.Request, status int, f *importUpload) {
	f.MaxMB = docparse.DefaultLimits.MaxBytes >> 20
	if a := httpx.Actor(r.Context()); a != nil {
		f.Drafts, _ = s.Ops.ImportDrafts(r.Context(), a)
	}
	s.render(w, r, status, "import", s.newPage(r, Translate(langOf(r), "Nhập kế hoạch từ văn bản"), f))
}

// parseImportForm reads a multipart form, or a URL-encoded one from a
// client that sends no file.
func parseImportForm(r *http.Request, memory int64) error {
	err := r.ParseMultipartForm(memory)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	return err
}

func importTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe) || errors.Is(err, docparse.ErrTooLarge) || errors.Is(err, multipart.ErrMessageTooLarge)
}

// readImportForm reads an import form of at most limit bytes (memory of it
// in memory); when it cannot, it returns the status that says why: 413 over
// the limit, else 400.
func readImportForm(w http.ResponseWriter, r *http.Request, limit, memory int64) int {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := parseImportForm(r, memory); err != nil {
		if importTooLarge(err) {
			return http.StatusRequestEntityTooLarge
		}
		return http.StatusBadRequest
	}
	return 0
}

// readImportSaveForm reads the form of the review page; when it cannot, it
// shows the upload form again with the problem and returns false.
func (s *server) readImportSaveForm(w http.ResponseWriter, r *http.Request) bool {
	if status := readImportForm(w, r, maxImportSave, maxImportSave); status != 0 {
		s.renderImportForm(w, r, status, &importUpload{Problem: Translate(langOf(r), "Không đọc được biểu mẫu gửi lên. Vui lòng thử lại.")})
		return false
	}
	return true
}

func (s *server) importUpload(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := s.Ops.ImportUnits(r.Context(), a); err != nil {
		return err
	}
	l := langOf(r)
	f := &importUpload{}
	up, status := readImportUpload(w, r)
	defer up.close()
	f.Text = up.text
	if status != 0 {
		msg := "Không đọc được biểu mẫu gửi lên. Vui lòng thử lại."
		if status == http.StatusRequestEntityTooLarge {
			msg = fmt.Sprintf("Tệp quá lớn: kehoach nhận tệp tối đa %d MB.", docparse.DefaultLimits.MaxBytes>>20)
		}
		f.Problem = Translate(l, msg)
		s.renderImportForm(w, r, status, f)
		return nil
	}

	var in io.Reader
	name := ""
	switch {
	case up.file != nil && up.size > 0:
		in, name = up.file, up.name
	case strings.TrimSpace(f.Text) != "":
		in, name = strings.NewReader(f.Text), ""
	case up.file != nil:
		f.Problem = fmt.Sprintf("Tệp “%s” rỗng, không có nội dung văn bản.", up.name)
		s.renderImportForm(w, r, http.StatusBadRequest, f)
		return nil
	default:
		f.Problem = Translate(l, "Hãy chọn một tệp .docx hoặc .txt, hoặc dán nội dung văn bản.")
		s.renderImportForm(w, r, http.StatusBadRequest, f)
		return nil
	}

	d, err := s.Ops.UploadImport(r.Context(), a, in, name)
	if err != nil {
		code := kehoach.ErrorCode(err)
		if code != kehoach.EINVALID && code != kehoach.ETOOLARGE && code != kehoach.ETOOMANY {
			return err
		}
		if code == kehoach.ETOOMANY {
			w.Header().Set("Retry-After", "30")
		}
		f.Problem = kehoach.ErrorMessage(err)
		s.renderImportForm(w, r, statusOf(code), f)
		return nil
	}
	http.Redirect(w, r, "/plans/import/review/"+d.ID, http.StatusSeeOther)
	return nil
}

// importReviewPage shows an import under review with the corrections kept,
// one page of its tasks and of its source at a time.
func (s *server) importReviewPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d, err := s.Ops.ImportDraft(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	rv := importReviewOf(d, a)
	rv.Kept = r.URL.Query().Get("kept") == "1"
	rv.pageAt(queryInt(r, "tasks"), queryInt(r, "src"))
	s.renderReview(w, r, http.StatusOK, rv, a, d.Units)
	return nil
}

// importDiscard drops an import under review.
func (s *server) importDiscard(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := s.Ops.DiscardImport(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/import", http.StatusSeeOther)
	return nil
}

func (s *server) renderReview(w http.ResponseWriter, r *http.Request, status int, rv *importReview, a *kehoach.Actor, units []*kehoach.OrgUnit) {
	rv.Units = importRows(a, units)
	rv.Authorities = []string{"", "KT.", "TM.", "TL.", "TUQ."}
	l := langOf(r)
	for k, v := range rv.Problems {
		rv.Problems[k] = Translate(l, v)
	}
	title := Translate(l, "Xem lại văn bản nhập")
	s.render(w, r, status, "import_review", s.newPage(r, title, rv))
}

// importRows indents the units tasks may be given to by their depth under
// the actor's agency.
func importRows(a *kehoach.Actor, units []*kehoach.OrgUnit) []orgRow {
	base := a.Tree.Depth(a.AgencyID()) + 1
	rows := make([]orgRow, len(units))
	for i, u := range units {
		rows[i] = orgRow{Unit: u, Depth: a.Tree.Depth(u.ID) - base}
	}
	return rows
}

func importDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// newImportReview fills the review from a fresh parse, choosing units for the
// proposed tasks by name.
func newImportReview(doc *docparse.Document, lines []string, a *kehoach.Actor) *importReview {
	rv := importReviewBase(doc, lines)
	f := &rv.Fields
	f.Issuer, f.Number, f.Symbol, f.Place = importDeref(doc.Issuer), importDeref(doc.Number), importDeref(doc.Symbol), importDeref(doc.Place)
	f.Date, f.Title = formatDate(doc.Date), doc.Title
	if doc.Year != nil {
		f.Year = strconv.Itoa(*doc.Year)
	}
	if p := doc.Period; p != nil {
		f.PeriodStart, f.PeriodEnd, f.PeriodText = formatDate(p.Start), formatDate(p.End), p.Text
	}
	f.ReportTo, f.Recipients = strings.Join(doc.ReportTo, "\n"), strings.Join(doc.Recipients, "\n")
	if sg := doc.Signer; sg != nil {
		f.SignerAuthority, f.SignerTitle, f.SignerName = sg.Authority, sg.Title, sg.Name
	}
	for _, b := range doc.Basis {
		rv.Basis = append(rv.Basis, b.Text)
	}
	cands := planimport.UnitCandidates(a.Tree, a.AgencyID())
	for i := range rv.Tasks {
		t := &rv.Tasks[i]
		if p := doc.Period; isISODate(t.DueWritten) {
			t.Due = formatDate(t.DueWritten)
		} else if p != nil && p.End != nil && t.DueWritten == p.Text {
			// A duty "during the period" is due when the period ends.
			t.Due = formatDate(*p.End)
		}
		if t.Lead != "" {
			if m, ok := orgmatch.Best(t.Lead, cands); m.Score > 0 {
				t.MatchName, t.MatchScore, t.MatchReason, t.Sure = m.Candidate.Name, int(m.Score*100+0.5), m.Reason, ok
				if ok {
					t.LeadUnitID = m.Candidate.ID
				}
			}
		}
		for _, n := range t.Support {
			if m, ok := orgmatch.Best(n, cands); ok && m.Candidate.ID != t.LeadUnitID {
				if !t.Supports(m.Candidate.ID) {
					t.SupportIDs = append(t.SupportIDs, m.Candidate.ID)
				}
			} else if !ok {
				t.Unmatched = append(t.Unmatched, n)
			}
		}
	}
	return rv
}

// importReviewBase fills what does not depend on the form: the type, the tasks
// as found, and the source lines with the warnings marked.
func importReviewBase(doc *docparse.Document, lines []string) *importReview {
	rv := &importReview{Doc: doc, Type: doc.Type, TypeName: docTypeNames[doc.Type], IsPlan: doc.Type == "KH", Problems: map[string]string{}}
	if rv.TypeName == "" {
		rv.TypeName = "Văn bản chưa rõ loại"
	}
	for i, t := range doc.Tasks {
		rv.Tasks = append(rv.Tasks, importTask{Index: i, Text: t.Text, Section: t.Section, Lead: importDeref(t.Lead), Support: t.Support, DueWritten: importDeref(t.Due)})
	}
	rv.source = lines
	for _, w := range doc.Warnings {
		n := locateImportWarning(lines, w)
		if n < 0 {
			rv.General = append(rv.General, w)
			rv.Placed = append(rv.Placed, placedImportWarning{Warning: w})
			continue
		}
		rv.Placed = append(rv.Placed, placedImportWarning{Warning: w, Line: n + 1})
	}
	return rv
}

var (
	reLineWhere = regexp.MustCompile(`^dòng (\d+)$`)
	reRoman     = regexp.MustCompile(`^[IVXLC]+$`)
	reQuoted    = regexp.MustCompile(`“([^”]{4,})”`)
	reLinePunct = regexp.MustCompile(`^[\s#*_>|]*`)
)

// locateImportWarning returns the index of the source line a warning points at,
// or -1. A "dòng N" is that line; a section label such as "I.3" is found
// by its headings and item labels, narrowed to the line that holds the
// text the message quotes when there is one.
func locateImportWarning(lines []string, w docparse.Warning) int {
	if w.Where == nil {
		return -1
	}
	where := strings.TrimSpace(*w.Where)
	if m := reLineWhere.FindStringSubmatch(where); m != nil {
		n, _ := strconv.Atoi(m[1])
		if n >= 1 && n <= len(lines) {
			return n - 1
		}
		return -1
	}
	parts := strings.Split(where, ".")
	if len(parts) == 0 || !reRoman.MatchString(parts[0]) {
		return -1
	}
	start := findSourceLabel(lines, 0, len(lines), parts[0])
	if start < 0 {
		return -1
	}
	end := len(lines)
	for i := start + 1; i < len(lines); i++ {
		if label := leadingSourceLabel(lines[i]); label != "" && reRoman.MatchString(label) {
			end = i
			break
		}
	}
	for _, p := range parts[1:] {
		if i := findSourceLabel(lines, start+1, end, p); i >= 0 {
			start = i
		}
	}
	if m := reQuoted.FindStringSubmatch(w.Message); m != nil {
		for i := start; i < end; i++ {
			if strings.Contains(lines[i], m[1]) {
				return i
			}
		}
	}
	return start
}

// leadingSourceLabel returns the label a line starts with ("I", "3", "a"), or "".
func leadingSourceLabel(line string) string {
	t := reLinePunct.ReplaceAllString(line, "")
	t = strings.TrimPrefix(t, "(")
	n := strings.IndexAny(t, ".)-–: ")
	if n <= 0 || n > 8 {
		return ""
	}
	return t[:n]
}

func findSourceLabel(lines []string, from, to int, label string) int {
	for i := from; i < to && i < len(lines); i++ {
		if leadingSourceLabel(lines[i]) == label {
			return i
		}
	}
	return -1
}

func isISODate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func (s *server) importSave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d, err := s.Ops.ImportDraft(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if !s.readImportSaveForm(w, r) {
		return nil
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}

	// Decode: what was typed over what was kept (the tasks of other pages).
	rv := importReviewOf(d, a)
	rv.pageAt(formInt(r, "taskFrom"), formInt(r, "srcFrom"))
	rv.readForm(r)
	edits := ops.ImportEdits{Fields: rv.Fields, Basis: rv.Basis}
	for _, t := range rv.Tasks {
		edits.Tasks = append(edits.Tasks, ops.ImportTask{LeadUnitID: t.LeadUnitID, SupportIDs: t.SupportIDs, Due: t.Due, Skip: t.Skip})
	}

	// Act.
	if r.PostFormValue("action") == "keep" {
		if err := s.Ops.KeepImportEdits(r.Context(), a, d.ID, edits); err != nil {
			return err
		}
		to := "/plans/import/review/" + d.ID + "?kept=1"
		if rv.TaskFrom > 0 || rv.SrcFrom > 0 {
			to += fmt.Sprintf("&tasks=%d&src=%d", rv.TaskFrom, rv.SrcFrom)
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return nil
	}
	p, err := s.Ops.ImportPlan(r.Context(), a, ops.ImportInput{DraftID: d.ID, Draft: d, ImportEdits: edits})
	if err != nil {
		if err := addProblems(rv.Problems, err); err != nil {
			return err
		}
		rv.problemTasks()
		s.renderReview(w, r, statusOf(kehoach.ErrorCode(err)), rv, a, d.Units)
		return nil
	}
	http.Redirect(w, r, "/plans/"+p.ID, http.StatusSeeOther)
	return nil
}

// readForm takes what was typed on the review page.
func (rv *importReview) readForm(r *http.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	rv.Fields = ops.ImportFields{
		Issuer: v("issuer"), Number: v("number"), Symbol: v("symbol"), Place: v("place"), Date: v("date"),
		Title: v("title"), Year: v("year"), PeriodStart: v("periodStart"), PeriodEnd: v("periodEnd"), PeriodText: v("periodText"),
		ReportTo: r.PostFormValue("reportTo"), Recipients: r.PostFormValue("recipients"),
		SignerAuthority: v("signerAuthority"), SignerTitle: v("signerTitle"), SignerName: v("signerName"),
	}
	rv.Basis = r.PostForm["basis"]
	for i := rv.TaskFrom; i < rv.TaskTo; i++ {
		t := &rv.Tasks[i]
		k := fmt.Sprintf("task.%d.", i)
		t.LeadUnitID, t.Due, t.Skip = v(k+"lead"), v(k+"due"), r.PostFormValue(k+"skip") != ""
		t.SupportIDs = r.PostForm[k+"support"]
	}
}

// assignProposal gives a task the import proposed a lead unit: it becomes a
// task of the draft.
func (s *server) assignProposal(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	id := r.PathValue("id")
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 {
		return kehoach.Errorf(kehoach.ENOTFOUND, "Không tìm thấy nhiệm vụ đề xuất.")
	}
	if err := r.ParseForm(); err != nil {
		return kehoach.Errorf(kehoach.EINVALID, "Dữ liệu không hợp lệ.")
	}
	err = s.Ops.AssignProposal(r.Context(), a, id, n, r.PostFormValue("text"), r.PostFormValue("leadUnitId"), r.PostForm["supportUnitIds"])
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+id+"#tasks", http.StatusSeeOther)
	return nil
}
