package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestPostgresFailover runs kehoach on a PostgreSQL primary with a streaming
// standby, through a multi-host URL with target_session_attrs=read-write.
// Unit heads save their reports through the API without pause; the primary
// is killed (SIGKILL to all its processes) and the standby promoted; kehoach
// must go on by itself, and every save it acknowledged must be on the new
// primary. The primary confirms a commit only once the standby has it
// (synchronous_commit=on, synchronous_standby_names='*'), so acknowledged
// means replicated.
//
// A save replaces the unit's draft, so each worker writes "lần ghi N" with
// N growing: acknowledged save N is kept when the stored draft is save N or
// a later one (a save whose answer was lost in the switch may have been
// committed all the same).
func TestPostgresFailover(t *testing.T) {
	pair, err := kehoachtest.StartPrimaryStandby()
	kehoachtest.Require(t, "PostgreSQL primary and standby (Debian package postgresql)", err)
	t.Cleanup(pair.Stop)
	admin, err := sql.Open("pgx", pair.Primary.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE DATABASE kehoach"); err != nil {
		t.Fatal(err)
	}
	admin.Close()

	base := startDemo(t, "--db", pair.URL("kehoach"))
	const password = "mat-khau-e2e"

	// The workers: every unit head with a report still open to drafts.
	var workers []*failoverWorker
	for _, p := range demo.People() {
		if !strings.HasPrefix(p.UnitID, "u-") || p.UnitID == demo.UnitOffice || p.UnitID == demo.UnitBoard || p.UnitID == demo.UnitAgency {
			continue
		}
		c := failoverLogin(t, base, p.Username, password)
		obl := failoverObligation(t, c, base, p.UnitID)
		if obl == "" {
			continue
		}
		w := &failoverWorker{user: p.Username, client: c, url: base + "/api/v1/obligations/" + obl + "/report"}
		if w.save() != nil {
			continue
		}
		workers = append(workers, w)
	}
	if len(workers) < 2 {
		t.Fatalf("%d unit heads can save a report, want at least 2", len(workers))
	}

	var promoted atomic.Bool
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := w.save(); err != nil {
					w.failed.Add(1)
					time.Sleep(50 * time.Millisecond)
				} else if promoted.Load() {
					w.afterPromotion.Add(1)
				}
			}
		}()
	}
	failoverWait(t, 30*time.Second, "saves before the kill", func() bool { return ackedSaves(workers) >= 20 })
	before := ackedSaves(workers)
	if err := pair.Primary.Kill(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if err := pair.Standby.Promote(); err != nil {
		t.Fatal(err)
	}
	promoted.Store(true)
	failoverWait(t, 60*time.Second, "kehoach writing to the new primary", func() bool {
		for _, w := range workers {
			if w.afterPromotion.Load() < 3 {
				return false
			}
		}
		return true
	})
	close(stop)
	wg.Wait()

	// Read on the new primary, directly and through kehoach.
	db, err := sql.Open("pgx", pair.Standby.URL("kehoach"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var inRecovery bool
	if err := db.QueryRow("SELECT pg_is_in_recovery()").Scan(&inRecovery); err != nil || inRecovery {
		t.Fatalf("the standby is not the primary: in recovery %v, %v", inRecovery, err)
	}
	total, lost, refused := 0, 0, 0
	for _, w := range workers {
		var stored string
		if err := db.QueryRow(`SELECT content FROM reports WHERE obligation_id = $1`, w.obligationID()).Scan(&stored); err != nil {
			t.Fatalf("%s: the draft on the new primary: %v", w.user, err)
		}
		n := w.readBack(t)
		if s := fmt.Sprintf("lần ghi %d của %s", n, w.user); !strings.Contains(stored, s) {
			t.Errorf("%s: kehoach shows save %d, the new primary holds %.300s", w.user, n, stored)
		}
		for _, a := range w.acks {
			if a > n {
				lost++
			}
		}
		total += len(w.acks)
		refused += int(w.failed.Load())
	}
	t.Logf("failover: %d saves acknowledged (%d before the kill), %d lost; %d saves refused while the primary changed; %d workers", total, before, lost, refused, len(workers))
	if lost > 0 {
		t.Errorf("%d acknowledged saves lost", lost)
	}
}

// failoverWorker saves one unit's report draft again and again.
type failoverWorker struct {
	user   string
	client *http.Client
	url    string
	next   int
	// acks lists the numbers of the saves kehoach acknowledged; nAcks
	// counts them for other goroutines.
	acks                          []int
	nAcks, failed, afterPromotion atomic.Int64
}

// save sends the next save; nil when kehoach answered 200.
func (w *failoverWorker) save() error {
	w.next++
	body, _ := json.Marshal(map[string]any{"results": fmt.Sprintf("lần ghi %d của %s", w.next, w.user)})
	req, _ := http.NewRequest("PUT", w.url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	w.acks = append(w.acks, w.next)
	w.nAcks.Add(1)
	return nil
}

func (w *failoverWorker) obligationID() string {
	return strings.TrimSuffix(strings.TrimPrefix(w.url[strings.Index(w.url, "/obligations/"):], "/obligations/"), "/report")
}

// readBack returns the number of the save kehoach shows.
func (w *failoverWorker) readBack(t *testing.T) int {
	t.Helper()
	resp, err := w.client.Get(w.url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Results string `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s: read back: %d %v", w.user, resp.StatusCode, err)
	}
	f := strings.Fields(r.Results)
	if len(f) < 3 {
		t.Fatalf("%s: read back %q", w.user, r.Results)
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		t.Fatalf("%s: read back %q", w.user, r.Results)
	}
	return n
}

func ackedSaves(workers []*failoverWorker) int {
	n := 0
	for _, w := range workers {
		n += int(w.nAcks.Load())
	}
	return n
}

// loginClient returns a client logged in to base as username.
func failoverLogin(t *testing.T, base, username, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {username}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", username, resp.StatusCode)
	}
	return c
}

// openObligation returns a report obligation of unit in the demo's issued
// plan that still takes drafts, or "".
func failoverObligation(t *testing.T, c *http.Client, base, unit string) string {
	t.Helper()
	var plans struct {
		Plans []struct {
			ID       string `json:"id"`
			AgencyID string `json:"agencyId"`
			Status   string `json:"status"`
		} `json:"plans"`
	}
	failoverGetJSON(t, c, base+"/api/v1/plans", &plans)
	for _, p := range plans.Plans {
		if p.AgencyID != demo.UnitAgency || p.Status == "draft" {
			continue
		}
		var obls struct {
			Obligations []struct {
				ID     string `json:"id"`
				Kind   string `json:"kind"`
				Status string `json:"status"`
				Unit   struct {
					ID string `json:"id"`
				} `json:"unit"`
			} `json:"obligations"`
		}
		failoverGetJSON(t, c, base+"/api/v1/plans/"+p.ID+"/obligations", &obls)
		for _, o := range obls.Obligations {
			if o.Unit.ID == unit && (o.Kind == "final" || o.Kind == "progress") && o.Status != "submitted" && o.Status != "accepted" {
				return o.ID
			}
		}
	}
	return ""
}

func failoverGetJSON(t *testing.T, c *http.Client, u string, v any) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d", u, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// waitFor polls cond until it holds, failing after timeout.
func failoverWait(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after %s", what, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
