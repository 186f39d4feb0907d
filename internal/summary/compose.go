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
	// Previous is the value of the plan this one follows (last year's),
	// when there is one.
	Previous *float64 `json:"previous,omitempty"`
	Sources  []Source `json:"sources"`
	// Aggregation is how the figure combines across agencies (the
	// superior's report only, see agencies.go).
	Aggregation string `json:"aggregation,omitempty"`
}

// PreviousText returns last year's value as written, or "".
func (f *Figure) PreviousText() string {
	if f.Previous == nil {
		return ""
	}
	return kehoach.FormatValue(*f.Previous, f.Decimal)
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

// Activity is one activity of the plan (an item of its section of
// activities) with its results.
type Activity struct {
	// Key is the plan section the activity comes from ("II.3"); the
	// Office's rewrite of the section is kept under it.
	Key     string `json:"key"`
	Section string `json:"section"`
	Title   string `json:"title"`
	// Units are the units whose results the section counts, else the units
	// the activity was given to.
	Units      []string    `json:"units"`
	Figures    []Figure    `json:"figures"`
	Narratives []Narrative `json:"narratives"`
	// Text is what the section says: generated from the above unless the
	// Office rewrote it.
	Text Part `json:"text"`
}

// Missing is a unit owing a result report that has none accepted. It is
// shown to the Office on the page, never printed in the report.
type Missing struct {
	Unit string `json:"unit"`
	// Pending says a report was sent and waits for the Office, or was
	// returned to the unit.
	Pending string `json:"pending,omitempty"`
}

// Difficulty is a difficulty raised during the plan and the decision on it.
type Difficulty struct {
	// ID is the obstacle's id: the Office ticks solved ones in by it.
	ID       string `json:"id,omitempty"`
	Unit     string `json:"unit"`
	Text     string `json:"text"`
	Decision string `json:"decision"`
	// Open says the difficulty still stands (not solved nor closed).
	Open bool `json:"open"`
	// Included says the report states it: open ones always, solved or
	// decided ones when the Office ticked them in.
	Included bool `json:"included"`
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

// DirectionKey is the key of section I.1 (chỉ đạo, triển khai) among the
// Office's rewritten sections.
const DirectionKey = "direction"

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
	// PlanTitle names the plan in running text ("Kế hoạch triển khai …");
	// PlanRef cites it with its number and date when it has them
	// ("Kế hoạch số 76/KH-SGTVT ngày 22/5/2023").
	PlanTitle string `json:"planTitle"`
	PlanRef   string `json:"planRef"`
	// Period is the period reported on: "từ ngày 01/6/2023 đến ngày 30/6/2023".
	Period        string     `json:"period"`
	Opening       Part       `json:"opening"`
	Direction     Part       `json:"direction"`
	BriefedUnits  int        `json:"briefedUnits"`
	BriefedPeople int        `json:"briefedPeople"`
	Activities    []Activity `json:"activities"`
	Totals        []Figure   `json:"totals"`
	Results       Part       `json:"results"`
	// Owed units owe a result report; Submitted of them sent one; the
	// figures count the Accepted ones.
	Owed         int          `json:"owed"`
	Submitted    int          `json:"submitted"`
	Accepted     int          `json:"accepted"`
	Missing      []Missing    `json:"missing"`
	Shortcomings Part         `json:"shortcomings"`
	Difficulties Part         `json:"difficulties"`
	Decisions    []Difficulty `json:"decisions"`
	Proposals    Part         `json:"proposals"`
	Closing      Part         `json:"closing"`
	Recipients   []string     `json:"recipients"`
	// AnnexUnits, AnnexValues and AnnexStatus are the units × indicators
	// table of the annex, aligned with Totals: every unit owing a report,
	// then any other unit with a figure.
	AnnexUnits  []string     `json:"annexUnits"`
	AnnexValues [][]*float64 `json:"annexValues"`
	AnnexStatus []string     `json:"annexStatus"`
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
	// Difficulties are the plan's difficulties (see difficulties.go).
	Difficulties []Difficulty
	// Summary is the current version (nil before anyone edited it).
	Summary *kehoach.Summary
	// Previous are the totals of the plan this one follows (last year's),
	// by indicator code; nil without one.
	Previous map[string]float64
	Now      time.Time
}

// Annex report states of a unit.
const (
	annexAccepted  = "Đã tổng hợp"
	annexSubmitted = "Đã gửi, đang kiểm tra"
	annexNone      = "Chưa có báo cáo"
)

// Compose drafts the result report to the superior. It fails with
// [kehoach.EINVALID], naming what to fill in, when the agency lacks data
// the header needs.
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
	r.PlanRef = planRef(p)
	r.Period = periodText(p)
	r.Title = "Kết quả thực hiện " + r.PlanTitle
	r.Recipients = []string{"Như trên", "Lãnh đạo Sở"}
	if !strings.HasPrefix(lh.AgencyName, "Sở") {
		r.Recipients[1] = "Lãnh đạo " + lh.AgencyName
	}
	to := strings.Join(lh.To, ", ")

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

	r.Opening = Part{Generated: opening(p, lh, r), Edited: edits.Opening}

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
	kinds := map[string]bool{}
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
				kinds[s.Kind] = true
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
			f := figure(ind, nil)
			if v, ok := in.Previous[ind.Code]; ok {
				f.Previous = &v
			}
			r.Totals = append(r.Totals, f)
		}
	}

	// Activities: the items of the plan's section of activities, each with
	// the tasks drawn from it; tasks of other sections that feed figures
	// make activities of their own.
	tasks := append([]*kehoach.Task(nil), in.Tasks...)
	sort.SliceStable(tasks, func(i, j int) bool {
		if a, b := sectionKey(tasks[i].Section), sectionKey(tasks[j].Section); a != b {
			return a < b
		}
		return tasks[i].Number < tasks[j].Number
	})
	actIdx := map[string]int{}
	for _, s := range p.Sections {
		if s.Kind != "activities" {
			continue
		}
		for _, it := range s.Items {
			key := strings.TrimSpace(s.Label) + "." + strings.TrimRight(strings.TrimSpace(it.Label), ".)")
			if _, dup := actIdx[key]; dup {
				continue
			}
			actIdx[key] = len(r.Activities)
			r.Activities = append(r.Activities, Activity{Key: key, Section: key, Title: shortTitle(it.Text)})
		}
	}
	planItems := len(r.Activities)
	actOfTask := map[string]int{}
	var actCodes = make([][]string, len(r.Activities))
	var actTasks = make([][]*kehoach.Task, len(r.Activities))
	for _, t := range tasks {
		if t.Status == kehoach.TaskCancelled {
			continue
		}
		i, ok := actIdx[t.Section]
		if !ok {
			i, ok = actIdx[t.Section+"|"+t.Title]
		}
		if !ok {
			// A task outside the activities: its own section only when it
			// feeds a figure (the Office's own duties do not).
			if len(t.IndicatorCodes) == 0 {
				continue
			}
			i = len(r.Activities)
			actIdx[t.Section+"|"+t.Title] = i
			r.Activities = append(r.Activities, Activity{Key: t.Section + "|" + t.Title, Section: t.Section, Title: t.Title})
			actCodes, actTasks = append(actCodes, nil), append(actTasks, nil)
		} else if i < planItems && len(actTasks[i]) == 0 && t.Title != "" {
			// The Office's title of the activity reads better than the
			// first clause of the plan's text.
			r.Activities[i].Title = strings.TrimRight(t.Title, ".")
		}
		actOfTask[t.ID] = i
		actTasks[i] = append(actTasks[i], t)
		for _, c := range t.IndicatorCodes {
			if !contains(actCodes[i], c) {
				actCodes[i] = append(actCodes[i], c)
			}
		}
	}
	// People at the plan's events count under the activity that names the
	// event, when no task feeds them.
	if firstFeeding(actCodes, kehoach.IndEventAttendance) < 0 {
	events:
		for _, ev := range p.Events {
			name := strings.ToLower(strings.TrimSpace(ev.Name))
			for _, s := range p.Sections {
				for _, it := range s.Items {
					key := strings.TrimSpace(s.Label) + "." + strings.TrimRight(strings.TrimSpace(it.Label), ".)")
					if i, ok := actIdx[key]; ok && name != "" && strings.Contains(strings.ToLower(it.Text), name) {
						actCodes[i] = append(actCodes[i], kehoach.IndEventAttendance)
						break events
					}
				}
			}
		}
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		a.Figures, a.Narratives, a.Units = []Figure{}, []Narrative{}, []string{}
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
			if len(f.Sources) > 0 {
				a.Figures = append(a.Figures, f)
				for _, s := range f.Sources {
					if !contains(a.Units, s.Unit) {
						a.Units = append(a.Units, s.Unit)
					}
				}
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
	var shortcomings []string
	for _, rep := range reps {
		name := unitName(rep.UnitID)
		if i, ok := actOfTask[taskOfReport[rep.ID]]; ok && strings.TrimSpace(rep.Results) != "" {
			a := &r.Activities[i]
			a.Narratives = append(a.Narratives, Narrative{Unit: name, Text: Condense(rep.Results, 400), ReportID: rep.ID, Version: rep.Version})
			if !contains(a.Units, name) {
				a.Units = append(a.Units, name)
			}
		}
		if s := strings.TrimSpace(rep.Shortcomings); s != "" {
			shortcomings = append(shortcomings, "- "+strings.TrimRight(Condense(s, 300), ".;")+" ("+name+").")
		}
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		a.Text = Part{Generated: activityText(a, actTasks[i], unitName), Edited: edits.Sections[a.Key]}
	}

	// Who owes a result report, who sent one, whose was accepted.
	owed := map[string]bool{}
	state := map[string]string{}
	var owedOrder []string
	for _, o := range in.Obligations {
		if o.Kind != kehoach.KindFinal {
			continue
		}
		if !owed[o.UnitID] {
			owed[o.UnitID] = true
			owedOrder = append(owedOrder, o.UnitID)
		}
		why := "chưa gửi"
		switch {
		case o.AcceptedAt != nil:
			why = "accepted"
		case o.Status(in.Now) == kehoach.StatusSubmitted:
			why = "đã gửi, đang chờ xem xét"
		case o.Status(in.Now) == kehoach.StatusReturned:
			why = "bị trả lại, chưa gửi lại"
		}
		if rank(why) > rank(state[o.UnitID]) {
			state[o.UnitID] = why
		}
	}
	sortIDs(owedOrder, in.Tree)
	r.Owed = len(owedOrder)
	for _, u := range owedOrder {
		switch why := state[u]; why {
		case "accepted":
			r.Accepted++
			r.Submitted++
		case "chưa gửi":
			r.Missing = append(r.Missing, Missing{Unit: unitName(u)})
		default:
			r.Submitted++
			r.Missing = append(r.Missing, Missing{Unit: unitName(u), Pending: why})
		}
	}

	r.Direction = Part{Generated: directionText(r, in, kinds), Edited: edits.Sections[DirectionKey]}

	// The assessment against every target.
	var good, other, short []string
	for _, f := range r.Totals {
		switch {
		case f.Target == nil:
			other = append(other, lowerFirst(f.Name)+": "+f.Value()+" "+f.Measure+f.lastYear())
		case f.Total >= *f.Target:
			good = append(good, fmt.Sprintf("%s: %s/%s %s, đạt %s%s", lowerFirst(f.Name), f.Value(), f.TargetText(), f.Measure, f.Rate(), f.lastYear()))
		default:
			short = append(short, fmt.Sprintf("- Chỉ tiêu %s mới đạt %s/%s %s (%s)%s, chưa đạt kế hoạch đề ra; cần tiếp tục đẩy mạnh trong thời gian tới.",
				lowerFirst(f.Name), f.Value(), f.TargetText(), f.Measure, f.Rate(), f.lastYear()))
		}
	}
	var res []string
	if len(good) > 0 {
		res = append(res, "Các chỉ tiêu đạt và vượt kế hoạch: "+strings.Join(good, "; ")+".")
	} else if len(r.Totals) > 0 {
		res = append(res, "Chưa có chỉ tiêu nào đạt kế hoạch đề ra.")
	}
	if len(other) > 0 {
		res = append(res, "Các kết quả khác: "+strings.Join(other, "; ")+".")
	}
	r.Results = Part{Generated: strings.Join(res, "\n"), Edited: edits.Results}
	short = append(short, shortcomings...)
	if len(short) == 0 {
		short = []string{"Không có tồn tại, hạn chế đáng kể."}
	}
	r.Shortcomings = Part{Generated: strings.Join(short, "\n"), Edited: edits.Shortcomings}

	// Difficulties: those still open, and those the Office ticked in.
	var diff []string
	open := 0
	for _, d := range in.Difficulties {
		d.Included = d.Open || contains(edits.IncludeDifficulties, d.ID)
		r.Decisions = append(r.Decisions, d)
		if !d.Included {
			continue
		}
		s := "- " + d.Text
		if d.Open {
			open++
		} else if d.Decision != "" {
			s += " " + lh.AgencyName + " đã chỉ đạo giải quyết: " + d.Decision
		}
		diff = append(diff, s)
	}
	if len(diff) == 0 {
		diff = []string{"Trong quá trình thực hiện, không phát sinh khó khăn, vướng mắc vượt thẩm quyền giải quyết của " + lh.AgencyName + "."}
	}
	r.Difficulties = Part{Generated: strings.Join(diff, "\n"), Edited: edits.Difficulties}

	// Recommendations, to the recipient.
	var prop []string
	if open > 0 && to != "" {
		prop = append(prop, "- Đề nghị "+to+" quan tâm, hướng dẫn tháo gỡ các khó khăn, vướng mắc nêu tại mục III.")
	}
	if to != "" {
		prop = append(prop, "- Đề nghị "+to+" tiếp tục hướng dẫn, cung cấp tài liệu truyền thông để "+lh.AgencyName+" triển khai hiệu quả các nội dung của Kế hoạch trong thời gian tới.")
	} else {
		prop = append(prop, "Không có kiến nghị, đề xuất.")
	}
	r.Proposals = Part{Generated: strings.Join(prop, "\n"), Edited: edits.Proposals}

	closing := "Trên đây là báo cáo kết quả thực hiện " + r.PlanRef + " của " + lh.AgencyName
	if to != "" {
		closing += ", kính gửi " + to + " tổng hợp"
	}
	r.Closing = Part{Generated: closing + "./.", Edited: edits.Closing}

	// The annex: every unit owing a report, then any other unit with a
	// figure, × the plan's indicators.
	units := append([]string(nil), owedOrder...)
	for _, u := range table.Units {
		if !owed[u] {
			units = append(units, u)
		}
	}
	for _, u := range units {
		row := make([]*float64, len(totalInds))
		any := owed[u]
		for i, ind := range totalInds {
			if uv := table.Value(u, ind.Code); uv != nil {
				v := uv.Value
				row[i], any = &v, true
			}
		}
		if !any {
			continue
		}
		st := ""
		if owed[u] {
			switch state[u] {
			case "accepted":
				st = annexAccepted
			case "chưa gửi":
				st = annexNone
			default:
				st = annexSubmitted
			}
		}
		r.AnnexUnits = append(r.AnnexUnits, unitName(u))
		r.AnnexValues = append(r.AnnexValues, row)
		r.AnnexStatus = append(r.AnnexStatus, st)
	}
	return r, nil
}

// rank orders the report states of a unit owing several reports: the best
// one stands.
func rank(why string) int {
	switch why {
	case "accepted":
		return 4
	case "đã gửi, đang chờ xem xét":
		return 3
	case "bị trả lại, chưa gửi lại":
		return 2
	case "chưa gửi":
		return 1
	}
	return 0
}

// ShortDate writes a date the Decree 30 way in running text: "05/7/2023",
// "28/02/2023" (days under 10 and the months January and February take a
// leading zero).
func ShortDate(t time.Time) string {
	m := fmt.Sprint(int(t.Month()))
	if t.Month() < 3 {
		m = "0" + m
	}
	return fmt.Sprintf("%02d/%s/%d", t.Day(), m, t.Year())
}

func shortDateOf(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return ""
	}
	return ShortDate(t)
}

// planRef cites the agency's plan: "Kế hoạch số 76/KH-SGTVT ngày
// 22/5/2023", or "Kế hoạch triển khai …" when it has no number.
func planRef(p *kehoach.Plan) string {
	ns := p.NumberSymbol()
	if ns == "" {
		return p.FullTitle()
	}
	s := "Kế hoạch số " + ns
	if p.Date != nil {
		if d := shortDateOf(*p.Date); d != "" {
			s += " ngày " + d
		}
	}
	return s
}

// periodText is "từ ngày 01/6/2023 đến ngày 30/6/2023", or the plan's own
// words for its period, or "".
func periodText(p *kehoach.Plan) string {
	if p.Period == nil {
		return ""
	}
	var start, end string
	if p.Period.Start != nil {
		start = shortDateOf(*p.Period.Start)
	}
	if p.Period.End != nil {
		end = shortDateOf(*p.Period.End)
	}
	switch {
	case start != "" && end != "":
		return "từ ngày " + start + " đến ngày " + end
	case start != "":
		return "từ ngày " + start
	}
	return strings.TrimSpace(p.Period.Text)
}

// opening is the first paragraph: the plan carried out (the basis), the
// agency's own plan, the period reported on.
func opening(p *kehoach.Plan, lh *Letterhead, r *Report) string {
	var b strings.Builder
	if bs := implemented(p); bs != "" {
		b.WriteString(bs + "; ")
	}
	b.WriteString(lh.AgencyName + " đã ban hành " + r.PlanRef)
	if r.PlanRef != p.FullTitle() {
		b.WriteString(" " + lowerFirst(strings.TrimPrefix(p.FullTitle(), "Kế hoạch ")))
	}
	b.WriteString(". " + lh.AgencyName + " báo cáo kết quả thực hiện")
	if r.Period != "" {
		b.WriteString(" " + r.Period)
	}
	b.WriteString(" như sau:")
	return upperFirst(b.String())
}

// implemented cites the document the plan carries out: its basis of type
// KH when there is one, else its first basis; "Thực hiện …" as the plan
// wrote it.
func implemented(p *kehoach.Plan) string {
	if len(p.Basis) == 0 {
		return ""
	}
	bs := p.Basis[0]
	for _, x := range p.Basis {
		if x.Type != nil && *x.Type == kehoach.DocPlan {
			bs = x
			break
		}
	}
	s := strings.TrimRight(strings.TrimSpace(bs.Text), ".;")
	low := strings.ToLower(s)
	if !strings.HasPrefix(low, "thực hiện") && !strings.HasPrefix(low, "căn cứ") && !strings.HasPrefix(low, "triển khai") {
		s = "Thực hiện " + lowerFirst(s)
	}
	return s
}

// shortTitle is the first clause of an activity's text, as its heading.
func shortTitle(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	if i := strings.IndexAny(s, ".;:("); i > 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > 160 {
		s = Condense(s, 160)
	}
	return strings.TrimRight(s, ",")
}

// directionText is section I.1: the plan issued and briefed, and the
// reporting completeness, stated once, with what the figures count.
func directionText(r *Report, in *Input, kinds map[string]bool) string {
	var lines []string
	recipients := map[string]bool{}
	for _, o := range in.Obligations {
		recipients[o.UnitID] = true
	}
	s := r.AgencyName + " đã ban hành " + r.PlanRef
	if n := len(recipients); n > 0 {
		s += " và triển khai đến " + pad2(n) + " phòng, đơn vị thuộc và trực thuộc"
	}
	if r.BriefedUnits > 0 {
		s += fmt.Sprintf("; %s phòng, đơn vị đã tổ chức quán triệt cho %s lượt cán bộ, công chức, viên chức và người lao động",
			pad2(r.BriefedUnits), kehoach.FormatValue(float64(r.BriefedPeople), false))
	}
	lines = append(lines, s+".")
	if r.Owed > 0 {
		s = fmt.Sprintf("Đến ngày báo cáo, %s/%s phòng, đơn vị đã gửi báo cáo kết quả thực hiện", pad2(r.Submitted), pad2(r.Owed))
		if r.Accepted > 0 {
			s += fmt.Sprintf("; số liệu tại báo cáo này tổng hợp từ %s báo cáo đã được kiểm tra", pad2(r.Accepted))
		} else {
			s += "; chưa có báo cáo nào được kiểm tra nên số liệu tại báo cáo này chưa gồm số liệu của các phòng, đơn vị"
		}
		var own []string
		if kinds["briefing"] {
			own = append(own, "số người dự quán triệt")
		}
		if kinds["post"] {
			own = append(own, "số tin, bài đã đăng")
		}
		if kinds["event"] {
			own = append(own, "số người dự các sự kiện")
		}
		if len(own) > 0 {
			s += " và " + strings.Join(own, ", ") + " do " + r.AgencyName + " trực tiếp ghi nhận"
		}
		lines = append(lines, s+".")
	}
	return strings.Join(lines, "\n")
}

// activityText is a section of part I: figures against targets, the units
// that did the work and what they report; or, without results, who was
// given the activity.
func activityText(a *Activity, tasks []*kehoach.Task, unitName func(string) string) string {
	var lines []string
	if len(a.Figures) > 0 {
		var parts []string
		for _, f := range a.Figures {
			parts = append(parts, lowerFirst(f.Name)+": "+f.Sentence())
		}
		lines = append(lines, "Kết quả: "+strings.Join(parts, "; ")+".")
	}
	if len(a.Units) > 0 {
		lines = append(lines, "Đơn vị thực hiện: "+strings.Join(a.Units, ", ")+".")
	}
	for _, nv := range a.Narratives {
		lines = append(lines, "- "+nv.Unit+": "+strings.TrimRight(nv.Text, ".;")+".")
	}
	if len(lines) > 0 {
		return strings.Join(lines, "\n")
	}
	var lead, support []string
	for _, t := range tasks {
		if n := unitName(t.LeadUnitID); t.LeadUnitID != "" && !contains(lead, n) {
			lead = append(lead, n)
		}
	}
	for _, t := range tasks {
		for _, u := range t.SupportUnitIDs {
			if n := unitName(u); !contains(lead, n) && !contains(support, n) {
				support = append(support, n)
			}
		}
	}
	if len(lead) == 0 {
		return "Nội dung này được triển khai đến các phòng, đơn vị cùng với Kế hoạch."
	}
	s := strings.Join(lead, ", ") + " chủ trì thực hiện"
	if len(support) > 0 {
		s += ", " + strings.Join(support, ", ") + " phối hợp"
	}
	return s + "."
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

// Assessment is "Vượt", "Đạt" or "Chưa đạt" against the target, or "".
func (f *Figure) Assessment() string {
	switch {
	case f.Target == nil:
		return ""
	case f.Total > *f.Target:
		return "Vượt"
	case f.Total == *f.Target:
		return "Đạt"
	}
	return "Chưa đạt"
}

// lastYear is " (năm trước: 12)" when last year's value is known.
func (f *Figure) lastYear() string {
	if f.Previous == nil {
		return ""
	}
	return " (năm trước: " + f.PreviousText() + ")"
}
