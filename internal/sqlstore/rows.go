package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// scanner is one row to read: a *sql.Row or the current row of *sql.Rows.
type scanner = interface{ Scan(...any) error }

// scanAll reads every row of a query with scan and closes the rows. It
// takes the query's two results as they come: a query that failed returns
// its error. The list is nil when there is no row.
func scanAll[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	return scanKept(rows, err, scan, nil)
}

// scanKept is [scanAll] keeping only the rows keep accepts (all when keep
// is nil).
func scanKept[T any](rows *sql.Rows, err error, scan func(scanner) (T, error), keep func(T) bool) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		if keep == nil || keep(v) {
			out = append(out, v)
		}
	}
	return out, rows.Err()
}

// nonNil turns a nil list into an empty one, for lists the contract shows
// as [] when empty.
func nonNil[T any](list []T, err error) ([]T, error) {
	if err == nil && list == nil {
		list = []T{}
	}
	return list, err
}

// scanOne reads the one row of a query with scan; no row is the domain's
// not-found error naming what.
func scanOne[T any](row *sql.Row, scan func(scanner) (T, error), what string) (T, error) {
	v, err := scan(row)
	if err != nil {
		var zero T
		return zero, notFound(err, what)
	}
	return v, nil
}

// inTx runs fn in a writing transaction (see [DB.InTx]) and returns what
// it made (nothing when it failed).
func inTx[T any](db *DB, ctx context.Context, fn func(tx *Tx) (T, error)) (T, error) {
	var out T
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		out, err = fn(tx)
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// cond is one condition of a search with its arguments; the zero cond is
// no condition.
type cond struct {
	sql  string
	args []any
}

// eq is the condition col = *v, or none when v is nil.
func eq[T any](col string, v *T) cond {
	if v == nil {
		return cond{}
	}
	return cond{sql: col + " = ?", args: []any{*v}}
}

// eqSet is the condition col = v, or none when v is empty.
func eqSet(col, v string) cond {
	if v == "" {
		return cond{}
	}
	return cond{sql: col + " = ?", args: []any{v}}
}

// where joins the conditions given into a WHERE clause ("" when there is
// none) and their arguments.
func where(cs ...cond) (string, []any) {
	var sqls []string
	var args []any
	for _, c := range cs {
		if c.sql != "" {
			sqls = append(sqls, c.sql)
			args = append(args, c.args...)
		}
	}
	if len(sqls) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(sqls, ` AND `), args
}

// limit is the LIMIT clause of at most n rows, or none when n is not
// positive.
func limit(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(` LIMIT %d`, n)
}
