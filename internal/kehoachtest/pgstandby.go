package kehoachtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// PGPair is a primary PostgreSQL server and a standby that streams its WAL
// and confirms each commit before the primary acknowledges it
// (synchronous_commit=on with synchronous_standby_names='*'): a commit the
// primary acknowledged is on the standby too.
type PGPair struct {
	Primary, Standby *PGServer
}

// StartPrimaryStandby starts a primary and a streaming standby made from it
// with pg_basebackup -R, each in its own temporary folder on its own port.
func StartPrimaryStandby() (*PGPair, error) {
	// fsync stays on: the test kills processes, not the machine, but the
	// settings are those of a real primary.
	return StartPrimaryStandbyWith("-c wal_level=replica -c max_wal_senders=5 -c synchronous_commit=on -c synchronous_standby_names='*' -c max_connections=100",
		"-c hot_standby=on -c max_connections=100")
}

// StartPrimaryStandbyWith starts a primary with the settings primaryOpts
// (postgres -c options; they must allow replication: wal_level=replica,
// max_wal_senders) and a streaming standby made from it with
// pg_basebackup -R, started with standbyOpts.
func StartPrimaryStandbyWith(primaryOpts, standbyOpts string) (*PGPair, error) {
	primary, err := newPGServer()
	if err != nil {
		return nil, err
	}
	if err := primary.initdb(); err != nil {
		return nil, err
	}
	if err := primary.start(primaryOpts); err != nil {
		return nil, err
	}
	standby, err := newPGServer()
	if err != nil {
		primary.Stop()
		return nil, err
	}
	// -R writes standby.signal and primary_conninfo; the command-line
	// settings of the primary are not copied, so the standby, once
	// promoted, waits for no standby of its own.
	if out, err := standby.run("pg_basebackup", "-D", filepath.Join(standby.Dir, "data"), "-h", "127.0.0.1", "-p", strconv.Itoa(primary.Port),
		"-U", "postgres", "-R", "-X", "stream", "-c", "fast"); err != nil {
		primary.Stop()
		standby.Stop()
		return nil, fmt.Errorf("pg_basebackup: %v: %s", err, out)
	}
	if err := standby.start(standbyOpts); err != nil {
		primary.Stop()
		return nil, err
	}
	return &PGPair{Primary: primary, Standby: standby}, nil
}

// URL returns the multi-host URL of database name on the pair, which
// connects to whichever of the two accepts writes.
func (p *PGPair) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d,127.0.0.1:%d/%s?sslmode=disable&target_session_attrs=read-write",
		p.Primary.Port, p.Standby.Port, name)
}

// Stop stops both servers and removes their folders.
func (p *PGPair) Stop() {
	p.Primary.Stop()
	p.Standby.Stop()
}

// Kill ends the server at once, as a lost machine would: SIGKILL to the
// postmaster and every process it started, with no shutdown checkpoint.
func (s *PGServer) Kill() error {
	b, err := os.ReadFile(filepath.Join(s.Dir, "data", "postmaster.pid"))
	if err != nil {
		return err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return fmt.Errorf("postmaster.pid: %w", err)
	}
	children := ChildrenOf(pid)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		return err
	}
	for _, c := range children {
		_ = syscall.Kill(c, syscall.SIGKILL)
	}
	return nil
}

// ChildrenOf lists the processes whose parent is pid.
func ChildrenOf(pid int) []int {
	var out []int
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, st := range stats {
		b, err := os.ReadFile(st)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces, so read after ")".
		rest := string(b)
		if i := strings.LastIndexByte(rest, ')'); i >= 0 {
			rest = rest[i+1:]
		}
		f := strings.Fields(rest)
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			if c, err := strconv.Atoi(filepath.Base(filepath.Dir(st))); err == nil {
				out = append(out, c)
			}
		}
	}
	return out
}

// Promote turns a standby into a primary and waits until it accepts writes.
func (s *PGServer) Promote() error {
	if out, err := s.run("pg_ctl", "-D", filepath.Join(s.Dir, "data"), "-w", "-t", "60", "promote"); err != nil {
		return fmt.Errorf("pg_ctl promote: %v: %s", err, out)
	}
	return nil
}
