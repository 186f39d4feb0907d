package main

import (
	"bytes"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDemoServesFromAFreshProcess starts the built program's demo on a new
// folder: the process that loads the demo must replace itself (same pid)
// with one that serves it as new, with the password given, so that the
// server does not carry the loading's memory.
func TestDemoServesFromAFreshProcess(t *testing.T) {
	bin := buildKehoach(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	dir := filepath.Join(t.TempDir(), "demo")
	cmd := exec.Command(bin, "demo", "--addr", addr, "--data", dir, "--demo-password", "mat-khau-moi-123")
	cmd.Env = append(os.Environ(), "KEHOACH_DATA=", "KEHOACH_DB=", "KEHOACH_REMINDERS=off")
	var out safeBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	base := "http://" + addr
	up := false
	for i := 0; i < 1200 && !up; i++ {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			up = resp.StatusCode == 200
		}
		if !up {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !up {
		t.Fatalf("the demo never answered: %s", out.String())
	}
	argv, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	if args := strings.Split(strings.TrimRight(string(argv), "\x00"), "\x00"); args[len(args)-2] != "--data" || args[len(args)-1] != dir {
		t.Errorf("the serving process (pid %d) was not started again with the data folder: %q", cmd.Process.Pid, args)
	}
	banner := out.String()
	for _, want := range []string{"dữ liệu mẫu mới trong " + dir, "Mật khẩu / password: mat-khau-moi-123"} {
		if !strings.Contains(banner, want) {
			t.Errorf("the banner lacks %q:\n%s", want, banner)
		}
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {"mat-khau-moi-123"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the demo password: status %d", resp.StatusCode)
	}
}

// safeBuffer is a buffer the child's output goroutines and the test share.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
