package ops_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
)

// TestIssueProposesThePlansDate: a 2023 plan opened for issuing in 2026 is
// proposed the plan's own document date, not today; issuing it today is
// warned about by field, and so is an acknowledgement due after the first
// deadline.
func TestIssueProposesThePlansDate(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office := f.as("vanphong")
		p, err := f.svc.Plan(ctx, office, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The seed document has no date of its own: the latest basis's is
		// its date (28/4/2023).
		if p.Date != nil {
			t.Fatal("the seed plan has a date")
		}
		want := "2023-04-28"
		f.svc.SetClock(kehoach.ClockFunc(func() time.Time { return time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC) }))
		form, err := f.svc.IssueForm(ctx, office, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if form.Proposed.IssuedOn != want {
			t.Errorf("proposed issue date %s, want the plan's date %s", form.Proposed.IssuedOn, want)
		}
		// Its tasks, without dates, are due at the period's end, which the
		// document wrote as 30/6/2022 (a mistake the plan page flags): the
		// form still warns.
		if w := form.Warnings["issuedOn"]; !strings.Contains(w, "30/06/2022") || !strings.Contains(w, "28/04/2023") {
			t.Errorf("warning on the proposed date: %q", w)
		}
		today := form.Proposed
		today.IssuedOn = "2026-12-01"
		form, err = f.svc.IssueFormWith(ctx, office, f.plan.ID, today)
		if err != nil || form.Warnings["issuedOn"] == "" {
			t.Errorf("no warning on issuedOn for an issue after the deadlines: %v %v", form.Warnings, err)
		}
		long := form.Proposed
		long.IssuedOn, long.AckDays = "2022-06-01", 60
		form, err = f.svc.IssueFormWith(ctx, office, f.plan.ID, long)
		if err != nil || form.Warnings["ackDays"] == "" || form.Warnings["issuedOn"] != "" {
			t.Errorf("no warning on ackDays for an acknowledgement due after the first deadline: %v %v", form.Warnings, err)
		}
	})
}
