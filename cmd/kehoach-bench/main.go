// Command kehoach-bench measures kehoach against the limit of the machine it
// runs on, in one run: it starts a bare net/http server that inserts one row
// per request into the same database engine (the limit), then kehoach itself
// as a child process, drives both with the same built-in load generator and
// prints one table: requests per second, median and 99th-percentile latency,
// errors, kehoach's resident memory idle and at its peak, and each kehoach
// figure as a percentage of the limit measured in the same run.
//
//	go run ./cmd/kehoach-bench                      # SQLite, the demo data, 5 s per scenario
//	go run ./cmd/kehoach-bench -d 15s -pg start     # also PostgreSQL, on a throwaway server
//	go run ./cmd/kehoach-bench -pg postgres://…     # also PostgreSQL, on a given server (it creates two databases)
//	go run ./cmd/kehoach-bench -scale province      # 34 agencies × 40 units × 30 tasks × 12 months
//	go run ./cmd/kehoach-bench -pg start -sets two,standby  # two processes on one database; a read standby
//
// It is a measurement tool: it reads no secrets and listens on loopback only.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if os.Getenv(envLimitAddr) != "" {
		serveLimit()
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := runBench(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kehoach-bench:", err)
		os.Exit(1)
	}
}

// options are the harness's flags.
type options struct {
	clients int
	warmup  time.Duration
	measure time.Duration
	kehoach string // the kehoach binary; built when empty
	pg      string // "", "start" or a PostgreSQL URL
	scale   string // "demo" or "province"
	only    string // comma-separated scenario names to run (all when empty)
	keep    bool   // keep the work folder
	durable bool   // also SQLite in durable mode
	sets    string // comma-separated scenario sets: engines, two, standby
	logf    func(format string, args ...any)
}

// runBench parses args, runs every engine's measurements and prints the
// table to stdout; progress goes to stderr.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kehoach-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.clients, "c", 64, "concurrent clients")
	fs.DurationVar(&o.warmup, "warmup", 3*time.Second, "warm-up before each measurement (not counted)")
	fs.DurationVar(&o.measure, "d", 5*time.Second, "measured duration of each scenario")
	fs.StringVar(&o.kehoach, "kehoach", "", "kehoach binary to run (default: built from this module with go build)")
	fs.StringVar(&o.pg, "pg", "", `also measure PostgreSQL: a server URL (postgres://user@host:port/db; two databases are created on it), or "start" for a throwaway server from the machine's PostgreSQL binaries`)
	fs.StringVar(&o.scale, "scale", "demo", `data: "demo" (the Sơn La seed) or "province" (34 agencies × 40 units × 30 tasks × 12 monthly periods)`)
	fs.StringVar(&o.only, "only", "", "comma-separated scenarios to run (default: all)")
	fs.BoolVar(&o.keep, "keep", false, "keep the work folder (databases, logs)")
	fs.BoolVar(&o.durable, "durable", false, "also measure SQLite in durable mode: kehoach --durable (group commit) against a limit server syncing each INSERT (synchronous=FULL)")
	fs.StringVar(&o.sets, "sets", "engines", `comma-separated scenario sets: "engines" (the table per engine), "two" (two kehoach processes on one PostgreSQL database, needs -pg), "standby" (monitoring from a streaming standby while saves load the primary, starts its own servers)`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if wanted(o.sets, "two") && o.pg == "" {
		return fmt.Errorf("-sets two needs -pg (start or a URL)")
	}
	if o.scale != "demo" && o.scale != "province" {
		return fmt.Errorf("-scale: %q is neither demo nor province", o.scale)
	}
	o.logf = func(format string, a ...any) { fmt.Fprintf(stderr, "kehoach-bench: "+format+"\n", a...) }
	work, err := os.MkdirTemp("", "kehoach-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		o.logf("work folder %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	if o.kehoach == "" {
		o.logf("building kehoach")
		if o.kehoach, err = buildKehoach(ctx, work); err != nil {
			return err
		}
	}
	engines := []engine{{name: "sqlite"}}
	if o.durable {
		engines = append(engines, engine{name: "sqlite-durable", durable: true})
	}
	switch o.pg {
	case "":
	case "start":
		srv, err := startPostgres()
		if err != nil {
			return fmt.Errorf("start PostgreSQL: %w", err)
		}
		defer srv.Stop()
		engines = append(engines, engine{name: "postgres", server: srv.URL("postgres"), pg: srv})
	default:
		engines = append(engines, engine{name: "postgres", server: o.pg})
	}
	var reports []engineReport
	for _, e := range engines {
		if !wanted(o.sets, "engines") {
			break
		}
		rep, err := measureEngine(ctx, o, e, work)
		reports = append(reports, rep)
		if err != nil {
			printReport(stdout, o, args, reports) // what was measured so far
			return fmt.Errorf("%s: %w", e.name, err)
		}
	}
	sets, err := measureSets(ctx, o, engines, work)
	printReport(stdout, o, args, reports)
	printSets(stdout, sets)
	return err
}
