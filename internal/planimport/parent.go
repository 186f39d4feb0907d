package planimport

import (
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/orgmatch"
)

// ProposeParent returns the plan among plans that p implements: the first
// basis of p ("Thực hiện Kế hoạch số 115/KH-UBND ngày 28/4/2023 của UBND
// tỉnh …", "Căn cứ …") whose number and symbol are those of a plan, whose
// date, when both give one, is the plan's date, and whose issuer, when the
// basis names one, matches the plan's issuer or agency. It returns nil when
// no basis names a plan present, or when two plans fit the same basis.
func ProposeParent(p *kehoach.Plan, plans []*kehoach.Plan, tree *kehoach.OrgTree) *kehoach.Plan {
	for _, b := range p.Basis {
		if b.Number == nil || b.Symbol == nil {
			continue
		}
		var found *kehoach.Plan
		for _, c := range plans {
			if c.ID == p.ID || !basisNames(b, c, tree) {
				continue
			}
			if found != nil {
				found = nil
				break
			}
			found = c
		}
		if found != nil {
			return found
		}
	}
	return nil
}

// basisNames reports whether basis b refers to plan c.
func basisNames(b kehoach.Basis, c *kehoach.Plan, tree *kehoach.OrgTree) bool {
	same := func(x string, y *string) bool {
		return y != nil && strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(*y))
	}
	if !same(*b.Number, c.Number) || !same(*b.Symbol, c.Symbol) {
		return false
	}
	if b.Date != nil && c.Date != nil && *b.Date != *c.Date {
		return false
	}
	if b.Issuer == nil || strings.TrimSpace(*b.Issuer) == "" {
		return true
	}
	var cands []orgmatch.Candidate
	if c.Issuer != nil {
		cands = append(cands, orgmatch.Candidate{ID: "issuer", Name: *c.Issuer})
	}
	if u := tree.Unit(c.AgencyID); u != nil {
		cands = append(cands, orgmatch.Candidate{ID: u.ID, Name: u.Name, Abbrev: u.Abbrev})
	}
	for _, m := range orgmatch.Rank(*b.Issuer, cands, 0) {
		if m.Score >= orgmatch.Threshold {
			return true
		}
	}
	return false
}

// ExpectedAgencies returns the agencies of the tree that plan p is sent to
// (its "Nơi nhận" lines matched surely enough to a unit of kind agency), in
// the order of the lines, each once: the agencies expected to implement
// it.
func ExpectedAgencies(p *kehoach.Plan, tree *kehoach.OrgTree) []*kehoach.OrgUnit {
	var cands []orgmatch.Candidate
	for _, u := range tree.Units() {
		if u.Kind == kehoach.UnitAgency && u.ID != p.AgencyID {
			cands = append(cands, orgmatch.Candidate{ID: u.ID, Name: u.Name, Abbrev: u.Abbrev})
		}
	}
	// A name written as the agency is named needs no fuzzy matching.
	exact := map[string]string{}
	for _, c := range cands {
		if _, dup := exact[c.Name]; dup {
			exact[c.Name] = ""
		} else {
			exact[c.Name] = c.ID
		}
	}
	var out []*kehoach.OrgUnit
	seen := map[string]bool{}
	for _, name := range p.Recipients {
		id := exact[name]
		if id == "" {
			m, ok := orgmatch.Best(name, cands)
			if !ok {
				continue
			}
			id = m.Candidate.ID
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, tree.Unit(id))
	}
	return out
}
