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
		open := f.openReports(t)
		client := f.as("vanphong")
		var wg sync.WaitGroup
		errs := make(chan string, 60)
		for i := 0; i < 60; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				o := open[i%len(open)]
				if err := f.saveDraft(client, o, fmt.Sprintf("Bản nháp số %d", i)); err != nil {
					errs <- fmt.Sprintf("request %d: %v", i, err)
				}
			}(i)
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
