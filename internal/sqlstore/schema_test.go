package sqlstore_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

var updateSchema = flag.Bool("update-schema", false, "rewrite testdata/schema.*.txt from what the migrations build")

// TestSchema migrates a fresh database on each engine and compares the
// resulting schema with testdata/schema.<engine>.txt. The two files were
// dumped from the per-engine migration files that the shared ones replaced,
// so this proves that a new database gets exactly the schema it got before,
// under the same goose versions (an existing database therefore needs
// nothing). Add a migration on purpose, then run the test with
// -update-schema and review the diff of the dumps.
func TestSchema(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			var dsn, driver string
			if engine == "sqlite" {
				dsn, driver = filepath.Join(t.TempDir(), "kehoach.db"), "sqlite"
			} else {
				dsn, driver = kehoachtest.PostgresURL(t), "pgx"
			}
			db, err := sqlstore.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			got := dumpSchema(t, raw, engine)

			file := filepath.Join("testdata", "schema."+engine+".txt")
			if *updateSchema {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("schema differs from %s:\n%s", file, lineDiff(string(want), got))
			}

			// Every migration can be undone, leaving only goose's own table,
			// and redone to the same schema.
			if err := db.MigrateDownForTest(ctx); err != nil {
				t.Fatal(err)
			}
			if left := userTables(t, raw, engine); len(left) != 0 {
				t.Errorf("tables left after migrating down: %v", left)
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if again := dumpSchema(t, raw, engine); again != got {
				t.Errorf("schema after down and up differs:\n%s", lineDiff(got, again))
			}
			db.Close()
		})
	}
}

// dumpSchema writes the schema as sorted text: the applied goose versions,
// then on SQLite each object's stored SQL, on PostgreSQL each relation,
// column (type, nullability, default), constraint, index and trigger.
func dumpSchema(t *testing.T, db *sql.DB, engine string) string {
	t.Helper()
	var b strings.Builder
	section := func(title, q string) {
		fmt.Fprintf(&b, "== %s\n", title)
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", title, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				parts[i] = v.String
				if !v.Valid {
					parts[i] = "NULL"
				}
			}
			b.WriteString(strings.Join(parts, " | "))
			b.WriteString("\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	section("goose versions", `SELECT version_id FROM goose_db_version WHERE is_applied ORDER BY id`)
	if engine == "sqlite" {
		section("objects", `SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`)
		return b.String()
	}
	section("relations", `
		SELECT c.relname, c.relkind FROM pg_class c
		WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1`)
	section("columns", `
		SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
		       CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END,
		       pg_get_expr(d.adbin, d.adrelid)
		FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid
		LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
		  AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY c.relname, a.attnum`)
	section("constraints", `
		SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
		FROM pg_constraint WHERE connamespace = 'public'::regnamespace
		ORDER BY 1, 2`)
	section("indexes", `
		SELECT tablename, indexname, indexdef FROM pg_indexes
		WHERE schemaname = 'public' ORDER BY 1, 2`)
	section("triggers", `
		SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid)
		FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`)
	return b.String()
}

// userTables lists the tables other than goose's own.
func userTables(t *testing.T, db *sql.DB, engine string) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('goose_db_version', 'sqlite_sequence') ORDER BY 1`
	if engine == "postgres" {
		q = `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'goose_db_version' ORDER BY 1`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	return names
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	count := map[string]int{}
	for _, l := range strings.Split(want, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(got, "\n") {
		count[l]--
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if count[l] > 0 {
			fmt.Fprintf(&b, "- %s\n", l)
			count[l]--
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if count[l] < 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
			count[l]++
		}
	}
	return b.String()
}
