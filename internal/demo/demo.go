// Package demo loads the demonstration organisation — the Sơn La
// Department of Transport as it stood in 2023 — its people, and the seed
// plan read through the importer.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/planimport"
)

//go:embed seed/ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt
var seedPlan []byte

// SeedPlan returns the text of the reference plan.
func SeedPlan() []byte { return bytes.Clone(seedPlan) }

// Unit ids are fixed so that links in the demo stay stable.
const (
	UnitProvince  = "u-ubnd-sonla"
	UnitAgency    = "u-sgtvt"
	UnitBoard     = "u-bgd"
	UnitOffice    = "u-vp"
	UnitFinance   = "u-pkhtc"
	UnitTransport = "u-pqlvt"
	UnitInfra     = "u-pkcht"
	UnitQuality   = "u-pqlcl"
	UnitInspect   = "u-thanhtra"
	UnitMaint     = "u-bqlbt"
	UnitRegistry  = "u-ttdk"
	UnitYouth     = "u-chidoan"
	UnitWebsite   = "u-website"
	UnitLabour    = "u-sldtbxh"
)

// Units is the demo organisation.
func Units() []*kehoach.OrgUnit {
	return []*kehoach.OrgUnit{
		{ID: UnitProvince, Kind: kehoach.UnitProvince, Name: "UBND tỉnh Sơn La", Abbrev: "UBND", Place: "Sơn La", SortOrder: 0},
		{ID: UnitAgency, Kind: kehoach.UnitAgency, Name: "Sở Giao thông vận tải", Abbrev: "SGTVT", ParentID: UnitProvince, Place: "Sơn La", SortOrder: 1,
			Address: "Tổ 2, phường Tô Hiệu, thành phố Sơn La", Email: "sogtvt@sonla.gov.vn"},
		{ID: UnitBoard, Kind: kehoach.UnitOffice, Name: "Ban Giám đốc Sở", Abbrev: "BGĐ", ParentID: UnitAgency, SortOrder: 2},
		{ID: UnitOffice, Kind: kehoach.UnitOffice, Name: "Văn phòng Sở", Abbrev: "VP", ParentID: UnitAgency, SortOrder: 3},
		{ID: UnitFinance, Kind: kehoach.UnitDivision, Name: "Phòng Kế hoạch - Tài chính", Abbrev: "KH-TC", ParentID: UnitAgency, SortOrder: 4},
		{ID: UnitTransport, Kind: kehoach.UnitDivision, Name: "Phòng Quản lý vận tải, phương tiện và người lái", Abbrev: "QLVT,PT&NL", ParentID: UnitAgency, SortOrder: 5},
		{ID: UnitInfra, Kind: kehoach.UnitDivision, Name: "Phòng Quản lý kết cấu hạ tầng giao thông", Abbrev: "QLKCHTGT", ParentID: UnitAgency, SortOrder: 6},
		{ID: UnitQuality, Kind: kehoach.UnitDivision, Name: "Phòng Quản lý chất lượng công trình giao thông", Abbrev: "QLCLCTGT", ParentID: UnitAgency, SortOrder: 7},
		{ID: UnitInspect, Kind: kehoach.UnitDivision, Name: "Thanh tra Sở", Abbrev: "TTr", ParentID: UnitAgency, SortOrder: 8},
		{ID: UnitMaint, Kind: kehoach.UnitAffiliated, Name: "Ban Quản lý bảo trì đường bộ", Abbrev: "BQLBTĐB", ParentID: UnitAgency, SortOrder: 9},
		{ID: UnitRegistry, Kind: kehoach.UnitAffiliated, Name: "Trung tâm Đăng kiểm xe cơ giới", Abbrev: "TTĐK", ParentID: UnitAgency, SortOrder: 10},
		{ID: UnitYouth, Kind: kehoach.UnitUnion, Name: "Chi đoàn thanh niên Sở", Abbrev: "CĐTN", ParentID: UnitAgency, SortOrder: 11},
		{ID: UnitWebsite, Kind: kehoach.UnitDivision, Name: "Trang thông tin điện tử của Sở", Abbrev: "TTĐT", ParentID: UnitOffice, SortOrder: 12},
		{ID: UnitLabour, Kind: kehoach.UnitExternal, Name: "Sở Lao động - Thương binh và Xã hội", Abbrev: "SLĐTBXH", ParentID: UnitProvince, Place: "Sơn La", SortOrder: 13},
	}
}

// Person is a demo account: who it is and its username.
type Person struct {
	Username, FullName, Title, UnitID string
	Roles                             []kehoach.Role
}

// People lists the demo accounts: one for every role, and a head for every
// division and unit.
func People() []Person {
	return []Person{
		{"giamdoc", "Đào Tài Tuệ", "Giám đốc", UnitBoard, []kehoach.Role{kehoach.RoleDirector}},
		{"vanphong", "Lò Thị Hương", "Chánh Văn phòng", UnitOffice, []kehoach.Role{kehoach.RoleOffice, kehoach.RoleUnitHead}},
		{"quantri", "Cầm Văn Minh", "Chuyên viên công nghệ thông tin", UnitOffice, []kehoach.Role{kehoach.RoleAdmin}},
		{"pkhtc", "Nguyễn Văn Bình", "Trưởng phòng Kế hoạch - Tài chính", UnitFinance, []kehoach.Role{kehoach.RoleUnitHead}},
		{"pqlvt", "Hoàng Văn Dũng", "Trưởng phòng Quản lý vận tải, phương tiện và người lái", UnitTransport, []kehoach.Role{kehoach.RoleUnitHead}},
		{"pkcht", "Lường Văn Hải", "Trưởng phòng Quản lý kết cấu hạ tầng giao thông", UnitInfra, []kehoach.Role{kehoach.RoleUnitHead}},
		{"pqlcl", "Trần Thị Lan", "Trưởng phòng Quản lý chất lượng công trình giao thông", UnitQuality, []kehoach.Role{kehoach.RoleUnitHead}},
		{"thanhtra", "Quàng Văn Sơn", "Chánh Thanh tra Sở", UnitInspect, []kehoach.Role{kehoach.RoleUnitHead}},
		{"bqlbt", "Vì Văn Thắng", "Giám đốc Ban Quản lý bảo trì đường bộ", UnitMaint, []kehoach.Role{kehoach.RoleUnitHead}},
		{"dangkiem", "Phạm Minh Tuấn", "Giám đốc Trung tâm Đăng kiểm xe cơ giới", UnitRegistry, []kehoach.Role{kehoach.RoleUnitHead}},
		{"chidoan", "Lê Thu Trang", "Bí thư Chi đoàn thanh niên Sở", UnitYouth, []kehoach.Role{kehoach.RoleUnitHead}},
		{"bientap", "Đinh Thị Mai", "Biên tập viên Trang thông tin điện tử", UnitWebsite, []kehoach.Role{kehoach.RoleUnitHead}},
		{"nhanvien", "Hà Văn Long", "Chuyên viên Phòng Kế hoạch - Tài chính", UnitFinance, []kehoach.Role{kehoach.RoleStaff}},
		{"sldtbxh", "Bạc Thị Nga", "Chuyên viên Phòng Bảo vệ, chăm sóc trẻ em", UnitLabour, []kehoach.Role{kehoach.RoleSuperior}},
	}
}

// Loaded reports whether the database already holds the demo.
func Loaded(ctx context.Context, svc *ops.Service) (bool, error) {
	sys, err := svc.System(ctx, "dữ liệu mẫu")
	if err != nil {
		return false, err
	}
	return sys.Tree.Unit(UnitAgency) != nil, nil
}

// Load creates the organisation, the people with the password, and the seed
// plan imported from its document, then replays its first weeks (see
// loadExecution and the steps after it). It returns the seed plan.
func Load(ctx context.Context, svc *ops.Service, password string) (*kehoach.Plan, error) {
	plan, err := LoadDraft(ctx, svc, password)
	if err != nil {
		return nil, err
	}
	sys, err := svc.System(ctx, "dữ liệu mẫu")
	if err != nil {
		return nil, err
	}
	clock := svc.Clock()
	defer svc.SetClock(clock)
	steps := []struct {
		name string
		load func(context.Context, *ops.Service, *kehoach.Plan) error
	}{{"execution", loadExecution}, {"obstacles", loadObstacles}, {"communications", loadComms}, {"documents", loadDocuments}}
	for _, step := range steps {
		if err := step.load(ctx, svc, plan); err != nil {
			return nil, fmt.Errorf("demo %s: %w", step.name, err)
		}
	}
	return svc.Plan(ctx, sys, plan.ID)
}

// LoadDraft creates the organisation, the people with the password, and the
// seed plan imported from its document as a draft, as the Office would find
// it after importing. It returns the draft plan.
func LoadDraft(ctx context.Context, svc *ops.Service, password string) (*kehoach.Plan, error) {
	sys, err := svc.System(ctx, "dữ liệu mẫu")
	if err != nil {
		return nil, err
	}
	clock := svc.Clock()
	defer svc.SetClock(clock)
	svc.SetClock(at(time.May, 19, 14))
	for _, u := range Units() {
		in := ops.UnitInput{ID: u.ID, Kind: u.Kind, Name: u.Name, Abbrev: u.Abbrev, ParentID: u.ParentID, Email: u.Email,
			Address: u.Address, Place: u.Place, SortOrder: u.SortOrder}
		if _, err := svc.CreateUnit(ctx, sys, in); err != nil {
			return nil, fmt.Errorf("demo unit %s: %w", u.Name, err)
		}
	}
	for _, p := range People() {
		in := ops.PersonInput{Username: p.Username, FullName: p.FullName, Title: p.Title, UnitID: p.UnitID,
			Roles: p.Roles, Email: p.Username + "@sogtvt.demo.kehoach.vn", Password: password}
		if _, err := svc.CreatePerson(ctx, sys, in); err != nil {
			return nil, fmt.Errorf("demo person %s: %w", p.Username, err)
		}
	}
	if err := svc.EnsureIndicators(ctx, sys, kehoach.DefaultIndicators); err != nil {
		return nil, err
	}
	plan, err := planimport.Read(bytes.NewReader(seedPlan), "ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt", UnitAgency)
	if err != nil {
		return nil, fmt.Errorf("demo plan: %w", err)
	}
	plan.ReportToUnitID = UnitLabour
	plan.SourceText = string(seedPlan)
	// The proposed tasks get their units by name, as the import page
	// proposes them: "Văn phòng Sở" is the Office. "Trưởng các phòng thuộc
	// Sở, Giám đốc các đơn vị trực thuộc Sở" addresses every division and
	// unit at once, so no single unit leads it and it stays unassigned.
	planimport.MatchUnits(plan, planimport.UnitCandidates(kehoach.NewOrgTree(Units()), UnitAgency))
	office, err := svc.ActAs(ctx, "vanphong")
	if err != nil {
		return nil, err
	}
	svc.SetClock(at(time.May, 19, 15))
	if err := svc.CreateDraft(ctx, office, plan); err != nil {
		return nil, fmt.Errorf("demo plan: %w", err)
	}
	return plan, nil
}
