package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// dbFlags are the flags that choose the database.
type dbFlags struct {
	db   string
	data string
	// auditKey is KEHOACH_AUDIT_KEY; without it the key is audit.key in
	// the data folder.
	auditKey string
}

func (d *dbFlags) register(fs *flag.FlagSet, e *env) {
	fs.StringVar(&d.db, "db", e.getenv("KEHOACH_DB"), "database: an SQLite file path, or postgres://… (default: kehoach.db in --data) [KEHOACH_DB]")
	fs.StringVar(&d.data, "data", or(e.getenv("KEHOACH_DATA"), "."), "data folder: the SQLite database, uploaded files and the audit key [KEHOACH_DATA]")
	d.auditKey = e.getenv("KEHOACH_AUDIT_KEY")
}

// dsn returns the database to open.
func (d *dbFlags) dsn() string {
	if d.db != "" {
		return d.db
	}
	return filepath.Join(d.data, "kehoach.db")
}

// open opens and migrates the database; logger may be nil.
func (d *dbFlags) open(ctx context.Context, logger *slog.Logger) (*ops.Service, error) {
	key, err := ops.AuditKey(d.data, d.auditKey)
	if err != nil {
		return nil, fmt.Errorf("khóa nhật ký (audit key): %w", err)
	}
	svc, err := ops.Open(ctx, d.dsn(), logger, key)
	if err != nil {
		return nil, fmt.Errorf("cơ sở dữ liệu %s: %w", redact(d.dsn()), err)
	}
	return svc, nil
}

// openServing opens the database for a command that serves, with the
// logger the settings ask for.
func (d *dbFlags) openServing(ctx context.Context, e *env) (*ops.Service, *slog.Logger, error) {
	logger := newLogger(e)
	svc, err := d.open(ctx, logger)
	return svc, logger, err
}

// openAs opens the database for a command that acts as kehoach itself,
// named in the audit trail as "dòng lệnh: " and what.
func (d *dbFlags) openAs(ctx context.Context, what string) (*ops.Service, *kehoach.Actor, error) {
	svc, err := d.open(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	a, err := svc.System(ctx, "dòng lệnh: "+what)
	if err != nil {
		svc.Close()
		return nil, nil, err
	}
	return svc, a, nil
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

// envBool reads a yes/no setting: 1, true, yes, on or 0, false, no, off
// (empty is no).
func envBool(e *env, name string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(e.getenv(name))) {
	case "", "0", "false", "no", "off":
		return false, nil
	case "1", "true", "yes", "on":
		return true, nil
	}
	return false, fmt.Errorf("%s=%q: dùng 1/0, true/false, yes/no hoặc on/off", name, e.getenv(name))
}

// checkSettings refuses settings that would otherwise be ignored silently.
func checkSettings(e *env, d *dbFlags) error {
	if _, err := envBool(e, "KEHOACH_SECURE_COOKIES"); err != nil {
		return err
	}
	switch strings.ToLower(e.getenv("KEHOACH_LOG_LEVEL")) {
	case "", "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("KEHOACH_LOG_LEVEL=%q: dùng debug, info, warn hoặc error", e.getenv("KEHOACH_LOG_LEVEL"))
	}
	switch strings.ToLower(e.getenv("KEHOACH_REMINDERS")) {
	case "", "on", "off":
	default:
		return fmt.Errorf("KEHOACH_REMINDERS=%q: dùng on hoặc off", e.getenv("KEHOACH_REMINDERS"))
	}
	if v := e.getenv("KEHOACH_REMINDER_EVERY"); v != "" {
		if d, err := time.ParseDuration(v); err != nil || d < time.Minute {
			return fmt.Errorf("KEHOACH_REMINDER_EVERY=%q: một khoảng thời gian từ 1 phút, ví dụ 15m hoặc 1h", v)
		}
	}
	if v := e.getenv("KEHOACH_BASE_URL"); v != "" {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("KEHOACH_BASE_URL=%q: địa chỉ đầy đủ, ví dụ https://kehoach.sonla.gov.vn", v)
		}
	}
	if d != nil {
		dsn := d.dsn()
		if i := strings.Index(dsn, "://"); i > 0 && !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
			return fmt.Errorf("--db %q: dùng đường dẫn tệp SQLite (ví dụ /var/lib/kehoach/kehoach.db) hoặc postgres://…", redact(dsn))
		}
	}
	return nil
}
