package ops_test

import (
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestLoginNoLockout: wrong passwords for "giamdoc" (also typed GIAMDOC and
// " giamdoc ") from one address make that address wait, ever longer, but
// never lock the account: the right password from another address works
// at once, or after a few seconds when the account is guessed at from
// everywhere. Many failures from one address do not hold up the other
// accounts tried from it. An administrator sees the throttle and clears
// it, with an audit entry. Required fields are named by the operation.
func TestLoginNoLockout(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		at := time.Now()
		f.svc.SetClock(kehoach.ClockFunc(func() time.Time { return at }))
		login := func(user, pw, ip string) error {
			_, _, err := f.svc.LogIn(ctx, ops.Credentials{Username: user, Password: pw, IP: ip})
			return err
		}
		wantFields(t, login(" ", "", "10.0.0.9"), "username", "password")
		for i, name := range []string{"giamdoc", "GIAMDOC", " giamdoc ", "giamdoc", "giamdoc", "giamdoc", "giamdoc", "giamdoc"} {
			at = at.Add(time.Minute)
			if err := login(name, "sai-mat-khau", "10.0.0.1"); kehoach.ErrorCode(err) != kehoach.EUNAUTHORIZED {
				t.Fatalf("wrong password %d a minute after the last: %v", i, err)
			}
		}
		wantCode(t, login("giamdoc", kehoachtest.DemoPassword, "10.0.0.1"), kehoach.ETOOMANY)
		noErr(t, login("Giamdoc", kehoachtest.DemoPassword, "10.0.0.2"))
		// Twenty failures of other accounts from one address hold up only
		// those accounts there.
		for i := range 20 {
			_ = login("khong-co-"+string(rune('a'+i)), "sai", "10.0.0.3")
		}
		noErr(t, login("vanphong", kehoachtest.DemoPassword, "10.0.0.3"))
		// Guessed at from everywhere: the right password waits a few
		// seconds at most.
		for i := range sqlstore.MaxFailuresPerUser + 2 {
			_ = login("giamdoc", "sai", "10.1.0."+string(rune('0'+i%10)))
		}
		at = at.Add(sqlstore.MaxUserDelay)
		noErr(t, login("giamdoc", kehoachtest.DemoPassword, "10.0.0.4"))

		admin := f.as("quantri")
		_, err := f.svc.LoginThrottles(ctx, f.as("vanphong"))
		wantCode(t, err, kehoach.EFORBIDDEN)
		list, err := f.svc.LoginThrottles(ctx, admin)
		noErr(t, err)
		found := false
		for _, th := range list {
			if th.Username == "giamdoc" && th.IP == "10.0.0.1" {
				found = th.Failures == 8 && th.Wait > 0
			}
		}
		if !found {
			t.Fatalf("the throttle of giamdoc from 10.0.0.1 is not listed with a wait: %+v", list)
		}
		noErr(t, f.svc.ClearLoginThrottle(ctx, admin, "giamdoc", "10.0.0.1"))
		noErr(t, login("giamdoc", kehoachtest.DemoPassword, "10.0.0.1"))
		entries, err := f.db.FindAuditEntries(ctx, kehoach.AuditFilter{})
		noErr(t, err)
		cleared := false
		for _, e := range entries {
			cleared = cleared || e.Action == "login.throttle.clear"
		}
		if !cleared {
			t.Error("clearing a throttle wrote no audit entry")
		}
	})
}

// TestLoginRotatesSession: logging in again ends the session the client
// held.
func TestLoginRotatesSession(t *testing.T) {
	onDemo(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		_, old, err := f.svc.LogIn(ctx, ops.Credentials{Username: "vanphong", Password: kehoachtest.DemoPassword, IP: "10.0.0.1"})
		noErr(t, err)
		_, tok, err := f.svc.LogIn(ctx, ops.Credentials{Username: "vanphong", Password: kehoachtest.DemoPassword, IP: "10.0.0.1", OldToken: old})
		noErr(t, err)
		if _, err := f.svc.SessionActor(ctx, old); kehoach.ErrorCode(err) != kehoach.EUNAUTHORIZED {
			t.Errorf("the old session still works: %v", err)
		}
		if _, err := f.svc.SessionActor(ctx, tok); err != nil {
			t.Errorf("the new session: %v", err)
		}
	})
}
