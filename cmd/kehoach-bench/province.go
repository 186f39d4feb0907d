package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/internal/summary"
)

// The province: 34 agencies, each with 40 units, one plan of 30 tasks over
// 12 monthly periods, issued to every unit. It is mid-July: the first six
// months' progress reports are mostly in (most accepted, some returned or
// still drafts), a third of the tasks feed an indicator, a few units have
// raised difficulties.
const (
	provUnits = 40
	provTasks = 30
)

// provAgencies is how many agencies the province has (fewer in tests).
var provAgencies = 34

var (
	provIssued = time.Date(2023, 1, 5, 8, 0, 0, 0, kehoach.Zone)
	provNow    = time.Date(2023, 7, 20, 8, 0, 0, 0, kehoach.Zone)
)

// fixedClock tells a set time.
type fixedClock struct{ t *time.Time }

func (c fixedClock) Now() time.Time { return *c.t }

// dsnOf returns the database dbArgs name for kehoach.
func dsnOf(dbArgs []string) string {
	var data, db string
	for i := 0; i+1 < len(dbArgs); i += 2 {
		switch dbArgs[i] {
		case "--data":
			data = dbArgs[i+1]
		case "--db":
			db = dbArgs[i+1]
		}
	}
	if db != "" {
		return db
	}
	return filepath.Join(data, "kehoach.db")
}

func agencyID(a int) string  { return fmt.Sprintf("ag%02d", a) }
func unitID(a, u int) string { return fmt.Sprintf("ag%02d-u%02d", a, u) }

// buildProvince writes the province through the store (one transaction per
// action, as kehoach itself writes), with the clock set to the day of each
// step.
func buildProvince(ctx context.Context, o options, dbArgs []string) error {
	start := time.Now()
	db, err := sqlstore.Open(ctx, dsnOf(dbArgs))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	db.PasswordCost = sqlstore.PasswordCheap
	now := provIssued
	db.Clock = fixedClock{&now}
	sys := kehoach.NewContextWithActor(ctx, kehoach.SystemActor("dữ liệu mẫu cấp tỉnh"))

	units := []*kehoach.OrgUnit{
		{ID: "prov", Kind: kehoach.UnitProvince, Name: "UBND tỉnh Sơn La"},
		{ID: "u-vp-ubnd", Kind: kehoach.UnitOffice, Name: "Văn phòng UBND tỉnh", ParentID: "prov"},
		{ID: "u-sldtbxh", Kind: kehoach.UnitAgency, Name: "Sở Lao động - Thương binh và Xã hội", Abbrev: "SLĐTBXH", ParentID: "prov"},
	}
	people := []*kehoach.Person{{Username: "sldtbxh", FullName: "Bạc Thị Nga", UnitID: "u-sldtbxh", Roles: []kehoach.Role{kehoach.RoleSuperior}, Active: true}}
	for a := 1; a <= provAgencies; a++ {
		units = append(units, &kehoach.OrgUnit{ID: agencyID(a), Kind: kehoach.UnitAgency, Name: fmt.Sprintf("Sở số %02d", a), Abbrev: fmt.Sprintf("S%02d", a), ParentID: "prov", Place: "Sơn La"})
		people = append(people, &kehoach.Person{Username: fmt.Sprintf("s%02dgd", a), FullName: fmt.Sprintf("Giám đốc Sở %02d", a), Title: "Giám đốc", UnitID: agencyID(a), Roles: []kehoach.Role{kehoach.RoleDirector}, Active: true})
		for u := 1; u <= provUnits; u++ {
			kind, name := kehoach.UnitDivision, fmt.Sprintf("Phòng chuyên môn %02d", u)
			if u == 1 {
				kind, name = kehoach.UnitOffice, "Văn phòng Sở"
			}
			units = append(units, &kehoach.OrgUnit{ID: unitID(a, u), Kind: kind, Name: name, ParentID: agencyID(a), SortOrder: u})
			user, roles := fmt.Sprintf("s%02dp%02d", a, u), []kehoach.Role{kehoach.RoleUnitHead}
			if u == 1 {
				roles = append(roles, kehoach.RoleOffice)
				if a == 1 {
					user = "vanphong"
				}
			}
			people = append(people, &kehoach.Person{Username: user, FullName: fmt.Sprintf("Trưởng đơn vị %02d Sở %02d", u, a), UnitID: unitID(a, u), Roles: roles, Active: true})
		}
	}
	if err := db.BulkOrg(sys, units, people, benchPassword); err != nil {
		return err
	}
	o.logf("province: %d units, %d people (%s)", len(units), len(people), time.Since(start).Round(time.Second))

	inds, err := db.FindIndicators(ctx)
	if err != nil {
		return err
	}
	var fed []kehoach.Indicator
	for _, ind := range inds {
		if ind.Source == "" {
			fed = append(fed, ind)
		}
	}
	parent, err := provinceParent(sys, db)
	if err != nil {
		return err
	}
	reports, obstacles := 0, 0
	for a := 1; a <= provAgencies; a++ {
		now = provIssued
		from, end, year, issuer := "2023-01-01", "2023-12-31", 2023, fmt.Sprintf("Sở số %02d", a)
		p := &kehoach.Plan{AgencyID: agencyID(a), Type: "KH", Title: fmt.Sprintf("Kế hoạch tuyên truyền, phổ biến giáo dục pháp luật năm 2023 của Sở số %02d", a),
			Year: &year, Issuer: &issuer, ReportToUnitID: "u-sldtbxh", ParentPlanID: &parent.ID, Period: &kehoach.Period{Start: &from, End: &end}}
		for t := 0; t < provTasks; t++ {
			lead := unitID(a, 2+t%(provUnits-1))
			p.Tasks = append(p.Tasks, kehoach.ProposedTask{
				Text:       fmt.Sprintf("Nhiệm vụ %d: tuyên truyền, phổ biến pháp luật cho cán bộ, người lao động và nhân dân trên địa bàn", t+1),
				LeadUnitID: lead, SupportUnitIDs: []string{unitID(a, 2+(t+7)%(provUnits-1))}, Due: &end, Section: "II",
			})
		}
		if err := db.CreatePlan(sys, p); err != nil {
			return fmt.Errorf("plan of %s: %w", agencyID(a), err)
		}
		if _, err := db.IssuePlan(sys, p.ID, sqlstore.IssueOptions{IssuedOn: provIssued.Format(time.DateOnly)}); err != nil {
			return fmt.Errorf("issue plan of %s: %w", agencyID(a), err)
		}
		if err := db.SetPublished(sys, p.ID, true); err != nil {
			return err
		}
		tasks, err := db.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
		if err != nil {
			return err
		}
		taskByID := map[string]*kehoach.Task{}
		for i, t := range tasks {
			taskByID[t.ID] = t
			if i%3 == 0 && len(fed) > 0 {
				t.IndicatorCodes = []string{fed[i%len(fed)].Code}
				if err := db.UpdateTask(sys, t); err != nil {
					return fmt.Errorf("task indicators: %w", err)
				}
			}
		}
		now = provNow
		obls, err := db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &p.ID})
		if err != nil {
			return err
		}
		var bulk []sqlstore.BulkReport
		for i, ob := range obls {
			if ob.Kind != kehoach.KindProgress || ob.Due >= provNow.Format(time.DateOnly) || i%7 == 0 {
				continue // not due yet, or one in seven not reported
			}
			t := taskByID[ob.TaskID]
			in := &kehoach.Report{ReportContent: kehoach.ReportContent{Values: map[string]float64{},
				Results: "Đã tổ chức tuyên truyền tại các buổi sinh hoạt chuyên đề, hội nghị cán bộ.", Links: []string{}}}
			var allowed []kehoach.Indicator
			for _, ind := range fed {
				if t != nil && t.Feeds(ind.Code) {
					allowed = append(allowed, ind)
					in.Values[ind.Code] = float64(10 + i%50)
				}
			}
			// One in eleven stays a draft; of the submitted, most are
			// accepted and some wait for review.
			bulk = append(bulk, sqlstore.BulkReport{ObligationID: ob.ID, Report: in, Allowed: allowed, Submit: i%11 != 0, Accept: i%11 != 0 && i%5 != 0})
		}
		if err := db.BulkReports(sys, bulk); err != nil {
			return fmt.Errorf("reports: %w", err)
		}
		reports += len(bulk)
		for k := 0; k < 3; k++ {
			t := tasks[(k*11)%len(tasks)]
			if err := db.RaiseObstacle(sys, &kehoach.Obstacle{PlanID: p.ID, TaskID: t.ID, AgencyID: agencyID(a), UnitID: t.LeadUnitID, ForUnit: true,
				RaisedBy: "Trưởng đơn vị", What: "Thiếu kinh phí in ấn tài liệu tuyên truyền", Why: "Dự toán năm chưa bố trí kinh phí cho nội dung này.",
				Proposal: "Đề nghị bổ sung kinh phí từ nguồn chi thường xuyên."}, nil); err != nil {
				return fmt.Errorf("obstacle: %w", err)
			}
			obstacles++
		}
		if a%3 == 0 {
			// One agency in three has finalised a result report (on its
			// first half-year); the superior accepted two in three of them.
			if err := finaliseAgency(sys, db, p.ID, parent.ID, agencyID(a), a%9 != 0); err != nil {
				return fmt.Errorf("result report of %s: %w", agencyID(a), err)
			}
		}
		if a == 1 || a%10 == 0 {
			o.logf("province: %d of %d agencies (%s)", a, provAgencies, time.Since(start).Round(time.Second))
		}
	}
	o.logf("province built: %d reports, %d obstacles, in %s", reports, obstacles, time.Since(start).Round(time.Second))
	return nil
}

// aggregate measures, with one client, the monitoring of the first
// agency's plan and the roll-up against the raw SQL aggregate over the
// same obligations.
func (s *setup) aggregate(ctx context.Context, o options, dbArgs []string) (*aggregateReport, error) {
	db, err := sqlstore.Open(ctx, dsnOf(dbArgs))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	const runs = 30
	a := &aggregateReport{}
	var err2 error
	a.sqlAggregate, a.rows, err2 = medianOf(runs, func() (int, error) { return db.BenchAggregate(ctx, s.plan) })
	if err2 != nil {
		return nil, err2
	}
	timeGet := func(path, tok string) (time.Duration, int, error) {
		d, n, err := medianOf(runs, func() (int, error) {
			req, err := s.req("GET", path, tok, "")
			if err != nil {
				return 0, err
			}
			req.Header.Del("Accept-Encoding")
			resp, err := s.client.Do(req)
			if err != nil {
				return 0, err
			}
			defer resp.Body.Close()
			var body []byte
			buf := make([]byte, 32<<10)
			for {
				k, err := resp.Body.Read(buf)
				body = append(body, buf[:k]...)
				if err != nil {
					break
				}
			}
			if resp.StatusCode != http.StatusOK {
				return 0, fmt.Errorf("%s: status %d", path, resp.StatusCode)
			}
			return len(body), nil
		})
		return d, n, err
	}
	if a.monitoringAPI, _, err = timeGet("/api/v1/plans/"+s.plan+"/monitoring", s.office); err != nil {
		return nil, err
	}
	if a.page, a.monitoringPageLength, err = timeGet("/plans/"+s.plan+"/monitoring", s.office); err != nil {
		return nil, err
	}
	if s.rollup == "" {
		a.rollupSkipped = "no roll-up route in this build"
	} else {
		if a.rollup, _, err = timeGet(s.rollup, s.rollTok); err != nil {
			return nil, err
		}
		parent := strings.TrimSuffix(strings.TrimPrefix(s.rollup, "/api/v1/plans/"), "/rollup")
		if a.rollupSQL, a.rollupRows, err = medianOf(runs, func() (int, error) { return db.BenchRollupAggregate(ctx, parent) }); err != nil {
			return nil, err
		}
		if a.rollupCold, err = rollupCold(ctx, db, parent, runs); err != nil {
			return nil, err
		}
		if a.rollupChanged, err = rollupAfterChange(ctx, db, parent, runs); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// rollupCold returns the median time of the roll-up of parent as its
// superior sees it, computed by a new service each time (nothing kept): what
// the first request after a change costs.
func rollupCold(ctx context.Context, db *sqlstore.DB, parent string, runs int) (time.Duration, error) {
	sup, err := ops.New(db, nil).ActAs(ctx, "sldtbxh")
	if err != nil {
		return 0, err
	}
	d, _, err := medianOf(runs, func() (int, error) {
		r, err := ops.New(db, nil).Rollup(ctx, sup, parent)
		if err != nil {
			return 0, err
		}
		return len(r.Children), nil
	})
	return d, err
}

// rollupAfterChange returns the median time of the roll-up of parent as
// its superior sees it, computed by one service right after one agency's
// report draft changed (in turn, a different agency each time): what the
// first request after a change costs in a process that served the
// roll-up before.
func rollupAfterChange(ctx context.Context, db *sqlstore.DB, parent string, runs int) (time.Duration, error) {
	svc := ops.New(db, nil)
	sup, err := svc.ActAs(ctx, "sldtbxh")
	if err != nil {
		return 0, err
	}
	children, _, err := db.FindPlans(ctx, kehoach.PlanFilter{ParentPlanID: &parent})
	if err != nil {
		return 0, err
	}
	// One open report obligation of each agency's plan.
	kind := kehoach.KindFinal
	var open []*kehoach.Obligation
	for _, c := range children {
		obls, err := db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &c.ID, Kind: &kind})
		if err != nil {
			return 0, err
		}
		for _, o := range obls {
			if o.SubmittedAt == nil {
				open = append(open, o)
				break
			}
		}
	}
	if len(open) == 0 {
		return 0, errors.New("no open report obligation in the agencies' plans")
	}
	if _, err := svc.Rollup(ctx, sup, parent); err != nil {
		return 0, err
	}
	sys := kehoach.NewContextWithActor(ctx, kehoach.SystemActor("kehoach-bench"))
	var ds []time.Duration
	for i := range runs {
		o := open[i%len(open)]
		draft := &kehoach.Report{ReportContent: kehoach.ReportContent{Results: fmt.Sprintf("Bản nháp %d", i)}}
		if _, err := db.SaveReportDraft(sys, o.ID, draft, nil); err != nil {
			return 0, fmt.Errorf("draft in %s: %w", o.PlanID, err)
		}
		start := time.Now()
		if _, err := svc.Rollup(ctx, sup, parent); err != nil {
			return 0, err
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2], nil
}

// medianOf runs fn n times and returns the median time and fn's last
// count.
func medianOf(n int, fn func() (int, error)) (time.Duration, int, error) {
	var ds []time.Duration
	count := 0
	for range n {
		start := time.Now()
		c, err := fn()
		if err != nil {
			return 0, 0, err
		}
		ds = append(ds, time.Since(start))
		count = c
	}
	slices.Sort(ds)
	return ds[len(ds)/2], count, nil
}

// provinceParent creates and issues the province's plan that every
// agency's plan implements, recorded by the province's office and followed
// by the Department of Labour ("sldtbxh" sees its roll-up).
func provinceParent(ctx context.Context, db *sqlstore.DB) (*kehoach.Plan, error) {
	year, from, end, issuer := 2023, "2023-01-01", "2023-12-31", "UBND tỉnh Sơn La"
	number, symbol, date := "12", "KH-UBND", provIssued.AddDate(0, 0, -3).Format(time.DateOnly)
	p := &kehoach.Plan{AgencyID: "prov", Type: "KH", Title: "Kế hoạch tuyên truyền, phổ biến giáo dục pháp luật năm 2023 trên địa bàn tỉnh",
		Number: &number, Symbol: &symbol, Date: &date, Year: &year, Issuer: &issuer, ReportToUnitID: "u-sldtbxh",
		Period: &kehoach.Period{Start: &from, End: &end},
		Tasks:  []kehoach.ProposedTask{{Text: "Theo dõi, tổng hợp kết quả thực hiện kế hoạch của các sở, ngành", LeadUnitID: "u-vp-ubnd", Due: &end, Section: "III"}}}
	for a := 1; a <= provAgencies; a++ {
		p.Recipients = append(p.Recipients, fmt.Sprintf("Sở số %02d", a))
	}
	if err := db.CreatePlan(ctx, p); err != nil {
		return nil, fmt.Errorf("province plan: %w", err)
	}
	if _, err := db.IssuePlan(ctx, p.ID, sqlstore.IssueOptions{RecipientUnitIDs: []string{"u-vp-ubnd"}, IssuedOn: date}); err != nil {
		return nil, fmt.Errorf("issue province plan: %w", err)
	}
	return p, nil
}

// finaliseAgency finalises the result report of agency's plan planID as
// its Office would, and has the superior accept it when accept.
func finaliseAgency(ctx context.Context, db *sqlstore.DB, planID, parentID, agency string, accept bool) error {
	_, final, err := summary.Finalise(ctx, db, planID, 0, provNow.Format(time.DateOnly))
	if err != nil || !accept {
		return err
	}
	_, err = db.DecideAgencyReport(ctx, &kehoach.AgencyReportDecision{SummaryID: final.ID, PlanID: planID, ParentPlanID: parentID, AgencyID: agency, Accepted: true})
	return err
}
