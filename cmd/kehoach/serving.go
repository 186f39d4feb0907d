package main

import (
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/kehoach/kehoach/internal/ops"
)

// servingFlags are the database flags of the commands that serve
// (serve, demo).
type servingFlags struct {
	durable bool
	// group is KEHOACH_GROUP_COMMIT (on/off), for measuring.
	group string
	// read is a streaming standby for the read-only pages; readLag the
	// lag beyond which they are read from the primary.
	read    string
	readLag time.Duration
}

func (s *servingFlags) register(fs *flag.FlagSet, e *env) {
	durable, _ := envBool(e, "KEHOACH_DURABLE")
	fs.BoolVar(&s.durable, "durable", durable, "acknowledge a write only once it is on disk (SQLite: synchronous=FULL with group commit) [KEHOACH_DURABLE=1]")
	s.group = e.getenv("KEHOACH_GROUP_COMMIT")
	fs.StringVar(&s.read, "db-read", e.getenv("KEHOACH_DB_READ"), "a streaming standby (postgres://…) serving the read-only pages: monitoring, roll-up, public page, feeds [KEHOACH_DB_READ]")
	lag, err := time.ParseDuration(e.getenv("KEHOACH_DB_READ_MAX_LAG"))
	if err != nil {
		lag = 5 * time.Second
	}
	fs.DurationVar(&s.readLag, "db-read-max-lag", lag, "read from the primary while the standby lags by more than this [KEHOACH_DB_READ_MAX_LAG]")
}

// check refuses settings that would otherwise be ignored silently.
func (s *servingFlags) check(e *env) error {
	if _, err := envBool(e, "KEHOACH_DURABLE"); err != nil {
		return err
	}
	switch s.group {
	case "", "on", "off":
	default:
		return fmt.Errorf("KEHOACH_GROUP_COMMIT=%q: dùng on hoặc off", s.group)
	}
	if v := e.getenv("KEHOACH_DB_READ_MAX_LAG"); v != "" {
		if d, err := time.ParseDuration(v); err != nil || d <= 0 {
			return fmt.Errorf("KEHOACH_DB_READ_MAX_LAG=%q: một khoảng thời gian, ví dụ 5s", v)
		}
	}
	if s.read != "" && !strings.HasPrefix(s.read, "postgres://") && !strings.HasPrefix(s.read, "postgresql://") {
		return fmt.Errorf("--db-read %q: dùng địa chỉ postgres://… của máy chủ dự phòng (standby)", redact(s.read))
	}
	if s.readLag <= 0 {
		return fmt.Errorf("--db-read-max-lag %s: cần một khoảng thời gian dương, ví dụ 5s", s.readLag)
	}
	return nil
}

func (s *servingFlags) options(auditKey []byte) ops.OpenOptions {
	return ops.OpenOptions{AuditKey: auditKey, Durable: s.durable, GroupCommit: s.group, ReadDSN: s.read, ReadMaxLag: s.readLag}
}

// log says at start which of the settings are on.
func (s *servingFlags) log(logger *slog.Logger) {
	if s.durable {
		logger.Info("durable mode: a write is acknowledged once on disk", "group_commit", or(s.group, "on"))
	}
	if s.read != "" {
		logger.Info("read-only pages from the standby", "db_read", redact(s.read), "max_lag", s.readLag)
	}
}
