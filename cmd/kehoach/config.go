package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// dbFlags are the flags that choose the database.
type dbFlags struct {
	db   string
	data string
}

func (d *dbFlags) register(fs *flag.FlagSet, e *env) {
	fs.StringVar(&d.db, "db", e.getenv("KEHOACH_DB"), "database: an SQLite file path, or postgres://… (default: kehoach.db in --data) [KEHOACH_DB]")
	fs.StringVar(&d.data, "data", or(e.getenv("KEHOACH_DATA"), "."), "data folder: the SQLite database and uploaded files [KEHOACH_DATA]")
}

// dsn returns the database to open.
func (d *dbFlags) dsn() string {
	if d.db != "" {
		return d.db
	}
	return filepath.Join(d.data, "kehoach.db")
}

// open opens and migrates the database.
func (d *dbFlags) open(ctx context.Context) (*sqlstore.DB, error) {
	db, err := sqlstore.Open(ctx, d.dsn())
	if err != nil {
		return nil, fmt.Errorf("cơ sở dữ liệu %s: %w", redact(d.dsn()), err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// redact hides a password in a database URL.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.Index(dsn[i+3:], "@"); at >= 0 {
			cred := dsn[i+3 : i+3+at]
			if c := strings.Index(cred, ":"); c >= 0 {
				return dsn[:i+3] + cred[:c] + ":***" + dsn[i+3+at:]
			}
		}
	}
	return dsn
}

func newLogger(e *env) *slog.Logger {
	lvl := slog.LevelInfo
	switch strings.ToLower(e.getenv("KEHOACH_LOG_LEVEL")) {
	case "debug":
		lvl = slog.LevelDebug
	case "warn":
		lvl = slog.LevelWarn
	case "error":
		lvl = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: lvl}))
}

func versionString() string {
	v := kehoach.Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				v += " (" + s.Value[:7] + ")"
			}
		}
	}
	return v
}
