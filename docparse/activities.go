package docparse

import (
	"sort"
	"strings"
)

// reNamedUnit finds a unit an activity names: the agency's website, one of
// its offices or divisions by name, or its divisions and units together.
var reNamedUnit = lazyRE(`(?:Trang|Cổng) thông tin điện tử(?: của (?:Sở|Bộ|Cục|UBND|Ủy ban nhân dân)(?: tỉnh| huyện| thành phố| xã)?(?: [\p{Lu}][\p{L}]*)*)?` +
	`|(?:Văn phòng|Thanh tra|Chi đoàn(?: thanh niên)?|Công đoàn|Đoàn Thanh niên|Ban Giám đốc|Chi bộ) (?:Sở|Bộ|Cục|[\p{Lu}][\p{L}]*)(?: [\p{Lu}][\p{L}]*)*` +
	`|(?:Phòng|Trung tâm) [\p{Lu}][^,;.():]{2,60}?(?:$|[,;.():]|\s(?:và|về|trên|tại|để|trong|theo|chủ trì|phối hợp|thực hiện|tổ chức)\s)` +
	`|(?i:các phòng, đơn vị)(?: (?:thuộc và trực thuộc|thuộc|trực thuộc) Sở)?`)

// namedUnit returns the first unit an activity's text names, or "".
// A unit named as the place of an event ("tại Trung tâm …") is not taken.
func namedUnit(text string) string {
	m := ""
	for _, loc := range reNamedUnit.FindAllStringIndex(text, -1) {
		before := fold(strings.TrimSpace(text[max(0, loc[0]-8):loc[0]]))
		if strings.HasSuffix(before, " tai") || before == "tai" || strings.HasSuffix(before, " o") {
			continue
		}
		m = text[loc[0]:loc[1]]
		break
	}
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
