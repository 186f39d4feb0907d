package app_test

import (
	"fmt"
	"sync"
	"testing"
)

// TestSixtyConcurrentWrites: sixty people saving reports and recording
// briefings at the same moment all succeed; none sees "database is locked".
func TestSixtyConcurrentWrites(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		save := f.draftSaver(t)
		var wg sync.WaitGroup
		errs := make(chan string, 60)
		for i := range 60 {
			wg.Go(func() {
				if err := save(i); err != nil {
					errs <- fmt.Sprintf("request %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if n, bad, err := f.db.VerifyAudit(t.Context()); err != nil || bad != 0 {
			t.Fatalf("audit after concurrency: %d %d %v", n, bad, err)
		}
	})
}
