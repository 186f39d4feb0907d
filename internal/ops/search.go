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
	see := searchRights{s: s, a: a, ctx: ctx, plans: map[string]*kehoach.Plan{}}
	for _, h := range hits {
		if len(out.Results) == SearchResultsMax {
			break
		}
		link, ok, err := see.may(h)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		out.Results = append(out.Results, SearchResult{
			Kind: h.Kind, ID: h.ID, Title: h.Title, Snippet: snippet(h.Body, terms), PlanID: h.PlanID, Link: link,
		})
	}
	return out, nil
}

// searchRights decides, with the actor's rights, whether a hit is shown and
// where it links to.
type searchRights struct {
	s     *Service
	a     *kehoach.Actor
	ctx   context.Context
	plans map[string]*kehoach.Plan
}

// plan returns the plan id, nil when it is gone.
func (r *searchRights) plan(id string) (*kehoach.Plan, error) {
	if p, ok := r.plans[id]; ok {
		return p, nil
	}
	p, err := r.s.store.FindPlanByID(r.ctx, id)
	if gone(err) {
		p, err = nil, nil
	}
	r.plans[id] = p
	return p, err
}

// gone reports whether err says the row is no longer there.
func gone(err error) bool { return kehoach.ErrorCode(err) == kehoach.ENOTFOUND }

func (r *searchRights) may(h sqlstore.SearchHit) (link string, ok bool, err error) {
	a := r.a
	switch h.Kind {
	case "plan":
		p, err := r.plan(h.ID)
		return "/plans/" + h.ID, p != nil && a.CanReadPlan(p), err
	case "task":
		p, err := r.plan(h.PlanID)
		if err != nil || p == nil {
			return "", false, err
		}
		t, err := r.s.store.FindTaskByID(r.ctx, h.ID)
		if gone(err) {
			return "", false, nil
		}
		return "/plans/" + h.PlanID + "#tasks", err == nil && a.CanFindTask(p, t), err
	case "obstacle":
		o, err := r.s.store.FindObstacleByID(r.ctx, h.ID)
		if gone(err) {
			return "", false, nil
		}
		return "/obstacles/" + h.ID, err == nil && a.CanSeeObstacle(o), err
	case "person":
		if !a.CanReadPeople() {
			return "", false, nil
		}
		if a.CanAdminister() {
			return "/people/" + h.ID, true, nil
		}
		return "/people", true, nil
	case "unit":
		return "/org", a.CanSeeOrganisation(), nil
	}
	return "", false, nil
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
