package ops

import (
	"context"
	"strconv"

	"github.com/kehoach/kehoach"
)

// PlanQuery selects a page of plans, as the API's query string gives it:
// every field may be empty.
type PlanQuery struct {
	Status string
	// Limit is 1 to 1000 (default 100); Offset is 0 or more.
	Limit, Offset string
}

// PlanPage is a page of the plans an actor may read, and how many there
// are in all.
type PlanPage struct {
	Plans []*kehoach.Plan `json:"plans"`
	Total int             `json:"total"`
}

// PlanList returns the page of plans q selects among those a may read,
// newest first.
func (s *Service) PlanList(ctx context.Context, a *kehoach.Actor, q PlanQuery) (*PlanPage, error) {
	pr := Problems{}
	var f kehoach.PlanFilter
	if q.Status != "" {
		st := kehoach.PlanStatus(q.Status)
		if !st.Valid() {
			pr.Add("status", "Trạng thái không hợp lệ: "+q.Status+".")
		}
		f.Status = &st
	}
	limit, offset := 100, 0
	if q.Limit != "" {
		n, err := strconv.Atoi(q.Limit)
		if err != nil || n < 1 || n > 1000 {
			pr.Add("limit", "limit phải là số từ 1 đến 1000.")
		}
		limit = n
	}
	if q.Offset != "" {
		n, err := strconv.Atoi(q.Offset)
		if err != nil || n < 0 {
			pr.Add("offset", "offset phải là số không âm.")
		}
		offset = n
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	all, err := s.Plans(ctx, a, f)
	if err != nil {
		return nil, err
	}
	page := &PlanPage{Plans: []*kehoach.Plan{}, Total: len(all)}
	if offset < len(all) {
		page.Plans = append(page.Plans, all[offset:min(len(all), offset+limit)]...)
	}
	return page, nil
}
