// Package demo loads the demonstration organisation — the Sơn La
// Department of Transport as it stood in 2023 — its people, and the seed
// plan read through the importer.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
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

//go:embed seed/organisation.json
var organisationJSON []byte

// organisation is the demo organisation and its accounts, kept as data in
// seed/organisation.json.
var organisation = func() (o struct {
	Units       []*kehoach.OrgUnit   `json:"units"`
	Successions []kehoach.Succession `json:"successions"`
	People      []Person             `json:"people"`
	DemoNote    string               `json:"demoNote"`
}) {
	if err := json.Unmarshal(organisationJSON, &o); err != nil {
		panic("demo organisation.json: " + err.Error())
	}
	return o
}()

// Units is the demo organisation: the province, the agency with its
// divisions and units, and the agency its result report goes to.
func Units() []*kehoach.OrgUnit {
	out := make([]*kehoach.OrgUnit, len(organisation.Units))
	for i, u := range organisation.Units {
		c := *u
		out[i] = &c
	}
	return out
}

// Person is a demo account: who it is and its username.
type Person struct {
	Username string         `json:"username"`
	FullName string         `json:"fullName"`
	Title    string         `json:"title"`
	UnitID   string         `json:"unitId"`
	Roles    []kehoach.Role `json:"roles"`
}

// People lists the demo accounts: one for every role, and a head for every
// division and unit.
func People() []Person { return slices.Clone(organisation.People) }

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
	}{{"roll-up", loadRollup}, {"execution", loadExecution}, {"obstacles", loadObstacles}, {"communications", loadComms}, {"documents", loadDocuments}}
	for _, step := range steps {
		if err := step.load(ctx, svc, plan); err != nil {
			return nil, fmt.Errorf("demo %s: %w", step.name, err)
		}
	}
	svc.SetClock(clock)
	if err := loadCurrentYear(ctx, svc, plan, clock.Now().In(kehoach.Zone).Year()); err != nil {
		return nil, fmt.Errorf("demo current year: %w", err)
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
			Address: u.Address, Place: u.Place, SortOrder: u.SortOrder, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo, OrganID: u.OrganID}
		if _, err := svc.CreateUnit(ctx, sys, in); err != nil {
			return nil, fmt.Errorf("demo unit %s: %w", u.Name, err)
		}
	}
	if err := loadSuccessions(ctx, svc, sys); err != nil {
		return nil, err
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
