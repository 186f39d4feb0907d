package kehoach

import "unicode/utf8"

// problems gathers what is wrong with the fields of a value, by field
// name, as [Invalid] reports them.
type problems map[string]string

// required notes missing when the text v of field is empty, and tooLong
// when it has more than max characters.
func (p problems) required(field, v string, max int, missing, tooLong string) {
	if v == "" {
		p[field] = missing
		return
	}
	p.maxLen(field, v, max, tooLong)
}

// maxLen notes tooLong when the text v of field has more than max
// characters.
func (p problems) maxLen(field, v string, max int, tooLong string) {
	if utf8.RuneCountInString(v) > max {
		p[field] = tooLong
	}
}

// err returns the problems as an [Invalid] error, or nil when there are
// none.
func (p problems) err() error {
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}
