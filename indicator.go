package kehoach

import (
	_ "embed"
	"encoding/json"
	"math"
	"regexp"
	"strings"
)

// Aggregation tells how values of an indicator combine across units and
// reports.
type Aggregation string

// The aggregations.
const (
	AggSum    Aggregation = "sum"
	AggMax    Aggregation = "max"
	AggLatest Aggregation = "latest"
)

// Indicator is a measure that units report ("chỉ tiêu"): a count of news
// items, minutes of airtime, people reached.
type Indicator struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Unit is the unit of measure: bài, phút, lượt người, buổi.
	Unit        string      `json:"unit"`
	Aggregation Aggregation `json:"aggregation"`
	Decimal     bool        `json:"decimal"`
	// Min is the lower bound, 0 for every indicator so far.
	Min float64 `json:"min"`
	// Source says where values come from besides unit reports: "posts"
	// when news items recorded in kehoach count automatically.
	Source string `json:"source,omitempty"`
}

// Codes of the indicators of the seed plan's activities.
const (
	IndNewsItems    = "news_items"
	IndNewsMinutes  = "news_minutes"
	IndStaffReached = "staff_reached"
	IndChildClasses = "child_classes"
	IndSummerSafety = "summer_safety"
	IndBriefed      = "staff_briefed"
)

// DefaultIndicators is the catalogue kehoach starts with: data, kept in
// indicators.json beside this file, and checked by [Indicator.Validate] when
// the program starts.
var DefaultIndicators = mustIndicators(defaultIndicatorsJSON)

//go:embed indicators.json
var defaultIndicatorsJSON []byte

func mustIndicators(b []byte) []Indicator {
	var list []Indicator
	if err := json.Unmarshal(b, &list); err != nil {
		panic("indicators.json: " + err.Error())
	}
	for i := range list {
		if err := list[i].Validate(); err != nil {
			panic("indicators.json: " + list[i].Code + ": " + ErrorMessage(err))
		}
	}
	return list
}

// IndicatorByCode returns the catalogue entry, or nil.
func IndicatorByCode(list []Indicator, code string) *Indicator {
	for i := range list {
		if list[i].Code == code {
			return &list[i]
		}
	}
	return nil
}

// CheckValue checks a reported value: not negative, whole when it must be.
func (ind *Indicator) CheckValue(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "Giá trị không hợp lệ."
	case v < ind.Min:
		return "Giá trị không được âm."
	case !ind.Decimal && v != math.Trunc(v):
		return "Chỉ tiêu “" + ind.Name + "” phải là số nguyên."
	case v > 1e9:
		return "Giá trị quá lớn."
	}
	return ""
}

// Aggregate combines values in order (oldest first) by the indicator's rule.
func (ind *Indicator) Aggregate(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	switch ind.Aggregation {
	case AggMax:
		m := values[0]
		for _, v := range values[1:] {
			m = math.Max(m, v)
		}
		return m
	case AggLatest:
		return values[len(values)-1]
	}
	var s float64
	for _, v := range values {
		s += v
	}
	return s
}

// FormatValue shows a value the Vietnamese way: "1.234" or "12,5".
func FormatValue(v float64, decimal bool) string {
	neg := v < 0
	v = math.Abs(v)
	whole := int64(v)
	frac := v - float64(whole)
	s := groupThousands(whole)
	if decimal && frac > 0.0049 {
		d := int64(math.Round(frac * 100))
		if d == 100 {
			s = groupThousands(whole + 1)
		} else {
			ds := strings.TrimRight(strings.TrimLeft(string(rune('0'+d/10))+string(rune('0'+d%10)), ""), "0")
			s += "," + ds
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

func groupThousands(n int64) string {
	s := []byte{}
	digits := []byte(strings.TrimSpace(itoa64(n)))
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			s = append(s, '.')
		}
		s = append(s, c)
	}
	return string(s)
}

func itoa64(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// Target is what a plan aims at for an indicator.
type Target struct {
	PlanID        string  `json:"planId"`
	IndicatorCode string  `json:"indicatorCode"`
	Value         float64 `json:"value"`
}

// Validate checks a catalogue entry.
func (ind *Indicator) Validate() error {
	f := problems{}
	ind.Code = strings.TrimSpace(ind.Code)
	ind.Name = strings.TrimSpace(ind.Name)
	ind.Unit = strings.TrimSpace(ind.Unit)
	if !indicatorCodeRE.MatchString(ind.Code) {
		f["code"] = "Mã chỉ tiêu gồm 2–40 ký tự: chữ thường không dấu, số và dấu gạch dưới."
	}
	if ind.Name == "" {
		f["name"] = "Tên chỉ tiêu không được để trống."
	} else if len([]rune(ind.Name)) > 200 {
		f["name"] = "Tên chỉ tiêu dài quá 200 ký tự."
	}
	if ind.Unit == "" {
		f["unit"] = "Nhập đơn vị tính (bài, phút, lượt người, buổi…)."
	} else if len([]rune(ind.Unit)) > 30 {
		f["unit"] = "Đơn vị tính dài quá 30 ký tự."
	}
	switch ind.Aggregation {
	case AggSum, AggMax, AggLatest:
	default:
		f["aggregation"] = "Cách tổng hợp phải là cộng dồn, lớn nhất hoặc mới nhất."
	}
	if math.IsNaN(ind.Min) || math.IsInf(ind.Min, 0) {
		f["min"] = NotFiniteProblem
	} else if ind.Min < 0 {
		f["min"] = "Giới hạn dưới không được âm."
	}
	return f.err()
}

var indicatorCodeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)
