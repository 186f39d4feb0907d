package sqlstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// Reads marked for the standby go to it while it answers; unmarked reads
// go to the primary; once the standby is stopped, marked reads go to the
// primary too, without an error.
func TestStandbyReadsFallBack(t *testing.T) {
	ctx := context.Background()
	db := kehoachtest.OpenDSN(t, kehoachtest.PostgresURL(t))
	other, err := kehoachtest.StartPostgres()
	kehoachtest.Require(t, "a second PostgreSQL server", err)
	defer other.Stop()
	if err := db.SetStandby(ctx, other.URL("postgres"), time.Second); err != nil {
		t.Fatal(err)
	}
	primary, err := db.ServerPortForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	standby := strconv.Itoa(other.Port)
	if primary == standby {
		t.Fatal("the two servers share a port")
	}
	marked := sqlstore.ReadStandby(ctx)
	if got, err := db.ServerPortForTest(marked); err != nil || got != standby {
		t.Fatalf("marked read served by port %s (%v), want the standby's %s", got, err, standby)
	}
	if !db.StandbyInUse(ctx) {
		t.Error("StandbyInUse is false while the standby answers")
	}
	other.Stop()
	if got, err := db.ServerPortForTest(marked); err != nil || got != primary {
		t.Fatalf("with the standby stopped, marked read served by port %s (%v), want the primary's %s", got, err, primary)
	}
	if db.StandbyInUse(ctx) {
		t.Error("StandbyInUse is true after the standby stopped")
	}
}
