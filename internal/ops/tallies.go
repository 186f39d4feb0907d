package ops

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kehoach/kehoach/internal/sqlstore"
)

// The obligations of the plans implementing another, as the roll-up reads
// them, are kept per child plan at that plan's part of the roll-up's
// version ([sqlstore.DB.RollupVersion]: its latest audit entry, latest
// sealed entry and entries waiting to be sealed; every change of its
// obligations writes an entry naming it) and day (what is expected moves
// at midnight). After a change in one agency, its roll-up reads that
// agency's obligations again, not every agency's: at province scale the
// obligations are most of what a roll-up reads.

// maxKeptTallies bounds the child plans kept (a province has some tens of
// agencies per plan).
const maxKeptTallies = 512

// keptTally is the obligations of one child plan, as of its version and day.
type keptTally struct {
	plan, version, day string
	c                  *sqlstore.ChildObligations
}

type tallyCache struct {
	mu sync.Mutex
	m  map[string]keptTally
	// read counts the child plans whose obligations were read (for the
	// tests).
	read atomic.Int64
}

func (c *tallyCache) get(plan, version, day string) *sqlstore.ChildObligations {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[plan]; ok && e.version == version && e.day == day {
		return e.c
	}
	return nil
}

func (c *tallyCache) put(fresh []keptTally) {
	if len(fresh) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]keptTally{}
	}
	for _, e := range fresh {
		delete(c.m, e.plan)
		for k := range c.m { // any ones
			if len(c.m) < maxKeptTallies {
				break
			}
			delete(c.m, k)
		}
		c.m[e.plan] = e
	}
}

// planVersions splits a roll-up version into each plan's part.
func planVersions(version string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(version, ";") {
		if id, _, ok := strings.Cut(part, "."); ok && id != "" {
			out[id] = part
		}
	}
	return out
}

// childObligations returns the obligations of every plan implementing
// parent as of today: with the roll-up's version known, those of the
// children kept at their part of it come from memory and only the others
// are read (returned as fresh, for the caller to keep once it knows the
// version held); without it, all are read.
func (s *Service) childObligations(ctx context.Context, parent, today, version string) (map[string]*sqlstore.ChildObligations, []keptTally, error) {
	if version == "" {
		counts, err := s.store.FindChildObligations(ctx, parent, today)
		return counts, nil, err
	}
	counts := map[string]*sqlstore.ChildObligations{}
	versions := planVersions(version)
	var missing []string
	for id, v := range versions {
		if id == parent {
			continue
		}
		if c := s.tallies.get(id, v, today); c != nil {
			counts[id] = c
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return counts, nil, nil
	}
	s.tallies.read.Add(int64(len(missing)))
	var read map[string]*sqlstore.ChildObligations
	var err error
	if len(missing) == len(versions)-1 {
		read, err = s.store.FindChildObligations(ctx, parent, today)
	} else {
		read, err = s.store.FindPlansObligations(ctx, missing, today)
	}
	if err != nil {
		return nil, nil, err
	}
	fresh := make([]keptTally, 0, len(missing))
	for _, id := range missing {
		c := read[id]
		if c == nil {
			c = &sqlstore.ChildObligations{}
		}
		counts[id] = c
		fresh = append(fresh, keptTally{plan: id, version: versions[id], day: today, c: c})
	}
	return counts, fresh, nil
}

// TalliesRead returns how many child plans' obligations the roll-ups read
// from the database rather than memory, for the tests.
func (s *Service) TalliesRead() int64 { return s.tallies.read.Load() }
