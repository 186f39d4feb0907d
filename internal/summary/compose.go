package summary

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
)

// Source is one submission a figure came from.
type Source struct {
	// Kind is "report" for an accepted unit report, or what kehoach
	// counted itself ("post", "event").
	Kind       string     `json:"kind"`
	UnitID     string     `json:"unitId"`
	Unit       string     `json:"unit"`
	ReportID   string     `json:"reportId,omitempty"`
	Version    int        `json:"version,omitempty"`
	AcceptedBy string     `json:"acceptedBy,omitempty"`
	AcceptedAt *time.Time `json:"acceptedAt,omitempty"`
	Ref        string     `json:"ref,omitempty"`
	Value      float64    `json:"value"`
}

// Figure is one aggregated indicator value with its target and sources.
type Figure struct {
	// ID anchors the figure on the preview page.
	ID      string   `json:"id"`
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Measure string   `json:"measure"`
	Decimal bool     `json:"decimal"`
	Total   float64  `json:"total"`
	Target  *float64 `json:"target,omitempty"`
	Sources []Source `json:"sources"`
	// Aggregation is how the figure combines across agencies (the
	// superior's report only, see agencies.go).
	Aggregation string `json:"aggregation,omitempty"`
}

// Value returns the total as written in Vietnamese: "1.234" or "12,5".
func (f *Figure) Value() string { return kehoach.FormatValue(f.Total, f.Decimal) }

// TargetText returns the target as written, or "" without one.
func (f *Figure) TargetText() string {
	if f.Target == nil {
		return ""
	}
	return kehoach.FormatValue(*f.Target, f.Decimal)
}

// Rate returns total / target in percent, or "" without a target.
func (f *Figure) Rate() string {
	if f.Target == nil || *f.Target == 0 {
		return ""
	}
	return kehoach.FormatValue(math.Round(f.Total / *f.Target * 1000)/10, true) + "%"
}

// Sentence returns "114 lượt người (chỉ tiêu 300, đạt 38%)".
func (f *Figure) Sentence() string {
	s := f.Value() + " " + f.Measure
	if f.Target != nil {
		s += " (chỉ tiêu " + kehoach.FormatValue(*f.Target, f.Decimal) + ", đạt " + f.Rate() + ")"
	}
	return s
}

// Narrative is a unit's account of an activity, condensed.
type Narrative struct {
	Unit     string `json:"unit"`
	Text     string `json:"text"`
	ReportID string `json:"reportId"`
	Version  int    `json:"version"`
}

// Activity is one activity of the plan with its results.
type Activity struct {
	Section    string      `json:"section"`
	Title      string      `json:"title"`
	Units      []string    `json:"units"`
	Figures    []Figure    `json:"figures"`
	Narratives []Narrative `json:"narratives"`
}

// Missing is a unit owing a result report that has none accepted.
type Missing struct {
	Unit string `json:"unit"`
	// Pending says a report was sent and waits for the Office, or was
	// returned to the unit.
	Pending string `json:"pending,omitempty"`
}

// Difficulty is a difficulty raised during the plan and the Director's
// decision on it.
type Difficulty struct {
	Unit     string `json:"unit"`
	Text     string `json:"text"`
	Decision string `json:"decision"`
}

// Part is a narrative part: generated from the data unless the Office
// edited it.
type Part struct {
	Generated string `json:"generated"`
	Edited    string `json:"edited,omitempty"`
}

// Text returns what the report prints: the edit, else the generated text.
func (p Part) Text() string {
	if strings.TrimSpace(p.Edited) != "" {
		return p.Edited
	}
	return p.Generated
}

// Report is a composed result report: everything its documents print.
// A final version is stored as this, in JSON, and never recomposed.
type Report struct {
	PlanID string `json:"planId"`
	Letterhead
	Version int  `json:"version"`
	Draft   bool `json:"draft"`
	// Number is 0 for a draft; IssuedOn is set once final (YYYY-MM-DD).
	Number   int    `json:"number"`
	Symbol   string `json:"symbol"`
	IssuedOn string `json:"issuedOn,omitempty"`
	Year     int    `json:"year"`
	// Title is the summary line under "BÁO CÁO".
	Title string `json:"title"`
	// PlanTitle names the plan in running text ("Kế hoạch triển khai …").
	PlanTitle     string       `json:"planTitle"`
	Opening       Part         `json:"opening"`
	BriefedUnits  int          `json:"briefedUnits"`
	BriefedPeople int          `json:"briefedPeople"`
	Communication []Figure     `json:"communication"`
	Activities    []Activity   `json:"activities"`
	Totals        []Figure     `json:"totals"`
	Results       Part         `json:"results"`
	Accepted      int          `json:"accepted"`
	Owed          int          `json:"owed"`
	Missing       []Missing    `json:"missing"`
	Shortcomings  Part         `json:"shortcomings"`
	Difficulties  Part         `json:"difficulties"`
	Decisions     []Difficulty `json:"decisions"`
	Proposals     Part         `json:"proposals"`
	Recipients    []string     `json:"recipients"`
	// AnnexUnits and AnnexValues are the units × indicators table of the
	// annex, aligned with Totals.
	AnnexUnits  []string     `json:"annexUnits"`
	AnnexValues [][]*float64 `json:"annexValues"`
	ComposedAt  time.Time    `json:"composedAt"`
	// Kind is [KindAgencies] for the superior's report drawn from the
	// agencies' reports (agencies.go), with Agencies; "" otherwise.
	Kind     string         `json:"kind,omitempty"`
	Agencies []AgencyResult `json:"agencies,omitempty"`
}

// NumberSymbol returns "Số: 01/BC-SGTVT", blank while a draft.
func (r *Report) NumberSymbol() string {
	if r.Number == 0 {
		return "Số: …/" + r.Symbol
	}
	return "Số: " + kehoach.FormatDocNumber(r.Number, r.Symbol)
}

// Input is what a result report is composed from.
type Input struct {
	Plan        *kehoach.Plan
	Tree        *kehoach.OrgTree
	People      []*kehoach.Person
	Table       *kehoach.IndicatorTable
	Reports     []*kehoach.Report
	Obligations []*kehoach.Obligation
	Briefings   []*kehoach.Briefing
	Tasks       []*kehoach.Task
	// Difficulties are the plan's decided difficulties (see difficulties.go).
	Difficulties []Difficulty
	// Summary is the current version (nil before anyone edited it).
	Summary *kehoach.Summary
	Now     time.Time
}

// Compose drafts the result report. It fails with [kehoach.EINVALID],
// naming what to fill in, when the agency lacks data the header needs.
func Compose(in *Input) (*Report, error) {
	lh, err := LetterheadFor(in.Plan, in.Tree, in.People)
	if err != nil {
		return nil, err
	}
	p := in.Plan
	r := &Report{PlanID: p.ID, Letterhead: *lh, Draft: true, Version: 1, Symbol: kehoach.DocSymbol(kehoach.DocReport, lh.Abbrev), ComposedAt: in.Now}
	var edits kehoach.SummaryEdits
	if in.Summary != nil {
		r.Version, edits = in.Summary.Version, in.Summary.Edits
	}
	r.Year = in.Now.In(kehoach.Zone).Year()
	if p.Year != nil {
		r.Year = *p.Year
	}
	r.PlanTitle = p.FullTitle()
	r.Title = "Kết quả thực hiện " + r.PlanTitle
	r.Recipients = []string{"Như trên", "Lãnh đạo Sở"}
	if !strings.HasPrefix(lh.AgencyName, "Sở") {
		r.Recipients[1] = "Lãnh đạo " + lh.AgencyName
	}

	unitName := func(id string) string {
		if u := in.Tree.Unit(id); u != nil {
			return u.Name
		}
		return id
	}
	// Which task each report answers, and which reports count.
	taskOfObligation := map[string]string{}
	for _, o := range in.Obligations {
		taskOfObligation[o.ID] = o.TaskID
	}
	accepted := map[string]*kehoach.Report{}
	taskOfReport := map[string]string{}
	for _, rep := range in.Reports {
		taskOfReport[rep.ID] = taskOfObligation[rep.ObligationID]
		if rep.State == kehoach.ReportAccepted {
			accepted[rep.ID] = rep
		}
	}

	r.Opening.Generated = opening(p, lh)
	r.Opening.Edited = edits.Opening

	// Briefings.
	briefed := map[string]bool{}
	for _, b := range in.Briefings {
		briefed[b.UnitID] = true
		r.BriefedPeople += b.Participants
	}
	r.BriefedUnits = len(briefed)

	// Figures: the plan's totals, then per activity.
	table := in.Table
	if table == nil {
		table = &kehoach.IndicatorTable{}
	}
	seq := 0
	figure := func(ind kehoach.Indicator, keep func(s kehoach.ValueSource) bool) Figure {
		seq++
		f := Figure{ID: fmt.Sprintf("f%d", seq), Code: ind.Code, Name: ind.Name, Measure: ind.Unit, Decimal: ind.Decimal, Sources: []Source{}}
		if t, ok := table.Targets[ind.Code]; ok {
			f.Target = &t
		}
		var vals []float64
		for _, u := range table.Units {
			uv := table.Value(u, ind.Code)
			if uv == nil {
				continue
			}
			for _, s := range uv.Sources {
				if keep != nil && !keep(s) {
					continue
				}
				vals = append(vals, s.Value)
				f.Sources = append(f.Sources, Source{Kind: s.Kind, UnitID: s.UnitID, Unit: unitName(s.UnitID), ReportID: s.ReportID, Version: s.Version,
					AcceptedBy: s.AcceptedBy, AcceptedAt: s.AcceptedAt, Ref: s.Ref, Value: s.Value})
			}
		}
		if keep == nil {
			f.Total = table.Totals[ind.Code]
		} else {
			f.Total = ind.Aggregate(vals)
		}
		return f
	}
	var totalInds []kehoach.Indicator
	for _, ind := range table.Indicators {
		_, hasTarget := table.Targets[ind.Code]
		_, hasTotal := table.Totals[ind.Code]
		if hasTarget || hasTotal {
			totalInds = append(totalInds, ind)
			r.Totals = append(r.Totals, figure(ind, nil))
		}
	}
	for _, code := range []string{kehoach.IndNewsItems, kehoach.IndNewsMinutes} {
		for _, f := range r.Totals {
			if f.Code == code {
				r.Communication = append(r.Communication, f)
			}
		}
	}

	// Activities: the plan's tasks grouped by section and title.
	tasks := append([]*kehoach.Task(nil), in.Tasks...)
	sort.SliceStable(tasks, func(i, j int) bool {
		if a, b := sectionKey(tasks[i].Section), sectionKey(tasks[j].Section); a != b {
			return a < b
		}
		return tasks[i].Number < tasks[j].Number
	})
	actIdx := map[string]int{}
	actOfTask := map[string]int{}
	var actCodes [][]string
	for _, t := range tasks {
		if t.Status == kehoach.TaskCancelled {
			continue
		}
		key := t.Section + "|" + t.Title
		i, ok := actIdx[key]
		if !ok {
			i = len(r.Activities)
			actIdx[key] = i
			r.Activities = append(r.Activities, Activity{Section: t.Section, Title: t.Title, Figures: []Figure{}, Narratives: []Narrative{}})
			actCodes = append(actCodes, nil)
		}
		actOfTask[t.ID] = i
		for _, u := range t.Units() {
			if n := unitName(u); !contains(r.Activities[i].Units, n) {
				r.Activities[i].Units = append(r.Activities[i].Units, n)
			}
		}
		for _, c := range t.IndicatorCodes {
			if !contains(actCodes[i], c) {
				actCodes[i] = append(actCodes[i], c)
			}
		}
	}
	for i := range r.Activities {
		for _, ind := range table.Indicators {
			if !contains(actCodes[i], ind.Code) {
				continue
			}
			f := figure(ind, func(s kehoach.ValueSource) bool {
				if s.Kind != "report" {
					// Counted figures (posts, events) belong to the first
					// activity that feeds the indicator.
					return firstFeeding(actCodes, ind.Code) == i
				}
				a, ok := actOfTask[taskOfReport[s.ReportID]]
				return ok && a == i
			})
			// News figures are told once, under communication.
			if len(f.Sources) > 0 && ind.Code != kehoach.IndNewsItems && ind.Code != kehoach.IndNewsMinutes {
				r.Activities[i].Figures = append(r.Activities[i].Figures, f)
			}
		}
	}
	// Narratives of accepted reports, under their activity, in unit order.
	reps := make([]*kehoach.Report, 0, len(accepted))
	for _, rep := range in.Reports {
		if accepted[rep.ID] != nil {
			reps = append(reps, rep)
		}
	}
	sortByUnit(reps, in.Tree)
	var shortcomings, proposals []string
	for _, rep := range reps {
		name := unitName(rep.UnitID)
		if i, ok := actOfTask[taskOfReport[rep.ID]]; ok && strings.TrimSpace(rep.Results) != "" {
			r.Activities[i].Narratives = append(r.Activities[i].Narratives, Narrative{Unit: name, Text: Condense(rep.Results, 400), ReportID: rep.ID, Version: rep.Version})
		}
		if s := strings.TrimSpace(rep.Shortcomings); s != "" {
			shortcomings = append(shortcomings, name+": "+Condense(s, 300))
		}
		if s := strings.TrimSpace(rep.Proposals); s != "" {
			proposals = append(proposals, name+": "+Condense(s, 300))
		}
	}

	// Who owes a result report and has none accepted.
	owed := map[string]bool{}
	missing := map[string]string{}
	var owedOrder []string
	for _, o := range in.Obligations {
		if o.Kind != kehoach.KindFinal {
			continue
		}
		if !owed[o.UnitID] {
			owed[o.UnitID] = true
			owedOrder = append(owedOrder, o.UnitID)
		}
		if o.AcceptedAt != nil {
			continue
		}
		why := "chưa gửi"
		switch o.Status(in.Now) {
		case kehoach.StatusSubmitted:
			why = "đã gửi, đang chờ Văn phòng xem xét"
		case kehoach.StatusReturned:
			why = "bị trả lại, chưa gửi lại"
		}
		if cur, ok := missing[o.UnitID]; !ok || cur == "chưa gửi" {
			missing[o.UnitID] = why
		}
	}
	sortIDs(owedOrder, in.Tree)
	r.Owed = len(owedOrder)
	for _, u := range owedOrder {
		if why, ok := missing[u]; ok {
			m := Missing{Unit: unitName(u)}
			if why != "chưa gửi" {
				m.Pending = why
			}
			r.Missing = append(r.Missing, m)
		}
	}
	r.Accepted = r.Owed - len(r.Missing)

	// Narrative parts.
	r.Results.Edited = edits.Results
	r.Shortcomings.Generated = strings.Join(shortcomings, "\n")
	if len(r.Missing) > 0 {
		line := fmt.Sprintf("Còn %d/%d đơn vị chưa có báo cáo kết quả được chấp nhận, ảnh hưởng đến việc tổng hợp.", len(r.Missing), r.Owed)
		r.Shortcomings.Generated = strings.TrimSpace(line + "\n" + r.Shortcomings.Generated)
	}
	if r.Shortcomings.Generated == "" {
		r.Shortcomings.Generated = "Không có tồn tại, hạn chế đáng kể."
	}
	r.Shortcomings.Edited = edits.Shortcomings
	r.Decisions = in.Difficulties
	var diff []string
	for _, d := range in.Difficulties {
		s := d.Text
		if d.Unit != "" {
			s = d.Unit + ": " + s
		}
		switch {
		case d.Decision == "đang chờ xử lý.":
			s += " (Đang chờ xử lý.)"
		case d.Decision != "":
			s += " Ý kiến chỉ đạo: " + d.Decision
		}
		diff = append(diff, s)
	}
	r.Difficulties.Generated = strings.Join(diff, "\n")
	if r.Difficulties.Generated == "" {
		r.Difficulties.Generated = "Trong quá trình thực hiện, các đơn vị không báo cáo khó khăn, vướng mắc cần Giám đốc Sở chỉ đạo."
	}
	r.Difficulties.Edited = edits.Difficulties
	r.Proposals.Generated = strings.Join(proposals, "\n")
	if r.Proposals.Generated == "" {
		r.Proposals.Generated = "Không có đề xuất, kiến nghị."
	}
	r.Proposals.Edited = edits.Proposals

	// The annex: units with a figure × the plan's indicators.
	for _, u := range table.Units {
		row := make([]*float64, len(totalInds))
		any := false
		for i, ind := range totalInds {
			if uv := table.Value(u, ind.Code); uv != nil {
				v := uv.Value
				row[i], any = &v, true
			}
		}
		if any {
			r.AnnexUnits = append(r.AnnexUnits, unitName(u))
			r.AnnexValues = append(r.AnnexValues, row)
		}
	}
	return r, nil
}

// opening is the first paragraph: the plan and its basis.
func opening(p *kehoach.Plan, lh *Letterhead) string {
	var b strings.Builder
	if len(p.Basis) > 0 {
		basis := strings.TrimRight(strings.TrimSpace(p.Basis[0].Text), ".;")
		b.WriteString(basis)
		b.WriteString("; ")
		b.WriteString(lh.AgencyName)
		b.WriteString(" đã ban hành ")
	} else {
		b.WriteString(lh.AgencyName + " đã ban hành ")
	}
	b.WriteString("Kế hoạch")
	if ns := p.NumberSymbol(); ns != "" {
		b.WriteString(" số " + ns)
	}
	if p.Date != nil {
		if d, err := time.Parse(time.DateOnly, *p.Date); err == nil {
			b.WriteString(fmt.Sprintf(" ngày %d/%d/%d", d.Day(), int(d.Month()), d.Year()))
		}
	}
	b.WriteString(" " + lowerFirst(strings.TrimPrefix(p.FullTitle(), "Kế hoạch ")))
	b.WriteString(". ")
	b.WriteString(lh.AgencyName + " báo cáo kết quả thực hiện như sau:")
	s := b.String()
	return upperFirst(s)
}

// Condense shortens a unit's text to at most max characters, cutting at a
// sentence end where it can, and joins its lines.
func Condense(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max]
	cut := string(r)
	if i := strings.LastIndexAny(cut, ".;"); i > len(cut)/2 {
		return cut[:i+1]
	}
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;:") + "…"
}

// sectionKey orders "II.2" before "II.10" and "III.1".
func sectionKey(s string) string {
	roman := map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
	parts := strings.SplitN(s, ".", 2)
	n := roman[parts[0]]
	k := fmt.Sprintf("%02d", n)
	if len(parts) == 2 {
		var m int
		fmt.Sscanf(parts[1], "%d", &m)
		k += fmt.Sprintf(".%03d", m)
	}
	return k
}

func firstFeeding(codes [][]string, code string) int {
	for i, cs := range codes {
		if contains(cs, code) {
			return i
		}
	}
	return -1
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortByUnit orders reports as the organisation tree orders units.
func sortByUnit(reps []*kehoach.Report, tree *kehoach.OrgTree) {
	order := unitOrder(tree)
	sort.SliceStable(reps, func(i, j int) bool { return order[reps[i].UnitID] < order[reps[j].UnitID] })
}

func sortIDs(ids []string, tree *kehoach.OrgTree) {
	order := unitOrder(tree)
	sort.SliceStable(ids, func(i, j int) bool { return order[ids[i]] < order[ids[j]] })
}

func unitOrder(tree *kehoach.OrgTree) map[string]int {
	m := map[string]int{}
	for i, u := range tree.Units() {
		m[u.ID] = i + 1
	}
	return m
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}
