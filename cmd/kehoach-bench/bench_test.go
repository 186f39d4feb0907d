package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	if os.Getenv(envLimitAddr) != "" {
		serveLimit() // the limit server is this binary started again
		return
	}
	os.Exit(m.Run())
}

// TestHarnessRuns runs the whole harness for a fraction of a second per
// scenario on SQLite and checks that it prints a row for the limit and for
// every kehoach scenario, with no errors in the writes. It asserts no time.
func TestHarnessRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts kehoach")
	}
	ctx := context.Background()
	bin, err := buildKehoach(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runBench(ctx, []string{"-kehoach", bin, "-c", "4", "-warmup", "0s", "-d", "300ms"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"| limit: one INSERT per request |", "| limit: bare GET |",
		"| kehoach: report save, all clients on one unit's report", "| kehoach: report save, spread over",
		"| kehoach: report submit", "| kehoach: monitoring page (HTML) |", "| kehoach: monitoring API |",
		"| kehoach: public page (anonymous) |", "| kehoach: search API", "roll-up",
		"| resident memory, kehoach: idle / peak", "nproc",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the table has no %q:\n%s", want, s)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "| kehoach: report") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 7 || strings.TrimSpace(cells[5]) != "0" {
			t.Errorf("a write scenario had errors: %s", line)
		}
		if strings.TrimSpace(cells[2]) == "0" {
			t.Errorf("a write scenario made no request: %s", line)
		}
	}
}
