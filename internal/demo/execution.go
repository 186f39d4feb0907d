package demo

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// at returns a clock fixed at the given local time of the demo year.
func at(month time.Month, day, hour int) kehoach.Clock {
	t := time.Date(2023, month, day, hour, 0, 0, 0, kehoach.Zone).UTC()
	return kehoach.ClockFunc(func() time.Time { return t })
}

// unitTasks are the demo's activity tasks given to each division and unit.
var unitTasks = []struct{ unit, username string }{
	{UnitFinance, "pkhtc"}, {UnitTransport, "pqlvt"}, {UnitInfra, "pkcht"}, {UnitQuality, "pqlcl"},
	{UnitInspect, "thanhtra"}, {UnitMaint, "bqlbt"}, {UnitRegistry, "dangkiem"},
}

// loadExecution replays the plan's first weeks in 2023: the Office corrects
// the period the importer warned about, sets targets, assigns tasks and
// issues the plan; units acknowledge, brief and report, some late, one not
// at all; the Office returns one report and accepts it after correction.
func loadExecution(ctx context.Context, svc *ops.Service, plan *kehoach.Plan) error {
	officeActor, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		return err
	}
	svc.SetClock(at(time.May, 20, 9))
	start, end := "2023-06-01", "2023-06-30"
	plan.Period = &kehoach.Period{Start: &start, End: &end, Text: "từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2023"}
	// The document imported is the unnumbered draft; the Office records the
	// number and date the plan is issued with.
	number, symbol, date, place := "86", "KH-SGTVT", "2023-05-22", "Sơn La"
	plan.Number, plan.Symbol, plan.Date, plan.Place = &number, &symbol, &date, &place
	// The tasks below are the Office's own reading of what the document
	// proposes: they replace the proposals.
	plan.Tasks = nil
	if err := svc.UpdatePlan(ctx, officeActor, plan); err != nil {
		return err
	}
	targets := map[string]*float64{}
	for code, v := range map[string]float64{kehoach.IndNewsItems: 10, kehoach.IndNewsMinutes: 60, kehoach.IndStaffReached: 300, kehoach.IndChildClasses: 50} {
		targets[code] = &v
	}
	if _, err := svc.SetTargets(ctx, officeActor, plan.ID, ops.TargetsInput{Values: targets}); err != nil {
		return err
	}
	tasks := []kehoach.TaskFields{{Section: "II.2", Title: "Tăng cường số lượng, thời lượng tin, bài trên Trang thông tin điện tử của Sở",
		Text:       "Đăng tin, bài hưởng ứng Tháng hành động vì trẻ em; thông điệp, khẩu hiệu năm 2023; thông tin về Tổng đài 111 và hệ thống dịch vụ bảo vệ trẻ em trên địa bàn tỉnh.",
		LeadUnitID: UnitWebsite, SupportUnitIDs: []string{UnitOffice}, Due: "2023-06-30", ExpectedOutput: "Tin, bài đăng trên Trang thông tin điện tử",
		IndicatorCodes: []string{kehoach.IndNewsItems, kehoach.IndNewsMinutes}}}
	for _, ut := range unitTasks {
		tasks = append(tasks, kehoach.TaskFields{Section: "II.4", Title: "Tuyên truyền đến cán bộ, người lao động và vận động con em tham gia lớp kỹ năng",
			Text:       "Tuyên truyền nâng cao nhận thức, trách nhiệm trong giáo dục, quản lý con em; “Mùa hè an toàn cho trẻ em”; vận động con em tham gia các lớp kỹ năng sống, tự bảo vệ.",
			LeadUnitID: ut.unit, Due: "2023-06-30", ExpectedOutput: "Báo cáo kết quả của đơn vị",
			IndicatorCodes: []string{kehoach.IndStaffReached, kehoach.IndChildClasses, kehoach.IndSummerSafety}})
	}
	tasks = append(tasks,
		kehoach.TaskFields{Section: "II.3", Title: "Tuyên truyền hưởng ứng Lễ phát động Tháng hành động vì trẻ em cấp tỉnh",
			LeadUnitID: UnitYouth, SupportUnitIDs: []string{UnitOffice}, Due: "2023-06-05", IndicatorCodes: []string{kehoach.IndStaffReached}},
		kehoach.TaskFields{Section: "III.2", Title: "Theo dõi, đôn đốc và tổng hợp báo cáo kết quả gửi Sở Lao động - Thương binh và Xã hội",
			LeadUnitID: UnitOffice, Due: "2023-07-05", ExpectedOutput: "Báo cáo kết quả thực hiện Kế hoạch"})
	for _, t := range tasks {
		if _, err := svc.CreateTask(ctx, officeActor, plan.ID, ops.TaskInput{TaskFields: t}); err != nil {
			return fmt.Errorf("demo task %s: %w", t.Title, err)
		}
	}
	svc.SetClock(at(time.May, 22, 8))
	issue := ops.IssueInput{RecipientUnitIDs: kehoach.DefaultRecipients(officeActor.Tree, plan.AgencyID), AckDays: 2, BriefDays: 7, IssuedOn: "2023-05-22"}
	if _, err := svc.IssuePlan(ctx, officeActor, plan.ID, issue); err != nil {
		return err
	}
	plan.Status = kehoach.PlanIssued

	// Acknowledgements: most on time, the registry centre late, the
	// inspectorate never.
	acks := []struct {
		user, unit string
		day        int
	}{{"vanphong", UnitOffice, 22}, {"pkhtc", UnitFinance, 22}, {"pqlvt", UnitTransport, 23}, {"pkcht", UnitInfra, 23}, {"pqlcl", UnitQuality, 23},
		{"bqlbt", UnitMaint, 24}, {"dangkiem", UnitRegistry, 26}, {"chidoan", UnitYouth, 22}, {"bientap", UnitWebsite, 22}}
	for _, a := range acks {
		who, err := svc.ActAs(ctx, a.user)
		if err != nil {
			return err
		}
		svc.SetClock(at(time.May, a.day, 10))
		if _, err := svc.Acknowledge(ctx, who, plan.ID, a.unit); err != nil {
			return fmt.Errorf("demo acknowledgement %s: %w", a.user, err)
		}
	}
	briefings := []struct {
		user, unit, method string
		day, people        int
	}{{"pkhtc", UnitFinance, "Họp giao ban phòng", 25, 9}, {"pqlvt", UnitTransport, "Họp giao ban phòng", 26, 11}, {"pkcht", UnitInfra, "Phổ biến qua hệ thống quản lý văn bản", 26, 8},
		{"pqlcl", UnitQuality, "Họp giao ban phòng", 29, 7}, {"bqlbt", UnitMaint, "Hội nghị cán bộ, viên chức", 29, 46}, {"chidoan", UnitYouth, "Sinh hoạt chi đoàn", 25, 28},
		{"bientap", UnitWebsite, "Họp nhóm biên tập", 23, 4}, {"vanphong", UnitOffice, "Họp cơ quan", 24, 21}}
	for _, b := range briefings {
		who, err := svc.ActAs(ctx, b.user)
		if err != nil {
			return err
		}
		svc.SetClock(at(time.May, b.day, 15))
		if _, err := svc.RecordBriefing(ctx, who, plan.ID, ops.BriefingInput{Briefing: kehoach.Briefing{UnitID: b.unit, Date: fmt.Sprintf("2023-05-%02d", b.day), Method: b.method, Participants: b.people}}); err != nil {
			return fmt.Errorf("demo briefing %s: %w", b.user, err)
		}
	}

	// Reports.
	reports := []struct {
		user, unit                       string
		day                              int
		values                           map[string]float64
		results, shortcomings, proposals string
		returnReason                     string
		fixedValues                      map[string]float64
		accept                           bool
	}{
		{user: "pkhtc", unit: UnitFinance, day: 28, values: map[string]float64{kehoach.IndStaffReached: 38, kehoach.IndSummerSafety: 2},
			results:      "Phòng đã quán triệt kế hoạch đến toàn thể công chức, người lao động; phối hợp tuyên truyền “Mùa hè an toàn cho trẻ em” tại 02 buổi sinh hoạt.",
			shortcomings: "Một số công chức đi công tác dài ngày chưa tham gia đầy đủ.", proposals: "Đề nghị Văn phòng Sở cung cấp thêm tài liệu tuyên truyền.",
			returnReason: "Đề nghị bổ sung số lượt con em tham gia lớp kỹ năng sống.", fixedValues: map[string]float64{kehoach.IndChildClasses: 9}, accept: true},
		{user: "pqlvt", unit: UnitTransport, day: 29, values: map[string]float64{kehoach.IndStaffReached: 52, kehoach.IndChildClasses: 14, kehoach.IndSummerSafety: 3},
			results: "Tuyên truyền lồng ghép trong các buổi sát hạch lái xe; vận động 14 lượt con em tham gia lớp kỹ năng tự bảo vệ.", accept: true},
		{user: "bientap", unit: UnitWebsite, day: 30, values: map[string]float64{},
			results: "Đăng tin, bài hưởng ứng Tháng hành động vì trẻ em; đăng thông điệp năm 2023 và thông tin Tổng đài 111 trên trang chủ.", accept: true},
		{user: "pkcht", unit: UnitInfra, day: 30, values: map[string]float64{kehoach.IndStaffReached: 24, kehoach.IndChildClasses: 5},
			results: "Quán triệt và tuyên truyền đến 24 lượt công chức, người lao động."},
	}
	for _, r := range reports {
		who, err := svc.ActAs(ctx, r.user)
		if err != nil {
			return err
		}
		obls, err := svc.PlanObligations(ctx, who, plan.ID)
		if err != nil {
			return err
		}
		var final *kehoach.Obligation
		for _, o := range obls.Items {
			if o.UnitID == r.unit && o.Kind == kehoach.KindFinal {
				final = o
				break
			}
		}
		if final == nil {
			return fmt.Errorf("demo: no result report owed by %s", r.user)
		}
		svc.SetClock(at(time.June, r.day, 9))
		in := ops.ReportInput{Values: r.values, Results: r.results, Shortcomings: r.shortcomings, Proposals: r.proposals, Submit: true}
		if _, err := svc.SaveReport(ctx, who, final.ID, in); err != nil {
			return fmt.Errorf("demo report %s: %w", r.user, err)
		}
		if r.returnReason != "" {
			svc.SetClock(at(time.June, r.day+1, 9))
			if _, err := svc.ReviewReport(ctx, officeActor, final.ID, ops.ReviewInput{Reason: r.returnReason}); err != nil {
				return err
			}
			in.Values = maps.Clone(r.values)
			maps.Copy(in.Values, r.fixedValues)
			svc.SetClock(at(time.June, r.day+1, 16))
			if _, err := svc.SaveReport(ctx, who, final.ID, in); err != nil {
				return err
			}
		}
		if r.accept {
			svc.SetClock(at(time.July, 1, 9))
			if _, err := svc.ReviewReport(ctx, officeActor, final.ID, ops.ReviewInput{Accept: true}); err != nil {
				return err
			}
		}
	}
	return nil
}

// AllowedIndicators returns the catalogue entries a task feeds that units
// type in their reports; figures kehoach counts itself (news items) are
// left out so that nobody types them twice.
func AllowedIndicators(catalogue []kehoach.Indicator, t *kehoach.Task) []kehoach.Indicator {
	return ops.AllowedIndicators(catalogue, t)
}

// loadDocuments prepares the demo's result report draft: on 3 July 2023
// the Office rewrites the recommendations to the superior. The figures keep
// following the data; the report is left as a draft for the Office to
// finalise, so that the register of outgoing documents starts empty.
func loadDocuments(ctx context.Context, svc *ops.Service, plan *kehoach.Plan) error {
	office, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		return err
	}
	svc.SetClock(at(time.July, 3, 10))
	_, err = svc.SaveSummary(ctx, office, plan.ID, kehoach.SummaryEdits{
		Proposals: "- Đề nghị Sở Lao động - Thương binh và Xã hội tiếp tục cung cấp tài liệu truyền thông về phòng, chống xâm hại trẻ em, phòng, chống đuối nước để Sở phổ biến đến cán bộ, công chức, viên chức và người lao động.",
	})
	return err
}

// Finish finishes the 2023 plan as it stands in the agency's records when
// the demo runs in a later year: on 5 July 2023 the Office finalises the
// result report and sends it to the superior through the document system.
// Without it (tests, "kehoach demo --replay") the plan stays as it stood on
// 3 July 2023, its result report a draft.
func Finish(ctx context.Context, svc *ops.Service, plan *kehoach.Plan) error {
	clock := svc.Clock()
	defer svc.SetClock(clock)
	if plan.Year == nil || clock.Now().In(kehoach.Zone).Year() <= *plan.Year {
		return nil
	}
	office, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		return err
	}
	svc.SetClock(at(time.July, 5, 15))
	if _, err := svc.FinaliseSummary(ctx, office, plan.ID, ops.FinaliseInput{IssuedOn: "2023-07-05"}); err != nil {
		return fmt.Errorf("demo result report: %w", err)
	}
	_, err = svc.RecordSummarySending(ctx, office, plan.ID, kehoach.Sending{On: "2023-07-05", Via: kehoach.SendSystem, To: "Sở Lao động - Thương binh và Xã hội"})
	if err != nil {
		return fmt.Errorf("demo result report: %w", err)
	}
	return nil
}
