package kehoach

import "testing"

func TestAggregateFigures(t *testing.T) {
	cat := []Indicator{{Code: "a", Aggregation: AggSum}, {Code: "b", Aggregation: AggMax}, {Code: "c", Aggregation: AggLatest}, {Code: "d", Aggregation: AggSum}}
	reports := []ReportFigures{
		{Date: "2023-07-05", Values: map[string]float64{"a": 1, "b": 7, "c": 3}},
		{Date: "2023-07-01", Values: map[string]float64{"a": 2, "b": 9, "c": 4}},
		{Date: "2023-07-09", Values: map[string]float64{"a": 4, "b": 1}},
	}
	got := AggregateFigures(cat, reports, map[string]float64{"a": 10})
	if len(got) != 3 {
		t.Fatalf("%+v: an indicator no report gives is left out", got)
	}
	if got[0].Value != 7 || got[0].Target == nil || *got[0].Target != 10 {
		t.Errorf("sum: %+v", got[0])
	}
	if got[1].Value != 9 || got[1].Target != nil {
		t.Errorf("max: %+v", got[1])
	}
	if got[2].Value != 3 {
		t.Errorf("latest: %v, want the report of 05/7 (the 09/7 one has none)", got[2].Value)
	}
}
