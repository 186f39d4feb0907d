package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the statement cache: queries built at run time
// (lists of placeholders) beyond it are simply not cached.
const maxCachedStmts = 1000

// stmtCache keeps every query the store runs on SQLite prepared, once per
// connection: SQLite otherwise parses and plans each statement anew, which
// was more than a quarter of the time of a report save. Reads use
// statements prepared on the reading pool; a transaction uses statements
// prepared on the one writing connection. A query first met inside a
// transaction runs unprepared and is prepared after the transaction ends,
// when the writing connection is free again.
type stmtCache struct {
	w, r *sql.DB

	mu     sync.RWMutex
	rs, ws map[string]*sql.Stmt
	bad    map[string]bool // queries that did not prepare
	wanted []string        // queries to prepare on the writer
}

func newStmtCache(w, r *sql.DB) *stmtCache {
	return &stmtCache{w: w, r: r, rs: map[string]*sql.Stmt{}, ws: map[string]*sql.Stmt{}, bad: map[string]bool{}}
}

// reader returns q prepared on the reading pool, preparing it on first
// use; nil when there is no cache or q does not prepare.
func (c *stmtCache) reader(ctx context.Context, q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	st, bad, n := c.rs[q], c.bad[q], len(c.rs)
	c.mu.RUnlock()
	if st != nil || bad || n >= maxCachedStmts {
		return st
	}
	st, err := c.r.PrepareContext(context.WithoutCancel(ctx), q)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.bad[q] = true
		return nil
	}
	if old := c.rs[q]; old != nil {
		st.Close()
		return old
	}
	c.rs[q] = st
	return st
}

// writer returns q prepared on the writing connection, or nil when it is
// not yet (it is then noted, to be prepared by prepareWanted).
func (c *stmtCache) writer(q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	st, bad, n := c.ws[q], c.bad[q], len(c.ws)
	c.mu.RUnlock()
	if st != nil || bad || n >= maxCachedStmts {
		return st
	}
	c.mu.Lock()
	c.wanted = append(c.wanted, q)
	c.mu.Unlock()
	return nil
}

// prepareWanted prepares on the writing connection the queries that
// transactions ran unprepared. It must be called outside a transaction.
func (c *stmtCache) prepareWanted(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	wanted := c.wanted
	c.wanted = nil
	c.mu.Unlock()
	for _, q := range wanted {
		c.mu.RLock()
		done := c.ws[q] != nil || c.bad[q]
		c.mu.RUnlock()
		if done {
			continue
		}
		st, err := c.w.PrepareContext(context.WithoutCancel(ctx), q)
		c.mu.Lock()
		switch {
		case err != nil:
			c.bad[q] = true
		case c.ws[q] != nil:
			st.Close()
		default:
			c.ws[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.rs {
		st.Close()
	}
	for _, st := range c.ws {
		st.Close()
	}
	c.rs, c.ws = map[string]*sql.Stmt{}, map[string]*sql.Stmt{}
}
