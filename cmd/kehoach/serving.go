package main

import (
	"flag"
	"fmt"

	"github.com/kehoach/kehoach/internal/ops"
)

// servingFlags are the database flags of the commands that serve
// (serve, demo).
type servingFlags struct {
	durable bool
	// group is KEHOACH_GROUP_COMMIT (on/off), for measuring.
	group string
}

func (s *servingFlags) register(fs *flag.FlagSet, e *env) {
	durable, _ := envBool(e, "KEHOACH_DURABLE")
	fs.BoolVar(&s.durable, "durable", durable, "acknowledge a write only once it is on disk (SQLite: synchronous=FULL with group commit) [KEHOACH_DURABLE=1]")
	s.group = e.getenv("KEHOACH_GROUP_COMMIT")
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
	return nil
}

func (s *servingFlags) options(auditKey []byte) ops.OpenOptions {
	return ops.OpenOptions{AuditKey: auditKey, Durable: s.durable, GroupCommit: s.group}
}
