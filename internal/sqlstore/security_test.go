package sqlstore_test

import (
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestLoginThrottleParallel sends many wrong passwords for one account at
// once: the throttle must not let more than MaxFailuresPerUser of them reach
// the password check, however they interleave, and the right password is
// refused afterwards. Then a correct login leaves no failure behind.
func TestLoginThrottleParallel(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		p := &kehoach.Person{Username: "vanphong", FullName: "Lò Thị Hương", UnitID: "vp", Roles: []kehoach.Role{kehoach.RoleOffice}, Active: true}
		if err := db.CreatePerson(ctx, p, "mat-khau-123"); err != nil {
			t.Fatal(err)
		}
		// A right password does not count as a failure.
		for range sqlstore.MaxFailuresPerUser + 2 {
			if _, err := db.Authenticate(ctx, "vanphong", "mat-khau-123", "10.0.0.9"); err != nil {
				t.Fatalf("right password: %v", err)
			}
		}
		const n = 40
		codes := make([]string, n)
		together(n, func(i int) {
			// Case and spaces do not make another account to throttle.
			name := []string{"vanphong", " VanPhong ", "VANPHONG"}[i%3]
			_, err := db.Authenticate(ctx, name, "sai-mat-khau", "10.0.0."+string(rune('a'+i%20)))
			codes[i] = kehoach.ErrorCode(err)
		})
		checked := 0
		for _, c := range codes {
			switch c {
			case kehoach.EUNAUTHORIZED:
				checked++
			case kehoach.ETOOMANY:
			default:
				t.Errorf("parallel wrong password: code %q", c)
			}
		}
		if checked > sqlstore.MaxFailuresPerUser {
			t.Errorf("%d parallel guesses reached the password check, want at most %d", checked, sqlstore.MaxFailuresPerUser)
		}
		// Guesses made one after another from one address make that
		// address wait, ever longer; they never lock the account: the
		// right password from another address works after a short wait
		// at most, and the same fold of the name (case, spaces) counts
		// as the same account.
		for range sqlstore.FreePairFailures + 2 {
			db.Clock = kehoach.ClockFunc(func() time.Time { return time.Now().Add(time.Hour) })
			_, _ = db.Authenticate(ctx, " VANPHONG ", "sai-mat-khau", "10.0.1.2")
		}
		if _, err := db.Authenticate(ctx, "vanphong", "mat-khau-123", "10.0.1.2"); kehoach.ErrorCode(err) != kehoach.ETOOMANY {
			t.Errorf("right password from the guessing address at once: got %v, want %s", err, kehoach.ETOOMANY)
		}
		db.Clock = kehoach.ClockFunc(func() time.Time { return time.Now().Add(time.Hour + sqlstore.MaxUserDelay) })
		if _, err := db.Authenticate(ctx, "vanphong", "mat-khau-123", "10.0.1.1"); err != nil {
			t.Errorf("right password from another address after %v: %v", sqlstore.MaxUserDelay, err)
		}
		db.Clock = kehoach.SystemClock
	})
}
