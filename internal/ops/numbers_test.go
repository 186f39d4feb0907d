package ops_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// TestReadNumber: Vietnamese and plain forms are read; "1.200" is a
// thousand two hundred for a whole-number field, 1.2 with a note for a
// decimal one; text that is no number is refused.
func TestReadNumber(t *testing.T) {
	for _, c := range []struct {
		in    string
		whole bool
		want  float64
		note  bool
	}{
		{"1200", true, 1200, false}, {"1.200", true, 1200, false}, {"1.200.000", true, 1200000, false},
		{"1.200", false, 1.2, true}, {"13,5", false, 13.5, false}, {"13.5", false, 13.5, false},
		{"1.200,5", false, 1200.5, false}, {"1,200.5", false, 1200.5, false}, {"1 200", true, 1200, false},
		{" 42 ", true, 42, false}, {"0.500", false, 0.5, false}, {"12.50", false, 12.5, false},
		{"13,5", true, 13.5, false}, {"-3", true, -3, false}, {"1.200.000,25", false, 1200000.25, false},
		{",5", false, 0.5, false}, {"1234.567", false, 1234.567, false},
	} {
		v, note, err := ops.ReadNumber(c.in, c.whole)
		if err != nil || v != c.want || (note != "") != c.note {
			t.Errorf("ReadNumber(%q, whole %v) = %v, %q, %v; want %v (note %v)", c.in, c.whole, v, note, err, c.want, c.note)
		}
	}
	if _, note, _ := ops.ReadNumber("1.200", false); !strings.Contains(note, "1,2") || !strings.Contains(note, "1200") {
		t.Errorf("note: %q", note)
	}
	for _, bad := range []string{"", "abc", "1.2.3", "12,34,5", "1.20.000", "1,2.3,4", "1..2", "--1", "1e5", ".", "1.200,5.3"} {
		if _, _, err := ops.ReadNumber(bad, false); err == nil {
			t.Errorf("ReadNumber(%q) read a number", bad)
		}
	}
}

// TestFormsReadVietnameseNumbers: the report form, the briefing and the plan
// targets read "1.200" and "13,5"; a report value of a decimal indicator
// typed "1.200" is 1.2 and the form is told how it was read.
func TestFormsReadVietnameseNumbers(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		admin, office, head := f.as("quantri"), f.as("vanphong"), f.as("pqlcl")
		hours := kehoach.Indicator{Code: "hours_trained", Name: "Số giờ tập huấn", Unit: "giờ", Aggregation: kehoach.AggSum, Decimal: true}
		if _, err := f.svc.SaveIndicator(ctx, admin, ops.IndicatorInput{Indicator: hours}); err != nil {
			t.Fatal(err)
		}
		o := finalObligation(t, f.svc, head, "u-pqlcl")
		task, _, err := f.svc.Task(ctx, office, o.TaskID)
		noErr(t, err)
		in := ops.TaskInput{TaskFields: task.TaskFields}
		in.IndicatorCodes = append(slices.Clone(task.IndicatorCodes), hours.Code)
		if _, err := f.svc.UpdateTask(ctx, office, task.ID, in); err != nil {
			t.Fatal(err)
		}
		rep := ops.ReportInput{Results: "Đã làm", TypedValues: map[string]string{kehoach.IndStaffReached: "1.200", hours.Code: "1.200"}, Notes: map[string]string{}}
		saved, err := f.svc.SaveReport(ctx, head, o.ID, rep)
		noErr(t, err)
		if saved.Values[kehoach.IndStaffReached] != 1200 || saved.Values[hours.Code] != 1.2 {
			t.Errorf("values read: %v", saved.Values)
		}
		if rep.Notes[hours.Code] == "" || rep.Notes[kehoach.IndStaffReached] != "" {
			t.Errorf("notes: %v", rep.Notes)
		}
		rep = ops.ReportInput{Results: "Đã làm", TypedValues: map[string]string{kehoach.IndStaffReached: "1200", hours.Code: "13,5"}, Notes: map[string]string{}}
		if saved, err = f.svc.SaveReport(ctx, head, o.ID, rep); err != nil || saved.Values[hours.Code] != 13.5 || saved.Values[kehoach.IndStaffReached] != 1200 || len(rep.Notes) != 0 {
			t.Errorf("plain and decimal comma: %v %v %v", err, saved, rep.Notes)
		}
		rep = ops.ReportInput{TypedValues: map[string]string{kehoach.IndStaffReached: "13,5"}}
		_, err = f.svc.SaveReport(ctx, head, o.ID, rep)
		wantFields(t, err, "values."+kehoach.IndStaffReached)

		// The briefing's number of people.
		plan := o.PlanID
		b, err := f.svc.RecordBriefing(ctx, head, plan, ops.BriefingInput{Briefing: kehoach.Briefing{Date: "2023-05-25", Method: "Họp"}, ParticipantsText: "1.200"})
		if err != nil || b.Participants != 1200 {
			t.Errorf("briefing of 1.200 people: %v %v", b, err)
		}
		_, err = f.svc.RecordBriefing(ctx, head, plan, ops.BriefingInput{Briefing: kehoach.Briefing{Date: "2023-05-25", Method: "Họp"}, ParticipantsText: "12,5"})
		wantFields(t, err, "participants")

		// Plan targets, whole and decimal.
		got, err := f.svc.SetTargets(ctx, office, plan, ops.TargetsInput{Text: map[string]string{kehoach.IndStaffReached: "1.500", hours.Code: "1.200,5"}})
		if err != nil || got[kehoach.IndStaffReached] != 1500 || got[hours.Code] != 1200.5 {
			t.Errorf("targets: %v %v", got, err)
		}
	})
}
