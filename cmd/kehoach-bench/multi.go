package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The scenario set "two": two kehoach processes serve one PostgreSQL
// database, as behind a load balancer. The load generator is the
// balancer: it alternates the base URL request by request. The same
// scenarios run through one process alone first, in the same run; a
// change made through one process is then read back through the other
// while the load runs, and the reminder runner's advisory lock is watched
// to show that one process at a time runs the reminders.

// setReport is what a scenario set measured: its rows (throughput,
// latency, errors) and its checks, one line each.
type setReport struct {
	title string
	rows  []result
	cpu   []cpuRow
	notes []string
}

// servedDB is a database of the demo on a PostgreSQL server, with the
// kehoach arguments that reach it.
type servedDB struct {
	server, name, url string
	dbArgs            []string
}

// demoDB creates database name on server, loads the demo into it with
// kehoach demo and returns it; data is the kehoach data folder the
// processes serving it share (uploaded files, the audit key).
func demoDB(ctx context.Context, o options, server, name, data, work string) (*servedDB, error) {
	u, err := createDatabase(ctx, server, name)
	if err != nil {
		return nil, err
	}
	d := &servedDB{server: server, name: name, url: u, dbArgs: []string{"--data", data, "--db", u}}
	addr, err := freeAddr()
	if err != nil {
		return d, err
	}
	c, err := start(ctx, addr, "/healthz", filepath.Join(work, name+"-demo.log"), []string{"KEHOACH_REMINDERS=off"}, o.kehoach,
		append([]string{"demo", "--addr", addr, "--demo-password", benchPassword}, d.dbArgs...)...)
	if err != nil {
		return d, err
	}
	c.stop()
	return d, nil
}

// drop removes the database.
func (d *servedDB) drop() {
	if d != nil {
		dropDatabase(d.server, d.name)
	}
}

// serveAs starts kehoach serve on the database under the PostgreSQL
// application name app (seen in pg_stat_activity), with env and extra
// arguments.
func (d *servedDB) serveAs(ctx context.Context, o options, work, app string, env []string, extra ...string) (*child, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--addr", addr, "--data", d.dbArgs[1], "--db", withParam(d.url, "application_name", app)}
	return start(ctx, addr, "/healthz", filepath.Join(work, app+".log"), env, o.kehoach, append(args, extra...)...)
}

// withParam adds the query parameter k=v to a URL.
func withParam(u, k, v string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + k + "=" + v
}

// balanced returns the request of sc that goes, request by request, to
// each of the given setups in turn (a round-robin load balancer).
func balanced(o options, key string, sets ...*setup) request {
	var nexts []request
	for _, s := range sets {
		for _, sc := range s.scenarios(o) {
			if sc.key == key {
				nexts = append(nexts, sc.next)
			}
		}
	}
	var n atomic.Int64
	return func(w int) (*http.Request, func(), error) {
		return nexts[int(n.Add(1))%len(nexts)](w)
	}
}

// through returns a copy of s that sends its requests to base.
func (s *setup) through(base string) *setup {
	c := *s
	c.base = base
	return &c
}

// measureTwo runs the set "two" on the PostgreSQL server.
func measureTwo(ctx context.Context, o options, e engine, work string) (setReport, error) {
	server := e.server
	rep := setReport{title: "PostgreSQL: two kehoach processes on one database, round-robin"}
	d, err := demoDB(ctx, o, server, fmt.Sprintf("kh_bench_two_%d", os.Getpid()), filepath.Join(work, "two-data"), work)
	defer d.drop()
	if err != nil {
		return rep, err
	}
	// Both processes run the reminders, each ticking as it starts and
	// every minute; debug logs say when a tick finds the other running.
	env := []string{"KEHOACH_REMINDERS=on", "KEHOACH_REMINDER_EVERY=1m", "KEHOACH_LOG_LEVEL=debug"}
	o.logf("two: kehoach-a and kehoach-b")
	watch := watchAlone(ctx, server, d.name, "reminders")
	defer watch.stop()
	var a, b *child
	var errA, errB error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); a, errA = d.serveAs(ctx, o, work, "kehoach-a", env) }()
	go func() { defer wg.Done(); b, errB = d.serveAs(ctx, o, work, "kehoach-b", env) }()
	wg.Wait()
	defer a.stop()
	defer b.stop()
	if errA != nil || errB != nil {
		return rep, fmt.Errorf("two: %v %v", errA, errB)
	}
	sa, err := setUp(ctx, o, a.base, d.dbArgs)
	if err != nil {
		return rep, err
	}
	if len(sa.open) < 2 {
		return rep, fmt.Errorf("two: the demo has fewer than two open reports")
	}
	// The last open report is kept out of the load for the checks.
	checked := sa.open[len(sa.open)-1]
	sa.open = sa.open[:len(sa.open)-1]
	sb := sa.through(b.base)
	l := load{clients: o.clients, warmup: o.warmup, measure: o.measure, client: newClient(o.clients)}
	defer l.client.CloseIdleConnections()
	var m cpuMeter
	m.add("kehoach-a", func() time.Duration { return childCPU(a) })
	m.add("kehoach-b", func() time.Duration { return childCPU(b) })
	if e.pg != nil {
		m.add("PostgreSQL", func() time.Duration { return serverCPU(e.pg) })
	}
	for _, key := range []string{"save-spread", "monitoring-api"} {
		o.logf("two: %s, one process", key)
		alone, cpuAlone := l.runCPU(ctx, key+", kehoach-a alone", balanced(o, key, sa), &m)
		o.logf("two: %s, two processes", key)
		var both result
		var cpuBoth cpuRow
		var checks []string
		if key == "save-spread" {
			// The checks run while the two processes take the load.
			done := make(chan struct{})
			go func() { defer close(done); checks = crossChecks(ctx, sa, sb, checked, o, d) }()
			both, cpuBoth = l.runCPU(ctx, key+", kehoach-a + kehoach-b", balanced(o, key, sa, sb), &m)
			<-done
		} else {
			both, cpuBoth = l.runCPU(ctx, key+", kehoach-a + kehoach-b", balanced(o, key, sa, sb), &m)
		}
		rep.cpu = append(rep.cpu, cpuAlone, cpuBoth)
		rep.rows = append(rep.rows, alone, both)
		rep.notes = append(rep.notes, checks...)
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
	}
	rep.notes = append(rep.notes, watch.stop(), skippedTicks(a, "kehoach-a"), skippedTicks(b, "kehoach-b"))
	return rep, nil
}

// crossChecks makes changes through process A and reads them back through
// process B: a report draft of ob, which the load leaves alone, and the
// name of ob's unit (which B keeps in its organisation cache).
func crossChecks(ctx context.Context, sa, sb *setup, ob obligation, o options, d *servedDB) []string {
	var out []string
	marker := fmt.Sprintf("Bản nháp lưu qua kehoach-a lúc %s", time.Now().Format("15:04:05.000"))
	body, _ := json.Marshal(map[string]any{"results": marker, "values": map[string]any{}})
	reads, err := roundTrip(ctx, func() error {
		_, err := call(sa, "PUT", "/api/v1/obligations/"+ob.id+"/report", ob.token, string(body), nil)
		return err
	}, func() (bool, error) {
		raw, err := call(sb, "GET", "/api/v1/obligations/"+ob.id+"/report", ob.token, "", nil)
		return strings.Contains(raw, marker), err
	})
	out = append(out, checkLine("a report draft saved through kehoach-a, read through kehoach-b", reads, err))

	admin, err := token(ctx, o.kehoach, "quantri", d.dbArgs)
	if err != nil {
		return append(out, "organisation change: no admin token: "+err.Error())
	}
	// B reads the unit's name from its organisation cache (the
	// monitoring lists the plan's units); load it there first.
	monitoring := "/api/v1/plans/" + sa.plan + "/monitoring"
	if _, err := call(sb, "GET", monitoring, sa.office, "", nil); err != nil {
		return append(out, "organisation change: "+err.Error())
	}
	var units struct {
		Units []map[string]any `json:"units"`
	}
	if _, err := call(sa, "GET", "/api/v1/units", admin, "", &units); err != nil {
		return append(out, "organisation change: "+err.Error())
	}
	var unit map[string]any
	for _, u := range units.Units {
		if u["id"] == ob.unit {
			unit = u
		}
	}
	if unit == nil {
		return append(out, "organisation change: unit "+ob.unit+" not listed")
	}
	newName := fmt.Sprintf("%s (đổi tên qua kehoach-a %s)", unit["name"], time.Now().Format("15:04:05"))
	in := map[string]any{}
	for _, k := range []string{"kind", "abbrev", "parentId", "validFrom", "validTo", "email", "phone", "address", "place", "sortOrder", "organId"} {
		if v, ok := unit[k]; ok && v != "" {
			in[k] = v
		}
	}
	in["name"] = newName
	ub, _ := json.Marshal(in)
	reads, err = roundTrip(ctx, func() error {
		_, err := call(sa, "PUT", "/api/v1/units/"+ob.unit, admin, string(ub), nil)
		return err
	}, func() (bool, error) {
		raw, err := call(sb, "GET", monitoring, sa.office, "", nil)
		return strings.Contains(raw, newName), err
	})
	out = append(out, checkLine("a unit renamed through kehoach-a, its new name in kehoach-b's monitoring answer", reads, err))
	return out
}

// roundTrip runs change, then reads through seen until it reports the
// change, for at most 10 s, and returns how many reads that took: 1 when
// the first read after the change was acknowledged saw it.
func roundTrip(ctx context.Context, change func() error, seen func() (bool, error)) (int, error) {
	if err := change(); err != nil {
		return 0, err
	}
	start := time.Now()
	for reads := 1; time.Since(start) < 10*time.Second && ctx.Err() == nil; reads++ {
		ok, err := seen()
		if err != nil {
			return 0, err
		}
		if ok {
			return reads, nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0, fmt.Errorf("not seen within 10 s")
}

func checkLine(what string, reads int, err error) string {
	if err != nil {
		return fmt.Sprintf("**failed**: %s: %v", what, err)
	}
	if reads == 1 {
		return fmt.Sprintf("ok: %s, at the first read after the change was acknowledged", what)
	}
	return fmt.Sprintf("stale: %s only at read %d after the change was acknowledged", what, reads)
}

// call sends one request through s and returns the body; a status other
// than 2xx is an error. When v is not nil the body is decoded into it.
func call(s *setup, method, path, tok, body string, v any) (string, error) {
	req, err := s.req(method, path, tok, body)
	if err != nil {
		return "", err
	}
	req.Header.Del("Accept-Encoding")
	resp, err := s.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode/100 != 2 {
		return "", fmt.Errorf("%s %s through %s: status %d: %.200s", method, path, s.base, resp.StatusCode, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			return "", err
		}
	}
	return string(b), nil
}

// watcher samples something in the background until stopped, then says
// what it saw in one line.
type watcher struct {
	cancel func()
	done   chan struct{}
	line   string
}

// watch runs sample(ctx) in a goroutine until stop; sample returns its
// line when ctx ends.
func watch(ctx context.Context, sample func(ctx context.Context) string) *watcher {
	ctx, cancel := context.WithCancel(ctx)
	w := &watcher{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		w.line = sample(ctx)
	}()
	return w
}

// stop ends the sampling and returns its line.
func (w *watcher) stop() string {
	w.cancel()
	<-w.done
	return w.line
}

// watchAlone samples, every 50 ms, which PostgreSQL sessions of database
// dbname hold the advisory lock of sqlstore.RunAlone for the background
// work named name, by application name.
func watchAlone(ctx context.Context, server, dbname, name string) *watcher {
	key := aloneKey(name)
	return watch(ctx, func(ctx context.Context) string {
		db, err := sql.Open("pgx", server)
		if err != nil {
			return name + ": cannot watch the locks: " + err.Error()
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		seen := map[string]int{}
		samples, both := 0, 0
		for ctx.Err() == nil {
			// pg_locks alone, cheap enough to ask every 50 ms under load;
			// the holders' names only when the lock is held.
			var pids []int64
			rows, err := db.QueryContext(ctx, `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
				WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND d.datname = $1
				AND l.classid = $2::bigint::oid AND l.objid = $3::bigint::oid`, dbname, int64(uint32(key>>32)), int64(uint32(key)))
			if err == nil {
				for rows.Next() {
					var pid int64
					if rows.Scan(&pid) == nil {
						pids = append(pids, pid)
					}
				}
				rows.Close()
				samples++
			}
			holders := map[string]bool{}
			for _, pid := range pids {
				var app string
				if db.QueryRowContext(ctx, `SELECT application_name FROM pg_stat_activity WHERE pid = $1`, pid).Scan(&app) == nil {
					holders[app] = true
				}
			}
			for app := range holders {
				seen[app]++
			}
			if len(holders) > 1 {
				both++
			}
			sleep(ctx, 50*time.Millisecond)
		}
		return fmt.Sprintf("%s: %d samples of pg_locks; the RunAlone lock held by kehoach-a in %d, by kehoach-b in %d, by both at once in %d",
			name, samples, seen["kehoach-a"], seen["kehoach-b"], both)
	})
}

// skippedTicks counts, in a process's log, the reminder ticks it skipped
// because another process held the lock, and the ticks that failed.
func skippedTicks(c *child, app string) string {
	b, _ := os.ReadFile(c.log)
	s := string(b)
	return fmt.Sprintf("reminders, %s's log: %d ticks skipped (\"another process is running them\"), %d errors",
		app, strings.Count(s, "another process is running them"), strings.Count(s, "level=ERROR msg=reminders"))
}

// aloneKey is the advisory lock key sqlstore.RunAlone takes for the work
// named name (a session lock on a bigint: classid is its high half, objid
// its low half).
func aloneKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("kehoach:" + name))
	return int64(h.Sum64())
}

// measureSets runs the scenario sets beyond the per-engine table that
// o.sets names.
func measureSets(ctx context.Context, o options, engines []engine, work string) ([]setReport, error) {
	var out []setReport
	if wanted(o.sets, "two") {
		r, err := measureTwo(ctx, o, engines[len(engines)-1], work)
		out = append(out, r)
		if err != nil {
			return out, fmt.Errorf("two processes: %w", err)
		}
	}
	if wanted(o.sets, "standby") {
		r, err := measureStandby(ctx, o, work)
		out = append(out, r)
		if err != nil {
			return out, fmt.Errorf("standby: %w", err)
		}
	}
	return out, nil
}

// printSets writes each set's table and checks in Markdown.
func printSets(w io.Writer, sets []setReport) {
	for _, r := range sets {
		fmt.Fprintf(w, "### %s\n\n", r.title)
		fmt.Fprintln(w, "| what | requests/s | p50 | p99 | errors |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: |")
		for _, x := range r.rows {
			errs := fmt.Sprint(x.errors)
			if x.firstErr != "" {
				errs += " (" + x.firstErr + ")"
			}
			fmt.Fprintf(w, "| %s | %.0f | %s | %s | %s |\n", x.name, x.rps(), ms(x.p50), ms(x.p99), errs)
		}
		fmt.Fprintln(w)
		if len(r.cpu) > 0 {
			fmt.Fprintf(w, "Processor time per request answered, from /proc (robust to other work on the machine):\n\n")
			fmt.Fprintf(w, "| window | requests |")
			for _, n := range r.cpu[0].names {
				fmt.Fprintf(w, " %s |", n)
			}
			fmt.Fprintf(w, "\n| --- | ---: |%s\n", strings.Repeat(" ---: |", len(r.cpu[0].names)))
			for _, c := range r.cpu {
				fmt.Fprintf(w, "| %s | %d |", c.what, c.requests)
				for i := range c.names {
					fmt.Fprintf(w, " %s |", c.perRequest(i))
				}
				fmt.Fprintln(w)
			}
			fmt.Fprintln(w)
		}
		for _, n := range r.notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
		fmt.Fprintln(w)
	}
}
