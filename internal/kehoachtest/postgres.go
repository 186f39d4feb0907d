// Package kehoachtest holds what tests across kehoach share: a throwaway
// PostgreSQL server started from the machine's binaries, fresh databases on
// both engines, and the demo organisation.
package kehoachtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// PGServer is a PostgreSQL server run from a temporary folder.
type PGServer struct {
	Dir  string
	Port int
	bin  string
	asPG bool
}

var (
	pgOnce   sync.Once
	pgServer *PGServer
	pgErr    error
	pgSeq    atomic.Int64
)

// Main runs the tests of a package and stops the PostgreSQL server, if one
// was started, before exiting. Use it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if pgServer != nil {
		pgServer.Stop()
	}
	os.Exit(code)
}

// InCI reports whether the tests run in CI, where a missing tool is a
// failure, not a skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// Require fails the test under CI, or skips it elsewhere, when err says that
// a needed tool is missing.
func Require(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if InCI() {
		t.Fatalf("%s is required under CI=true and is not usable: %v", what, err)
	}
	t.Skipf("%s not usable (install it to run this test): %v", what, err)
}

// PostgresURL returns the URL of a new, empty database on a throwaway
// PostgreSQL server that the first call starts.
func PostgresURL(t testing.TB) string {
	t.Helper()
	pgOnce.Do(func() { pgServer, pgErr = StartPostgres() })
	Require(t, "PostgreSQL server (Debian package postgresql)", pgErr)
	name := fmt.Sprintf("kh_%d_%d", os.Getpid(), pgSeq.Add(1))
	admin, err := sql.Open("pgx", pgServer.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", pgServer.URL("postgres"))
		if err == nil {
			_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return pgServer.URL(name)
}

// URL returns the connection URL of database name.
func (s *PGServer) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, name)
}

func pgBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi < vj
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no initdb found under /usr/lib/postgresql/*/bin or on PATH")
}

// StartPostgres initialises and starts a server in a new temporary folder on
// a free loopback port. As root it runs the server as the postgres user.
func StartPostgres() (*PGServer, error) {
	return StartPostgresWith("-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
}

// StartPostgresWith is [StartPostgres] with the server settings opts
// ("-c name=value …").
func StartPostgresWith(opts string) (*PGServer, error) {
	s, err := newPGServer()
	if err != nil {
		return nil, err
	}
	if err := s.initdb(); err != nil {
		return nil, err
	}
	if err := s.start(opts); err != nil {
		return nil, err
	}
	return s, nil
}

// newPGServer makes the folder of a server, owned by the postgres user when
// running as root, and picks a free loopback port.
func newPGServer() (*PGServer, error) {
	bin, err := pgBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "kehoach-pg-")
	if err != nil {
		return nil, err
	}
	s := &PGServer{Dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		s.asPG = true
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	return s, nil
}

// initdb creates the server's data folder.
func (s *PGServer) initdb() error {
	data := filepath.Join(s.Dir, "data")
	if out, err := s.run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		if out2, err2 := s.run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"); err2 != nil {
			return fmt.Errorf("initdb: %v: %s %s", err, out, out2)
		}
	}
	return nil
}

// start starts the server with the settings opts (postgres -c options) and
// waits until it answers.
func (s *PGServer) start(opts string) error {
	data := filepath.Join(s.Dir, "data")
	opts = fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 %s", s.Port, s.Dir, opts)
	if out, err := s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(s.Dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.Dir, "log"))
		return fmt.Errorf("pg_ctl start: %v: %s %s", err, out, log)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", s.URL("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	for {
		if err = db.PingContext(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			s.Stop()
			return fmt.Errorf("postgres did not answer: %w", err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (s *PGServer) run(name string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, name)
	var cmd *exec.Cmd
	if s.asPG {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = s.Dir
	return cmd.CombinedOutput()
}

// Stop stops the server and removes its folder.
func (s *PGServer) Stop() {
	_, _ = s.run("pg_ctl", "-D", filepath.Join(s.Dir, "data"), "-m", "immediate", "-w", "stop")
	_ = os.RemoveAll(s.Dir)
}
