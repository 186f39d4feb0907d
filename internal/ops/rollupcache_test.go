package ops_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestRollupKeptSeesEveryChange keeps the roll-up of the demo's
// 115/KH-UBND in the memory of two handles on one database (two processes)
// and makes a change of every kind the roll-up shows through one or the
// other — on an implementing plan, on the parent plan, a plan linked and
// unlinked, a report received from another kehoach, the catalogue and the
// organisation: after each, both answer exactly what a fresh computation
// answers, to each viewer, and a change that altered the answer moved the
// version. A kept answer is served again when nothing changed.
func TestRollupKeptSeesEveryChange(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			plan, dbs, svcs := twoHandles(t, engine)
			one := dbs[0]
			ctx := context.Background()
			as := func(db *sqlstore.DB, username string) *kehoach.Actor { return actorOn(t, db, username) }
			if plan.ParentPlanID == nil {
				t.Fatal("the seed plan implements no plan")
			}
			parent := *plan.ParentPlanID
			viewers := []string{"sldtbxh", "system", "giamdoc-sgddt", "pkhtc"}
			sys := func(svc *ops.Service) *kehoach.Actor {
				a, err := svc.System(ctx, "kiểm thử")
				noErr(t, err)
				return a
			}
			answer := func(svc *ops.Service, db *sqlstore.DB, who string) string {
				t.Helper()
				var a *kehoach.Actor
				if who == "system" {
					a = sys(svc)
				} else {
					a = as(db, who)
				}
				r, err := svc.Rollup(ctx, a, parent)
				if err != nil {
					return "error " + string(kehoach.ErrorCode(err))
				}
				b, err := json.Marshal(r)
				noErr(t, err)
				return string(b)
			}
			all := func(svc *ops.Service, db *sqlstore.DB) map[string]string {
				out := map[string]string{}
				for _, who := range viewers {
					out[who] = answer(svc, db, who)
				}
				return out
			}
			version := func() string {
				v, err := one.RollupVersion(ctx, parent)
				noErr(t, err)
				return v
			}

			unsent, reporter := firstUnsent(t, one, plan)
			draft := &kehoach.Plan{AgencyID: demo.UnitJustice, Title: "Kế hoạch thực hiện Tháng hành động vì trẻ em năm 2023", ParentPlanID: &parent}
			steps := []struct {
				name   string
				change func(svc *ops.Service, db *sqlstore.DB) error
			}{
				{"report submit", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.SaveReport(ctx, as(db, reporter), unsent.ID, ops.ReportInput{Results: "Đã tuyên truyền tới cán bộ.", Values: map[string]float64{kehoach.IndStaffReached: 40}, Submit: true})
					return err
				}},
				{"result report finalised", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.FinaliseSummary(ctx, as(db, "vanphong"), plan.ID, ops.FinaliseInput{IssuedOn: "2023-07-05"})
					return err
				}},
				{"agency report returned", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.ReturnAgencyReport(ctx, as(db, "sldtbxh"), parent, demo.UnitAgency, ops.ReturnAgencyReportInput{Reason: "Bổ sung số liệu tuyên truyền."})
					return err
				}},
				{"agency report accepted", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.AcceptAgencyReport(ctx, as(db, "sldtbxh"), parent, demo.UnitAgency)
					return err
				}},
				{"parent's targets", func(svc *ops.Service, db *sqlstore.DB) error {
					v := 6000.0
					_, err := svc.SetTargets(ctx, sys(svc), parent, ops.TargetsInput{Values: map[string]*float64{kehoach.IndStaffReached: &v}})
					return err
				}},
				{"plan linked", func(svc *ops.Service, db *sqlstore.DB) error {
					return svc.CreateDraft(ctx, sys(svc), draft)
				}},
				{"plan unlinked", func(svc *ops.Service, db *sqlstore.DB) error {
					draft.ParentPlanID = nil
					return svc.UpdatePlan(ctx, sys(svc), draft)
				}},
				{"report received", func(svc *ops.Service, db *sqlstore.DB) error {
					tok, err := svc.IssueExchangeToken(ctx, sys(svc), ops.ExchangeTokenInput{AgencyID: demo.UnitJustice, PlanID: parent})
					if err != nil {
						return err
					}
					pkg, err := svc.ReportPackage(ctx, sys(svc), ops.ReportPackageInput{PlanID: plan.ID, ParentPlanID: parent, ParentAgencyID: demo.UnitJustice})
					if err != nil {
						return err
					}
					_, err = svc.ReceiveReport(ctx, tok.Token, func(p *kehoach.ReportPackage) error { *p = *pkg; return nil })
					return err
				}},
				{"indicator renamed", func(svc *ops.Service, db *sqlstore.DB) error {
					inds, err := db.FindIndicators(ctx)
					noErr(t, err)
					for _, ind := range inds {
						if ind.Code == kehoach.IndStaffReached {
							ind.Name += " (đã sửa)"
							_, err := svc.SaveIndicator(ctx, as(db, "quantri"), ops.IndicatorInput{Indicator: ind})
							return err
						}
					}
					t.Fatal("no staff indicator")
					return nil
				}},
				{"agency renamed", func(svc *ops.Service, db *sqlstore.DB) error {
					u, err := db.FindUnitByID(ctx, demo.UnitCulture)
					noErr(t, err)
					_, err = svc.UpdateUnit(ctx, as(db, "quantri"), u.ID, ops.UnitInput{Kind: u.Kind, Name: u.Name + " (đổi tên)", Abbrev: u.Abbrev, ParentID: u.ParentID, Email: u.Email})
					return err
				}},
			}
			fresh := func() map[string]string { return all(ops.New(one, nil), one) }
			last := fresh()
			if last["sldtbxh"][0] != '{' || last["system"][0] != '{' || last["pkhtc"][0] != 'e' {
				t.Fatalf("the superior and kehoach itself do not see the roll-up, or a division head does: %v", last)
			}
			for i, s := range svcs {
				if got := all(s, dbs[i]); !equalMaps(got, last) {
					t.Fatalf("handle %d: first answer differs from a fresh one", i)
				}
			}
			for i, st := range steps {
				before := version()
				for j, s := range svcs { // kept by both
					all(s, dbs[j])
				}
				by := i % 2
				if err := st.change(svcs[by], dbs[by]); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				// Sealed now rather than by the sequencer while the handles
				// answer: the version then moves once per change (on
				// PostgreSQL it moves again when an entry is sealed).
				if _, err := dbs[by].SealAudit(ctx); err != nil {
					t.Fatalf("%s: seal: %v", st.name, err)
				}
				want := fresh()
				if !equalMaps(want, last) && version() == before && st.name != "agency renamed" {
					t.Errorf("%s changed the roll-up but not its version %s", st.name, before)
				}
				if want["sldtbxh"] == last["sldtbxh"] {
					t.Errorf("%s changed nothing the roll-up shows: the step proves nothing", st.name)
				}
				for j, s := range svcs {
					read := s.TalliesRead()
					if got := all(s, dbs[j]); !equalMaps(got, want) {
						for _, who := range viewers {
							if got[who] != want[who] {
								t.Errorf("%s (through handle %d): handle %d answers %s what it kept before", st.name, by, j, who)
							}
						}
					}
					// One agency's report: only its plan's obligations are
					// read again, once for every viewer.
					if n := s.TalliesRead() - read; st.name == "report submit" && n != 1 {
						t.Errorf("%s: handle %d read the obligations of %d plans again, want 1", st.name, j, n)
					}
				}
				last = want
			}
			// Nothing changed: both answer from memory.
			for j, s := range svcs {
				all(s, dbs[j])
				n := s.RollupComputations()
				all(s, dbs[j])
				if s.RollupComputations() != n {
					t.Errorf("handle %d computed the roll-up again with nothing changed", j)
				}
			}
		})
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// twoHandles loads the demo on engine and returns its plan and two handles
// on the one database (two processes), each with its service.
func twoHandles(t *testing.T, engine string) (*kehoach.Plan, []*sqlstore.DB, []*ops.Service) {
	dsn := kehoachtest.DSN(t, engine)
	one := kehoachtest.OpenDSN(t, dsn)
	plan := kehoachtest.LoadDemo(t, one, demo.Load)
	other := kehoachtest.OpenDSN(t, dsn)
	return plan, []*sqlstore.DB{one, other}, []*ops.Service{ops.New(one, nil), ops.New(other, nil)}
}

// actorOn returns the demo person username as db finds them.
func actorOn(t *testing.T, db *sqlstore.DB, username string) *kehoach.Actor {
	return kehoach.ActorFromContext(kehoachtest.ActorCtx(t, db, username))
}

// firstUnsent returns the first obligation of plan no unit has sent, and
// the username of its unit's head.
func firstUnsent(t *testing.T, db *sqlstore.DB, plan *kehoach.Plan) (*kehoach.Obligation, string) {
	t.Helper()
	for _, u := range []struct{ unit, username string }{{demo.UnitFinance, "pkhtc"}, {demo.UnitTransport, "pqlvt"}, {demo.UnitInfra, "pkcht"},
		{demo.UnitQuality, "pqlcl"}, {demo.UnitInspect, "thanhtra"}, {demo.UnitMaint, "bqlbt"}, {demo.UnitRegistry, "dangkiem"}} {
		obls, err := db.FindObligations(context.Background(), kehoach.ObligationFilter{PlanID: &plan.ID, UnitID: ptr(u.unit)})
		noErr(t, err)
		for _, o := range obls {
			if o.SubmittedAt == nil {
				return o, u.username
			}
		}
	}
	t.Fatal("every unit has sent every report")
	return nil, ""
}
