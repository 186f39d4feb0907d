package main

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestMonitoringFromStandby serves the demo on a PostgreSQL primary with
// --db-read naming its streaming standby: the monitoring page and API are
// served while the standby is up (and kehoach reads there), and still
// after the standby is killed, from the primary.
func TestMonitoringFromStandby(t *testing.T) {
	pair := startPair(t)
	// kehoach's commits do not wait for the standby, which this test
	// kills (the pair's primary is synchronous).
	base := startDemo(t, "--db", pair.Primary.URL("kehoach")+"&synchronous_commit=local", "--db-read", pair.Standby.URL("kehoach"), "--db-read-max-lag", "5s")
	c := failoverLogin(t, base, "vanphong", "mat-khau-e2e")
	plans, err := items(c, base+"/api/v1/plans")
	if err != nil || len(plans) == 0 {
		t.Fatalf("plans: %v", err)
	}
	plan := fmt.Sprint(plans[0]["id"])
	get := func(path string) (int, string) {
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	check := func(when string) {
		for path, want := range map[string]string{"/api/v1/plans/" + plan + "/monitoring": `"obligations"`, "/plans/" + plan + "/monitoring": "Tháng hành động vì trẻ em"} {
			code, body := get(path)
			if code != http.StatusOK || !strings.Contains(body, want) {
				t.Fatalf("%s: %s answered %d: %.300s", when, path, code, body)
			}
		}
	}
	check("standby up")
	sb, err := sql.Open("pgx", pair.Standby.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	var readers int
	err = sb.QueryRow(`SELECT COUNT(*) FROM pg_stat_activity WHERE datname = 'kehoach'`).Scan(&readers)
	sb.Close()
	if err != nil || readers == 0 {
		t.Fatalf("kehoach holds no connection to the standby (%v)", err)
	}
	if err := pair.Standby.Kill(); err != nil {
		t.Fatal(err)
	}
	check("standby killed")
}

// startPair starts a PostgreSQL primary with a synchronous streaming
// standby, stopped when the test ends, with an empty database "kehoach".
func startPair(t *testing.T) *kehoachtest.PGPair {
	t.Helper()
	pair, err := kehoachtest.StartPrimaryStandby()
	kehoachtest.Require(t, "PostgreSQL primary and standby (Debian package postgresql)", err)
	t.Cleanup(pair.Stop)
	admin, err := sql.Open("pgx", pair.Primary.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE kehoach"); err != nil {
		t.Fatal(err)
	}
	return pair
}
