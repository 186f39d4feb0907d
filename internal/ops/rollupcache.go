package ops

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kehoach/kehoach"
)

// The roll-up of a plan is computed once per version of what it shows and
// viewer, then kept: a repeat costs the rights check on the plan and one
// query ([sqlstore.DB.RollupVersion]). A kept roll-up is used only for the
// same plan, viewer (what a child line shows and the decisions offered
// depend on the viewer's rights), day (the dates before which obligations
// are expected move at midnight in [kehoach.Zone]), organisation tree (the
// tree of the request's actor, the same value while the organisation's
// version stands: agency names, the agencies expected, the viewer's units
// and roles) and version.

// maxKeptRollups bounds the roll-ups kept (each some tens of lines).
const maxKeptRollups = 64

// keptRollup is one roll-up and what it was made from.
type keptRollup struct {
	version, day string
	tree         *kehoach.OrgTree
	r            *kehoach.Rollup
}

// rollupCache holds the kept roll-ups by plan and viewer.
type rollupCache struct {
	mu sync.Mutex
	m  map[string]*keptRollup
	// computed counts the roll-ups computed (not served from memory), for
	// the tests.
	computed atomic.Int64
}

func (c *rollupCache) get(key, version, day string, tree *kehoach.OrgTree) *kehoach.Rollup {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[key]
	if e == nil || e.version != version || e.day != day || e.tree != tree {
		return nil
	}
	return e.r
}

func (c *rollupCache) put(key string, e *keptRollup) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*keptRollup{}
	}
	delete(c.m, key)
	for k := range c.m { // any ones: the map is small
		if len(c.m) < maxKeptRollups {
			break
		}
		delete(c.m, k)
	}
	c.m[key] = e
}

// RollupComputations returns how many roll-ups were computed rather than
// served from memory, for the tests.
func (s *Service) RollupComputations() int64 { return s.rollups.computed.Load() }

// keptRollup returns the roll-up of plan p, which a may see, from memory
// when nothing it shows changed. The answer must not be changed by the
// caller.
func (s *Service) keptRollup(ctx context.Context, a *kehoach.Actor, p *kehoach.Plan) (*kehoach.Rollup, error) {
	version, err := s.store.RollupVersion(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	day := s.Now().In(kehoach.Zone).Format(time.DateOnly)
	key := p.ID + "|" + a.Via + "|" + a.ID()
	if kept := s.rollups.get(key, version, day, a.Tree); kept != nil {
		out := *kept
		out.Plan = p
		return &out, nil
	}
	s.rollups.computed.Add(1)
	r, _, fresh, err := s.rollupAt(ctx, a, p, version)
	if err != nil {
		return nil, err
	}
	// Kept only when the version did not move while computing (with a
	// read standby, the reads may have gone to another server than the
	// version's).
	if again, err := s.store.RollupVersion(ctx, p.ID); err == nil && again == version {
		s.rollups.put(key, &keptRollup{version: version, day: day, tree: a.Tree, r: r})
		s.tallies.put(fresh)
	}
	return r, nil
}
