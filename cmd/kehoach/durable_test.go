package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// durableKills is how many times the durable server is killed.
const durableKills = 6

// TestDurableCrashUnderGroupCommit serves the demo on SQLite in durable
// mode, saves report drafts from 64 clients at once, so that the writes
// share commits, and kills the server with SIGKILL at a random moment,
// six times. Every save the server acknowledged must then be found, the
// database whole and the audit chain intact.
func TestDurableCrashUnderGroupCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a server six times")
	}
	bin := buildKehoach(t)
	dir := filepath.Join(t.TempDir(), "data")
	c := &crashRun{t: t, bin: bin, dir: dir, dsn: filepath.Join(dir, "kehoach.db"), args: []string{"--durable"}, clients: 64}
	c.killLoop(durableKills)
	c.check("sqlite")
}

// buildKehoach builds the binary into the test's temporary folder.
func buildKehoach(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kehoach")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}
