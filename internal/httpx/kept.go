package httpx

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"sync"
)

// KeptBody is a response body made once and sent many times: as made, and
// compressed for the clients that accept gzip.
type KeptBody struct {
	Plain, Gz []byte
}

// NewKeptBody keeps a copy of body (it may be a pooled buffer's) and its
// gzip form when it is worth compressing.
func NewKeptBody(body []byte) *KeptBody {
	k := &KeptBody{Plain: bytes.Clone(body)}
	if len(body) >= GzipMinSize {
		var buf bytes.Buffer
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(&buf)
		_, _ = zw.Write(body)
		if zw.Close() == nil {
			k.Gz = buf.Bytes()
		}
		gzipWriters.Put(zw)
	}
	return k
}

// Write sends the body in the form r accepts, with the headers already
// set on w and status.
func (k *KeptBody) Write(w http.ResponseWriter, r *http.Request, status int) {
	if k.Gz != nil {
		w.Header().Add("Vary", "Accept-Encoding")
	}
	if k.Gz != nil && AcceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(status)
		_, _ = w.Write(k.Gz)
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(k.Plain)
}

func (k *KeptBody) size() int { return len(k.Plain) + len(k.Gz) }

// KeptBodies keeps bodies by key, at most maxBytes of them overall (a
// body larger is not kept); any one goes when room is needed.
type KeptBodies struct {
	mu       sync.Mutex
	m        map[any]*KeptBody
	size     int
	maxBytes int
}

// NewKeptBodies returns an empty store of at most maxBytes.
func NewKeptBodies(maxBytes int) *KeptBodies { return &KeptBodies{maxBytes: maxBytes} }

// Get returns the body kept under key, or nil.
func (c *KeptBodies) Get(key any) *KeptBody {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

// Put keeps b under key.
func (c *KeptBodies) Put(key any, b *KeptBody) {
	n := b.size()
	if n > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[any]*KeptBody{}
	}
	if old := c.m[key]; old != nil {
		c.size -= old.size()
		delete(c.m, key)
	}
	for k, e := range c.m {
		if c.size+n <= c.maxBytes {
			break
		}
		c.size -= e.size()
		delete(c.m, k)
	}
	c.m[key] = b
	c.size += n
}
