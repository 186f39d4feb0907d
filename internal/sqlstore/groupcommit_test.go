package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// openGroup opens a fresh SQLite database with opt and a scratch table;
// the table is not audited, so that the test sees the commit alone.
func openGroup(t testing.TB, opt Options) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := OpenWith(ctx, filepath.Join(t.TempDir(), "k.db"), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE scratch (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	return db
}

func insertScratch(tx *Tx, id int) error {
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO scratch (id, v) VALUES (?, ?)`, id, fmt.Sprint("row ", id))
	return err
}

// A request that fails inside a group, by returning an error, by a
// statement the database refuses or by a panic, rolls back its own
// changes only: the others of its group are committed, in one commit, and
// each caller is told its own outcome.
func TestGroupCommitFailureLosesOnlyItsOwn(t *testing.T) {
	db := openGroup(t, Options{Durable: true})
	ctx := context.Background()
	// Hold the writer in a first group so that the requests below queue
	// up and are taken together.
	hold, held := make(chan struct{}), make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- db.InTx(ctx, func(tx *Tx) error {
			close(held)
			<-hold
			return insertScratch(tx, 1000)
		})
	}()
	<-held
	before := db.group.commits.Load()
	const n = 40
	errs := make([]error, n)
	panics := make([]any, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			errs[i] = db.InTx(ctx, func(tx *Tx) error {
				if err := insertScratch(tx, i); err != nil {
					return err
				}
				switch i % 4 {
				case 1:
					return errors.New("refused")
				case 2:
					// The row exists: the database refuses it.
					return insertScratch(tx, i)
				case 3:
					if i == 3 {
						panic("boom")
					}
				}
				return nil
			})
		}()
	}
	for len(db.group.reqs) < n {
		time.Sleep(time.Millisecond)
	}
	close(hold)
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if got := db.group.commits.Load() - before; got != 2 {
		t.Errorf("%d commits for the held group and the %d queued requests, want 2", got, n)
	}
	for i := 0; i < n; i++ {
		var count int
		if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM scratch WHERE id = ?`, i).Scan(&count); err != nil {
			t.Fatal(err)
		}
		failed := i%4 == 1 || i%4 == 2 || i == 3
		switch {
		case failed && count != 0:
			t.Errorf("request %d failed but its row was kept", i)
		case !failed && count != 1:
			t.Errorf("request %d succeeded but its row is missing (err %v)", i, errs[i])
		case i == 3 && panics[i] != "boom":
			t.Errorf("request 3: panic %v reached the caller, want boom", panics[i])
		case i != 3 && failed && errs[i] == nil:
			t.Errorf("request %d failed but was told it succeeded", i)
		case !failed && errs[i] != nil:
			t.Errorf("request %d: %v", i, errs[i])
		}
	}
}

// A request whose caller gave up before the writer reached it is not
// run, and its caller is told.
func TestGroupCommitSkipsAbandoned(t *testing.T) {
	db := openGroup(t, Options{Durable: true})
	hold, held := make(chan struct{}), make(chan struct{})
	go func() {
		_ = db.InTx(context.Background(), func(tx *Tx) error { close(held); <-hold; return nil })
	}()
	<-held
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- db.InTx(ctx, func(tx *Tx) error { return insertScratch(tx, 7) }) }()
	for len(db.group.reqs) < 1 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	close(hold)
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("abandoned request: %v, want context.Canceled", err)
	}
	var count int
	if err := db.r.QueryRow(`SELECT COUNT(*) FROM scratch`).Scan(&count); err != nil || count != 0 {
		t.Fatalf("abandoned request wrote %d rows (%v)", count, err)
	}
}

// BenchmarkGroupCommit measures 64 writers of one small row each, on a
// durable database with one commit per write and with group commit.
func BenchmarkGroupCommit(b *testing.B) {
	for _, m := range []struct {
		name string
		opt  Options
	}{
		{"full-one-per-commit", Options{Durable: true, Group: GroupOff}},
		{"full-group-commit", Options{Durable: true}},
		{"normal", Options{}},
		{"normal-group-commit", Options{Group: GroupOn}},
	} {
		b.Run(m.name, func(b *testing.B) {
			db := openGroup(b, m.opt)
			var mu sync.Mutex
			next := 0
			b.SetParallelism(32)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					mu.Lock()
					next++
					id := next
					mu.Unlock()
					if err := db.InTx(context.Background(), func(tx *Tx) error { return insertScratch(tx, id) }); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
		})
	}
}
