package ops

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/kehoach/kehoach"
)

// The monitoring of a plan is computed once per version of what it shows
// and then kept: a repeat costs the rights check and one query
// ([sqlstore.DB.MonitorVersion]). A kept computation is used only for the
// same plan, query, day (statuses and days late move at midnight in
// [kehoach.Zone]), organisation tree (the tree of the request's actor, the
// same value while the organisation's version stands) and version. It is the
// same for everyone allowed to monitor the plan; what differs by viewer
// (CanEdit, CanRemind) and the current plan are set per request.

// Bounds of what is kept: computations, and obligations over all of them
// (a province plan has some 15,000).
const (
	maxKeptMonitors    = 64
	maxKeptObligations = 40000
)

// keptMonitor is one computation and what it was made from.
type keptMonitor struct {
	version, day string
	tree         *kehoach.OrgTree
	m            *Monitoring
	size         int
}

// monitorCache holds the kept computations by plan and query.
type monitorCache struct {
	mu   sync.Mutex
	m    map[string]*keptMonitor
	size int
	gen  atomic.Uint64
	// computed counts the computations made (not served from memory),
	// for the tests.
	computed atomic.Int64
}

func monitorKey(planID string, q MonitorQuery) string {
	k := planID + "|" + q.Filter.UnitID + "|" + string(q.Filter.Kind) + "|" + string(q.Filter.Status)
	if q.Details {
		k += "|d"
	}
	if q.AllReminders {
		k += "|a"
	}
	return k
}

func (c *monitorCache) get(key, version, day string, tree *kehoach.OrgTree) *Monitoring {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[key]
	if e == nil || e.version != version || e.day != day || e.tree != tree {
		return nil
	}
	return e.m
}

// put keeps m, made at version, day and tree, under key, and gives it its
// number ([Monitoring.Kept]).
func (c *monitorCache) put(key, version, day string, tree *kehoach.OrgTree, m *Monitoring, size int) {
	if size > maxKeptObligations {
		return
	}
	m.Kept = c.gen.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*keptMonitor{}
	}
	if old := c.m[key]; old != nil {
		c.size -= old.size
		delete(c.m, key)
	}
	for k, e := range c.m { // any ones: the map is small
		if len(c.m) < maxKeptMonitors && c.size+size <= maxKeptObligations {
			break
		}
		c.size -= e.size
		delete(c.m, k)
	}
	c.m[key] = &keptMonitor{version: version, day: day, tree: tree, m: m, size: size}
	c.size += size
}

// MonitorComputations returns how many monitorings were computed rather
// than served from memory, for the tests.
func (s *Service) MonitorComputations() int64 { return s.monitors.computed.Load() }

// keptMonitoring returns the monitoring of plan planID for a at q, from
// memory when nothing it shows changed (the plan itself included: every
// change of a plan is audited under its id); compute reads the plan and
// makes it otherwise. The rights are checked on the plan either way. The
// answer's shared parts must not be changed by the caller.
func (s *Service) keptMonitoring(ctx context.Context, a *kehoach.Actor, planID string, q MonitorQuery, compute func() (*Monitoring, int, error)) (*Monitoring, error) {
	version, err := s.store.MonitorVersion(ctx, planID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	day := now.In(kehoach.Zone).Format("2006-01-02")
	key := monitorKey(planID, q)
	kept := s.monitors.get(key, version, day, a.Tree)
	if kept != nil {
		if _, err := s.mayMonitor(a, kept.Plan, nil); err != nil {
			return nil, err
		}
	} else {
		s.monitors.computed.Add(1)
		m, size, err := compute()
		if err != nil {
			return nil, err
		}
		// Kept only when the version did not move while computing (with
		// a read standby, the reads may have gone to another server than
		// the version's).
		if again, err := s.store.MonitorVersion(ctx, planID); err == nil && again == version {
			s.monitors.put(key, version, day, a.Tree, m, size)
		}
		kept = m
	}
	out := *kept
	mm := *kept.M
	mm.Now = now
	out.M = &mm
	out.CanEdit = a.CanEditPlan(out.Plan.AgencyID)
	out.CanRemind = out.CanEdit && s.reminders != nil
	return &out, nil
}
