package web

import (
	"net/http"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// searchPage is what the search page shows: the query as typed, what was
// found (nil before a search) and the problem with the query.
type searchPage struct {
	Query   string
	Found   *ops.SearchResults
	Problem string
}

func (s *server) search(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	d := searchPage{Query: r.URL.Query().Get("q")}
	title := Translate(langOf(r), "Tìm kiếm")
	if strings.TrimSpace(d.Query) == "" && !r.URL.Query().Has("q") {
		return s.show(w, r, "search", title, d)
	}
	found, err := s.Ops.Search(r.Context(), a, d.Query)
	if err == nil {
		d.Found = found
		return s.show(w, r, "search", title, d)
	}
	problems := map[string]string{}
	if err := addProblems(problems, err); err != nil {
		return err
	}
	s.translateProblems(r, problems)
	d.Problem = problems["q"]
	s.render(w, r, http.StatusBadRequest, "search", s.newPage(r, title, d))
	return nil
}
