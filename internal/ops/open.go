package ops

import (
	"context"
	"time"

	"github.com/kehoach/kehoach/internal/sqlstore"
)

// OpenOptions choose how [OpenWith] opens the database.
type OpenOptions struct {
	// AuditKey seals the audit trail (see [AuditKey]).
	AuditKey []byte
	// Durable acknowledges a write only once it is on disk; on SQLite
	// concurrent writes then share one commit (group commit).
	Durable bool
	// GroupCommit forces group commit on SQLite on ("on") or off ("off");
	// empty leaves it to Durable.
	GroupCommit string
	// ReadDSN is a streaming standby of the PostgreSQL primary that serves
	// the read-only pages (monitoring, roll-up, public page, feeds) while
	// it lags by at most ReadMaxLag (5 s when zero).
	ReadDSN    string
	ReadMaxLag time.Duration
}

func (o OpenOptions) store() sqlstore.Options {
	so := sqlstore.Options{Durable: o.Durable}
	switch o.GroupCommit {
	case "on":
		so.Group = sqlstore.GroupOn
	case "off":
		so.Group = sqlstore.GroupOff
	}
	return so
}

// readOnly marks ctx so that the reads of a read-only page may be served
// by the standby (see [OpenOptions.ReadDSN]).
func readOnly(ctx context.Context) context.Context { return sqlstore.ReadStandby(ctx) }
