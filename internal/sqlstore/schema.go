package sqlstore

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
)

// The migrations are written once, in SQL that both engines accept, except
// for the few column types they spell differently. Those are written as
// tokens in braces and replaced, per engine, as goose reads the files.
//
//go:embed migrations/*.sql
var migrations embed.FS

// columnTypes are the tokens the migrations may use and what each engine
// reads for them. SQLite keeps the declared type names in its schema and
// the driver reads TIMESTAMP columns as times, so the SQLite spellings
// matter as much as the PostgreSQL ones.
var columnTypes = []struct{ token, sqlite, postgres string }{
	{"{timestamp}", "TIMESTAMP", "TIMESTAMPTZ"},
	{"{double}", "REAL", "DOUBLE PRECISION"},
	{"{bigint}", "INTEGER", "BIGINT"},
	{"{blob}", "BLOB", "BYTEA"},
	{"{json}", "TEXT", "JSONB"},
	{"{serial_primary_key}", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"},
	// Not a type: after rows are copied with their numbers, PostgreSQL's
	// sequence must continue after them (SQLite's AUTOINCREMENT does).
	{"{audit_seq_reset}", "SELECT 1", "SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log), false)"},
}

var leftToken = regexp.MustCompile(`\{[A-Za-z_]*\}`)

// Migrate brings the schema up to date.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.migrator()
	if err != nil {
		return err
	}
	done, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range done {
		if m.Source == nil {
			continue
		}
		switch m.Source.Version {
		case cleanTextMigration:
			// Texts older versions stored are cleaned.
			if err := db.cleanStoredText(ctx); err != nil {
				return fmt.Errorf("migrate: clean texts: %w", err)
			}
		case searchMigration:
			// The search index starts empty: fill it from the rows there are.
			if err := db.RebuildSearchIndex(ctx); err != nil {
				return err
			}
		case auditRowsMigration:
			if err := db.signLegacyAudit(ctx); err != nil {
				return err
			}
		}
	}
	if len(done) > 0 {
		return db.recordRowStates(ctx, done[len(done)-1].Source.Version)
	}
	return nil
}

// searchMigration is the version of the migration that adds the search index.
const searchMigration = 8

func (db *DB) migrator() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	d, pairs := goose.DialectSQLite3, make([]string, 0, 2*len(columnTypes))
	for _, c := range columnTypes {
		if db.dialect == Postgres {
			pairs = append(pairs, c.token, c.postgres)
		} else {
			pairs = append(pairs, c.token, c.sqlite)
		}
	}
	if db.dialect == Postgres {
		d = goose.DialectPostgres
	}
	p, err := goose.NewProvider(d, db.w, dialectFS{sub, strings.NewReplacer(pairs...)})
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// dialectFS serves the migration files with the column-type tokens
// replaced for one engine.
type dialectFS struct {
	fs.FS
	types *strings.Replacer
}

func (f dialectFS) Open(name string) (fs.File, error) {
	if !strings.HasSuffix(name, ".sql") {
		return f.FS.Open(name) // the folder, for listing
	}
	b, err := fs.ReadFile(f.FS, name)
	if err != nil {
		return nil, err
	}
	s := f.types.Replace(string(b))
	if t := leftToken.FindString(s); t != "" {
		return nil, fmt.Errorf("migration %s: unknown column type %s", name, t)
	}
	return &sqlFile{bytes.NewReader([]byte(s)), name}, nil
}

// sqlFile is a migration file after the replacement; it is its own
// [fs.FileInfo] (the reader tells the size).
type sqlFile struct {
	*bytes.Reader
	name string
}

func (f *sqlFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *sqlFile) Close() error               { return nil }
func (f *sqlFile) Name() string               { return f.name }
func (f *sqlFile) Mode() fs.FileMode          { return 0o444 }
func (f *sqlFile) ModTime() time.Time         { return time.Time{} }
func (f *sqlFile) IsDir() bool                { return false }
func (f *sqlFile) Sys() any                   { return nil }
