package app_test

import (
	"net/http"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// BenchmarkDurableSaves measures report drafts saved through the API by 64
// clients at once on SQLite: durable (synchronous=FULL) with one commit
// per request, durable with group commit, and the default
// (synchronous=NORMAL) without and with group commit, side by side in one
// run. Run it with
//
//	go test -run '^$' -bench DurableSaves -benchtime 4000x ./internal/app/
func BenchmarkDurableSaves(b *testing.B) {
	modes := []struct {
		name string
		opt  sqlstore.Options
	}{
		{"full-one-per-commit", sqlstore.Options{Durable: true, Group: sqlstore.GroupOff}},
		{"full-group-commit", sqlstore.Options{Durable: true}},
		{"normal", sqlstore.Options{}},
		{"normal-group-commit", sqlstore.Options{Group: sqlstore.GroupOn}},
	}
	// 64 clients keep their connections, as a load generator does.
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t.MaxIdleConnsPerHost = 128
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			db, plan := kehoachtest.DemoDBWith(b, "sqlite", m.opt)
			saveInParallel(b, startFixture(b, db, plan), 32) // 64 clients on 2 cores
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "saves/s")
		})
	}
}
