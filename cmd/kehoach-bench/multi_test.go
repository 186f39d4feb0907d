package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestHarnessSets runs the sets "two" and "standby" for a fraction of a
// second per scenario on throwaway PostgreSQL servers and checks what
// they print: a row per load with no errors in the writes; a change made
// through one process seen through the other at the first read; the
// reminders' advisory lock never held by both processes at once; and,
// with --db-read, the monitoring reads served by the standby. It asserts
// no time.
func TestHarnessSets(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three PostgreSQL servers and four kehoach processes")
	}
	srv, err := startPostgres()
	kehoachtest.Require(t, "PostgreSQL server (Debian package postgresql)", err)
	srv.Stop()
	ctx := context.Background()
	bin, err := buildKehoach(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runBench(ctx, []string{"-kehoach", bin, "-pg", "start", "-sets", "two,standby", "-c", "4", "-warmup", "0s", "-d", "500ms"}, &out, io.Discard); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{
		"| save-spread, kehoach-a alone |", "| save-spread, kehoach-a + kehoach-b |",
		"| monitoring-api, kehoach-a alone |", "| monitoring-api, kehoach-a + kehoach-b |",
		"ok: a report draft saved through kehoach-a, read through kehoach-b, at the first read",
		"ok: a unit renamed through kehoach-a, its new name in kehoach-b's monitoring answer, at the first read",
		"by both at once in 0",
		"| monitoring API (primary only) |", "| monitoring API (--db-read on the standby) |",
		"| monitoring page, HTML (--db-read on the standby) |",
		"the standby's replay lag seen by the primary",
		"| window | requests | kehoach-a | kehoach-b | PostgreSQL |", "| window | requests | kehoach | primary | standby |",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the output has no %q:\n%s", want, s)
		}
	}
	results := false // in a table of loads, not of processor time
	for _, line := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(line, "| what |"):
			results = true
			continue
		case !strings.HasPrefix(line, "| "):
			results = false
			continue
		case !results || strings.HasPrefix(line, "| ---"):
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 6 || strings.TrimSpace(cells[5]) != "0" {
			t.Errorf("a load had errors: %s", line)
		}
		if strings.TrimSpace(cells[2]) == "0" {
			t.Errorf("a load made no request: %s", line)
		}
	}
	m := regexp.MustCompile(`--db-read on the standby: (\d+) transactions \([^)]*\) ran on the standby`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no count of the standby's transactions:\n%s", s)
	}
	if n, _ := strconv.Atoi(m[1]); n < 10 {
		t.Errorf("with --db-read only %d transactions ran on the standby: the monitoring was not served from it\n%s", n, s)
	}
}
