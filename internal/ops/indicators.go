package ops

import (
	"context"
	"strings"

	"github.com/kehoach/kehoach"
)

// Indicators returns the indicator catalogue; anyone logged in reads it.
func (s *Service) Indicators(ctx context.Context, a *kehoach.Actor) ([]kehoach.Indicator, error) {
	if a == nil {
		return nil, Forbidden()
	}
	inds, err := s.store.FindIndicators(ctx)
	if inds == nil {
		inds = []kehoach.Indicator{}
	}
	return inds, err
}

// Catalogue is the indicator catalogue as its page shows it to a.
type Catalogue struct {
	Indicators []kehoach.Indicator
	// CanEdit tells whether a may add and change entries.
	CanEdit bool
}

// Catalogue returns the indicator catalogue page.
func (s *Service) Catalogue(ctx context.Context, a *kehoach.Actor) (*Catalogue, error) {
	inds, err := s.Indicators(ctx, a)
	if err != nil {
		return nil, err
	}
	return &Catalogue{Indicators: inds, CanEdit: a.CanAdminister()}, nil
}

// IndicatorInput is a catalogue entry to add or change (by code).
type IndicatorInput struct {
	kehoach.Indicator
	// MinText is the lower bound as typed on a form (read by [ReadNumber]); when not blank it replaces Min.
	MinText string `json:"-"`
}

// SaveIndicator adds a catalogue entry or changes one, and returns it as
// stored; administrators only.
func (s *Service) SaveIndicator(ctx context.Context, a *kehoach.Actor, in IndicatorInput) (*kehoach.Indicator, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	ind := in.Indicator
	ind.Code, ind.Name, ind.Unit = strings.TrimSpace(ind.Code), strings.TrimSpace(ind.Name), strings.TrimSpace(ind.Unit)
	pr := Problems{}
	if t := strings.TrimSpace(in.MinText); t != "" {
		v, _, err := ReadNumber(t, !in.Decimal)
		if err != nil {
			pr.Add("min", "Giới hạn dưới phải là số.")
		}
		ind.Min = v
	}
	if err := ind.Validate(); err != nil {
		for k, msg := range kehoach.ErrorFields(err) {
			pr.Add(k, msg)
		}
		if len(kehoach.ErrorFields(err)) == 0 {
			return nil, err
		}
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	if err := s.commit(s.store.SaveIndicator(as(ctx, a), ind)); err != nil {
		return nil, err
	}
	inds, err := s.store.FindIndicators(ctx)
	if err != nil {
		return nil, err
	}
	return kehoach.IndicatorByCode(inds, ind.Code), nil
}

// EnsureIndicators adds the entries of list missing from the catalogue, as
// the demo and a new installation do; administrators only.
func (s *Service) EnsureIndicators(ctx context.Context, a *kehoach.Actor, list []kehoach.Indicator) error {
	if err := cleanInput(&list); err != nil {
		return err
	}
	if !a.CanAdminister() {
		return Forbidden()
	}
	return s.commit(s.store.EnsureIndicators(as(ctx, a), list))
}
