package sqlstore_test

import (
	"testing"

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
		// Refused guesses leave no record (a flood may have been refused
		// whole); guesses made one after another lock the account.
		for range sqlstore.MaxFailuresPerUser {
			_, _ = db.Authenticate(ctx, "vanphong", "sai-mat-khau", "10.0.1.2")
		}
		if _, err := db.Authenticate(ctx, "vanphong", "mat-khau-123", "10.0.1.1"); kehoach.ErrorCode(err) != kehoach.ETOOMANY {
			t.Errorf("right password after the guesses: got %v, want %s", err, kehoach.ETOOMANY)
		}
	})
}
