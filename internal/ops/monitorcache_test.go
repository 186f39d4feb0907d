package ops_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestMonitoringKeptSeesEveryChange keeps the monitoring of the demo plan
// in the memory of two handles on one database (two processes) and makes a
// change of every kind the monitoring shows through one or the other:
// after each, both answer exactly what a fresh computation answers, and a
// change that altered the answer moved the version. A kept answer is
// served again when nothing changed.
func TestMonitoringKeptSeesEveryChange(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			plan, dbs, svcs := twoHandles(t, engine)
			one := dbs[0]
			ctx := context.Background()
			as := func(db *sqlstore.DB, username string) *kehoach.Actor { return actorOn(t, db, username) }
			q := ops.MonitorQuery{Details: true, AllReminders: true}
			answer := func(svc *ops.Service, db *sqlstore.DB) string {
				t.Helper()
				m, err := svc.Monitoring(ctx, as(db, "vanphong"), plan.ID, q)
				noErr(t, err)
				b, err := json.Marshal(struct {
					Plan      *kehoach.Plan
					Columns   []kehoach.MonitorColumn
					Rows      []*kehoach.MonitorRow
					Total     kehoach.Tally
					Units     []*kehoach.OrgUnit
					Tasks     map[string]*kehoach.Task
					Values    *kehoach.IndicatorTable
					Reminders []*notify.Reminder
				}{m.Plan, m.M.Columns, m.M.Rows, m.M.Total, m.Units, m.Tasks, m.Values, m.Reminders})
				noErr(t, err)
				return string(b)
			}
			version := func() string {
				v, err := one.MonitorVersion(ctx, plan.ID)
				noErr(t, err)
				return v
			}

			unsent, reporter := firstUnsent(t, one, plan)
			var task *kehoach.Task
			var reminder string
			minutes := 12.0
			steps := []struct {
				name   string
				change func(svc *ops.Service, db *sqlstore.DB) error
			}{
				{"report draft", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.SaveReport(ctx, as(db, reporter), unsent.ID, ops.ReportInput{Results: "Đã tuyên truyền tới cán bộ.", Values: map[string]float64{kehoach.IndStaffReached: 40}})
					return err
				}},
				{"report submit", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.SaveReport(ctx, as(db, reporter), unsent.ID, ops.ReportInput{Results: "Đã tuyên truyền tới cán bộ.", Values: map[string]float64{kehoach.IndStaffReached: 40}, Submit: true})
					return err
				}},
				{"report return", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.ReviewReport(ctx, as(db, "vanphong"), unsent.ID, ops.ReviewInput{Reason: "Bổ sung số liệu."})
					return err
				}},
				{"report submit again", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.SaveReport(ctx, as(db, reporter), unsent.ID, ops.ReportInput{Results: "Đã tuyên truyền tới toàn bộ cán bộ.", Values: map[string]float64{kehoach.IndStaffReached: 45}, Submit: true})
					return err
				}},
				{"report accept", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.ReviewReport(ctx, as(db, "vanphong"), unsent.ID, ops.ReviewInput{Accept: true})
					return err
				}},
				{"task create", func(svc *ops.Service, db *sqlstore.DB) error {
					var err error
					task, err = svc.CreateTask(ctx, as(db, "vanphong"), plan.ID, ops.TaskInput{TaskFields: kehoach.TaskFields{Title: "Nhiệm vụ thêm", LeadUnitID: demo.UnitInspect, Due: "2023-06-28"}})
					return err
				}},
				{"task update", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.UpdateTask(ctx, as(db, "vanphong"), task.ID, ops.TaskInput{TaskFields: kehoach.TaskFields{Title: "Nhiệm vụ thêm", LeadUnitID: demo.UnitInspect, Due: "2023-06-29"}})
					return err
				}},
				{"briefing", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.RecordBriefing(ctx, as(db, "thanhtra"), plan.ID, ops.BriefingInput{Briefing: kehoach.Briefing{UnitID: demo.UnitInspect, Date: "2023-06-02", Method: "Họp cơ quan", Participants: 17}})
					return err
				}},
				{"targets", func(svc *ops.Service, db *sqlstore.DB) error {
					v := 77.0
					_, err := svc.SetTargets(ctx, as(db, "vanphong"), plan.ID, ops.TargetsInput{Values: map[string]*float64{kehoach.IndStaffReached: &v}})
					return err
				}},
				{"news item (counted)", func(svc *ops.Service, db *sqlstore.DB) error {
					_, err := svc.CreatePost(ctx, as(db, "bientap"), plan.ID, ops.PostInput{UnitID: demo.UnitWebsite, Title: "Tin mới về Tháng hành động", URL: "https://sogtvt.sonla.gov.vn/tin-moi-kept", Kind: kehoach.PostVideo, PublishedOn: "2023-06-10", Minutes: &minutes})
					return err
				}},
				{"reminder queued", func(svc *ops.Service, db *sqlstore.DB) error {
					rs, err := db.EnqueueReminders(ctx, []*notify.Reminder{{Key: "kept-test", PlanID: plan.ID, UnitID: demo.UnitMaint, Step: "manual", Level: notify.LevelUnit,
						Recipient: "bqlbt@example.vn", RecipientName: "Ban Quản lý bảo trì", Email: "bqlbt@example.vn", Channel: notify.ChannelEmail,
						Reason: "Nhắc gửi báo cáo", Subject: "Nhắc việc", Message: "Đề nghị gửi báo cáo."}})
					if err == nil && len(rs) > 0 {
						reminder = rs[0].ID
					}
					return err
				}},
				{"reminder parked", func(svc *ops.Service, db *sqlstore.DB) error {
					return db.ParkReminder(ctx, reminder, "Chưa có máy chủ thư.")
				}},
				{"reminder delivered", func(svc *ops.Service, db *sqlstore.DB) error {
					return db.MarkReminderDelivered(ctx, reminder, nil)
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
				{"unit renamed", func(svc *ops.Service, db *sqlstore.DB) error {
					u, err := db.FindUnitByID(ctx, demo.UnitInspect)
					noErr(t, err)
					_, err = svc.UpdateUnit(ctx, as(db, "quantri"), u.ID, ops.UnitInput{Kind: u.Kind, Name: "Thanh tra Sở (đổi tên)", Abbrev: u.Abbrev, ParentID: u.ParentID, Email: u.Email})
					return err
				}},
			}
			fresh := func() string { return answer(ops.New(one, nil), one) }
			last := fresh()
			for i, s := range svcs {
				if got := answer(s, dbs[i]); got != last {
					t.Fatalf("handle %d: first answer differs from a fresh one", i)
				}
			}
			for i, st := range steps {
				before := version()
				for j, s := range svcs { // kept by both
					answer(s, dbs[j])
				}
				by := i % 2
				if err := st.change(svcs[by], dbs[by]); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				want := fresh()
				if want != last && version() == before && st.name != "unit renamed" {
					t.Errorf("%s changed the monitoring but not its version %s", st.name, before)
				}
				if want == last && st.name != "report draft" {
					t.Errorf("%s changed nothing the monitoring shows: the step proves nothing", st.name)
				}
				for j, s := range svcs {
					if got := answer(s, dbs[j]); got != want {
						t.Errorf("%s (through handle %d): handle %d answers what it kept before", st.name, by, j)
					}
				}
				last = want
			}
			// What is kept is behind the rights check: each person gets the
			// refusal (or answer) a fresh computation gives.
			for _, who := range []string{"pkhtc", "sldtbxh", "giamdoc-sgddt", "giamdoc"} {
				_, want := ops.New(one, nil).Monitoring(ctx, as(one, who), plan.ID, q)
				for j, s := range svcs {
					if _, err := s.Monitoring(ctx, as(dbs[j], who), plan.ID, q); kehoach.ErrorCode(err) != kehoach.ErrorCode(want) {
						t.Errorf("handle %d, %s: %v, want %v", j, who, err, want)
					}
				}
				if who == "pkhtc" && kehoach.ErrorCode(want) != kehoach.EFORBIDDEN {
					t.Errorf("a division head monitors the plan: %v", want)
				}
			}
			// Nothing changed: both answer from memory.
			for j, s := range svcs {
				answer(s, dbs[j])
				n := s.MonitorComputations()
				answer(s, dbs[j])
				if s.MonitorComputations() != n {
					t.Errorf("handle %d computed the monitoring again with nothing changed", j)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
