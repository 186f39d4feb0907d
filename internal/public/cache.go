package public

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kehoach/kehoach/internal/httpx"
)

// renders counts the pages and feeds rendered (not served from the
// cache), for the tests.
var renders atomic.Int64

// maxCached bounds the renderings kept.
const maxCached = 64

// rendered is a page or feed as sent, kept at the version it was made
// from ([ops.Service.PublicVersion]).
type rendered struct {
	version     string
	contentType string
	etag        string
	plain, gz   []byte
	// until is when the page goes stale whatever the version (an
	// upcoming event becomes past); zero for never.
	until time.Time
}

// renderCache keeps the last rendering of each page and feed.
type renderCache struct {
	mu sync.Mutex
	m  map[string]*rendered
}

// get returns the rendering kept under key when it is of version and
// still fresh at now.
func (c *renderCache) get(key, version string, now time.Time) *rendered {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[key]
	if e == nil || e.version != version || (!e.until.IsZero() && !now.Before(e.until)) {
		return nil
	}
	return e
}

// put keeps a rendering of body under key (a copy: body may be a pooled
// buffer) and returns it.
func (c *renderCache) put(key, version, contentType string, body []byte, until time.Time) *rendered {
	renders.Add(1)
	e := &rendered{version: version, contentType: contentType, etag: httpx.ETag(body), plain: bytes.Clone(body), until: until}
	if len(body) >= httpx.GzipMinSize {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		_, _ = zw.Write(body)
		if zw.Close() == nil {
			e.gz = buf.Bytes()
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*rendered{}
	}
	if _, ok := c.m[key]; !ok && len(c.m) >= maxCached {
		for k := range c.m { // any one: the map is small and keys are plans
			delete(c.m, k)
			break
		}
	}
	c.m[key] = e
	return e
}

// serve sends e as [write] would: public, briefly cached, 304 to its
// ETag, compressed when the client accepts it.
func (e *rendered) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", e.contentType)
	h.Set("Cache-Control", "public, max-age=300")
	h.Add("Vary", "Accept-Encoding")
	if httpx.NotModifiedTag(w, r, e.etag) {
		return
	}
	if e.gz != nil && httpx.AcceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		_, _ = w.Write(e.gz)
		return
	}
	_, _ = w.Write(e.plain)
}
