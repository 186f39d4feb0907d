package main

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestTwoProcessesOnePostgres serves one PostgreSQL database from two
// kehoach processes at once, as behind a load balancer: both start their
// reminder runner (ticking at start), both take report saves from several
// clients. Every acknowledged save must be found, the audit chain intact,
// and no reminder sent twice nor left undelivered.
func TestTwoProcessesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two servers")
	}
	bin := buildKehoach(t)
	dir, dsn := filepath.Join(t.TempDir(), "data"), kehoachtest.PostgresURL(t)
	one := &crashRun{t: t, bin: bin, dir: dir, dsn: dsn}
	one.start() // loads the demo
	one.findReport()
	two := &crashRun{t: t, bin: bin, dir: dir, dsn: dsn, user: one.user, obligation: one.obligation}
	two.start() // resumes it
	var wg sync.WaitGroup
	var mu sync.Mutex
	for p, c := range []*crashRun{one, two} {
		cl := c.login(c.user)
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := 0; n < 25; n++ {
					marker := fmt.Sprintf("máy chủ %d, máy %d, lần %d", p, w, n)
					if c.save(cl, c.obligation, marker) {
						mu.Lock()
						one.acked = append(one.acked, marker)
						mu.Unlock()
					}
				}
			}()
		}
	}
	wg.Wait()
	if len(one.acked) < 2*8*25*9/10 {
		t.Fatalf("only %d of %d saves acknowledged by the two processes", len(one.acked), 2*8*25)
	}
	for _, c := range []*crashRun{one, two} {
		_ = c.proc.Process.Kill()
		_ = c.proc.Wait()
	}
	one.check("pgx")
}
