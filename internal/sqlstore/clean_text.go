package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cleanTextMigration is the version of the migration after which the texts
// older versions stored are cleaned.
const cleanTextMigration = 17

// keepTables are left as they are by [DB.cleanStoredText]: the audit trail
// (its entries are hashed as written) and what holds no typed text.
var keepTables = map[string]bool{"audit_log": true, "audit_head": true, "goose_db_version": true, "sessions": true,
	"api_tokens": true, "login_failures": true, "search_index": true}

// cleanText returns s as the text policy stores it: valid UTF-8 (invalid
// bytes dropped), no NUL or control character but tab and newline (CR LF
// and CR as LF), NFC.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r != '\t' && r != '\n' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// cleanStoredText cleans every text column of every table but
// [keepTables], for the rows older versions stored before the text policy
// ([kehoach.CheckTexts]) refused such texts. A value whose cleaned form
// would break a unique key is left as it was.
func (db *DB) cleanStoredText(ctx context.Context) error {
	cols, err := db.textColumns(ctx)
	if err != nil {
		return err
	}
	for _, c := range cols {
		rows, err := db.w.QueryContext(ctx, fmt.Sprintf(`SELECT DISTINCT %s FROM %s WHERE %s IS NOT NULL`, c[1], c[0], c[1]))
		if err != nil {
			return fmt.Errorf("clean %s.%s: %w", c[0], c[1], err)
		}
		var dirty []string
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				rows.Close()
				return err
			}
			if s := string(b); cleanText(s) != s {
				dirty = append(dirty, s)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, s := range dirty {
			_, _ = db.w.ExecContext(ctx, db.rebind(fmt.Sprintf(`UPDATE %s SET %s = ? WHERE %s = ?`, c[0], c[1], c[1])), cleanText(s), s)
		}
	}
	return nil
}

// textColumns lists the (table, column) pairs of text type.
func (db *DB) textColumns(ctx context.Context) ([][2]string, error) {
	var out [][2]string
	if db.dialect == Postgres {
		rows, err := db.w.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') ORDER BY table_name, column_name`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var t, c string
			if err := rows.Scan(&t, &c); err != nil {
				return nil, err
			}
			if !keepTables[t] {
				out = append(out, [2]string{t, c})
			}
		}
		return out, rows.Err()
	}
	rows, err := db.w.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		if !keepTables[t] {
			tables = append(tables, t)
		}
	}
	rows.Close()
	for _, t := range tables {
		info, err := db.w.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?)`, t)
		if err != nil {
			return nil, err
		}
		for info.Next() {
			var c, typ string
			if err := info.Scan(&c, &typ); err != nil {
				info.Close()
				return nil, err
			}
			if strings.EqualFold(typ, "TEXT") {
				out = append(out, [2]string{t, c})
			}
		}
		info.Close()
	}
	return out, nil
}
