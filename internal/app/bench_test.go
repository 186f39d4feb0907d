package app_test

import (
	"sync/atomic"
	"testing"
)

// BenchmarkReportSaves measures report drafts saved through the API by
// many clients at once, on each engine.
func BenchmarkReportSaves(b *testing.B) {
	eachEngine(b, func(b *testing.B, engine string) {
		f := newDemoFixture(b, engine)
		save := f.draftSaver(b)
		var n atomic.Int64
		b.SetParallelism(8) // 16 concurrent clients on 2 cores
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := save(int(n.Add(1))); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
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
