package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Options choose how a database is opened; the zero value is [Open]'s.
type Options struct {
	// Durable syncs every commit to disk before it is acknowledged, so
	// that an acknowledged write survives a power loss: on SQLite,
	// synchronous=FULL, with group commit unless Group says otherwise.
	// PostgreSQL is durable by its own settings (fsync, synchronous_commit).
	Durable bool
	// Group chooses group commit on SQLite; it is on unless turned off.
	Group GroupCommit
}

// GroupCommit turns group commit on or off.
type GroupCommit int

// The group commit choices.
const (
	GroupAuto GroupCommit = iota // on
	GroupOn
	GroupOff
)

func (o Options) groupCommit() bool {
	switch o.Group {
	case GroupOn:
		return true
	case GroupOff:
		return false
	}
	return true
}

// Group commit. On SQLite every write goes through one connection, and a
// durable commit costs an fsync. With group commit one writer goroutine
// takes the writes queued while the previous group committed, runs each
// under a savepoint of one transaction (a failing write rolls back only
// its savepoint), commits once, then answers each: a write is
// acknowledged only after the commit that holds it, and the notices it
// queued are delivered after that commit too, since InTx returns only
// then.

// maxGroup is the most writes one commit takes.
const maxGroup = 128

type groupWriter struct {
	reqs chan *writeReq
	// mu guards closed; a write sent after closing is refused.
	mu     sync.RWMutex
	closed bool
	done   chan struct{}
	// commits counts the group transactions committed (for tests).
	commits atomic.Int64
}

type writeReq struct {
	ctx   context.Context
	fn    func(tx *Tx) error
	reply chan writeResult
}

type writeResult struct {
	err error
	// panicked holds what fn panicked with, raised again in the caller.
	panicked any
}

var errClosed = errors.New("sqlstore: database closed")

func (db *DB) startGroupWriter() {
	g := &groupWriter{reqs: make(chan *writeReq, maxGroup), done: make(chan struct{})}
	db.group = g
	go func() {
		defer close(g.done)
		batch := make([]*writeReq, 0, maxGroup)
		for first := range g.reqs {
			batch = append(batch[:0], first)
		more:
			for len(batch) < maxGroup {
				select {
				case r, ok := <-g.reqs:
					if !ok {
						break more
					}
					batch = append(batch, r)
				default:
					break more
				}
			}
			db.commitGroup(batch)
		}
	}()
}

// stopGroupWriter lets the queued writes finish and stops the writer.
func (db *DB) stopGroupWriter() {
	g := db.group
	if g == nil {
		return
	}
	g.mu.Lock()
	if !g.closed {
		g.closed = true
		close(g.reqs)
	}
	g.mu.Unlock()
	<-g.done
}

// do queues fn and waits for the commit of its group.
func (g *groupWriter) do(ctx context.Context, fn func(tx *Tx) error) error {
	r := &writeReq{ctx: ctx, fn: fn, reply: make(chan writeResult, 1)}
	g.mu.RLock()
	if g.closed {
		g.mu.RUnlock()
		return errClosed
	}
	select {
	case g.reqs <- r:
	case <-ctx.Done():
		g.mu.RUnlock()
		return ctx.Err()
	}
	g.mu.RUnlock()
	// Once queued, the write is answered whatever happens to ctx: the
	// caller learns whether it was committed.
	res := <-r.reply
	if res.panicked != nil {
		panic(res.panicked)
	}
	return res.err
}

// commitGroup runs batch in one transaction and answers each request
// after the commit.
func (db *DB) commitGroup(batch []*writeReq) {
	// The statements the group ran unprepared are prepared once the
	// writing connection is free again.
	defer db.stmts.prepareWanted(context.Background())
	results := make([]writeResult, len(batch))
	answer := func() {
		for i, r := range batch {
			r.reply <- results[i]
		}
	}
	fail := func(err error) {
		for i := range results {
			if results[i].err == nil && results[i].panicked == nil {
				results[i].err = err
			}
		}
		answer()
	}
	// The transaction is not tied to any one request: a request that
	// gives up must not roll back the others.
	sqltx, err := db.w.BeginTx(context.Background(), nil)
	if err != nil {
		fail(fmt.Errorf("begin: %w", err))
		return
	}
	single := len(batch) == 1
	// savepoint runs a savepoint statement (none for a group of one);
	// when one fails, the transaction itself is lost: nothing of the
	// group is committed, and each is told so.
	savepoint := func(q string) bool {
		if single {
			return true
		}
		var err error
		if st := db.stmts.writer(q); st != nil { // kept prepared, as the writes' statements
			_, err = sqltx.StmtContext(context.Background(), st).ExecContext(context.Background())
		} else {
			_, err = sqltx.ExecContext(context.Background(), q)
		}
		if err != nil {
			_ = sqltx.Rollback()
			fail(fmt.Errorf("%s: %w", q, err))
			return false
		}
		return true
	}
	kept, unsealed, orgChanged := 0, false, false
	// The writes of the group link their audit entries to one chain head;
	// a write rolled back to its savepoint gives back the links it took.
	var chain *chainState
	if db.dialect != Postgres && len(db.auditKey) > 0 {
		chain = &chainState{}
	}
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		if !savepoint("SAVEPOINT g") {
			return
		}
		// Statements run without the request's cancellation: SQLite
		// interrupting a statement may roll back the whole transaction.
		tx := db.newTx(context.WithoutCancel(r.ctx), sqltx)
		var before chainState
		if chain != nil {
			before, tx.chain = *chain, chain
		}
		results[i] = runGuarded(tx, r.fn)
		if results[i].err != nil || results[i].panicked != nil {
			if chain != nil {
				*chain = before
			}
			if single {
				_ = sqltx.Rollback()
				answer()
				return
			}
			if !savepoint("ROLLBACK TO g") {
				return
			}
		}
		if !savepoint("RELEASE g") {
			return
		}
		if results[i].err == nil && results[i].panicked == nil {
			kept++
			unsealed = unsealed || tx.leftUnsealed
			orgChanged = orgChanged || tx.orgChanged
		}
	}
	if kept == 0 {
		_ = sqltx.Rollback()
		answer()
		return
	}
	err = sqltx.Commit()
	if orgChanged {
		db.org.forget()
	}
	if err != nil {
		fail(fmt.Errorf("commit: %w", err))
		return
	}
	db.group.commits.Add(1)
	if unsealed {
		db.pokeSealer()
	}
	answer()
}

// runGuarded runs fn in tx, turning a panic into a result the caller's
// goroutine raises again.
func runGuarded(tx *Tx, fn func(tx *Tx) error) (res writeResult) {
	defer func() {
		if p := recover(); p != nil {
			res = writeResult{panicked: p}
		}
	}()
	return writeResult{err: tx.run(fn)}
}
