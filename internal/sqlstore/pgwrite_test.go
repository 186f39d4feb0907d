package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestConcurrentSubmitsFinish: units submitting their reports of one plan
// at the same moment, while the Office returns the ones already submitted,
// all finish without error on both engines. On PostgreSQL a submit used to
// hold a key-share lock on the plan row (the foreign key of its report,
// checked again when the transaction updates the report a second time)
// and then ask for the plan row FOR UPDATE: two submits of one plan then
// waited for each other until the server broke the deadlock, and under
// load nothing completed.
func TestConcurrentSubmitsFinish(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		db, plan := kehoachtest.DemoDB(t, engine)
		office := kehoachtest.ActorCtx(t, db, "vanphong")
		obls, err := db.FindObligations(office, kehoach.ObligationFilter{PlanID: &plan.ID})
		if err != nil {
			t.Fatal(err)
		}
		var open []*kehoach.Obligation
		for _, o := range obls {
			if (o.Kind == kehoach.KindFinal || o.Kind == kehoach.KindProgress) && o.AcceptedAt == nil && o.SubmittedAt == nil {
				open = append(open, o)
			}
		}
		if len(open) < 4 {
			t.Fatalf("the demo plan has %d open reports; want at least 4", len(open))
		}
		// A deadline only so that a hang fails the test instead of
		// stopping the suite; the test asserts that every step succeeds.
		ctx, cancel := context.WithTimeout(office, 2*time.Minute)
		defer cancel()
		const rounds = 4
		errs := make(chan error, len(open)*2)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for _, o := range open {
			wg.Go(func() {
				<-start
				for round := range rounds {
					in := &kehoach.Report{ReportContent: kehoach.ReportContent{Results: fmt.Sprintf("Đã tuyên truyền (lần %d)", round+1), Values: map[string]float64{}}}
					r, err := db.SaveReport(ctx, o.ID, in, nil, nil, true)
					if err != nil {
						errs <- fmt.Errorf("submit %s, round %d: %w", o.ID, round, err)
						return
					}
					if r.State != kehoach.ReportSubmitted || r.Version != round+1 {
						errs <- fmt.Errorf("submit %s, round %d: state %s, version %d", o.ID, round, r.State, r.Version)
						return
					}
					if _, err := db.ReviewReport(ctx, r.ID, false, "Bổ sung số liệu"); err != nil {
						errs <- fmt.Errorf("return %s, round %d: %w", o.ID, round, err)
						return
					}
				}
			})
		}
		// Meanwhile drafts are saved on the same reports: refused while a
		// report waits for review, saved otherwise, never failing.
		for i, o := range open {
			wg.Go(func() {
				<-start
				for n := range rounds * 2 {
					in := &kehoach.Report{ReportContent: kehoach.ReportContent{Results: fmt.Sprintf("Bản nháp %d.%d", i, n), Values: map[string]float64{}}}
					if _, err := db.SaveReportDraft(ctx, o.ID, in, nil); err != nil && kehoach.ErrorCode(err) != kehoach.ECONFLICT {
						errs <- fmt.Errorf("draft %s, %d: %w", o.ID, n, err)
						return
					}
				}
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if t.Failed() {
			return
		}
		if n, bad, err := db.VerifyAudit(context.Background()); err != nil || bad != 0 {
			t.Fatalf("audit after concurrent submits: %d entries, bad %d, %v", n, bad, err)
		}
	})
}
