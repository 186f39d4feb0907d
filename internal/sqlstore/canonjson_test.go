package sqlstore

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"
)

// The row hash's JSON is written without a map, byte for byte as
// encoding/json writes the map: the hashes kept in the trail before stay
// valid.
func TestCanonJSONIsTheMapsJSON(t *testing.T) {
	rows := [][]any{
		{"01a2-x", int64(-42), nil, true, false, time.Date(2023, 5, 1, 7, 8, 9, 123456789, time.FixedZone("ICT", 7*3600)),
			[]byte("Tuyên truyền <b>&</b> \u2028 \"trích\" \\ \t\n"), []byte{0xff, 0xfe, 0x00}, 3.25, math.MaxFloat64, float32(1.5),
			int32(7), 12, json.RawMessage(`{"a":[1,2]}`), "", "\x00\x1f\u007f", "hỏng \xff utf8"},
	}
	cols := []string{"zeta", "alpha", "Beta", "b", "a_b", "at", "text", "blob", "f", "big", "f32", "i32", "i", "raw", "empty", "ctl", "bad"}
	for _, row := range rows {
		vals := make([]any, len(row))
		m := map[string]any{}
		for i, v := range row {
			vals[i] = canonValue(v)
			m[cols[i]] = vals[i]
		}
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := canonJSON(cols, vals)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("canonJSON\n got %s\nwant %s", got, want)
		}
	}
}
