package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/kehoach/kehoach"
)

// TestSixtyConcurrentWrites: sixty people saving reports and recording
// briefings at the same moment all succeed; none sees "database is locked".
func TestSixtyConcurrentWrites(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			f := newDemoFixture(t, engine)
			kind := kehoach.KindFinal
			obls, err := f.db.FindObligations(t.Context(), kehoach.ObligationFilter{PlanID: &f.plan.ID, Kind: &kind})
			if err != nil {
				t.Fatal(err)
			}
			var open []*kehoach.Obligation
			for _, o := range obls {
				if !o.Received() {
					open = append(open, o)
				}
			}
			if len(open) == 0 {
				t.Fatal("no open obligations in the demo")
			}
			client := f.as("vanphong")
			var wg sync.WaitGroup
			errs := make(chan string, 60)
			for i := 0; i < 60; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					o := open[i%len(open)]
					body := fmt.Sprintf(`{"results":"Bản nháp số %d"}`, i)
					req, _ := http.NewRequest("PUT", f.srv.URL+"/api/v1/obligations/"+o.ID+"/report", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					resp, err := client.Do(req)
					if err != nil {
						errs <- err.Error()
						return
					}
					resp.Body.Close()
					if resp.StatusCode != 200 {
						errs <- fmt.Sprintf("request %d: status %d", i, resp.StatusCode)
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
}
