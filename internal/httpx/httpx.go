// Package httpx holds what the HTML pages and the JSON API share: finding
// who is making a request (session cookie or API token), the client address,
// request logging, security headers and gzip compression.
package httpx

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "kh_session"

// Authenticate returns middleware that puts the actor of a valid session
// cookie or "Authorization: Bearer" token into the request context. It does
// not refuse anyone: handlers decide what an anonymous request may see.
func Authenticate(ids Identifier, logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var a *kehoach.Actor
			var err error
			if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
				a, err = ids.TokenActor(r.Context(), strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
			} else if c, cerr := r.Cookie(SessionCookie); cerr == nil && c.Value != "" {
				a, err = ids.SessionActor(r.Context(), c.Value)
			}
			if err != nil {
				a = nil
				if kehoach.ErrorCode(err) == kehoach.EINTERNAL {
					logger.Error("session lookup", "err", err)
					http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
					return
				}
			}
			if a != nil {
				r = r.WithContext(kehoach.NewContextWithActor(r.Context(), a))
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Identifier finds the person behind a session cookie or an API token.
type Identifier interface {
	SessionActor(ctx context.Context, token string) (*kehoach.Actor, error)
	TokenActor(ctx context.Context, token string) (*kehoach.Actor, error)
}

// ClientIP returns the address of the client (the direct peer; kehoach
// does not trust forwarding headers unless told to by a proxy setup).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// LogPath returns the path of r as logs may show it: the secret of a
// calendar feed (GET /calendar/{token}.ics), which is its only credential,
// is replaced by "[redacted]".
func LogPath(r *http.Request) string {
	p := r.URL.Path
	if rest, ok := strings.CutPrefix(p, "/calendar/"); ok && rest != "" && !strings.Contains(rest, "/") {
		return "/calendar/[redacted]"
	}
	return p
}

// Log returns middleware that logs each request with its status and time.
func Log(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			lvl := slog.LevelInfo
			if sw.status >= 500 {
				lvl = slog.LevelError
			}
			logger.LogAttrs(r.Context(), lvl, "request", slog.String("method", r.Method), slog.String("path", LogPath(r)),
				slog.Int("status", sw.status), slog.Int("bytes", sw.bytes), slog.Duration("took", time.Since(start)))
		})
	}
}

// SecurityHeaders sets headers that every response carries.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}

// Recover turns a panic in a handler into a logged 500 instead of a dropped
// connection.
func Recover(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil && v != http.ErrAbortHandler {
					logger.Error("panic", "path", LogPath(r), "panic", v)
					http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// Actor returns the actor of the request, or nil.
func Actor(ctx context.Context) *kehoach.Actor { return kehoach.ActorFromContext(ctx) }

// StatusOf maps a domain error code to the HTTP status of its response,
// for pages and API alike.
func StatusOf(code string) int {
	if status, ok := statuses[code]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// statuses are the HTTP statuses of the domain error codes.
var statuses = map[string]int{
	kehoach.EINVALID:      http.StatusBadRequest,
	kehoach.ENOTFOUND:     http.StatusNotFound,
	kehoach.ECONFLICT:     http.StatusConflict,
	kehoach.EFORBIDDEN:    http.StatusForbidden,
	kehoach.EUNAUTHORIZED: http.StatusUnauthorized,
	kehoach.ETOOMANY:      http.StatusTooManyRequests,
	kehoach.ETOOLARGE:     http.StatusRequestEntityTooLarge,
}
