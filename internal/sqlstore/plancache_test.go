package sqlstore

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestPlanContentKeptApart checks that decoded plan contents are kept per
// text and that what one reader gets shares nothing with the next reader.
func TestPlanContentKeptApart(t *testing.T) {
	text := `{"issuer":"Sở Giao thông vận tải","sections":[{"heading":"Mục đích","items":[{"label":"1","text":"a"}]}],"tasks":[{"text":"Tuyên truyền"}],"recipients":["a","b"],"period":{"start":"2023-05-25"}}`
	first, err := decodePlanContent("p-kept", text)
	if err != nil {
		t.Fatal(err)
	}
	if first.Issuer == nil || len(first.Tasks) != 1 || len(first.Recipients) != 2 {
		t.Fatalf("decoded %+v", first)
	}
	*first.Issuer = "changed"
	first.Recipients[0] = "changed"
	first.Tasks[0].Text = "changed"
	first.Sections[0].Items[0].Text = "changed"
	*first.Period.Start = "changed"
	first.Sections = append(first.Sections, first.Sections[0])
	second, err := decodePlanContent("p-kept", text)
	if err != nil {
		t.Fatal(err)
	}
	var fresh planContent
	if err := jsonUnmarshalString(text, &fresh); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(second, fresh) {
		t.Fatalf("kept copy %+v, decoded afresh %+v", second, fresh)
	}
	// Another text for the same plan is decoded, not taken from the cache.
	third, err := decodePlanContent("p-kept", `{"issuer":"Ủy ban nhân dân tỉnh"}`)
	if err != nil {
		t.Fatal(err)
	}
	if third.Issuer == nil || *third.Issuer != "Ủy ban nhân dân tỉnh" || len(third.Tasks) != 0 {
		t.Fatalf("new text decoded as %+v", third)
	}
	if _, err := decodePlanContent("p-bad", `{`); err == nil {
		t.Fatal("bad JSON decoded")
	}
}

func jsonUnmarshalString(s string, v any) error { return json.Unmarshal([]byte(s), v) }
