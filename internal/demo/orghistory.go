package demo

import (
	"context"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// The successor agency and superior of the 2025 reorganisation: Sở Giao
// thông vận tải merged into Sở Xây dựng on 1 March 2025, and the children's
// work of Sở Lao động - Thương binh và Xã hội moved to Sở Y tế.
const (
	UnitConstruction = "u-sxd"
	UnitHealth       = "u-syt"
	// OfficeSuccessor is the Office account of the successor agency.
	OfficeSuccessor = "vanphong.sxd"
)

// Successions lists the demo organisation's successor links.
func Successions() []kehoach.Succession {
	return append([]kehoach.Succession(nil), organisation.Successions...)
}

// loadSuccessions records the 2025 reorganisation.
func loadSuccessions(ctx context.Context, svc *ops.Service, sys *kehoach.Actor) error {
	byUnit := map[string][]ops.SuccessorInput{}
	var order []string
	for _, s := range organisation.Successions {
		if _, ok := byUnit[s.UnitID]; !ok {
			order = append(order, s.UnitID)
		}
		byUnit[s.UnitID] = append(byUnit[s.UnitID], ops.SuccessorInput{SuccessorID: s.SuccessorID, Kind: s.Kind, OnDate: s.OnDate, Note: s.Note})
	}
	for _, id := range order {
		if _, err := svc.SetSuccessors(ctx, sys, id, ops.SuccessorsInput{Successors: byUnit[id]}); err != nil {
			return err
		}
	}
	return nil
}

// loadCurrentYear makes, through next year's copy, the successor agency's
// draft of the campaign for the current year, so that the demo shows work
// being prepared now and not only the replayed 2023. The Office of the
// successor makes it, so the 2023 agency's accounts see only their own
// plans. Nothing is made when the service's clock is still in the seed's
// year (tests that replay 2023).
func loadCurrentYear(ctx context.Context, svc *ops.Service, seed *kehoach.Plan, year int) error {
	if seed.Year == nil || year <= *seed.Year {
		return nil
	}
	office, err := svc.ActAs(ctx, OfficeSuccessor)
	if err != nil {
		return err
	}
	_, err = svc.NextYear(ctx, office, seed.ID, ops.NextYearInput{Year: &year})
	return err
}
