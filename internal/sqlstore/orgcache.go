package sqlstore

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/kehoach/kehoach"
)

// orgCache keeps the organisation tree and the people that sessions and
// tokens found in memory, valid at one version of the 'org' row of
// cache_versions. Every transaction that writes org_units or people bumps
// that version before it commits (see Tx.exec), so that this process drops
// its copies at once and every other process sees the new version on its
// next read.
type orgCache struct {
	mu      sync.Mutex
	version int64
	tree    *kehoach.OrgTree
	people  map[string]*kehoach.Person
	// indicators is the indicator catalogue, kept at the same version:
	// writes to indicators bump it too (see changesOrg).
	indicators []kehoach.Indicator
}

// orgVersion reads the version of the organisation and people.
func (db *DB) orgVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.queryRow(ctx, `SELECT version FROM cache_versions WHERE name = 'org'`).Scan(&v)
	return v, err
}

// orgCurrent reads the version of the organisation and empties the cache
// when it holds another; it returns the version read.
func (db *DB) orgCurrent(ctx context.Context) (int64, error) {
	v, err := db.orgVersion(ctx)
	if err != nil {
		return 0, err
	}
	db.org.at(v)
	return v, nil
}

// at empties the cache when it holds another version than v, read from
// the database just now.
func (c *orgCache) at(v int64) {
	c.mu.Lock()
	if c.version != v {
		c.version, c.tree, c.people, c.indicators = v, nil, nil, nil
	}
	c.mu.Unlock()
}

func (c *orgCache) forget() {
	c.mu.Lock()
	c.version, c.tree, c.people, c.indicators = 0, nil, nil, nil
	c.mu.Unlock()
}

// cachedTree returns the organisation tree, loading it when the version
// changed. The tree is shared: callers only read it.
func (db *DB) cachedTree(ctx context.Context) (*kehoach.OrgTree, error) {
	v, err := db.orgCurrent(ctx)
	if err != nil {
		return nil, err
	}
	return db.treeAt(ctx, v)
}

// treeAt returns the organisation tree of version v, just read by the
// caller (see orgCache.at).
func (db *DB) treeAt(ctx context.Context, v int64) (*kehoach.OrgTree, error) {
	c := &db.org
	c.mu.Lock()
	t := c.tree
	c.mu.Unlock()
	if t != nil {
		return t, nil
	}
	units, err := db.FindUnits(ctx)
	if err != nil {
		return nil, err
	}
	links, err := db.FindSuccessions(ctx)
	if err != nil {
		return nil, err
	}
	t = kehoach.NewOrgTree(units).WithSuccessions(links)
	c.mu.Lock()
	if c.version == v {
		c.tree = t
	}
	c.mu.Unlock()
	return t, nil
}

// personAt returns a copy of the person with id at version v, just read
// by the caller (see orgCache.at).
func (db *DB) personAt(ctx context.Context, id string, v int64) (*kehoach.Person, error) {
	c := &db.org
	var err error
	c.mu.Lock()
	p := c.people[id]
	c.mu.Unlock()
	if p == nil {
		if p, err = db.FindPersonByID(ctx, id); err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.version == v {
			if c.people == nil {
				c.people = map[string]*kehoach.Person{}
			}
			c.people[id] = p
		}
		c.mu.Unlock()
	}
	cp := *p
	cp.Roles = append([]kehoach.Role(nil), p.Roles...)
	return &cp, nil
}

// indicatorsAt returns the indicator catalogue at version v of the
// organisation, just read by the caller (see orgCache.at); the slice is
// the caller's.
func (db *DB) indicatorsAt(ctx context.Context, v int64) ([]kehoach.Indicator, error) {
	c := &db.org
	c.mu.Lock()
	inds, ok := c.indicators, c.indicators != nil && c.version == v
	c.mu.Unlock()
	if ok {
		return slices.Clone(inds), nil
	}
	inds, err := db.FindIndicators(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.version == v {
		c.indicators = append([]kehoach.Indicator{}, inds...)
	}
	c.mu.Unlock()
	return inds, nil
}

// changesOrg reports whether the statement q writes units, people or the
// indicator catalogue (kept in memory at the same version).
func changesOrg(q string) bool {
	q = strings.TrimSpace(q)
	for _, pre := range [...]string{"INSERT INTO org_units", "UPDATE org_units", "DELETE FROM org_units",
		"INSERT INTO people", "UPDATE people", "DELETE FROM people",
		"INSERT INTO unit_successors", "UPDATE unit_successors", "DELETE FROM unit_successors",
		"INSERT INTO indicators", "UPDATE indicators", "DELETE FROM indicators"} {
		if len(q) >= len(pre) && strings.EqualFold(q[:len(pre)], pre) && (len(q) == len(pre) || q[len(pre)] == ' ' || q[len(pre)] == '(' || q[len(pre)] == '\n') {
			return true
		}
	}
	return false
}

// bumpOrg moves the version of the organisation on, in tx.
func (tx *Tx) bumpOrg() error {
	_, err := tx.exec(`UPDATE cache_versions SET version = version + 1 WHERE name = 'org'`)
	return err
}

// txOrg is what one transaction read of the organisation: the tree of its
// units and the active people (nil until read).
type txOrg struct {
	tree   *kehoach.OrgTree
	active []*kehoach.Person
}

func (tx *Tx) orgMemo() *txOrg {
	if tx.org == nil {
		tx.org = &txOrg{}
	}
	return tx.org
}
