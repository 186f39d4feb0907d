package ops

import "github.com/kehoach/kehoach/internal/sqlstore"

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
