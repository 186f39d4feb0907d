package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// CPU time is what a figure measured on a shared machine cannot hide: the
// requests per second of a run fall when other work takes the cores, the
// processor time each request costs does not. The harness reads it from
// /proc for its kehoach processes and its PostgreSQL servers.

// clockTick is the unit of the times in /proc/PID/stat (USER_HZ, 100 on
// Linux).
const clockTick = 10 * time.Millisecond

// procCPU returns the processor time process pid used so far; with
// children, also that of its children that have ended (a PostgreSQL
// server's backends) and of those still running.
func procCPU(pid int, children bool) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17);
	// comm may hold spaces, so count from after ")".
	rest := string(b)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	f := strings.Fields(rest) // f[0] is the state, field 3 of the line
	ticks := func(i int) int64 {
		if i-3 >= len(f) {
			return 0
		}
		n, _ := strconv.ParseInt(f[i-3], 10, 64)
		return n
	}
	t := ticks(14) + ticks(15)
	if children {
		t += ticks(16) + ticks(17)
	}
	d := time.Duration(t) * clockTick
	if children {
		for _, c := range kehoachtest.ChildrenOf(pid) {
			d += procCPU(c, false)
		}
	}
	return d
}

// serverCPU returns the processor time a PostgreSQL server the harness
// started used so far (0 when s is nil).
func serverCPU(s *kehoachtest.PGServer) time.Duration {
	if s == nil {
		return 0
	}
	b, err := os.ReadFile(filepath.Join(s.Dir, "data", "postmaster.pid"))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return 0
	}
	return procCPU(pid, true)
}

// childCPU returns the processor time a kehoach process used so far.
func childCPU(c *child) time.Duration {
	if c == nil || c.cmd.Process == nil {
		return 0
	}
	return procCPU(c.cmd.Process.Pid, false)
}

// cpuRow is the processor time a measured window cost, by process, per
// request answered in it.
type cpuRow struct {
	what     string
	requests int64
	// names and times of the processes, in order.
	names []string
	times []time.Duration
}

// cpuMeter reads several processes' CPU time at the start and end of a
// window.
type cpuMeter struct {
	names []string
	read  []func() time.Duration
	start []time.Duration
}

func (m *cpuMeter) add(name string, read func() time.Duration) {
	m.names = append(m.names, name)
	m.read = append(m.read, read)
}

// begin notes the times now.
func (m *cpuMeter) begin() {
	m.start = m.start[:0]
	for _, r := range m.read {
		m.start = append(m.start, r())
	}
}

// end returns the row of the window since begin.
func (m *cpuMeter) end(what string, requests int64) cpuRow {
	row := cpuRow{what: what, requests: requests, names: m.names}
	for i, r := range m.read {
		row.times = append(row.times, r()-m.start[i])
	}
	return row
}

// perRequest writes the time per request of row in ms.
func (row cpuRow) perRequest(i int) string {
	if row.requests == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f ms", float64(row.times[i])/float64(time.Millisecond)/float64(row.requests))
}

// runCPU warms up with next (not counted), then measures it for
// l.measure and returns its result with the processor time m's processes
// used in the measured window.
func (l load) runCPU(ctx context.Context, name string, next request, m *cpuMeter) (result, cpuRow) {
	warm := l
	warm.measure = 0
	warm.run(ctx, name, next)
	l.warmup = 0
	m.begin()
	r := l.run(ctx, name, next)
	return r, m.end(name, r.requests)
}
