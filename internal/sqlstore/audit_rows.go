package sqlstore

import (
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// auditedTables are the tables whose every row must match the last audit
// entry that wrote it, with the column that keys a row.
var auditedTables = []struct{ table, key string }{
	{"org_units", "id"},
	{"people", "id"},
	{"plans", "id"},
	{"tasks", "id"},
	{"obligations", "id"},
	{"reports", "id"},
	{"obstacles", "id"},
	{"indicators", "code"},
	{"posts", "id"},
	{"campaign_events", "id"},
	{"summaries", "id"},
	{"outgoing_documents", "id"},
}

// AuditedTables lists the tables whose rows the audit verification
// compares with the trail.
func AuditedTables() []string {
	out := make([]string, len(auditedTables))
	for i, t := range auditedTables {
		out[i] = t.table
	}
	return out
}

// tableOfEntity maps an audit entry's entity to the table of its row.
var tableOfEntity = map[string]string{
	"unit": "org_units", "person": "people", "plan": "plans", "task": "tasks",
	"obligation": "obligations", "report": "reports", "obstacle": "obstacles",
	"indicator": "indicators", "post": "posts", "event": "campaign_events",
	"summary": "summaries", "document": "outgoing_documents",
}

func auditKeyOf(table string) string {
	for _, t := range auditedTables {
		if t.table == table {
			return t.key
		}
	}
	return ""
}

// rowHash returns the SHA-256 of the canonical JSON of row id of table as
// query sees it, or "" when there is no such row.
func rowHash(query func(q string, args ...any) (*sql.Rows, error), table, id string) (string, error) {
	key := auditKeyOf(table)
	if key == "" {
		return "", fmt.Errorf("table %s is not audited", table)
	}
	rows, err := query(`SELECT * FROM `+table+` WHERE `+key+` = ?`, id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	h := ""
	if rows.Next() {
		if h, _, err = hashScanned(rows, cols, key); err != nil {
			return "", err
		}
	}
	return h, rows.Err()
}

// hashScanned reads the current row of rows and returns its hash and key.
func hashScanned(rows *sql.Rows, cols []string, key string) (hash, id string, err error) {
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return "", "", err
	}
	for i, c := range cols {
		if c == key {
			id = fmt.Sprint(canonValue(vals[i]))
		}
	}
	hash, err = valuesHash(cols, vals)
	return hash, id, err
}

// valuesHash returns the SHA-256 of the canonical JSON of a row whose
// columns cols hold vals, as the driver reads them.
func valuesHash(cols []string, vals []any) (string, error) {
	canon := make([]any, len(vals))
	for i, v := range vals {
		canon[i] = canonValue(v)
	}
	b, err := canonJSON(cols, canon)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// plainJSON reports whether s is written in JSON as it is between quotes:
// printable ASCII other than the quote, the backslash and the characters
// encoding/json escapes for HTML.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// canonJSON writes the object of cols and their canonical values as
// encoding/json writes a map[string]any of them (keys in byte order,
// each key and value marshalled alone), without the map.
func canonJSON(cols []string, vals []any) ([]byte, error) {
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(cols[a], cols[b]) })
	b := make([]byte, 0, 256)
	b = append(b, '{')
	for n, i := range order {
		if n > 0 {
			b = append(b, ',')
		}
		if plainJSON(cols[i]) {
			b = append(append(append(b, '"'), cols[i]...), '"', ':')
		} else {
			k, err := json.Marshal(cols[i])
			if err != nil {
				return nil, err
			}
			b = append(append(b, k...), ':')
		}
		switch v := vals[i].(type) {
		case nil:
			b = append(b, "null"...)
		case bool:
			b = strconv.AppendBool(b, v)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case string:
			if plainJSON(v) {
				b = append(append(append(b, '"'), v...), '"')
				continue
			}
			j, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			b = append(b, j...)
		default:
			j, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			b = append(b, j...)
		}
	}
	return append(b, '}'), nil
}

// canonValue turns a scanned value into one that marshals the same way
// each time the row is read on the same engine.
func canonValue(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, string:
		return x
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case []byte:
		if utf8.Valid(x) {
			return string(x)
		}
		return "base64:" + base64.StdEncoding.EncodeToString(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	}
	if b, err := json.Marshal(v); err == nil {
		return json.RawMessage(b)
	}
	return fmt.Sprint(v)
}

// A writeStmt is what the audit needs of a statement that writes an
// audited table: which rows it writes.
type writeStmt struct {
	table, key string
	// argIdx is the argument holding the key of the one row written, or
	// -1 when the rows are found with selectQ over args[whereFrom:].
	argIdx    int
	selectQ   string
	whereFrom int
	err       error
}

var (
	stmtHead     = regexp.MustCompile(`(?is)^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([A-Za-z_]+)`)
	insertStmt   = regexp.MustCompile(`(?is)^\s*INSERT\s+INTO\s+\w+\s*\(([^)]*)\)\s*VALUES\s*\((.*)\)\s*$`)
	updateStmt   = regexp.MustCompile(`(?is)^\s*UPDATE\s+\w+\s+SET\s+(.*?)\s+WHERE\s+(.*)$`)
	deleteStmt   = regexp.MustCompile(`(?is)^\s*DELETE\s+FROM\s+\w+\s+WHERE\s+(.*)$`)
	whereKey     = regexp.MustCompile(`(?is)^\s*(\w+)\s*=\s*\?\s*$`)
	parsedWrites sync.Map // query → *writeStmt (nil for statements that write no audited table)
)

// parseWrite reads which audited rows the statement q writes; nil when it
// writes none.
func parseWrite(q string) *writeStmt {
	if c, ok := parsedWrites.Load(q); ok {
		return c.(*writeStmt)
	}
	var w *writeStmt
	if m := stmtHead.FindStringSubmatch(q); m != nil {
		if key := auditKeyOf(strings.ToLower(m[2])); key != "" {
			w = readWrite(q, strings.ToLower(m[2]), key)
		}
	}
	parsedWrites.Store(q, w)
	return w
}

func readWrite(q, table, key string) *writeStmt {
	w := &writeStmt{table: table, key: key, argIdx: -1}
	if m := insertStmt.FindStringSubmatch(q); m != nil {
		cols, vals := splitTop(m[1]), splitTop(m[2])
		for i, c := range cols {
			if strings.EqualFold(strings.TrimSpace(c), key) && i < len(vals) && strings.TrimSpace(vals[i]) == "?" {
				w.argIdx = strings.Count(strings.Join(vals[:i], ","), "?")
				return w
			}
		}
	} else if m := updateStmt.FindStringSubmatch(q); m != nil {
		n := strings.Count(m[1], "?")
		if k := whereKey.FindStringSubmatch(m[2]); k != nil && strings.EqualFold(k[1], key) {
			w.argIdx = n
			return w
		}
		w.selectQ, w.whereFrom = `SELECT `+key+` FROM `+table+` WHERE `+m[2], n
		return w
	} else if m := deleteStmt.FindStringSubmatch(q); m != nil {
		if k := whereKey.FindStringSubmatch(m[1]); k != nil && strings.EqualFold(k[1], key) {
			w.argIdx = 0
			return w
		}
		w.selectQ = `SELECT ` + key + ` FROM ` + table + ` WHERE ` + m[1]
		return w
	}
	w.err = fmt.Errorf("audit: cannot tell which rows of %s this statement writes: %.80s", table, q)
	return w
}

// splitTop splits s at the commas outside parentheses and quotes.
func splitTop(s string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i, c := range s {
		switch {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// noteWrite touches the audited rows statement q with args is about to
// write.
// execKept runs q, an UPDATE of one audited row by its key, and keeps the
// hash of the row it leaves, read from the statement itself (RETURNING),
// so that the audit entry need not read the row back. A later write of
// the row drops it (see [Tx.touchOwned]).
func (tx *Tx) execKept(q string, args ...any) error {
	w := parseWrite(q)
	if w == nil || w.err != nil || w.argIdx < 0 || !strings.HasPrefix(q, "UPDATE ") {
		_, err := tx.exec(q, args...)
		return err
	}
	if err := badArgs(args); err != nil {
		return err
	}
	if err := tx.noteWrite(q, args); err != nil {
		return err
	}
	tx.db.queries.Add(1)
	rows, err := tx.rawQuery(q+` RETURNING *`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	for rows.Next() {
		h, id, err := hashScanned(rows, cols, w.key)
		if err != nil {
			return err
		}
		tx.keep(rowRef{w.table, id}, h)
	}
	return rows.Err()
}

// keepRow keeps the hash of row id of table as the values vals of its
// columns cols (all of them, as the driver reads them back), written by
// the statement just run, so that the audit entry need not read it back.
func (tx *Tx) keepRow(table, id string, cols []string, vals []any) error {
	h, err := valuesHash(cols, vals)
	if err != nil {
		return err
	}
	tx.keep(rowRef{table, id}, h)
	return nil
}

// keep notes h as the hash of row r as the transaction left it.
func (tx *Tx) keep(r rowRef, h string) {
	if tx.kept == nil {
		tx.kept = map[rowRef]string{}
	}
	tx.kept[r] = h
}

// splitCols splits a list of columns.
func splitCols(cols string) []string {
	out := strings.Split(cols, ",")
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}

func (tx *Tx) noteWrite(q string, args []any) error {
	w := parseWrite(q)
	if w == nil {
		return nil
	}
	if w.err != nil {
		return w.err
	}
	if w.argIdx >= 0 {
		if w.argIdx >= len(args) {
			return fmt.Errorf("audit: statement on %s has too few arguments", w.table)
		}
		tx.touch(w.table, fmt.Sprint(args[w.argIdx]))
		return nil
	}
	if w.whereFrom > len(args) {
		return fmt.Errorf("audit: statement on %s has too few arguments", w.table)
	}
	rows, err := tx.tx.QueryContext(tx.ctx, tx.db.rebind(w.selectQ), args[w.whereFrom:]...)
	if err != nil {
		return fmt.Errorf("audit: rows of %s: %w", w.table, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		tx.touch(w.table, id)
	}
	return rows.Err()
}
