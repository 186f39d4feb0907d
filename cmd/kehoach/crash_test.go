package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// crashKills is how many times each engine's server is killed.
const crashKills = 20

// TestCrashUnderWriteLoad builds kehoach, serves the demo, and twenty times
// per engine saves report drafts from several clients at once through the
// API and kills the server with SIGKILL at a random moment. Then every save
// the server acknowledged must be in the trail, SQLite's integrity check
// must pass, "kehoach audit verify" must pass (the unsealed tail the kills
// left is sealed first), and no reminder may be lost or delivered twice.
func TestCrashUnderWriteLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a server forty times")
	}
	bin := filepath.Join(t.TempDir(), "kehoach")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			dsn, driver := filepath.Join(dir, "kehoach.db"), "sqlite"
			if engine == "postgres" {
				dsn, driver = kehoachtest.PostgresURL(t), "pgx"
			}
			c := &crashRun{t: t, bin: bin, dir: dir, dsn: dsn}
			c.start()
			c.findReport()
			for i := 0; i < crashKills; i++ {
				if i > 0 {
					c.start()
				}
				c.load(i)
			}
			t.Logf("%s: %d kills, %d report saves acknowledged", engine, crashKills, len(c.acked))
			c.check(driver)
		})
	}
}

type crashRun struct {
	t             *testing.T
	bin, dir, dsn string
	proc          *exec.Cmd
	base          string
	user          string
	obligation    string
	acked         []string
}

const crashPassword = "mat-khau-sap-do"

// start runs "kehoach demo" on a free port (loading the demo the first
// time, resuming it after) and waits for /healthz.
func (c *crashRun) start() {
	t := c.t
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c.proc = exec.Command(c.bin, "demo", "--replay", "--addr", addr, "--data", c.dir, "--db", c.dsn, "--demo-password", crashPassword)
	c.proc.Env = append(os.Environ(), "KEHOACH_AUDIT_KEY="+kehoachtest.AuditKey, "KEHOACH_DATA=", "KEHOACH_DB=")
	var logs bytes.Buffer
	c.proc.Stdout, c.proc.Stderr = &logs, &logs
	if err := c.proc.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.proc.Process.Kill(); _ = c.proc.Wait() })
	c.base = "http://" + addr
	for i := 0; i < 300; i++ {
		if resp, err := http.Get(c.base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	_ = c.proc.Process.Kill()
	_ = c.proc.Wait()
	t.Fatalf("server did not start: %s", logs.String())
}

func (c *crashRun) login(username string) *http.Client {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := cl.PostForm(c.base+"/login", url.Values{"username": {username}, "password": {crashPassword}})
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		c.t.Fatalf("login %s: %d", username, resp.StatusCode)
	}
	return cl
}

// items reads a JSON list, bare or as the first list in an object.
func items(cl *http.Client, u string) ([]map[string]any, error) {
	resp, err := cl.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, err
	}
	var list []any
	switch x := v.(type) {
	case []any:
		list = x
	case map[string]any:
		for _, f := range x {
			if l, ok := f.([]any); ok {
				list = l
				break
			}
		}
	}
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// findReport picks an open report obligation of the seed plan and a person
// of its unit who may save it.
func (c *crashRun) findReport() {
	t := c.t
	office := c.login("vanphong")
	plans, err := items(office, c.base+"/api/v1/plans")
	if err != nil {
		t.Fatal(err)
	}
	var planID string
	for _, p := range plans {
		if strings.Contains(fmt.Sprint(p["title"]), "Tháng hành động vì trẻ em") && p["agencyId"] == demo.UnitAgency {
			planID = fmt.Sprint(p["id"])
		}
	}
	obls, err := items(office, c.base+"/api/v1/plans/"+planID+"/obligations")
	if err != nil || planID == "" {
		t.Fatalf("obligations of %q: %v", planID, err)
	}
	out, _, err := runCLI("", "", "user", "list", "--data", c.dir, "--db", c.dsn)
	if err != nil {
		t.Fatal(err)
	}
	cols := regexp.MustCompile(`\s{2,}`)
	for _, o := range obls {
		if k, s := o["kind"], o["status"]; (k != "final" && k != "progress") || s == "accepted" || s == "submitted" {
			continue
		}
		unit, _ := o["unit"].(map[string]any)
		for _, line := range strings.Split(out, "\n")[1:] {
			f := cols.Split(strings.TrimSpace(line), -1)
			if len(f) < 4 || f[3] != fmt.Sprint(unit["name"]) {
				continue
			}
			cl := c.login(f[0])
			if c.save(cl, fmt.Sprint(o["id"]), "thử") {
				c.user, c.obligation = f[0], fmt.Sprint(o["id"])
				return
			}
		}
	}
	t.Fatal("no open report obligation with a person who may save it")
}

func (c *crashRun) save(cl *http.Client, obligation, text string) bool {
	body, _ := json.Marshal(map[string]any{"results": text})
	req, _ := http.NewRequest(http.MethodPut, c.base+"/api/v1/obligations/"+obligation+"/report", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := cl.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// load saves drafts from four clients until the server is killed at a
// random moment, and keeps what was acknowledged.
func (c *crashRun) load(round int) {
	// The demo replays its dates from each start, so a session of an
	// earlier run may have lapsed: log in anew.
	client := c.login(c.user)
	var mu sync.Mutex
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				marker := fmt.Sprintf("vòng %d, máy %d, lần %d", round, w, n)
				if c.save(client, c.obligation, marker) {
					mu.Lock()
					c.acked = append(c.acked, marker)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(time.Duration(100+rand.IntN(500)) * time.Millisecond)
	_ = c.proc.Process.Signal(syscall.SIGKILL)
	_ = c.proc.Wait()
	close(stop)
	wg.Wait()
}

// check opens the database after the last kill.
func (c *crashRun) check(driver string) {
	t := c.t
	ctx := context.Background()
	if len(c.acked) < crashKills {
		t.Fatalf("only %d saves acknowledged", len(c.acked))
	}
	o, e, err := runCLI("", "", "audit", "verify", "--data", c.dir, "--db", c.dsn)
	if err != nil || !strings.Contains(o, "chain intact") {
		t.Fatalf("audit verify after the kills: %v %s%s", err, o, e)
	}
	raw, err := sql.Open(driver, c.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if driver == "sqlite" {
		var ok string
		if err := raw.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("integrity_check: %q %v", ok, err)
		}
	}
	rows, err := raw.QueryContext(ctx, `SELECT after_json FROM audit_log WHERE action = 'report.draft'`)
	if err != nil {
		t.Fatal(err)
	}
	saved := map[string]bool{}
	for rows.Next() {
		var after string
		if err := rows.Scan(&after); err != nil {
			t.Fatal(err)
		}
		var v struct{ Results string }
		_ = json.Unmarshal([]byte(after), &v)
		saved[v.Results] = true
	}
	rows.Close()
	lost := 0
	for _, m := range c.acked {
		if !saved[m] {
			lost++
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d acknowledged saves lost", lost, len(c.acked))
	}
	// Reminders: none delivered twice, none left where no one will take it.
	var twice, stranded, total int
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT entity_id FROM audit_log WHERE action = 'reminder.send' GROUP BY entity_id HAVING COUNT(*) > 1) x`).Scan(&twice); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM reminders WHERE status <> 'delivered' AND next_attempt_at IS NULL AND error = ''`).Scan(&stranded); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM reminders`).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if twice > 0 || stranded > 0 {
		t.Fatalf("reminders: %d delivered twice, %d stranded (of %d)", twice, stranded, total)
	}
	t.Logf("%d acknowledged saves all found; %d reminders, none lost or sent twice", len(c.acked), total)
}
