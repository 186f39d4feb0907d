package app_test

import (
	"io"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// BenchmarkReportSaves measures report drafts saved through the API by
// many clients at once, on each engine.
func BenchmarkReportSaves(b *testing.B) {
	eachEngine(b, func(b *testing.B, engine string) {
		saveInParallel(b, newDemoFixture(b, engine), 8) // 16 concurrent clients on 2 cores
	})
}

// saveInParallel times report drafts saved through f's API by parallelism
// clients a core at once.
func saveInParallel(b *testing.B, f *fixture, parallelism int) {
	save := f.draftSaver(b)
	var n atomic.Int64
	b.SetParallelism(parallelism)
	b.ResetTimer()
	cpu := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := save(int(n.Add(1))); err != nil {
				b.Error(err)
				return
			}
		}
	})
	// The CPU the process spent per save (server and client), which the
	// load of a shared machine changes less than the time per save.
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// processCPU returns the CPU time the process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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

// BenchmarkReadPages measures, one client at a time, the monitoring API of
// the demo plan for the Office and its public page for anyone.
func BenchmarkReadPages(b *testing.B) {
	f := newDemoFixture(b, "sqlite")
	for _, c := range []struct{ name, user, path string }{
		{"monitoring-api", "vanphong", "/api/v1/plans/" + f.plan.ID + "/monitoring"},
		{"public", "", "/public/plans/" + f.plan.ID},
	} {
		b.Run(c.name, func(b *testing.B) {
			client := f.as(c.user)
			for i := 0; i < b.N; i++ {
				resp, err := client.Get(f.srv.URL + c.path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("%s: status %d", c.path, resp.StatusCode)
				}
			}
		})
	}
}
