package planimport

import (
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/orgmatch"
)

// UnitCandidates returns the units of the agency (the agency itself
// excluded) as candidates for matching, in tree order. Only units whose
// name holds today are offered: a task is given to a unit as it is now.
func UnitCandidates(tree *kehoach.OrgTree, agencyID string) []orgmatch.Candidate {
	agency := tree.Unit(agencyID)
	if agency == nil {
		return nil
	}
	now := time.Now()
	var out []orgmatch.Candidate
	var walk func(id string)
	walk = func(id string) {
		for _, u := range tree.Children(id) {
			if u.ValidAt(now) {
				out = append(out, orgmatch.Candidate{ID: u.ID, Name: u.Name, Abbrev: u.Abbrev, ParentName: agency.Name})
			}
			walk(u.ID)
		}
	}
	walk(agencyID)
	return out
}

// MatchUnits sets the lead and supporting units of the plan's proposed
// tasks whose names match one unit surely enough ([orgmatch.Best]). A task
// that already has units chosen is left alone, and so is a name that does
// not match: collective names such as "Trưởng các phòng thuộc Sở" address
// every division at once and are left for the Office to decide.
func MatchUnits(p *kehoach.Plan, cands []orgmatch.Candidate) {
	for i := range p.Tasks {
		t := &p.Tasks[i]
		if t.LeadUnitID != "" || len(t.SupportUnitIDs) > 0 {
			continue
		}
		if t.Lead != nil {
			if m, ok := orgmatch.Best(*t.Lead, cands); ok {
				t.LeadUnitID = m.Candidate.ID
			}
		}
		for _, name := range t.Support {
			if m, ok := orgmatch.Best(name, cands); ok && m.Candidate.ID != t.LeadUnitID {
				t.SupportUnitIDs = appendNew(t.SupportUnitIDs, m.Candidate.ID)
			}
		}
	}
}

func appendNew(list []string, id string) []string {
	for _, x := range list {
		if x == id {
			return list
		}
	}
	return append(list, id)
}
