package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/kehoach/kehoach"
)

// ReportSubject is what a report save reads before its transaction, by
// one narrow statement: only the fields the rules of a save read (who may
// write for the unit, which indicators the task takes), so that the
// statement stays cheap under load. The Obligation carries its ID,
// PlanID, UnitID, TaskID and Kind; the Plan its ID, AgencyID, Status,
// ReportToUnitID and CreatedBy (its lists empty); the Task (nil when the
// obligation has none) its ID, PlanID and IndicatorCodes. Indicators is
// the whole catalogue (kept in memory with the organisation, at its
// version, read by the same statement). The report itself is read and
// judged in the transaction ([Tx.reportSubject]); Report is nil here.
type ReportSubject struct {
	Obligation *kehoach.Obligation
	Plan       *kehoach.Plan
	Task       *kehoach.Task
	Report     *kehoach.Report
	Indicators []kehoach.Indicator
}

// outerCols lists cols of the table aliased a on the outer side of a
// join: text columns read as ” and the int columns as 0 where the row is
// missing; the others (timestamps and nullable columns) are scanned as
// nullable already.
func outerCols(a, cols string, texts, ints string) string {
	isIn := func(list, c string) bool { return slices.Contains(splitCols(list), c) }
	var out []string
	for _, c := range splitCols(cols) {
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

func countCols(cols string) int { return len(splitCols(cols)) }

var (
	subjectReportCols = outerCols("r", reportCols, "id, plan_id, unit_id, obligation_id, state, content, submitted_by, reviewed_by, return_reason", "version")
	// reportSubjectQuery reads the fields of ReportSubject and the
	// version of the organisation.
	reportSubjectQuery = `SELECT o.id, o.plan_id, o.unit_id, o.task_id, o.kind,
		p.id, p.agency_id, p.status, COALESCE(p.report_to_unit_id, ''), p.created_by,
		(SELECT version FROM cache_versions WHERE name = 'org'),
		COALESCE(t.id, ''), COALESCE(t.plan_id, ''), COALESCE(t.indicator_codes, '')
		FROM obligations o JOIN plans p ON p.id = o.plan_id LEFT JOIN tasks t ON t.id = o.task_id WHERE o.id = ?`
	// reportSubjectTxQuery reads the obligation and its report.
	reportSubjectTxQuery = `SELECT ` + outerCols("o", obligationCols, "", "") +
		`, CASE WHEN r.id IS NULL THEN 0 ELSE 1 END, ` + subjectReportCols +
		` FROM obligations o LEFT JOIN reports r ON r.obligation_id = o.id WHERE o.id = ?`
	reportSubjectTxCount = countCols(obligationCols) + 1 + countCols(reportCols)
)

// FindReportSubject returns what a save of the report answering the
// obligation with id reads before its transaction (see [ReportSubject]).
func (db *DB) FindReportSubject(ctx context.Context, obligationID string) (*ReportSubject, error) {
	o, p, t := &kehoach.Obligation{}, &kehoach.Plan{}, &kehoach.Task{}
	var v int64
	var codes string
	err := db.queryRow(pointCtx(ctx), reportSubjectQuery, obligationID).Scan(&o.ID, &o.PlanID, &o.UnitID, &o.TaskID, &o.Kind,
		&p.ID, &p.AgencyID, &p.Status, &p.ReportToUnitID, &p.CreatedBy, &v, &t.ID, &t.PlanID, &codes)
	if err != nil {
		return nil, notFound(err, "nghĩa vụ báo cáo")
	}
	normalizeLists(p)
	s := &ReportSubject{Obligation: o, Plan: p}
	if t.ID != "" {
		t.IndicatorCodes = splitList(codes)
		s.Task = t
	}
	db.org.at(v)
	if s.Indicators, err = db.indicatorsAt(ctx, v); err != nil {
		return nil, err
	}
	return s, nil
}

// reportSubject reads the obligation with id and its report in the
// transaction (its plan, task and the catalogue are left out). On
// PostgreSQL it first locks the obligation's row ([Tx.obligationByID]),
// then reads the report: a report read in the locking statement would be
// the one seen before the wait, not the one a writer just committed.
func (tx *Tx) reportSubject(obligationID string) (*ReportSubject, error) {
	if tx.db.dialect != Postgres {
		r, err := scanRow(tx.queryRow(reportSubjectTxQuery, obligationID), reportSubjectTxCount)
		if err != nil {
			return nil, notFound(err, "nghĩa vụ báo cáo")
		}
		var s ReportSubject
		if s.Obligation, err = scanObligation(r); err != nil {
			return nil, err
		}
		if s.Report, err = scanOuterReport(r); err != nil {
			return nil, err
		}
		return &s, nil
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

// scanOuterReport reads the flag telling whether the report is there and,
// when it is, the report.
func scanOuterReport(r *replay) (*kehoach.Report, error) {
	var has int
	if err := r.Scan(&has); err != nil {
		return nil, err
	}
	if has == 0 {
		r.i += countCols(reportCols)
		return nil, nil
	}
	return scanReport(r)
}

// scanRow reads the n columns of row as the driver gives them.
func scanRow(row *sql.Row, n int) (*replay, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return nil, err
	}
	return &replay{vals: vals}, nil
}

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
