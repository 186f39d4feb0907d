package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// The scenario set "standby": a throwaway PostgreSQL primary and a
// streaming standby made from it with pg_basebackup -R. Report saves load
// the primary while the monitoring API and page are measured, first from
// a kehoach process reading only the primary, then from one given the
// standby with --db-read; the standby's replay lag is sampled meanwhile.

// Both servers run as the "postgres" engine's does (PostgreSQL's durable
// defaults: fsync and synchronous commit on); the standby is asynchronous, as a
// read standby is, and tells the primary what its queries still read so
// that replay does not cancel them.
const (
	benchPrimaryOpts = "-c wal_level=replica -c max_wal_senders=5 -c max_connections=200"
	benchStandbyOpts = "-c hot_standby=on -c hot_standby_feedback=on -c max_connections=200"
)

// measureStandby runs the set "standby".
func measureStandby(ctx context.Context, o options, work string) (setReport, error) {
	rep := setReport{title: "PostgreSQL: monitoring from a streaming standby while report saves load the primary"}
	o.logf("standby: starting a primary and a standby")
	pair, err := kehoachtest.StartPrimaryStandbyWith(benchPrimaryOpts, benchStandbyOpts)
	if err != nil {
		return rep, fmt.Errorf("start a primary and a standby: %w", err)
	}
	defer pair.Stop()
	d, err := demoDB(ctx, o, pair.Primary.URL("postgres"), fmt.Sprintf("kh_bench_standby_%d", os.Getpid()), filepath.Join(work, "standby-data"), work)
	if err != nil {
		return rep, err
	}
	standbyURL := pair.Standby.URL(d.name)
	standby, err := sql.Open("pgx", standbyURL)
	if err != nil {
		return rep, err
	}
	defer standby.Close()
	primary, err := sql.Open("pgx", pair.Primary.URL("postgres"))
	if err != nil {
		return rep, err
	}
	defer primary.Close()
	if err := waitReplayed(ctx, standby, d.url); err != nil {
		return rep, err
	}
	writers := max(1, o.clients/4)
	for _, withStandby := range []bool{false, true} {
		app, extra, label := "kehoach-primary-only", []string(nil), "primary only"
		if withStandby {
			app, extra, label = "kehoach-db-read", []string{"--db-read", standbyURL}, "--db-read on the standby"
		}
		o.logf("standby: %s", label)
		k, err := d.serveAs(ctx, o, work, app, []string{"KEHOACH_REMINDERS=off"}, extra...)
		if err != nil {
			return rep, err
		}
		s, err := setUp(ctx, o, k.base, d.dbArgs)
		if err != nil {
			k.stop()
			return rep, err
		}
		before, pBefore := xacts(ctx, standby, d.name), xacts(ctx, primary, d.name)
		lag := watchLag(ctx, pair.Primary.URL("postgres"))
		var m cpuMeter
		m.add("kehoach", func() time.Duration { return childCPU(k) })
		m.add("primary", func() time.Duration { return serverCPU(pair.Primary) })
		m.add("standby", func() time.Duration { return serverCPU(pair.Standby) })
		rows, cpu := underWrites(ctx, o, s, writers, label, &m)
		rep.cpu = append(rep.cpu, cpu)
		lagLine := lag.stop()
		sleep(ctx, 1500*time.Millisecond) // the standby's statistics are flushed about every second
		after, pAfter := xacts(ctx, standby, d.name), xacts(ctx, primary, d.name)
		k.stop()
		rep.rows = append(rep.rows, rows...)
		rep.notes = append(rep.notes, fmt.Sprintf("%s: %d transactions (statements outside one count one each) ran on the standby's database during the loads, %d on the primary's, for %d requests",
			label, after-before, pAfter-pBefore, cpu.requests))
		if withStandby {
			rep.notes = append(rep.notes, lagLine)
		}
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
	}
	return rep, nil
}

// underWrites measures the monitoring API, then the monitoring page, each
// with o.clients clients, while writers more clients save reports without
// pause through the same process; it returns the three rows and the
// processor time m's processes used in the measured window.
func underWrites(ctx context.Context, o options, s *setup, writers int, label string, m *cpuMeter) ([]result, cpuRow) {
	reads := load{clients: o.clients, measure: o.measure, client: newClient(o.clients)}
	writes := load{clients: writers, measure: 2 * o.measure, client: newClient(writers)}
	defer reads.client.CloseIdleConnections()
	defer writes.client.CloseIdleConnections()
	save := balanced(o, "save-spread", s)
	api, page := balanced(o, "monitoring-api", s), balanced(o, "monitoring-page", s)
	both := func(first, second func()) {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); first() }()
		second()
		wg.Wait()
	}
	// The warm-up, not counted: the API, then the page, with the saves.
	warm := func(l load, d time.Duration) load { l.warmup, l.measure = d, 0; return l }
	both(func() { warm(writes, 2*o.warmup).run(ctx, "", save) }, func() {
		warm(reads, o.warmup).run(ctx, "", api)
		warm(reads, o.warmup).run(ctx, "", page)
	})
	var w, a, p result
	m.begin()
	both(func() {
		w = writes.run(ctx, fmt.Sprintf("report saves on the primary, %d clients, meanwhile (%s)", writers, label), save)
	}, func() {
		a = reads.run(ctx, "monitoring API ("+label+")", api)
		p = reads.run(ctx, "monitoring page, HTML ("+label+")", page)
	})
	return []result{a, p, w}, m.end(label+": API, page and saves", a.requests+p.requests+w.requests)
}

// waitReplayed waits until the standby has the database the primary
// created and the demo loaded (url names it on the primary).
func waitReplayed(ctx context.Context, standby *sql.DB, url string) error {
	primary, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	defer primary.Close()
	var lsn string
	if err := primary.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		return err
	}
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		var done bool
		if err := standby.QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn`, lsn).Scan(&done); err == nil && done {
			return nil
		}
		sleep(ctx, 200*time.Millisecond)
	}
	return fmt.Errorf("the standby did not replay the demo within a minute")
}

// xacts counts the transactions run so far on database name of the
// server db is connected to.
func xacts(ctx context.Context, db *sql.DB, name string) int64 {
	var n int64
	_ = db.QueryRowContext(ctx, `SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1`, name).Scan(&n)
	return n
}

// watchLag samples the standby's replay lag every 100 ms, as the primary
// sees it (pg_stat_replication).
func watchLag(ctx context.Context, primaryURL string) *watcher {
	return watch(ctx, func(ctx context.Context) string {
		db, err := sql.Open("pgx", primaryURL)
		if err != nil {
			return "replay lag: " + err.Error()
		}
		defer db.Close()
		var lags []time.Duration
		var maxBytes int64
		for ctx.Err() == nil {
			var secs float64
			var bytes int64
			// replay_lag is null once the standby has replayed all it got.
			if err := db.QueryRowContext(ctx, `SELECT COALESCE(EXTRACT(EPOCH FROM replay_lag), 0),
				COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint FROM pg_stat_replication LIMIT 1`).Scan(&secs, &bytes); err == nil {
				lags = append(lags, time.Duration(secs*float64(time.Second)))
				maxBytes = max(maxBytes, bytes)
			}
			sleep(ctx, 100*time.Millisecond)
		}
		if len(lags) == 0 {
			return "replay lag: no sample (is the standby streaming?)"
		}
		slices.Sort(lags)
		return fmt.Sprintf("the standby's replay lag seen by the primary (pg_stat_replication, %d samples): median %s, max %s; WAL not yet replayed at most %d bytes",
			len(lags), lags[len(lags)/2].Round(100*time.Microsecond), lags[len(lags)-1].Round(100*time.Microsecond), maxBytes)
	})
}
