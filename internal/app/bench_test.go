package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kehoach/kehoach"
)

// BenchmarkReportSaves measures report drafts saved through the API by
// many clients at once, on each engine.
func BenchmarkReportSaves(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			f := newDemoFixture(b, engine)
			kind := kehoach.KindFinal
			obls, err := f.db.FindObligations(b.Context(), kehoach.ObligationFilter{PlanID: &f.plan.ID, Kind: &kind})
			if err != nil {
				b.Fatal(err)
			}
			var open []*kehoach.Obligation
			for _, o := range obls {
				if !o.Received() {
					open = append(open, o)
				}
			}
			client := f.as("vanphong")
			var n atomic.Int64
			b.SetParallelism(8) // 16 concurrent clients on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					o := open[int(i)%len(open)]
					req, _ := http.NewRequest("PUT", f.srv.URL+"/api/v1/obligations/"+o.ID+"/report", strings.NewReader(fmt.Sprintf(`{"results":"Bản nháp %d"}`, i)))
					req.Header.Set("Content-Type", "application/json")
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					resp.Body.Close()
					if resp.StatusCode != 200 {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
		})
	}
}

// BenchmarkMonitoringPage measures the Office's monitoring page of the demo.
func BenchmarkMonitoringPage(b *testing.B) {
	f := newDemoFixture(b, "sqlite")
	client := f.as("vanphong")
	url := f.srv.URL + "/plans/" + f.plan.ID + "/monitoring"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
