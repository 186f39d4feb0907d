package ops_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// found returns the results of searching q as a, failing on an error.
func (f *fixture) found(a *kehoach.Actor, q string) []ops.SearchResult {
	f.t.Helper()
	res, err := f.svc.Search(f.t.Context(), a, q)
	if err != nil {
		f.t.Fatalf("search %q: %v", q, err)
	}
	return res.Results
}

func has(list []ops.SearchResult, kind, id string) bool {
	for _, r := range list {
		if r.Kind == kind && r.ID == id {
			return true
		}
	}
	return false
}

func TestSearchFoldsDiacriticsAndCase(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		office := f.as("vanphong")
		for _, q := range []string{"tre em", "trẻ em", "TRẺ EM", "  Tre   Em "} {
			if got := f.found(office, q); !has(got, "plan", f.plan.ID) {
				t.Errorf("%q does not find the seed plan: %+v", q, got)
			}
		}
		road := f.found(office, "duong bo")
		if !has(road, "unit", "u-bqlbt") {
			t.Errorf("'duong bo' does not find the unit named with 'đường bộ': %+v", road)
		}
		var person bool
		for _, r := range road {
			person = person || r.Kind == "person" && strings.Contains(r.Snippet, "đường bộ")
		}
		if !person {
			t.Errorf("'duong bo' does not find the person titled with 'đường bộ': %+v", road)
		}
		for _, r := range road {
			if r.Kind == "unit" && r.Link != "/org" || r.Kind == "person" && r.Link == "" {
				t.Errorf("result without its link: %+v", r)
			}
		}
		// A unit head reads the organisation but not the list of people.
		for _, r := range f.found(f.as("pkhtc"), "duong bo") {
			if r.Kind == "person" {
				t.Errorf("a unit head finds a person: %+v", r)
			}
		}
		// Words start where the term does: "ong" is not "đường".
		if got := f.found(office, "uong bo"); has(got, "unit", "u-bqlbt") {
			t.Errorf("'uong bo' matched inside a word: %+v", got)
		}
		if got := f.found(office, "tre em"); len(got) > ops.SearchResultsMax {
			t.Errorf("%d results, want at most %d", len(got), ops.SearchResultsMax)
		}
	})
}

func TestSearchQueryBounds(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		office := f.as("vanphong")
		for _, q := range []string{"", "   ", strings.Repeat("ă", 201)} {
			_, err := f.svc.Search(t.Context(), office, q)
			wantFields(t, err, "q")
		}
		if _, err := f.svc.Search(t.Context(), office, strings.Repeat("ă", 200)); err != nil {
			t.Errorf("200 characters refused: %v", err)
		}
		if res, err := f.svc.Search(t.Context(), office, "%_"); err != nil || len(res.Results) != 0 {
			t.Errorf("punctuation alone: %+v, %v", res, err)
		}
	})
}

func TestSearchKeepsToTheReadersRights(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		office, other, own := f.as("vanphong"), f.as("pkhtc"), f.as("dangkiem")
		task := f.task("u-ttdk")
		o := f.raise("dangkiem", ops.ObstacleInput{TaskID: task.ID, ForUnit: true,
			What: "Cầu treo qua suối Nậm Pàn xuống cấp nghiêm trọng", Why: "Xe đưa đón học sinh không qua được."})
		for _, c := range []struct {
			who  *kehoach.Actor
			want bool
		}{{office, true}, {own, true}, {other, false}} {
			if got := has(f.found(c.who, "cau treo nam pan"), "obstacle", o.ID); got != c.want {
				t.Errorf("%s finds the unshared obstacle: %v, want %v", c.who.Person.Username, got, c.want)
			}
		}
		// The index follows a change of the task.
		in := ops.TaskInput{TaskFields: task.TaskFields}
		in.Title = "Kiểm định xe đưa đón học sinh vùng cao"
		if _, err := f.svc.UpdateTask(ctx, office, task.ID, in); err != nil {
			t.Fatal(err)
		}
		if got := f.found(office, "kiem dinh xe dua don"); !has(got, "task", task.ID) || got[0].Kind != "task" {
			t.Errorf("the Office does not find the changed task first: %+v", got)
		}
		if !has(f.found(own, "kiem dinh xe dua don"), "task", task.ID) {
			t.Error("the lead unit does not find its task")
		}
		if !slices.Contains(task.Units(), "u-pkhtc") && has(f.found(other, "kiem dinh xe dua don"), "task", task.ID) {
			t.Error("another unit's head finds the task")
		}
	})
}
