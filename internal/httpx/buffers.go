package httpx

import (
	"bytes"
	"encoding/base64"
	"hash/fnv"
	"net/http"
	"strings"
	"sync"
)

// buffers holds the buffers pages are rendered into, so that a page does
// not grow a new one from nothing on every request.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer given back to the pool; a rare
// huge page does not stay in memory for good.
const maxPooledBuffer = 1 << 20

// Buffer returns an empty buffer to render into; give it back with
// [PutBuffer] once its bytes are written.
func Buffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// PutBuffer gives b back for reuse.
func PutBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledBuffer {
		return
	}
	b.Reset()
	buffers.Put(b)
}

// ETag returns a weak validator for body (weak: the same body may be sent
// compressed or not).
func ETag(body []byte) string {
	h := fnv.New128a()
	_, _ = h.Write(body)
	return `W/"` + base64.RawURLEncoding.EncodeToString(h.Sum(nil)) + `"`
}

// NotModified sets the ETag of body on w and reports whether the request
// already holds it (If-None-Match), in which case it has answered 304 and
// the body must not be written.
func NotModified(w http.ResponseWriter, r *http.Request, body []byte) bool {
	return NotModifiedTag(w, r, ETag(body))
}

// NotModifiedTag is [NotModified] for a body whose ETag is tag already.
func NotModifiedTag(w http.ResponseWriter, r *http.Request, tag string) bool {
	w.Header().Set("ETag", tag)
	inm := r.Header.Get("If-None-Match")
	if inm == "" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return false
	}
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(tag, "W/") {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}
