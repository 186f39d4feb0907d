package kehoach

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// SuccessionKind is how a unit passed its work on.
type SuccessionKind string

// The kinds of succession.
const (
	SuccessionMerger SuccessionKind = "merger" // sáp nhập: the unit joins its successor
	SuccessionSplit  SuccessionKind = "split"  // chia tách: its work goes to several units
	SuccessionRename SuccessionKind = "rename" // đổi tên: the same body under a new name
)

// SuccessionKinds lists the kinds in display order.
var SuccessionKinds = []SuccessionKind{SuccessionMerger, SuccessionSplit, SuccessionRename}

// Valid reports whether k is a known kind.
func (k SuccessionKind) Valid() bool { return slices.Contains(SuccessionKinds, k) }

// Succession says that a unit's work passed to a successor on a date: a
// merger names one successor (several units may merge into it), a split
// several. From OnDate the unit no longer exists, whatever its validity
// period says.
type Succession struct {
	UnitID      string         `json:"unitId"`
	SuccessorID string         `json:"successorId"`
	Kind        SuccessionKind `json:"kind"`
	// OnDate is the first day of the successor's responsibility, YYYY-MM-DD.
	OnDate string `json:"onDate"`
	Note   string `json:"note"`
}

// ValidateSuccessions checks the successors of unit id against the tree:
// every successor exists, is not the unit itself, appears once, and the
// links do not lead back to the unit. Problems are named
// "successors[i].field".
func ValidateSuccessions(t *OrgTree, id string, list []Succession) error {
	f := problems{}
	seen := map[string]bool{}
	for i, s := range list {
		key := func(field string) string { return "successors[" + strconv.Itoa(i) + "]." + field }
		switch {
		case s.SuccessorID == "" || t.Unit(s.SuccessorID) == nil:
			f[key("successorId")] = "Đơn vị kế thừa không tồn tại."
		case s.SuccessorID == id:
			f[key("successorId")] = "Đơn vị không thể kế thừa chính nó."
		case seen[s.SuccessorID]:
			f[key("successorId")] = "Đơn vị kế thừa bị lặp."
		case t.leadsTo(s.SuccessorID, id):
			f[key("successorId")] = "Đơn vị kế thừa lại là tiền thân của đơn vị này."
		}
		seen[s.SuccessorID] = true
		if !s.Kind.Valid() {
			f[key("kind")] = "Hình thức không hợp lệ (merger, split, rename)."
		}
		if _, err := time.Parse(time.DateOnly, s.OnDate); err != nil {
			f[key("onDate")] = "Ngày không hợp lệ (định dạng YYYY-MM-DD)."
		}
		f.maxLen(key("note"), strings.TrimSpace(s.Note), 500, "Ghi chú dài quá 500 ký tự.")
	}
	return f.err()
}

// WithSuccessions returns the tree with the successor links added.
func (t *OrgTree) WithSuccessions(list []Succession) *OrgTree {
	t.succ, t.pred = map[string][]Succession{}, map[string][]Succession{}
	for _, s := range list {
		t.succ[s.UnitID] = append(t.succ[s.UnitID], s)
		t.pred[s.SuccessorID] = append(t.pred[s.SuccessorID], s)
	}
	return t
}

// Successions returns the links from unit id to its successors.
func (t *OrgTree) Successions(id string) []Succession { return t.succ[id] }

// Predecessions returns the links from the units unit id succeeded.
func (t *OrgTree) Predecessions(id string) []Succession { return t.pred[id] }

// leadsTo reports whether following successor links from id reaches to.
func (t *OrgTree) leadsTo(id, to string) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(u string) bool {
		if u == to {
			return true
		}
		if seen[u] {
			return false
		}
		seen[u] = true
		for _, s := range t.succ[u] {
			if walk(s.SuccessorID) {
				return true
			}
		}
		return false
	}
	return walk(id)
}

// dayOf returns the calendar day of t in Vietnam, YYYY-MM-DD.
func dayOf(t time.Time) string { return t.In(Zone).Format(time.DateOnly) }

// ExistsOn reports whether unit id exists on the day: its validity period
// holds then and no successor took over on or before it.
func (t *OrgTree) ExistsOn(id string, day time.Time) bool {
	u := t.byID[id]
	if u == nil {
		return false
	}
	d := dayOf(day)
	if u.ValidFrom != nil && d < u.ValidFrom.Format(time.DateOnly) {
		return false
	}
	if u.ValidTo != nil && d > u.ValidTo.Format(time.DateOnly) {
		return false
	}
	for _, s := range t.succ[id] {
		if s.OnDate <= d {
			return false
		}
	}
	return true
}

// SuccessorsOn returns the units that carry unit id's work on the day: the
// unit itself while it exists, else the successors that exist then,
// following chains of successions that took effect by that day. It returns
// nothing when the work went nowhere.
func (t *OrgTree) SuccessorsOn(id string, day time.Time) []*OrgUnit {
	if t.ExistsOn(id, day) {
		return []*OrgUnit{t.byID[id]}
	}
	d := dayOf(day)
	var out []*OrgUnit
	seen := map[string]bool{id: true}
	var walk func(string)
	walk = func(u string) {
		for _, s := range t.succ[u] {
			if s.OnDate > d || seen[s.SuccessorID] {
				continue
			}
			seen[s.SuccessorID] = true
			if t.ExistsOn(s.SuccessorID, day) {
				out = append(out, t.byID[s.SuccessorID])
			} else {
				walk(s.SuccessorID)
			}
		}
	}
	walk(id)
	return out
}

// On returns the tree of the units that exist on the day; a unit whose
// parent did not exist then is shown at the top.
func (t *OrgTree) On(day time.Time) *OrgTree {
	var units []*OrgUnit
	for _, u := range t.units {
		if t.ExistsOn(u.ID, day) {
			c := *u
			if c.ParentID != "" && !t.ExistsOn(c.ParentID, day) {
				c.ParentID = ""
			}
			units = append(units, &c)
		}
	}
	var links []Succession
	for _, l := range t.succ {
		links = append(links, l...)
	}
	return NewOrgTree(units).WithSuccessions(links)
}

// predecessorOf reports whether unit from is a predecessor of unit to:
// following successor links from it reaches to.
func (t *OrgTree) predecessorOf(from, to string) bool {
	return from != to && t.leadsTo(from, to)
}
