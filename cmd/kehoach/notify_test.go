package main

import (
	"context"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestObligationSource runs the reminders over the demo plan once issued:
// its late obligations reach the people of the units in the app.
func TestObligationSource(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	office := kehoachtest.ActorCtx(t, db, "vanphong")
	if plan.Status == kehoach.PlanDraft {
		start, end := "2023-06-01", "2023-06-30"
		plan.Period.Start, plan.Period.End = &start, &end
		if err := db.UpdatePlan(office, plan); err != nil {
			t.Fatal(err)
		}
		if _, err := db.IssuePlan(office, plan.ID, sqlstore.IssueOptions{IssuedOn: "2023-05-20"}); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2023, 7, 20, 9, 0, 0, 0, kehoach.Zone)
	clock := kehoach.ClockFunc(func() time.Time { return now })
	db.Clock = clock
	src := db.ReminderSource()
	ctx := kehoach.NewContextWithActor(context.Background(), kehoach.SystemActor("nhắc việc"))
	dues, err := src.OpenDues(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(dues) == 0 {
		t.Fatal("no open obligations in the issued demo plan")
	}
	for _, d := range dues {
		if d.Done || d.Label == "" || d.Due.IsZero() || d.UnitID == "" {
			t.Fatalf("due %+v", d)
		}
	}
	to, err := src.Recipients(ctx, dues[0].UnitID, notify.LevelUnit)
	if err != nil || len(to) == 0 {
		t.Fatalf("recipients of %s: %v %v", dues[0].UnitID, to, err)
	}
	flag, err := src.Recipients(ctx, dues[0].UnitID, notify.LevelOfficeFlag)
	if err != nil || len(flag) == 0 {
		t.Fatalf("office: %v %v", flag, err)
	}
	r := notify.NewRunner(db, src, nil, notify.RunnerConfig{Clock: clock})
	if err := r.Tick(ctx, now); err != nil {
		t.Fatal(err)
	}
	office1 := flag[0].PersonID
	ns, err := db.FindNotifications(ctx, office1, true, 0)
	if err != nil || len(ns) == 0 {
		t.Fatalf("the Office was not flagged: %v", err)
	}
	if n, _ := db.CountUnreadNotifications(ctx, to[0].PersonID); to[0].PersonID != "" && n == 0 {
		t.Fatalf("%s got nothing", to[0].Name)
	}
}
