package httpx

import (
	"compress/gzip"
	"mime"
	"net/http"
	"strings"
	"sync"
)

// GzipMinSize is the smallest body Gzip compresses: below it the gzip
// header and the work cost more than they save.
const GzipMinSize = 1024

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// Gzip compresses the responses of clients that accept gzip when they are
// text (pages, style sheets, scripts, JSON, CSV, XML, SVG) of at least
// [GzipMinSize] bytes. Files already compressed (images, .docx, .xlsx,
// .pdf, archives), small bodies, partial content and responses that carry
// their own Content-Encoding go as they are. Every response says
// "Vary: Accept-Encoding", since its form may depend on that header.
func Gzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gw := &gzipWriter{ResponseWriter: w, accept: acceptsGzip(r) && r.Header.Get("Range") == "" && r.Method != http.MethodHead}
		next.ServeHTTP(gw, r)
		gw.finish()
	})
}

// AcceptsGzip tells whether r allows a gzip-encoded answer (one that a
// handler compressed itself, which [Gzip] passes as it is).
func AcceptsGzip(r *http.Request) bool {
	return acceptsGzip(r) && r.Header.Get("Range") == "" && r.Method != http.MethodHead
}

// acceptsGzip tells whether the request's Accept-Encoding allows gzip
// (a q=0 refuses it).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// compressible tells whether a response of content type ct gains from gzip.
func compressible(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"), strings.HasSuffix(mt, "+xml"), strings.HasSuffix(mt, "+json"):
		return true
	}
	switch mt {
	case "application/json", "application/javascript", "application/xml", "application/x-ndjson":
		return true
	}
	return false
}

// gzipWriter holds back the start of a body until it knows whether to
// compress it: at [GzipMinSize] bytes, or at the end for a small body.
type gzipWriter struct {
	http.ResponseWriter
	accept  bool
	status  int
	buf     []byte
	decided bool
	gz      *gzip.Writer
}

func (w *gzipWriter) WriteHeader(code int) {
	switch {
	case w.decided, code >= 100 && code < 200:
		w.ResponseWriter.WriteHeader(code)
	case w.status == 0:
		w.status = code
	}
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	if w.decided {
		if w.gz != nil {
			return w.gz.Write(b)
		}
		return w.ResponseWriter.Write(b)
	}
	w.buf = append(w.buf, b...)
	if len(w.buf) >= GzipMinSize {
		if err := w.decide(true); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// decide sends the header, compressing when big says the body is large
// enough and the rest allows it, then the body held back.
func (w *gzipWriter) decide(big bool) error {
	w.decided = true
	h := w.Header()
	if !strings.Contains(strings.ToLower(strings.Join(h.Values("Vary"), ",")), "accept-encoding") {
		h.Add("Vary", "Accept-Encoding")
	}
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	if h.Get("Content-Type") == "" && len(w.buf) > 0 {
		h.Set("Content-Type", http.DetectContentType(w.buf))
	}
	if big && w.accept && status != http.StatusPartialContent && status != http.StatusNoContent && status != http.StatusNotModified &&
		h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		if et := h.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
			h.Set("ETag", "W/"+et)
		}
		w.gz = gzipWriters.Get().(*gzip.Writer)
		w.gz.Reset(w.ResponseWriter)
	}
	w.ResponseWriter.WriteHeader(status)
	buf := w.buf
	w.buf = nil
	if len(buf) == 0 {
		return nil
	}
	var err error
	if w.gz != nil {
		_, err = w.gz.Write(buf)
	} else {
		_, err = w.ResponseWriter.Write(buf)
	}
	return err
}

// finish sends what is held back and closes the compressed stream.
func (w *gzipWriter) finish() {
	if !w.decided {
		_ = w.decide(false)
	}
	if w.gz != nil {
		_ = w.gz.Close()
		w.gz.Reset(nil)
		gzipWriters.Put(w.gz)
		w.gz = nil
	}
}

// Flush sends what is written so far (decided at once, compressed when
// allowed and already large enough).
func (w *gzipWriter) Flush() {
	if !w.decided {
		_ = w.decide(len(w.buf) >= GzipMinSize)
	}
	if w.gz != nil {
		_ = w.gz.Flush()
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *gzipWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
