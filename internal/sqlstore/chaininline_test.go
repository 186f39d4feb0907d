package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// On SQLite the writes of a group link their audit entries to the chain
// as they insert them. A write rolled back after it wrote entries gives
// its links back: the kept entries form one unbroken chain that verifies,
// and none is left for the sequencer. Entries waiting for the sequencer
// (here one inserted behind kehoach's back) make the next writes leave
// theirs to it too, so that the chain keeps the order of the trail.
func TestGroupChainsAuditInline(t *testing.T) {
	db := openGroup(t, Options{})
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.SetAuditKey([]byte("a key of sixteen or more bytes"))
	write := func(i int) error {
		return db.InTx(ctx, func(tx *Tx) error {
			if err := tx.audit("test.write", "test", fmt.Sprint("w", i), "", "ghi thử", nil, map[string]int{"i": i}); err != nil {
				return err
			}
			if i%3 != 1 {
				return nil
			}
			// Entries written, then the write fails.
			if err := tx.flushAudit(); err != nil {
				return err
			}
			return errors.New("refused after writing its entries")
		})
	}
	hold, held := make(chan struct{}), make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- db.InTx(ctx, func(tx *Tx) error {
			close(held)
			<-hold
			return tx.audit("test.write", "test", "first", "", "ghi thử", nil, nil)
		})
	}()
	<-held
	const n = 30
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = write(i) }()
	}
	for len(db.group.reqs) < n {
		time.Sleep(time.Millisecond)
	}
	close(hold)
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, err := range errs {
		if (i%3 == 1) != (err != nil) {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	count := func(q string) int {
		var c int
		if err := db.r.QueryRowContext(ctx, q).Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	kept := 1 + n - n/3
	if got := count(`SELECT COUNT(*) FROM audit_log WHERE action = 'test.write'`); got != kept {
		t.Fatalf("%d entries kept, want %d", got, kept)
	}
	if got := count(`SELECT COUNT(*) FROM audit_log WHERE chain_seq IS NULL`); got != 0 {
		t.Fatalf("%d entries left for the sequencer", got)
	}
	if got := count(`SELECT COUNT(*) FROM audit_log WHERE chain_seq <> seq`); got != 0 {
		t.Fatalf("%d entries whose link does not follow the trail's order", got)
	}
	r, err := db.VerifyAuditReport(ctx, nil)
	if err != nil || !r.OK() || r.Checked != kept {
		t.Fatalf("verify: %+v %v", r, err)
	}

	// An entry behind kehoach's back: the next write leaves its entry
	// to the sequencer, which seals both in order and marks the foreign one.
	if _, err := db.w.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, summary) VALUES (CURRENT_TIMESTAMP, '', 'x', 'forged', 'test', 'x', 'x')`); err != nil {
		t.Fatal(err)
	}
	if err := write(99); err != nil {
		t.Fatal(err)
	}
	if got := count(`SELECT COUNT(*) FROM audit_log WHERE chain_seq IS NULL`); got != 2 {
		t.Fatalf("%d entries left for the sequencer, want the forged one and the next", got)
	}
	r, err = db.VerifyAuditReport(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || r.BrokenAt != int64(kept+1) {
		t.Fatalf("the forged entry is not named: %+v", r)
	}
	if got := count(`SELECT COUNT(*) FROM audit_log WHERE chain_seq IS NULL OR chain_seq <> seq`); got != 0 {
		t.Fatalf("%d entries not sealed in the trail's order", got)
	}
	// Once the sequencer caught up, writes chain their entries again.
	if err := write(102); err != nil {
		t.Fatal(err)
	}
	if got := count(`SELECT COUNT(*) FROM audit_log WHERE chain_seq IS NULL`); got != 0 {
		t.Fatalf("%d entries left for the sequencer after it caught up", got)
	}
}
