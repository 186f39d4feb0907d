package docparse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest/filetest"
)

const seedFile = "testdata/ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt"

func parseFile(t testing.TB, path string) (*Document, *Source) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, src, err := ParseWithSource(f, filepath.Base(path))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d, src
}

// toMap encodes d as JSON and decodes it again, to test the object as the
// contract sees it.
func toMap(t testing.TB, d *Document) map[string]any {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func hasWarning(d *Document, code string) bool {
	for _, w := range d.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestSeed checks every value the contract lists for the seed.
func TestSeed(t *testing.T) {
	d, _ := parseFile(t, seedFile)
	checks := []struct {
		name      string
		got, want any
	}{
		{"type", d.Type, "KH"},
		{"issuer", deref(d.Issuer), "Sở Giao thông vận tải"},
		{"number", deref(d.Number), nil},
		{"symbol", deref(d.Symbol), nil},
		{"date", deref(d.Date), nil},
		{"place", deref(d.Place), nil},
		{"title", d.Title, "Triển khai Tháng hành động vì trẻ em năm 2023"},
		{"year", deref(d.Year), 2023},
		{"len(basis)", len(d.Basis), 1},
		{"len(sections)", len(d.Sections), 3},
		{"len(events)", len(d.Events), 1},
		{"reportTo", d.ReportTo, []string{"Sở Lao động - Thương binh & Xã hội"}},
		{"len(recipients)", len(d.Recipients), 5},
		{"signer", deref(d.Signer), Signer{Authority: "", Title: "GIÁM ĐỐC", Name: "Đào Tài Tuệ"}},
		{"missing-number", hasWarning(d, WarnMissingNumber), true},
		{"missing-date", hasWarning(d, WarnMissingDate), true},
		{"period-year-mismatch", hasWarning(d, WarnPeriodYear), true},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if t.Failed() {
		return
	}
	b := d.Basis[0]
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"basis.type", deref(b.Type), "KH"},
		{"basis.number", deref(b.Number), "115"},
		{"basis.symbol", deref(b.Symbol), "KH-UBND"},
		{"basis.date", deref(b.Date), "2023-04-28"},
		{"basis.issuer", deref(b.Issuer), "UBND tỉnh"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	wantSections := []struct {
		label, kind string
		items       int
	}{{"I", "purpose", 4}, {"II", "activities", 4}, {"III", "organization", 2}}
	for i, w := range wantSections {
		s := d.Sections[i]
		if s.Label != w.label || s.Kind != w.kind || len(s.Items) != w.items {
			t.Errorf("section %d = %s/%s/%d items, want %s/%s/%d", i, s.Label, s.Kind, len(s.Items), w.label, w.kind, w.items)
		}
	}
	if got := strings.Count(d.Sections[1].Items[3].Text, "\n\n"); got != 1 {
		t.Errorf("II.4 has %d paragraph breaks, want 1: %q", got, d.Sections[1].Items[3].Text)
	}
	if c := d.Sections[2].Closing; c == nil || !strings.HasPrefix(*c, "Trong quá trình thực hiện") {
		t.Errorf("III closing = %v", deref(c))
	}
	if p := d.Period; p == nil || deref(p.Start) != "2022-06-01" || deref(p.End) != "2022-06-30" {
		t.Errorf("period = %+v", p)
	}
	ev := d.Events[0]
	if deref(ev.Date) != "2023-05-30" || !ev.Tentative ||
		deref(ev.Place) != "Trung tâm Văn hóa - Điện ảnh tỉnh, đường Tô Hiệu, Tổ 08, phường Chiềng Lè, thành phố Sơn La, tỉnh Sơn La" ||
		!strings.HasPrefix(ev.Name, "Lễ phát động Tháng hành động vì trẻ em") {
		t.Errorf("event = %+v", ev)
	}
	if a := d.Archive; a == nil || !reflect.DeepEqual(a.Holders, []string{"VT", "VP"}) || deref(a.Copies) != 16 {
		t.Errorf("archive = %+v", a)
	}
	if len(d.Tasks) < 2 {
		t.Fatalf("tasks = %+v", d.Tasks)
	}
	leads := map[string]bool{}
	for _, task := range d.Tasks {
		if task.Lead != nil { // activities that name no unit are left for the Office
			leads[*task.Lead] = true
		}
	}
	if !leads["Văn phòng Sở"] {
		t.Errorf("task leads %v lack Văn phòng Sở", leads)
	}
	if len(d.Responsibilities) != 2 || d.Responsibilities[1].Section != "III.2" || !reflect.DeepEqual(d.Responsibilities[1].Actors, []string{"Văn phòng Sở"}) {
		t.Errorf("responsibilities = %+v", d.Responsibilities)
	}
	// Markdown emphasis goes, quotes stay.
	if txt := d.Sections[1].Items[3].Text; !strings.Contains(txt, "“Mùa hè an toàn cho trẻ em”") {
		t.Errorf("emphasis not removed: %q", txt)
	}
}

// TestJSONKeys checks that every key is always present and lists are [].
func TestJSONKeys(t *testing.T) {
	d, err := ParseText("Nội dung không có cấu trúc gì.")
	if err != nil {
		t.Fatal(err)
	}
	m := toMap(t, d)
	keys := []string{"type", "issuer", "parentIssuer", "number", "symbol", "place", "date", "title", "year", "basis", "preamble", "sections",
		"period", "events", "responsibilities", "tasks", "reportTo", "recipients", "archive", "signer", "warnings"}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q absent", k)
		}
	}
	if len(m) != len(keys) {
		t.Errorf("%d keys, want %d", len(m), len(keys))
	}
	for _, k := range []string{"basis", "preamble", "sections", "events", "responsibilities", "tasks", "reportTo", "recipients", "warnings"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s = %#v, want a list", k, m[k])
		}
	}
	for _, code := range []string{WarnMissingNumber, WarnMissingDate, WarnMissingIssuer, WarnMissingSigner, WarnMissingRecipients} {
		if !hasWarning(d, code) {
			t.Errorf("no %s warning", code)
		}
	}
}

// TestExpectedVisible checks the fields of the outside check's
// expected-visible.json against the copies under testdata.
func TestExpectedVisible(t *testing.T) {
	raw, err := os.ReadFile("testdata/expected-visible.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp map[string]map[string]any
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	exp = map[string]map[string]any{}
	for k, v := range top {
		if strings.HasPrefix(k, "_") {
			continue
		}
		var e map[string]any
		if err := json.Unmarshal(v, &e); err != nil {
			t.Fatal(err)
		}
		exp[k] = e
	}
	for key, e := range exp {
		t.Run(key, func(t *testing.T) {
			base := filepath.Base(e["file"].(string))
			path := filepath.Join("testdata", base)
			if _, err := os.Stat(path); err != nil {
				path = filepath.Join("testdata", "fixtures", base)
			}
			d, _ := parseFile(t, path)
			m := toMap(t, d)
			for _, f := range []string{"type", "number", "symbol", "date", "place", "year", "title"} {
				if want, ok := e[f]; ok && !reflect.DeepEqual(m[f], want) {
					t.Errorf("%s = %#v, want %#v", f, m[f], want)
				}
			}
			if want, ok := e["issuer_contains"].(string); ok {
				if got, _ := m["issuer"].(string); !strings.Contains(got, want) {
					t.Errorf("issuer = %q, want it to contain %q", got, want)
				}
			}
			if want, ok := e["title_startswith"].(string); ok && !strings.HasPrefix(d.Title, want) {
				t.Errorf("title = %q, want prefix %q", d.Title, want)
			}
			if want, ok := e["basis0"].(map[string]any); ok {
				b := m["basis"].([]any)
				if len(b) == 0 {
					t.Errorf("no basis")
				} else {
					for f, v := range want {
						if got := b[0].(map[string]any)[f]; !reflect.DeepEqual(got, v) {
							t.Errorf("basis[0].%s = %#v, want %#v", f, got, v)
						}
					}
				}
			}
			if want, ok := e["sections_count"]; ok && float64(len(d.Sections)) != want {
				t.Errorf("sections = %d, want %v", len(d.Sections), want)
			}
			if want, ok := e["section_items"].([]any); ok {
				var got []any
				for _, s := range d.Sections {
					got = append(got, float64(len(s.Items)))
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("items per section = %v, want %v", got, want)
				}
			}
			if want, ok := e["period"].(map[string]any); ok {
				p, _ := m["period"].(map[string]any)
				for f, v := range want {
					if p == nil || p[f] != v {
						t.Errorf("period.%s = %v, want %v", f, p, v)
					}
				}
			}
			if want, ok := e["event0"].(map[string]any); ok {
				ev := m["events"].([]any)
				for f, v := range want {
					if len(ev) == 0 || ev[0].(map[string]any)[f] != v {
						t.Errorf("events[0].%s: got %v, want %v", f, ev, v)
					}
				}
			}
			if want, ok := e["recipients_count"]; ok && float64(len(d.Recipients)) != want {
				t.Errorf("recipients = %q, want %v of them", d.Recipients, want)
			}
			if want, ok := e["archive_copies"]; ok && (d.Archive == nil || d.Archive.Copies == nil || float64(*d.Archive.Copies) != want) {
				t.Errorf("archive = %+v, want %v copies", d.Archive, want)
			}
			if want, ok := e["signer"].(map[string]any); ok {
				s, _ := m["signer"].(map[string]any)
				for f, v := range want {
					if s == nil || s[f] != v {
						t.Errorf("signer.%s = %v, want %v", f, s, v)
					}
				}
			}
			if want, ok := e["tasks_min"]; ok && float64(len(d.Tasks)) < want.(float64) {
				t.Errorf("tasks = %d, want at least %v", len(d.Tasks), want)
			}
			if leads, ok := e["task_leads_include"].([]any); ok {
				for _, l := range leads {
					found := false
					for _, task := range d.Tasks {
						if task.Lead != nil && strings.Contains(*task.Lead, l.(string)) {
							found = true
						}
					}
					if !found {
						t.Errorf("no task led by %v", l)
					}
				}
			}
			if ws, ok := e["warnings_include"].([]any); ok {
				for _, w := range ws {
					if !hasWarning(d, w.(string)) {
						t.Errorf("no %v warning in %+v", w, d.Warnings)
					}
				}
			}
		})
	}
}

// goldenInputs lists every document under testdata that has a golden file.
func goldenInputs(t testing.TB) []string {
	var files []string
	for _, pat := range []string{"testdata/*.txt", "testdata/fixtures/*.txt", "testdata/fixtures/*.docx", "testdata/variants/*.txt", "testdata/variants/*.md", "testdata/variants/*.docx"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			if !strings.HasSuffix(f, ".source.txt") {
				files = append(files, f)
			}
		}
	}
	return files
}

// TestGolden compares the JSON of every test document with its golden
// file; run with -update to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		name := strings.TrimPrefix(in, "testdata/")
		t.Run(name, func(t *testing.T) {
			d, _ := parseFile(t, in)
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			filetest.Golden(t, strings.ReplaceAll(name, "/", "__")+".json", append(got, '\n'))
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
