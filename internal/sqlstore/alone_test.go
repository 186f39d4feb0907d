package sqlstore_test

import (
	"context"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// Two processes on one PostgreSQL database: while one runs the work, the
// other's RunAlone does not run it; once the first is done, it does. On
// SQLite the work always runs.
func TestRunAloneOneProcessAtATime(t *testing.T) {
	ctx := context.Background()
	url := kehoachtest.PostgresURL(t)
	a, b := kehoachtest.OpenDSN(t, url), kehoachtest.OpenDSN(t, url)
	inside, leave := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		ran, err := a.RunAlone(ctx, "reminders", func(context.Context) error { close(inside); <-leave; return nil })
		if err == nil && !ran {
			t.Error("the first process did not run the work")
		}
		done <- err
	}()
	<-inside
	ran, err := b.RunAlone(ctx, "reminders", func(context.Context) error { return nil })
	if err != nil || ran {
		t.Fatalf("second process ran the work while the first did: ran %v, err %v", ran, err)
	}
	// Other work is not held by this one.
	if ran, err := b.RunAlone(ctx, "other", func(context.Context) error { return nil }); err != nil || !ran {
		t.Fatalf("other work: ran %v, err %v", ran, err)
	}
	close(leave)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ran, err := b.RunAlone(ctx, "reminders", func(context.Context) error { return nil }); err != nil || !ran {
		t.Fatalf("after the first finished: ran %v, err %v", ran, err)
	}
	lite := kehoachtest.OpenDB(t, "sqlite")
	if ran, err := lite.RunAlone(ctx, "reminders", func(context.Context) error { return nil }); err != nil || !ran {
		t.Fatalf("sqlite: ran %v, err %v", ran, err)
	}
}
