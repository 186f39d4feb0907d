package summary_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/summary"
)

// benchInput is a plan of 30 units, each leading one task that feeds 10
// indicators, each with an accepted report carrying all 10 figures.
func benchInput(units, indicators int) *summary.Input {
	at := time.Date(2023, 7, 1, 2, 0, 0, 0, time.UTC)
	year := 2023
	title := "Triển khai Tháng hành động vì trẻ em năm 2023"
	us := []*kehoach.OrgUnit{
		{ID: "prov", Kind: kehoach.UnitProvince, Name: "UBND tỉnh Sơn La"},
		{ID: "ag", Kind: kehoach.UnitAgency, Name: "Sở Giao thông vận tải", Abbrev: "SGTVT", Place: "Sơn La", ParentID: "prov"},
		{ID: "vp", Kind: kehoach.UnitOffice, Name: "Văn phòng Sở", Abbrev: "VP", ParentID: "ag"},
		{ID: "up", Kind: kehoach.UnitExternal, Name: "Sở Lao động - Thương binh và Xã hội", ParentID: "prov"},
	}
	in := &summary.Input{
		Plan:   &kehoach.Plan{ID: "p", AgencyID: "ag", Title: title, Year: &year, ReportToUnitID: "up", Basis: []kehoach.Basis{{Text: "Thực hiện Kế hoạch số 115/KH-UBND ngày 28/4/2023 của UBND tỉnh"}}},
		People: []*kehoach.Person{{ID: "gd", FullName: "Đào Tài Tuệ", Title: "Giám đốc", UnitID: "ag", Roles: []kehoach.Role{kehoach.RoleDirector}, Active: true}},
		Table:  &kehoach.IndicatorTable{Targets: map[string]float64{}},
		Now:    at,
	}
	var codes []string
	for i := 0; i < indicators; i++ {
		code := fmt.Sprintf("ct%02d", i)
		codes = append(codes, code)
		in.Table.Indicators = append(in.Table.Indicators, kehoach.Indicator{Code: code, Name: fmt.Sprintf("Chỉ tiêu số %d về tuyên truyền", i+1), Unit: "lượt", Aggregation: kehoach.AggSum})
		in.Table.Targets[code] = 1000
	}
	for u := 0; u < units; u++ {
		id := fmt.Sprintf("u%02d", u)
		us = append(us, &kehoach.OrgUnit{ID: id, Kind: kehoach.UnitDivision, Name: fmt.Sprintf("Phòng chuyên môn số %d", u+1), ParentID: "ag"})
		task := &kehoach.Task{ID: "t" + id, Number: u + 1, TaskFields: kehoach.TaskFields{Section: "II.4", Title: "Tuyên truyền đến cán bộ, người lao động", LeadUnitID: id, IndicatorCodes: codes}, Status: kehoach.TaskOpen}
		in.Tasks = append(in.Tasks, task)
		in.Obligations = append(in.Obligations, &kehoach.Obligation{ID: "o" + id, PlanID: "p", UnitID: id, TaskID: task.ID, Kind: kehoach.KindFinal, Due: "2023-06-30", SubmittedAt: &at, AcceptedAt: &at})
		rep := &kehoach.Report{ID: "r" + id, PlanID: "p", UnitID: id, ObligationID: "o" + id, Version: 1, State: kehoach.ReportAccepted,
			ReportContent: kehoach.ReportContent{Values: map[string]float64{},
				Results:      "Đơn vị đã quán triệt kế hoạch đến toàn thể công chức, người lao động; phối hợp tuyên truyền “Mùa hè an toàn cho trẻ em” tại 02 buổi sinh hoạt.",
				Shortcomings: "Một số công chức đi công tác dài ngày.", Proposals: "Đề nghị cung cấp thêm tài liệu."}}
		in.Reports = append(in.Reports, rep)
		for i, code := range codes {
			v := float64(u + i + 1)
			rep.Values[code] = v
			in.Table.Add(code, kehoach.ValueSource{Kind: "report", UnitID: id, ReportID: rep.ID, Version: 1, AcceptedBy: "Lò Thị Hương", AcceptedAt: &at, Value: v})
		}
		in.Briefings = append(in.Briefings, &kehoach.Briefing{UnitID: id, Participants: 10})
	}
	in.Tree = kehoach.NewOrgTree(us)
	return in
}

// BenchmarkReport30x10 drafts the result report of 30 units with 10
// indicators: compose, then .docx and .xlsx.
func BenchmarkReport30x10(b *testing.B) {
	in := benchInput(30, 10)
	ctx := context.Background()
	b.Run("compose", func(b *testing.B) {
		for b.Loop() {
			if _, err := summary.Compose(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, format := range []string{"docx", "xlsx"} {
		b.Run("compose+"+format, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				r, err := summary.Compose(in)
				if err != nil {
					b.Fatal(err)
				}
				buf.Reset()
				if err := summary.Write(ctx, &buf, r, format, summary.Options{Soffice: "-"}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/file")
		})
	}
	b.Run("compose+docx+xlsx", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			r, err := summary.Compose(in)
			if err != nil {
				b.Fatal(err)
			}
			for _, format := range []string{"docx", "xlsx"} {
				buf.Reset()
				if err := summary.Write(ctx, &buf, r, format, summary.Options{Soffice: "-"}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestBenchInputComposes keeps the benchmark's input honest: the totals
// are the sums over the 30 units.
func TestBenchInputComposes(t *testing.T) {
	r, err := summary.Compose(benchInput(30, 10))
	if err != nil {
		t.Fatal(err)
	}
	// ct00: 1 + 2 + … + 30 = 465.
	if len(r.Totals) != 10 || r.Totals[0].Total != 465 || len(r.AnnexUnits) != 30 || len(r.Missing) != 0 || r.Accepted != 30 {
		t.Errorf("totals %d, first %v, annex %d, missing %d, accepted %d", len(r.Totals), r.Totals[0].Total, len(r.AnnexUnits), len(r.Missing), r.Accepted)
	}
}
