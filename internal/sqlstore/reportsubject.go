package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/kehoach/kehoach"
)

// ReportSubject is what a report save reads before its transaction: the
// obligation, the task it reports on (nil when none) and its report (nil
// when none yet, else without its evidence list), read by one statement.
type ReportSubject struct {
	Obligation *kehoach.Obligation
	Task       *kehoach.Task
	Report     *kehoach.Report
}

// outerCols lists cols of the table aliased a on the outer side of a
// join: text columns read as ” and the int columns as 0 where the row is
// missing; the others (timestamps and nullable columns) are scanned as
// nullable already.
func outerCols(a, cols string, texts, ints string) string {
	isIn := func(list, c string) bool {
		for _, x := range strings.Split(list, ",") {
			if strings.TrimSpace(x) == c {
				return true
			}
		}
		return false
	}
	var out []string
	for _, c := range strings.Split(cols, ",") {
		c = strings.TrimSpace(c)
		switch {
		case isIn(texts, c):
			out = append(out, "COALESCE("+a+"."+c+", '')")
		case isIn(ints, c):
			out = append(out, "COALESCE("+a+"."+c+", 0)")
		default:
			out = append(out, a+"."+c)
		}
	}
	return strings.Join(out, ", ")
}

var reportSubjectQuery = `SELECT ` + outerCols("o", obligationCols, "", "") +
	`, CASE WHEN t.id IS NULL THEN 0 ELSE 1 END, ` +
	outerCols("t", taskCols, "id, plan_id, section, title, text, lead_unit_id, support_unit_ids, due, expected_output, indicator_codes, status", "number") +
	`, CASE WHEN r.id IS NULL THEN 0 ELSE 1 END, ` +
	outerCols("r", reportCols, "id, plan_id, unit_id, obligation_id, state, content, submitted_by, reviewed_by, return_reason", "version") +
	` FROM obligations o LEFT JOIN tasks t ON t.id = o.task_id LEFT JOIN reports r ON r.obligation_id = o.id WHERE o.id = ?`

// FindReportSubject returns the obligation with id, its task and its
// report, for a save.
func (db *DB) FindReportSubject(ctx context.Context, obligationID string) (*ReportSubject, error) {
	return scanReportSubject(db.queryRow(ctx, reportSubjectQuery, obligationID))
}

// reportSubject reads the obligation with id and its report in the
// transaction (and on SQLite its task too, by the same statement). On
// PostgreSQL it first locks the obligation's row ([Tx.obligationByID]),
// then reads the report: a report read in the locking statement would be
// the one seen before the wait, not the one a writer just committed.
func (tx *Tx) reportSubject(obligationID string) (*ReportSubject, error) {
	if tx.db.dialect != Postgres {
		return scanReportSubject(tx.queryRow(reportSubjectQuery, obligationID))
	}
	o, err := tx.obligationByID(obligationID)
	if err != nil {
		return nil, err
	}
	cur, err := scanReport(tx.queryRow(`SELECT `+reportCols+` FROM reports WHERE obligation_id = ?`, obligationID))
	if err != nil && kehoach.ErrorCode(notFound(err, "")) != kehoach.ENOTFOUND {
		return nil, err
	}
	return &ReportSubject{Obligation: o, Report: cur}, nil
}

func scanReportSubject(row *sql.Row) (*ReportSubject, error) {
	vals := make([]any, reportSubjectCols)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return nil, notFound(err, "nghĩa vụ báo cáo")
	}
	r := &replay{vals: vals}
	var s ReportSubject
	var err error
	if s.Obligation, err = scanObligation(r); err != nil {
		return nil, err
	}
	var has int
	if err := r.Scan(&has); err != nil {
		return nil, err
	}
	if s.Task, err = scanTask(r); err != nil {
		return nil, err
	}
	if has == 0 {
		s.Task = nil
	}
	if err := r.Scan(&has); err != nil {
		return nil, err
	}
	if has == 0 {
		return &s, nil
	}
	if s.Report, err = scanReport(r); err != nil {
		return nil, err
	}
	return &s, nil
}

// reportSubjectCols is how many columns reportSubjectQuery reads.
var reportSubjectCols = len(strings.Split(obligationCols, ",")) + 1 + len(strings.Split(taskCols, ",")) + 1 + len(strings.Split(reportCols, ","))

// replay is a scanner over values already read from a row (each as the
// driver gave it), so that one row can be read by the scan functions of
// several tables in turn.
type replay struct {
	vals []any
	i    int
}

func (r *replay) Scan(dest ...any) error {
	for _, d := range dest {
		if r.i >= len(r.vals) {
			return errors.New("sqlstore: fewer columns than scanned")
		}
		v := r.vals[r.i]
		r.i++
		if err := assign(d, v); err != nil {
			return fmt.Errorf("sqlstore: column %d: %w", r.i, err)
		}
	}
	return nil
}

// assign stores the driver value v in the scan destination d, for the
// kinds of destinations the scan functions use.
func assign(d, v any) error {
	if s, ok := d.(sql.Scanner); ok {
		return s.Scan(v)
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	rv := reflect.ValueOf(d)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("cannot scan into %T", d)
	}
	rv = rv.Elem()
	if rv.Kind() == reflect.Pointer {
		if v == nil {
			rv.SetZero()
			return nil
		}
		p := reflect.New(rv.Type().Elem())
		if err := assign(p.Interface(), v); err != nil {
			return err
		}
		rv.Set(p)
		return nil
	}
	switch x := v.(type) {
	case string:
		if rv.Kind() == reflect.String {
			rv.SetString(x)
			return nil
		}
	case int64:
		switch rv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			rv.SetInt(x)
			return nil
		case reflect.Float32, reflect.Float64:
			rv.SetFloat(float64(x))
			return nil
		case reflect.Bool:
			rv.SetBool(x != 0)
			return nil
		}
	case float64:
		if rv.Kind() == reflect.Float32 || rv.Kind() == reflect.Float64 {
			rv.SetFloat(x)
			return nil
		}
	case bool:
		if rv.Kind() == reflect.Bool {
			rv.SetBool(x)
			return nil
		}
	}
	return fmt.Errorf("cannot scan %T into %T", v, d)
}
