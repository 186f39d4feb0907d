package api

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
)

type reportBody struct {
	Values  map[string]float64 `json:"values"`
	Results string             `json:"results"`
	Submit  bool               `json:"submit"`
}

// TestDecodeStrict: every way a body can be wrong is a 400 naming the field.
func TestDecodeStrict(t *testing.T) {
	const report = "PUT /api/v1/obligations/{id}/report"
	const rule = "PUT /api/v1/plans/{id}/reminder-rule"
	cases := []struct {
		name, route, body string
		v                 any
		field             string // "" for the whole body; "-" for no field check
	}{
		{"null body", report, `null`, &reportBody{}, ""},
		{"array body", report, `[]`, &reportBody{}, ""},
		{"string body", report, `"x"`, &reportBody{}, ""},
		{"empty body", report, ``, &reportBody{}, "-"},
		{"wrong case key", report, `{"RESULTS":"x"}`, &reportBody{}, "RESULTS"},
		{"duplicated key", report, `{"results":"a","results":"b"}`, &reportBody{}, "results"},
		{"unknown key", report, `{"result":"a"}`, &reportBody{}, "result"},
		{"null field", report, `{"results":null}`, &reportBody{}, "results"},
		{"wrong type", report, `{"submit":"yes"}`, &reportBody{}, "submit"},
		{"value of wrong type", report, `{"values":{"a":"1"}}`, &reportBody{}, "values.a"},
		{"syntax", report, `{"results":`, &reportBody{}, "-"},
		{"two values", report, `{} {}`, &reportBody{}, "-"},
		{"rule empty", rule, `{}`, &ruleJSON{}, "daysBefore"},
		{"rule with a null", rule, `{"daysBefore":[1],"onDueDay":true,"repeatLateEvery":null,"escalateAfter":1,"flagOfficeAfter":1,"hour":8}`, &ruleJSON{}, "repeatLateEvery"},
		{"rule with a string", rule, `{"daysBefore":["1"],"onDueDay":true,"repeatLateEvery":1,"escalateAfter":1,"flagOfficeAfter":1,"hour":8}`, &ruleJSON{}, "daysBefore.0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := decodeBody(c.route, []byte(c.body), c.v)
			if kehoach.ErrorCode(err) != kehoach.EINVALID {
				t.Fatalf("got %v, want an invalid-input error", err)
			}
			if c.field == "-" {
				return
			}
			f := kehoach.ErrorFields(err)
			if _, ok := f[c.field]; !ok {
				t.Fatalf("problems %v do not name %q", f, c.field)
			}
		})
	}
	// A value out of the documented bounds is the operation's to refuse,
	// with the same words as the web form's.
	var out ruleJSON
	if err := decodeBody(rule, []byte(`{"daysBefore":[1],"onDueDay":true,"repeatLateEvery":99,"escalateAfter":1,"flagOfficeAfter":1,"hour":8}`), &out); err != nil || out.RepeatLateEvery != 99 {
		t.Fatalf("a well-formed body with a bad value: %v %+v", err, out)
	}
	var ok ruleJSON
	if err := decodeBody(rule, []byte(`{"daysBefore":[3,1],"onDueDay":true,"repeatLateEvery":2,"escalateAfter":3,"flagOfficeAfter":5,"hour":8}`), &ok); err != nil {
		t.Fatalf("a good body was refused: %v", err)
	}
	if ok.Hour != 8 || len(ok.DaysBefore) != 2 || !ok.OnDueDay {
		t.Fatalf("decoded %+v", ok)
	}
}

// TestDecodeTooLarge: an oversize body is a 413-class error that says the limit.
func TestDecodeTooLarge(t *testing.T) {
	body := `{"results":"` + strings.Repeat("a", MaxBody) + `"}`
	r := httptest.NewRequest("PUT", "/api/v1/obligations/x/report", bytes.NewReader([]byte(body)))
	err := decode(r, &reportBody{})
	if kehoach.ErrorCode(err) != kehoach.ETOOLARGE || !strings.Contains(kehoach.ErrorMessage(err), "1 MiB") {
		t.Fatalf("got %v (%s)", err, kehoach.ErrorMessage(err))
	}
}

// TestSchemasLoad: every documented request body compiles.
func TestSchemasLoad(t *testing.T) {
	all, err := loadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	if all["PUT /api/v1/plans/{id}/reminder-rule"] == nil || len(all) < 20 {
		t.Fatalf("%d schemas", len(all))
	}
}
