package docparse

import (
	"sort"
	"strings"
)

// namedUnitPattern finds a unit an activity names: the agency's website,
// one of its offices or divisions by name, or its divisions and units
// together. Every match starts with one of namedUnitStarts.
const namedUnitPattern = `(?:Trang|Cổng) thông tin điện tử(?: của (?:Sở|Bộ|Cục|UBND|Ủy ban nhân dân)(?: tỉnh| huyện| thành phố| xã)?(?: [\p{Lu}][\p{L}]*)*)?` +
	`|(?:Văn phòng|Thanh tra|Chi đoàn(?: thanh niên)?|Công đoàn|Đoàn Thanh niên|Ban Giám đốc|Chi bộ) (?:Sở|Bộ|Cục|[\p{Lu}][\p{L}]*)(?: [\p{Lu}][\p{L}]*)*` +
	`|(?:Phòng|Trung tâm) [\p{Lu}][^,;.():]{2,60}?(?:$|[,;.():]|\s(?:và|về|trên|tại|để|trong|theo|chủ trì|phối hợp|thực hiện|tổ chức)\s)` +
	`|(?i:các phòng, đơn vị)(?: (?:thuộc và trực thuộc|thuộc|trực thuộc) Sở)?`

// reNamedUnitAt is namedUnitPattern anchored at the start of the text.
var reNamedUnitAt = lazyRE(`^(?:` + namedUnitPattern + `)`)

// namedUnitStarts are the words a match of namedUnitPattern starts with,
// as written (the last one in any case).
var namedUnitStarts = []string{"Trang", "Cổng", "Văn phòng", "Thanh tra", "Chi đoàn", "Công đoàn", "Đoàn Thanh niên", "Ban Giám đốc", "Chi bộ", "Phòng", "Trung tâm"}

const namedUnitsAll = "các phòng, đơn vị"

// mayStartNamedUnit reports whether a match of namedUnitPattern may start
// at byte i of text.
func mayStartNamedUnit(text string, i int) bool {
	switch text[i] {
	case 'T', 'C', 'V', 'B', 'P', 'c', 0xC4: // 0xC4 starts "Đ"
	default:
		return false
	}
	for _, w := range namedUnitStarts {
		if strings.HasPrefix(text[i:], w) {
			return true
		}
	}
	// The letters of namedUnitsAll have the same length in either case.
	return len(text)-i >= len(namedUnitsAll) && strings.EqualFold(text[i:i+len(namedUnitsAll)], namedUnitsAll)
}

// namedUnits calls fn with the start and end of each match of
// namedUnitPattern in text, as regexp's FindAllStringIndex finds them (the
// leftmost match, then the next one after its end), until fn returns
// false. The pattern is tried only where a match may start.
func namedUnits(text string, fn func(start, end int) bool) {
	for i := 0; i < len(text); i++ {
		if !mayStartNamedUnit(text, i) {
			continue
		}
		loc := reNamedUnitAt.FindStringIndex(text[i:])
		if loc == nil {
			continue
		}
		if !fn(i, i+loc[1]) {
			return
		}
		i += loc[1] - 1
	}
}

// namedUnit returns the first unit an activity's text names, or "".
// A unit named as the place of an event ("tại Trung tâm …") is not taken.
func namedUnit(text string) string {
	m := ""
	namedUnits(text, func(start, end int) bool {
		before := fold(strings.TrimSpace(text[max(0, start-8):start]))
		if strings.HasSuffix(before, " tai") || before == "tai" || strings.HasSuffix(before, " o") {
			return true
		}
		m = text[start:end]
		return false
	})
	m = strings.TrimSpace(strings.TrimRight(m, ",;.():"))
	for _, w := range []string{" và", " về", " trên", " tại", " để", " trong", " theo", " chủ trì", " phối hợp", " thực hiện", " tổ chức"} {
		m = strings.TrimSuffix(m, w)
	}
	if m == "" {
		return ""
	}
	return strings.ToUpper(m[:1]) + m[1:]
}

// readActivities proposes a task for each item of the activities sections,
// unless a task table already lists the plan's tasks. Its lead is the body
// the item names as its subject, else the unit it names ("Trang thông tin
// điện tử của Sở"), else none: the Office chooses. The tasks are then put
// in the order of the sections.
func (a *analysis) readActivities() {
	if !planTypes[a.doc.Type] || a.tableTasks {
		return
	}
	for _, s := range a.sections {
		if s.kind != "activities" {
			continue
		}
		for _, n := range s.items {
			text := n.text()
			if text == "" {
				continue
			}
			where := s.label + "." + n.label
			actors := dutySubject(text)
			if len(actors) == 0 {
				if u := namedUnit(text); u != "" {
					actors = []string{u}
				}
			}
			a.addTask(text, actors, where)
			// The date of an event the activity names is when it takes
			// place, not a deadline: the task runs over the period.
			t := &a.doc.Tasks[len(a.doc.Tasks)-1]
			for _, ev := range a.doc.Events {
				if t.Due != nil && ev.Date != nil && *t.Due == *ev.Date {
					t.Due = nil
					if a.doc.Period != nil {
						t.Due = strp(a.doc.Period.Text)
					}
				}
			}
		}
	}
	order := map[string]int{}
	for k, s := range a.sections {
		order[s.label] = k
	}
	rank := func(t Task) int {
		label, _, _ := strings.Cut(t.Section, ".")
		if k, ok := order[label]; ok {
			return k
		}
		return len(a.sections)
	}
	sort.SliceStable(a.doc.Tasks, func(i, j int) bool { return rank(a.doc.Tasks[i]) < rank(a.doc.Tasks[j]) })
}
