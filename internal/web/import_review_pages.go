package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// A review shows one page of the proposed tasks and one page of the source
// at a time, so that a long document gives a page of bounded size; the
// form carries the page's tasks, and the corrections of the other pages
// are those kept on the server.
const (
	importTaskPage   = 50
	importSourcePage = 400
	importWarnShown  = 100
)

// importPages is the page of a review being shown.
type importPages struct {
	source []string // every line of the source

	// TaskFrom and TaskTo bound the tasks on the page (indexes, TaskTo
	// excluded); SrcFrom is the index of the first source line shown.
	TaskFrom, TaskTo, SrcFrom int
	// Lines are the source lines of the page with their warnings.
	Lines []importSourceLine
	// LineCount is the number of lines of the whole source.
	LineCount int
	// ProblemTasks are the numbers (from 1) of tasks on other pages that
	// have a problem.
	ProblemTasks []importPageLink
	// WarnMore is how many warnings are not listed.
	WarnMore int
	// Other are the problems that name no field of the form.
	Other []string
}

// importPageLink names a task or a page of the review and where it is.
type importPageLink struct {
	N    int
	Href string
}

// importReviewOf is the review of d as kept: the parse with the units
// matched and the corrections kept so far.
func importReviewOf(d *ops.ImportDraft, a *kehoach.Actor) *importReview {
	rv := newImportReview(d.Doc, strings.Split(d.Source, "\n"), a)
	rv.DraftID, rv.SourceName, rv.Format = d.ID, d.SourceName, d.Format
	rv.Plans = d.Plans
	if e := d.Edits; e != nil {
		rv.Fields, rv.Basis = e.Fields, e.Basis
		for i, t := range e.Tasks {
			if i < len(rv.Tasks) {
				rt := &rv.Tasks[i]
				rt.LeadUnitID, rt.SupportIDs, rt.Due, rt.Skip = t.LeadUnitID, t.SupportIDs, t.Due, t.Skip
			}
		}
	}
	return rv
}

// pageAt chooses the page of tasks that starts at task index taskFrom and
// the page of the source that starts at line index srcFrom (each rounded
// down to a page and kept within the document).
func (rv *importReview) pageAt(taskFrom, srcFrom int) {
	clamp := func(n, size, total int) int {
		if n >= total {
			n = total - 1
		}
		if n < 0 {
			n = 0
		}
		return n / size * size
	}
	rv.TaskFrom = clamp(taskFrom, importTaskPage, len(rv.Tasks))
	rv.TaskTo = min(rv.TaskFrom+importTaskPage, len(rv.Tasks))
	rv.SrcFrom = clamp(srcFrom, importSourcePage, len(rv.source))
	rv.LineCount = len(rv.source)
	to := min(rv.SrcFrom+importSourcePage, len(rv.source))
	for i := rv.SrcFrom; i < to; i++ {
		rv.Lines = append(rv.Lines, importSourceLine{N: i + 1, Text: rv.source[i]})
	}
	for _, w := range rv.Placed {
		if w.Line > rv.SrcFrom && w.Line <= to {
			l := &rv.Lines[w.Line-1-rv.SrcFrom]
			l.Warnings = append(l.Warnings, w.Warning)
		}
	}
	if len(rv.Placed) > importWarnShown {
		rv.WarnMore = len(rv.Placed) - importWarnShown
		rv.Placed = rv.Placed[:importWarnShown]
	}
}

// PageTasks are the tasks on the page.
func (rv *importReview) PageTasks() []importTask { return rv.Tasks[rv.TaskFrom:rv.TaskTo] }

// href is the address of the review showing the task page that holds task
// index task and the source page that holds line index line.
func (rv *importReview) href(task, line int) string {
	return fmt.Sprintf("/plans/import/review/%s?tasks=%d&src=%d", rv.DraftID,
		task/importTaskPage*importTaskPage, line/importSourcePage*importSourcePage)
}

// LineHref is the address of source line n (from 1).
func (rv *importReview) LineHref(n int) string {
	return rv.href(rv.TaskFrom, n-1) + "#L" + strconv.Itoa(n)
}

// TaskPages are the links to every page of tasks, when there are several.
func (rv *importReview) TaskPages() []importPageLink {
	return rv.pageLinks(len(rv.Tasks), importTaskPage, func(i int) string { return rv.href(i, rv.SrcFrom) + "#tasks" })
}

// SourcePages are the links to every page of the source, when there are
// several.
func (rv *importReview) SourcePages() []importPageLink {
	return rv.pageLinks(len(rv.source), importSourcePage, func(i int) string { return rv.href(rv.TaskFrom, i) + "#source" })
}

func (rv *importReview) pageLinks(total, size int, href func(int) string) []importPageLink {
	if total <= size {
		return nil
	}
	var out []importPageLink
	for i := 0; i < total; i += size {
		out = append(out, importPageLink{N: i + 1, Href: href(i)})
	}
	return out
}

// importFormFields are the fields of the review form that show their own
// problem.
var importFormFields = map[string]bool{"form": true, "title": true, "issuer": true, "number": true, "symbol": true, "place": true, "date": true,
	"year": true, "periodStart": true, "periodEnd": true, "periodText": true, "reportTo": true, "recipients": true,
	"signerAuthority": true, "signerTitle": true, "signerName": true}

// problemTasks lists the tasks of other pages that have a problem, and the
// problems that name no field of the form.
func (rv *importReview) problemTasks() {
	seen := map[int]bool{}
	for k, msg := range rv.Problems {
		rest, ok := strings.CutPrefix(k, "task.")
		if !ok {
			if !importFormFields[k] {
				rv.Other = append(rv.Other, msg)
			}
			continue
		}
		n, err := strconv.Atoi(rest[:strings.IndexByte(rest+".", '.')])
		if err != nil || (n >= rv.TaskFrom && n < rv.TaskTo) || seen[n] {
			continue
		}
		seen[n] = true
		rv.ProblemTasks = append(rv.ProblemTasks, importPageLink{N: n + 1, Href: rv.href(n, rv.SrcFrom) + "#task-" + strconv.Itoa(n)})
	}
	sort.Strings(rv.Other)
	sort.Slice(rv.ProblemTasks, func(i, j int) bool { return rv.ProblemTasks[i].N < rv.ProblemTasks[j].N })
}

func queryInt(r *http.Request, key string) int {
	n, _ := strconv.Atoi(r.URL.Query().Get(key))
	return n
}

func formInt(r *http.Request, key string) int {
	n, _ := strconv.Atoi(r.PostFormValue(key))
	return n
}
