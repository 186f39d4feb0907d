package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// machine describes the machine: its processor model and count.
func machine() string {
	model := "unknown processor"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%s/%s, %q, nproc %d, %s", runtime.GOOS, runtime.GOARCH, model, runtime.NumCPU(), runtime.Version())
}

func ms(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func mb(kb int) string { return fmt.Sprintf("%.1f MB", float64(kb)/1024) }

// printReport writes the table in Markdown.
func printReport(w io.Writer, o options, args []string, reps []engineReport) {
	fmt.Fprintf(w, "Command: `go run ./cmd/kehoach-bench %s`\n\n", strings.Join(args, " "))
	fmt.Fprintf(w, "Machine: %s. %d clients, %s warm-up, %s measured per scenario, data: %s.\n\n",
		machine(), o.clients, o.warmup, o.measure, o.scale)
	for _, r := range reps {
		fmt.Fprintf(w, "### %s\n\n", r.engine)
		fmt.Fprintln(w, "| what | requests/s | p50 | p99 | errors | % of the limit |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: |")
		for _, x := range r.limit {
			fmt.Fprintf(w, "| %s | %.0f | %s | %s | %d | 100 %% |\n", x.name, x.rps(), ms(x.p50), ms(x.p99), x.errors)
		}
		for _, x := range r.kehoach {
			if x.skipped != "" {
				fmt.Fprintf(w, "| %s | skipped: %s | | | | |\n", x.name, x.skipped)
				continue
			}
			pct := "—"
			if x.limitRPS > 0 {
				pct = fmt.Sprintf("%.0f %%", 100*x.rps()/x.limitRPS)
			}
			errs := fmt.Sprint(x.errors)
			if x.firstErr != "" {
				errs += " (" + x.firstErr + ")"
			}
			fmt.Fprintf(w, "| kehoach: %s | %.0f | %s | %s | %s | %s |\n", x.name, x.rps(), ms(x.p50), ms(x.p99), errs, pct)
		}
		fmt.Fprintf(w, "| resident memory, limit server: idle / peak | %s / %s | | | | |\n", mb(r.limitIdleKB), mb(r.limitPeakKB))
		fmt.Fprintf(w, "| resident memory, kehoach: idle / peak (VmRSS / VmHWM) | %s / %s | | | | |\n", mb(r.idleKB), mb(r.peakKB))
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Writes are compared with the limit's INSERT, reads with its bare GET.")
		if a := r.aggregate; a != nil {
			fmt.Fprintln(w)
			fmt.Fprintf(w, "Province scale, one agency plan (%d obligations), one client, median of repeated requests:\n\n", a.rows)
			fmt.Fprintln(w, "| what | median |")
			fmt.Fprintln(w, "| --- | ---: |")
			fmt.Fprintf(w, "| raw SQL aggregate (obligations by unit and status, in-process) | %s |\n", ms(a.sqlAggregate))
			fmt.Fprintf(w, "| monitoring API | %s |\n", ms(a.monitoringAPI))
			fmt.Fprintf(w, "| monitoring page (HTML, %d bytes) | %s |\n", a.monitoringPageLength, ms(a.page))
			if a.rollupSkipped != "" {
				fmt.Fprintf(w, "| roll-up | skipped: %s |\n", a.rollupSkipped)
			} else {
				fmt.Fprintf(w, "| raw SQL aggregate of the roll-up (obligations of the implementing plans by plan, %d rows) | %s |\n", a.rollupRows, ms(a.rollupSQL))
				fmt.Fprintf(w, "| roll-up computed with nothing kept (first request of a process, in-process) | %s |\n", ms(a.rollupCold))
				fmt.Fprintf(w, "| roll-up right after one agency's report changed (first request after a change, in-process) | %s |\n", ms(a.rollupChanged))
				fmt.Fprintf(w, "| roll-up API | %s |\n", ms(a.rollup))
			}
		}
		fmt.Fprintln(w)
	}
}
