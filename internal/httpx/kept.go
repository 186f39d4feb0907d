package httpx

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"strconv"
	"sync"
)

// KeptBody is a response body made once and sent many times: as made, and
// compressed for the clients that accept gzip.
type KeptBody struct {
	Plain, Gz []byte
	// defl is Plain deflated alone, made once (see [WriteSpliced]).
	once sync.Once
	defl []byte
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

// Pages made of parts kept and parts made per request are sent compressed
// without compressing the kept parts again: each kept part is deflated
// once, alone, into whole blocks ending on a byte (a sync flush), and the
// parts made per request are deflated around them the same way; the
// blocks put one after the other are one valid deflate stream, which the
// gzip header and trailer (CRC-32 and length of the whole) wrap.

// keptMark starts the mark a page leaves where kept part i goes; user
// text cannot make it ("<" is always escaped in it).
const keptMark = "<!--kept:"

// Mark returns the mark of kept part i of a page, for [WriteSpliced].
func Mark(i int) string { return keptMark + strconv.Itoa(i) + "-->" }

// deflated returns the body deflated alone into whole blocks, made once.
func (k *KeptBody) deflated() []byte {
	k.once.Do(func() {
		var buf bytes.Buffer
		zw := flateWriters.Get().(*flate.Writer)
		zw.Reset(&buf)
		_, _ = zw.Write(k.Plain)
		if zw.Flush() == nil {
			k.defl = buf.Bytes()
		}
		flateWriters.Put(zw)
	})
	return k.defl
}

var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// WriteSpliced writes page, whose marks ([Mark]) stand for parts, with
// the headers already set on w and status: compressed, splicing the parts'
// blocks made once, when r accepts gzip; else with the parts in place.
func WriteSpliced(w http.ResponseWriter, r *http.Request, status int, page []byte, parts []*KeptBody) {
	type seg struct {
		plain []byte
		part  *KeptBody
	}
	var segs []seg
	size := 0
	for rest := page; len(rest) > 0; {
		i := bytes.Index(rest, []byte(keptMark))
		if i < 0 {
			segs = append(segs, seg{plain: rest})
			break
		}
		end := bytes.Index(rest[i:], []byte("-->"))
		n, err := strconv.Atoi(string(rest[i+len(keptMark) : i+max(end, len(keptMark))]))
		if end < 0 || err != nil || n < 0 || n >= len(parts) {
			segs = append(segs, seg{plain: rest[:i+len(keptMark)]})
			rest = rest[i+len(keptMark):]
			continue
		}
		segs = append(segs, seg{plain: rest[:i]}, seg{part: parts[n]})
		rest = rest[i+end+len("-->"):]
	}
	for _, s := range segs {
		size += len(s.plain)
		if s.part != nil {
			size += len(s.part.Plain)
		}
	}
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	if size < GzipMinSize || !AcceptsGzip(r) {
		w.WriteHeader(status)
		for _, s := range segs {
			if s.part != nil {
				_, _ = w.Write(s.part.Plain)
			} else {
				_, _ = w.Write(s.plain)
			}
		}
		return
	}
	out := Buffer()
	defer PutBuffer(out)
	// The gzip header: no name, no time, unknown system.
	out.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255})
	crc := uint32(0)
	zw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(zw)
	for _, s := range segs {
		if s.part != nil {
			out.Write(s.part.deflated())
			crc = crc32.Update(crc, crc32.IEEETable, s.part.Plain)
			continue
		}
		if len(s.plain) == 0 {
			continue
		}
		zw.Reset(out)
		_, _ = zw.Write(s.plain)
		_ = zw.Flush()
		crc = crc32.Update(crc, crc32.IEEETable, s.plain)
	}
	// An empty final block, then the trailer.
	out.Write([]byte{3, 0})
	out.Write(binary.LittleEndian.AppendUint32(nil, crc))
	out.Write(binary.LittleEndian.AppendUint32(nil, uint32(size)))
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	w.WriteHeader(status)
	_, _ = w.Write(out.Bytes())
}
