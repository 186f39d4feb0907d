package ops

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/kehoach/kehoach"
)

// errNotANumber is ReadNumber's answer to text that is no number.
var errNotANumber = errors.New("not a number")

// ReadNumber reads a number as typed on a form, the Vietnamese way
// ("1.200", "1.200.000", "13,5", "1.200,5") or the plain way ("1200",
// "13.5", "1,200.5"); spaces between digit groups are ignored. whole tells
// whether the field takes only whole numbers.
//
// One dot followed by exactly three digits ("1.200") is ambiguous: for a
// whole-number field it separates thousands (1200); for a decimal field it
// is read as a decimal point (1.2) and note says so, to be shown next to the
// field. A single comma is the Vietnamese decimal comma ("13,5" = 13.5);
// with both signs, the last one is the decimal separator. Digit groups
// after a thousands separator must have three digits.
func ReadNumber(text string, whole bool) (v float64, note string, err error) {
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
			return -1
		}
		return r
	}, strings.TrimSpace(text))
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, rest
	} else if rest, ok := strings.CutPrefix(s, "+"); ok {
		s = rest
	}
	if s == "" || strings.Trim(s, "0123456789.,") != "" {
		return 0, "", errNotANumber
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	var intPart, frac string
	switch {
	case dots > 0 && commas > 0:
		dec := byte(',')
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			dec = '.'
		}
		i := strings.LastIndexByte(s, dec)
		intPart, frac = s[:i], s[i+1:]
		sep := ","
		if dec == ',' {
			sep = "."
		}
		if strings.ContainsRune(frac, rune(sep[0])) || strings.Count(s, string(dec)) > 1 {
			return 0, "", errNotANumber
		}
		if intPart, err = ungroup(intPart, sep); err != nil {
			return 0, "", err
		}
	case dots > 1 || commas > 1:
		sep := "."
		if commas > 1 {
			sep = ","
		}
		if intPart, err = ungroup(s, sep); err != nil {
			return 0, "", err
		}
	case commas == 1:
		intPart, frac, _ = strings.Cut(s, ",")
	case dots == 1:
		intPart, frac, _ = strings.Cut(s, ".")
		if len(frac) == 3 && intPart != "" && intPart[0] != '0' && len(intPart) <= 3 {
			if whole {
				intPart, frac = intPart+frac, ""
			} else {
				defer func() {
					if err == nil {
						note = DecimalDotNote(strings.TrimSpace(text), v)
					}
				}()
			}
		}
	default:
		intPart = s
	}
	if intPart == "" && frac == "" {
		return 0, "", errNotANumber
	}
	num := intPart
	if num == "" {
		num = "0"
	}
	if frac != "" {
		num += "." + frac
	}
	if v, err = strconv.ParseFloat(num, 64); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, "", errNotANumber
	}
	if neg {
		v = -v
	}
	return v, "", nil
}

// ungroup removes the thousands separator sep from s, whose groups after
// the first must have three digits.
func ungroup(s, sep string) (string, error) {
	parts := strings.Split(s, sep)
	if parts[0] == "" || len(parts[0]) > 3 {
		return "", errNotANumber
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return "", errNotANumber
		}
	}
	return strings.Join(parts, ""), nil
}

// readWhole reads a whole number typed on a form with [ReadNumber]; ok is
// false when the text is no number or not a whole one.
func readWhole(text string) (n int, ok bool) {
	v, _, err := ReadNumber(text, true)
	if err != nil || v != math.Trunc(v) || math.Abs(v) > 1e15 {
		return 0, false
	}
	return int(v), true
}

// DecimalDotNote says how an ambiguous figure typed (e.g. "1.200") was read
// for a field that allows decimals: as v (1,2), not a thousand times more.
func DecimalDotNote(typed string, v float64) string {
	return "Đã đọc “" + typed + "” là " + kehoach.FormatValue(v, true) + " (dấu chấm được hiểu là dấu thập phân). Nếu muốn nhập " +
		strconv.FormatFloat(v*1000, 'f', -1, 64) + ", hãy gõ " + strconv.FormatFloat(v*1000, 'f', -1, 64) + "."
}
