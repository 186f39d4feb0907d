package ops

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/vntext"
)

// Search limits: the length of the query in characters and the results shown.
const (
	SearchQueryMax   = 200
	SearchResultsMax = 50
	// searchCandidates is how many matching rows are read before the
	// rights filter keeps those the reader may see.
	searchCandidates = 1000
)

// SearchResult is one thing found; the JSON names are the API's.
type SearchResult struct {
	// Kind is plan, task, obstacle, person or unit.
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
	PlanID  string `json:"planId"`
	Link    string `json:"link"`
}

// SearchResults is the answer to a search.
type SearchResults struct {
	Query   string         `json:"query"`
	Results []SearchResult `json:"results"`
}

// Search finds plans, tasks, obstacles, people and units whose words start
// with every word of q, without regard to case, tones or other diacritics
// (đ is d): those matching in their title first, then the newest; at most
// [SearchResultsMax], and only what a may read.
func (s *Service) Search(ctx context.Context, a *kehoach.Actor, q string) (*SearchResults, error) {
	q = strings.TrimSpace(q)
	if n := utf8.RuneCountInString(q); n == 0 || n > SearchQueryMax {
		return nil, Problems{"q": "Nhập từ 1 đến 200 ký tự để tìm."}.Err()
	}
	out := &SearchResults{Query: q, Results: []SearchResult{}}
	terms := sqlstore.SearchWords(q)
	if len(terms) == 0 {
		return out, nil
	}
	hits, err := s.store.Search(ctx, terms, searchCandidates)
	if err != nil {
		return nil, err
	}
	see := searchRights{a: a}
	for i, h := range hits {
		if len(out.Results) == SearchResultsMax {
			break
		}
		if i%searchBatch == 0 {
			// The rows the rights need, for the next batch of hits at once.
			if see.rows, err = s.searchSubjects(ctx, hits[i:min(len(hits), i+searchBatch)]); err != nil {
				return nil, err
			}
		}
		link, ok := see.may(h)
		if !ok {
			continue
		}
		out.Results = append(out.Results, SearchResult{
			Kind: h.Kind, ID: h.ID, Title: h.Title, Snippet: snippet(h.Body, terms), PlanID: h.PlanID, Link: link,
		})
	}
	return out, nil
}

// searchBatch is how many hits' rows are read together.
const searchBatch = 100

// searchSubjects reads the plans, tasks and obstacles of hits, one query
// per kind.
func (s *Service) searchSubjects(ctx context.Context, hits []sqlstore.SearchHit) (*sqlstore.SearchSubjects, error) {
	var plans, tasks, obstacles []string
	for _, h := range hits {
		switch h.Kind {
		case "plan":
			plans = append(plans, h.ID)
		case "task":
			plans, tasks = append(plans, h.PlanID), append(tasks, h.ID)
		case "obstacle":
			obstacles = append(obstacles, h.ID)
		}
	}
	return s.store.FindSearchSubjects(ctx, plans, tasks, obstacles)
}

// searchRights decides, with the actor's rights, whether a hit is shown and
// where it links to.
type searchRights struct {
	a    *kehoach.Actor
	rows *sqlstore.SearchSubjects
}

func (r *searchRights) may(h sqlstore.SearchHit) (link string, ok bool) {
	a := r.a
	switch h.Kind {
	case "plan":
		p := r.rows.Plans[h.ID]
		return "/plans/" + h.ID, p != nil && a.CanReadPlan(p)
	case "task":
		p, t := r.rows.Plans[h.PlanID], r.rows.Tasks[h.ID]
		return "/plans/" + h.PlanID + "#tasks", p != nil && t != nil && a.CanFindTask(p, t)
	case "obstacle":
		o := r.rows.Obstacles[h.ID]
		return "/obstacles/" + h.ID, o != nil && a.CanSeeObstacle(o)
	case "person":
		if !a.CanReadPeople() {
			return "", false
		}
		if a.CanAdminister() {
			return "/people/" + h.ID, true
		}
		return "/people", true
	case "unit":
		return "/org", a.CanSeeOrganisation()
	}
	return "", false
}

// snippet returns up to about 160 characters of text around the first
// place a term starts a word, or its beginning.
func snippet(text string, terms []string) string {
	const width = 160
	rs := []rune(strings.Join(strings.Fields(text), " "))
	if len(rs) <= width {
		return string(rs)
	}
	// Fold rune by rune so that positions stay those of the text.
	folded := make([]rune, len(rs))
	for i, r := range rs {
		f := []rune(vntext.Fold(string(r)))
		folded[i] = r
		if len(f) == 1 {
			folded[i] = f[0]
		}
	}
	at := -1
	for _, t := range terms {
		tr := []rune(t)
		for i := 0; i+len(tr) <= len(folded); i++ {
			if (i == 0 || folded[i-1] == ' ') && string(folded[i:i+len(tr)]) == t {
				if at < 0 || i < at {
					at = i
				}
				break
			}
		}
	}
	start := max(0, at-width/3)
	// Begin at a word.
	for start > 0 && start < at && rs[start-1] != ' ' {
		start++
	}
	end := min(len(rs), start+width)
	s := string(rs[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(rs) {
		s += "…"
	}
	return s
}
