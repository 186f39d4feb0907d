package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// engine is one database engine to measure on; server is the PostgreSQL
// server's URL (empty for SQLite).
type engine struct {
	name   string
	server string
	// pg is the throwaway server when the harness started it (its CPU
	// time can then be read), else nil.
	pg *kehoachtest.PGServer
	// durable runs kehoach with --durable and the limit server with
	// synchronous=FULL, one commit per request (SQLite).
	durable bool
}

// engineReport is what one engine's run measured.
type engineReport struct {
	engine          string
	limit           []result
	kehoach         []result
	limitIdleKB     int
	limitPeakKB     int
	idleKB, peakKB  int
	aggregate       *aggregateReport
	obligationsOpen int
}

// aggregateReport compares one agency plan's monitoring with the raw SQL
// aggregate over the same rows (province scale).
type aggregateReport struct {
	rows                 int
	monitoringAPI, page  time.Duration // median of single-client requests
	rollup               time.Duration
	rollupSkipped        string
	rollupCold           time.Duration // median of computations in process with nothing kept
	rollupChanged        time.Duration // median of computations right after one agency's change
	rollupSQL            time.Duration // median of the bare query over the children's obligations
	rollupRows           int           // obligations it counted
	sqlAggregate         time.Duration // median of the bare query
	monitoringPageLength int
}

// isPostgres reports whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// startPostgres starts a throwaway PostgreSQL server from the machine's
// binaries (the one the tests use).
// startPostgres starts a throwaway server with PostgreSQL's own durable
// settings (fsync and synchronous commit on), as a deployment runs it.
func startPostgres() (*kehoachtest.PGServer, error) {
	return kehoachtest.StartPostgresWith("-c max_connections=200")
}

// buildKehoach builds ./cmd/kehoach of this module into dir.
func buildKehoach(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "kehoach")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/kehoach/kehoach/cmd/kehoach")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// createDatabase creates a new database on the PostgreSQL server at
// server and returns its URL.
func createDatabase(ctx context.Context, server, name string) (string, error) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	u, err := url.Parse(server)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

func dropDatabase(server, name string) {
	if admin, err := sql.Open("pgx", server); err == nil {
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	}
}

// freeAddr returns a free loopback address.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// child is a process the harness started.
type child struct {
	cmd    *exec.Cmd
	base   string
	log    string
	exited chan struct{}
}

// start runs name with args and env, logging to logFile, and waits until
// GET base+ready answers 200.
func start(ctx context.Context, addr, ready, logFile string, env []string, name string, args ...string) (*child, error) {
	f, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, base: "http://" + addr, log: logFile, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(c.exited) }()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-c.exited:
			return nil, fmt.Errorf("%s ended early; its log %s: %s", filepath.Base(name), logFile, tail(logFile))
		case <-ctx.Done():
			c.stop()
			return nil, ctx.Err()
		default:
		}
		if resp, err := http.Get(c.base + ready); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return c, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.stop()
	return nil, fmt.Errorf("%s did not answer %s; its log: %s", filepath.Base(name), ready, tail(logFile))
}

// stop ends the child with SIGTERM (SIGKILL after 20 s) and waits for it.
func (c *child) stop() {
	if c == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(20 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.exited
	}
}

// rss returns the child's resident memory now (VmRSS) and at its peak
// (VmHWM), in kB.
func (c *child) rss() (now, peak int) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		n, _ := strconv.Atoi(fields[1])
		switch fields[0] {
		case "VmRSS:":
			now = n
		case "VmHWM:":
			peak = n
		}
	}
	return now, peak
}

func tail(file string) string {
	b, _ := os.ReadFile(file)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
