package app_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
)

// hostileValues are the texts the text policy refuses in every field,
// each with the reason: PostgreSQL refused the first with a 500 while
// SQLite stored it; the rest were stored on both.
var hostileValues = []struct{ name, value string }{
	{"NUL", "A\x00B"},
	{"control", "A\x1bB"},
}

// textFields returns the fields of a row that both doors name alike and
// that carry text: strings and lists of strings in the API body whose
// name the web form also sends.
func textFields(w *world, row sameRow) []string {
	_, f := row.web(w)
	_, _, body := row.api(w)
	var out []string
	for k, v := range body {
		if _, ok := f[k]; !ok {
			continue
		}
		switch x := v.(type) {
		case string:
			out = append(out, k)
		case []string:
			if len(x) > 0 {
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// setText puts v in field of a body or form, as the field's shape wants.
func setText(field, v string) badInput {
	return badInput{field: field,
		web: func(_ *world, f url.Values) { f.Set(field, v) },
		api: func(_ *world, b map[string]any) {
			if _, ok := b[field].([]any); ok {
				b[field] = []string{v}
				return
			}
			b[field] = v
		}}
}

// TestTextPolicyEveryWrite runs every write of the same-answer test with a
// NUL byte, a control character, a value over its field's limit and, for
// the required fields, zero-width characters only, in each text field, on
// both doors and both engines: each must be a 4xx naming the field, the
// same on both doors, with nothing stored. A form with invalid UTF-8 must
// be refused naming the field too, never a 500.
func TestTextPolicyEveryWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every write on both engines")
	}
	eachSameRow(t, func(t *testing.T, b *base, row sameRow) {
		fields := textFields(&b.w, row)
		if len(fields) == 0 {
			return
		}
		t.Run(strings.ReplaceAll(row.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			var bads []badInput
			for _, field := range fields {
				for _, h := range hostileValues {
					bad := setText(field, h.value)
					bad.name = h.name + " in " + field
					bads = append(bads, bad)
				}
				bad := setText(field, strings.Repeat("a", kehoach.TextMax(field)+1))
				bad.name = "oversize " + field
				bads = append(bads, bad)
			}
			for _, m := range row.bad {
				if strings.HasPrefix(m.name, "missing ") && slices.Contains(fields, m.field) {
					bad := setText(m.field, "\u200b\u200c\u2060")
					bad.name = "zero-width only " + m.field
					bads = append(bads, bad)
				}
			}
			shared := fresh(t, b, row)
			for _, bad := range bads {
				t.Run(strings.ReplaceAll(bad.name, " ", "_"), func(t *testing.T) {
					if changed := sameBad(t, shared, row, bad); changed {
						shared = nil
					}
				})
				if shared == nil {
					shared = fresh(t, b, row)
				}
			}
			t.Run("invalid_UTF-8", func(t *testing.T) { invalidUTF8(t, shared, row, fields[0]) })
		})
	})
}

// invalidUTF8 sends bytes that are no UTF-8 in field, through the web form
// and as raw JSON: both must refuse them naming the field, changing
// nothing.
func invalidUTF8(t *testing.T, r *run, row sameRow, field string) {
	r.t = t
	w := &r.b.w
	seq, before := r.lastSeq(), r.dump()
	path, f := row.web(w)
	f = copyForm(f)
	f.Set(field, "A\xed\xa0\x80B")
	status, body := r.postForm(row.user, path, f)
	r.refused(t, "web", status, seq, before)
	if got := webFields(webProblems(body), row.webNames); !slices.Contains(got, field) {
		t.Errorf("web names %v, want %q", got, field)
	}
	method, apath, jbody := row.api(w)
	jbody = copyJSON(jbody).(map[string]any)
	jbody[field] = "\x01MARK\x01"
	if _, ok := jbody[field].([]any); ok {
		jbody[field] = []string{"\x01MARK\x01"}
	}
	raw, _ := json.Marshal(jbody)
	raw = bytes.Replace(raw, []byte(`\u0001MARK\u0001`), []byte("A\xed\xa0\x80B"), 1)
	status, body = r.send(row.user, method, apath, "application/json", raw)
	r.refused(t, "API", status, seq, before)
	if status != http.StatusBadRequest {
		t.Errorf("API: status %d, want 400", status)
	}
	if got := apiFields(body); !slices.Contains(got, field) {
		t.Errorf("API names %v, want %q: %s", got, field, apiMessages(body))
	}
}
