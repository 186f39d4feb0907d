package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/auth"
)

// Every request reads who is asking. One statement reads the session (or
// the API token) together with the version of the organisation, so that
// the person and the tree kept in memory (orgcache.go) are used without a
// second read of the version: a change by any process moves the version
// and is seen by the next request.

// SessionActor returns the person of a live session, the organisation
// tree and how many of the person's notifications are unread (every page
// shows it), extending the session when used.
func (db *DB) SessionActor(ctx context.Context, tok string) (*kehoach.Person, *kehoach.OrgTree, int, error) {
	h := auth.HashToken(tok)
	var personID string
	var expires nullTime
	var v, unread int64
	err := db.queryRow(pointCtx(ctx), `SELECT s.person_id, s.expires_at, v.version, COALESCE((SELECT n.unread FROM notice_unread n WHERE n.person_id = s.person_id), 0)
		FROM sessions s, cache_versions v WHERE s.token_hash = ? AND v.name = 'org'`, h).
		Scan(&personID, &expires, &v, &unread)
	now := db.now()
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires.T.Before(now)) {
		return nil, nil, 0, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	} else if err != nil {
		return nil, nil, 0, err
	}
	p, t, err := db.actorAt(ctx, personID, v)
	if err != nil {
		return nil, nil, 0, err
	}
	if expires.T.Sub(now) < SessionIdleLifetime-SessionRenewAfter {
		db.queries.Add(1)
		_, _ = db.w.ExecContext(ctx, db.rebind(`UPDATE sessions SET expires_at = ? WHERE token_hash = ?`), now.Add(SessionIdleLifetime), h)
	}
	return p, t, int(max(unread, 0)), nil
}

// TokenActor returns the person an API token belongs to and the
// organisation tree.
func (db *DB) TokenActor(ctx context.Context, tok string) (*kehoach.Person, *kehoach.OrgTree, error) {
	var personID string
	var revoked nullTime
	var v int64
	err := db.queryRow(pointCtx(ctx), `SELECT t.person_id, t.revoked_at, v.version FROM api_tokens t, cache_versions v WHERE t.token_hash = ? AND v.name = 'org'`, auth.HashToken(tok)).
		Scan(&personID, &revoked, &v)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked.Valid) {
		return nil, nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Khóa API không hợp lệ.")
	} else if err != nil {
		return nil, nil, err
	}
	return db.actorAt(ctx, personID, v)
}

// actorAt returns the active person with id and the tree, at version v of
// the organisation just read.
func (db *DB) actorAt(ctx context.Context, personID string, v int64) (*kehoach.Person, *kehoach.OrgTree, error) {
	db.org.at(v)
	p, err := db.personAt(ctx, personID, v)
	if err != nil {
		return nil, nil, err
	}
	if !p.Active {
		return nil, nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Tài khoản đã bị khóa.")
	}
	t, err := db.treeAt(ctx, v)
	if err != nil {
		return nil, nil, err
	}
	return p, t, nil
}
