package demo

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/planimport"
)

// Units of the roll-up: the province's office that records its plan, and
// other agencies implementing the province's plan (demonstration data).
const (
	UnitProvinceOffice = "u-vp-ubnd"
	UnitEducation      = "u-sgddt"
	UnitCulture        = "u-svhttdl"
	UnitJustice        = "u-stp"
)

//go:embed seed/ke-hoach-115-ubnd-2023.json
var parentPlanJSON []byte

// DemoMark ends the titles of the other agencies' plans, which only
// illustrate the roll-up.
const DemoMark = " (dữ liệu minh họa)"

// rollupChild is another agency's plan implementing 115/KH-UBND, and how
// far it went in 2023.
type rollupChild struct {
	agency, office, number, symbol, issued string
	// ack and brief are the days its office acknowledged and briefed, ""
	// for never; report the day it reported, with values and results.
	ack, brief, report string
	people             int
	values             map[string]float64
	results            string
	// finalise is the date of its result report; "" leaves it a draft.
	finalise string
}

var rollupChildren = []rollupChild{
	{agency: UnitEducation, office: "u-sgddt-vp", number: "86", symbol: "KH-SGDĐT", issued: "2023-05-10",
		ack: "2023-05-11", brief: "2023-05-15", report: "2023-06-28", people: 64,
		values:  map[string]float64{kehoach.IndStaffReached: 1250, kehoach.IndChildClasses: 320, kehoach.IndSummerSafety: 12},
		results: "Chỉ đạo các trường tổ chức tuyên truyền, sinh hoạt kỹ năng sống cho học sinh trước kỳ nghỉ hè.", finalise: "2023-07-04"},
	{agency: UnitCulture, office: "u-svhttdl-vp", number: "54", symbol: "KH-SVHTTDL", issued: "2023-05-15",
		ack: "2023-05-19", report: "2023-07-03",
		values:  map[string]float64{kehoach.IndStaffReached: 140, kehoach.IndSummerSafety: 5},
		results: "Tổ chức các hoạt động văn hóa, thể thao hè cho thiếu nhi tại Trung tâm Văn hóa - Điện ảnh tỉnh."},
}

// loadRollup records the province's plan 115/KH-UBND that the seed plan
// implements, links the seed plan (still a draft) to it as the importer
// proposes from its basis, and replays two other agencies' implementing
// plans: the education department's finished with a finalised result
// report, the culture department's with its report still a draft. The
// justice department, also expected, issues none. The superior accepts the
// education department's report.
func loadRollup(ctx context.Context, svc *ops.Service, plan *kehoach.Plan) error {
	sys, err := svc.System(ctx, "dữ liệu mẫu")
	if err != nil {
		return err
	}
	var parent kehoach.Plan
	if err := json.Unmarshal(parentPlanJSON, &parent); err != nil {
		return err
	}
	parent.AgencyID, parent.ReportToUnitID = UnitProvince, UnitLabour
	svc.SetClock(on("2023-04-28", 9))
	if err := svc.CreateDraft(ctx, sys, &parent); err != nil {
		return err
	}
	targets := map[string]*float64{}
	for code, v := range map[string]float64{kehoach.IndStaffReached: 5000, kehoach.IndChildClasses: 1500, kehoach.IndSummerSafety: 60} {
		targets[code] = &v
	}
	if _, err := svc.SetTargets(ctx, sys, parent.ID, ops.TargetsInput{Values: targets}); err != nil {
		return err
	}
	if err := replay(ctx, svc, sys, parent.ID, rollupChild{office: UnitProvinceOffice, issued: "2023-04-28", ack: "2023-04-28", brief: "2023-04-28", people: 12}); err != nil {
		return err
	}

	office, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		return err
	}
	svc.SetClock(at(time.May, 19, 16))
	plans, err := svc.Plans(ctx, office, kehoach.PlanFilter{})
	if err != nil {
		return err
	}
	found := planimport.ProposeParent(plan, plans, office.Tree)
	if found == nil || found.ID != parent.ID {
		return fmt.Errorf("the seed plan's basis does not name %s", parent.NumberSymbol())
	}
	plan.ParentPlanID = &found.ID
	if err := svc.UpdatePlan(ctx, office, plan); err != nil {
		return err
	}

	for _, c := range rollupChildren {
		if err := loadChild(ctx, svc, sys, &parent, c); err != nil {
			return fmt.Errorf("%s: %w", c.agency, err)
		}
	}
	// The superior accepts the education department's finalised report, so
	// that its own report on 115/KH-UBND has figures and names the others.
	superior, err := svc.ActAs(ctx, "sldtbxh")
	if err != nil {
		return err
	}
	svc.SetClock(on("2023-07-06", 9))
	if _, err := svc.AcceptAgencyReport(ctx, superior, parent.ID, UnitEducation); err != nil {
		return fmt.Errorf("accept %s: %w", UnitEducation, err)
	}
	return nil
}

// on returns a clock fixed at hour on day (YYYY-MM-DD) in Vietnam.
func on(day string, hour int) kehoach.Clock {
	d, err := time.ParseInLocation(time.DateOnly, day, kehoach.Zone)
	if err != nil {
		panic("demo date " + day)
	}
	t := d.Add(time.Duration(hour) * time.Hour).UTC()
	return kehoach.ClockFunc(func() time.Time { return t })
}

// loadChild creates, issues and replays agency c's plan implementing
// parent, as its Office would (recorded by kehoach for the demo).
func loadChild(ctx context.Context, svc *ops.Service, sys *kehoach.Actor, parent *kehoach.Plan, c rollupChild) error {
	ag := sys.Tree.Unit(c.agency)
	year, start, end := 2023, "2023-06-01", "2023-06-30"
	number, symbol, issued, issuer := c.number, c.symbol, c.issued, ag.Name
	basis := "Thực hiện Kế hoạch số 115/KH-UBND ngày 28/4/2023 của UBND tỉnh về triển khai Tháng hành động vì trẻ em tỉnh Sơn La năm 2023."
	p := &kehoach.Plan{AgencyID: c.agency, ReportToUnitID: UnitLabour, ParentPlanID: &parent.ID, Type: "KH",
		Title: "Triển khai Tháng hành động vì trẻ em năm 2023" + DemoMark, Number: &number, Symbol: &symbol, Date: &issued,
		Issuer: &issuer, Place: &ag.Place, Year: &year, Basis: []kehoach.Basis{{Text: basis, Number: parent.Number, Symbol: parent.Symbol, Date: parent.Date}},
		Period: &kehoach.Period{Start: &start, End: &end, Text: "từ ngày 01/6 đến ngày 30/6/2023"}, ReportTo: []string{"Sở Lao động - Thương binh và Xã hội"}}
	svc.SetClock(on(c.issued, 8))
	if err := svc.CreateDraft(ctx, sys, p); err != nil {
		return err
	}
	task := kehoach.TaskFields{Section: "II.1", Title: "Tuyên truyền, tổ chức hoạt động vì trẻ em trong ngành", LeadUnitID: c.office, Due: "2023-06-30",
		ExpectedOutput: "Báo cáo kết quả", IndicatorCodes: []string{kehoach.IndStaffReached, kehoach.IndChildClasses, kehoach.IndSummerSafety}}
	if _, err := svc.CreateTask(ctx, sys, p.ID, ops.TaskInput{TaskFields: task}); err != nil {
		return err
	}
	if err := replay(ctx, svc, sys, p.ID, c); err != nil {
		return err
	}
	if c.finalise != "" {
		svc.SetClock(on(c.finalise, 10))
		_, err := svc.FinaliseSummary(ctx, sys, p.ID, ops.FinaliseInput{IssuedOn: c.finalise})
		return err
	}
	svc.SetClock(on("2023-07-05", 10))
	_, err := svc.SaveSummary(ctx, sys, p.ID, kehoach.SummaryEdits{Proposals: "Đề nghị tiếp tục hỗ trợ kinh phí tổ chức hoạt động hè cho thiếu nhi."})
	return err
}

// replay issues plan planID to c's office and records what it did: its
// acknowledgement, briefing and result report (accepted at once).
func replay(ctx context.Context, svc *ops.Service, sys *kehoach.Actor, planID string, c rollupChild) error {
	svc.SetClock(on(c.issued, 9))
	if _, err := svc.IssuePlan(ctx, sys, planID, ops.IssueInput{RecipientUnitIDs: []string{c.office}, AckDays: 2, BriefDays: 7, IssuedOn: c.issued}); err != nil {
		return err
	}
	if c.ack != "" {
		svc.SetClock(on(c.ack, 10))
		if _, err := svc.Acknowledge(ctx, sys, planID, c.office); err != nil {
			return err
		}
	}
	if c.brief != "" {
		svc.SetClock(on(c.brief, 15))
		in := ops.BriefingInput{Briefing: kehoach.Briefing{UnitID: c.office, Date: c.brief, Method: "Họp cơ quan", Participants: c.people}}
		if _, err := svc.RecordBriefing(ctx, sys, planID, in); err != nil {
			return err
		}
	}
	if c.report == "" {
		return nil
	}
	obls, err := svc.PlanObligations(ctx, sys, planID)
	if err != nil {
		return err
	}
	for _, o := range obls.Items {
		if o.UnitID != c.office || o.Kind != kehoach.KindFinal {
			continue
		}
		svc.SetClock(on(c.report, 9))
		if _, err := svc.SaveReport(ctx, sys, o.ID, ops.ReportInput{Values: c.values, Results: c.results, Submit: true}); err != nil {
			return err
		}
		svc.SetClock(on(c.report, 16))
		_, err := svc.ReviewReport(ctx, sys, o.ID, ops.ReviewInput{Accept: true})
		return err
	}
	return fmt.Errorf("no result report owed by %s", c.office)
}
