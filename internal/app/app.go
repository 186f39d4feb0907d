// Package app puts kehoach's HTTP parts together: the pages, the API,
// health, authentication and the protections every request passes through.
package app

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/api"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/public"
	"github.com/kehoach/kehoach/internal/web"
)

// Options configure the handler.
type Options struct {
	SecureCookies bool
	// Reminders sends the Office's manual reminders; nil turns them off.
	Reminders *notify.Runner
	// BaseURL is the public address (KEHOACH_BASE_URL), for absolute links.
	BaseURL string
	// Demo shows the demo banner on every page (kehoach demo).
	Demo bool
}

// NewHandler returns the whole HTTP handler of kehoach.
func NewHandler(svc *ops.Service, logger *slog.Logger, opt Options) (http.Handler, error) {
	if opt.Reminders != nil {
		svc.SetReminders(opt.Reminders)
	}
	pages, err := web.NewHandler(web.Deps{Ops: svc, Logger: logger, Version: kehoach.Version, SecureCookies: opt.SecureCookies, BaseURL: opt.BaseURL, Demo: opt.Demo})
	if err != nil {
		return nil, err
	}
	campaigns, err := public.NewHandler(public.Deps{Ops: svc, Logger: logger, BaseURL: opt.BaseURL})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := svc.Ping(ctx); err != nil {
			logger.Error("health", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unavailable\n"))
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("/api/v1/", api.NewHandler(api.Deps{Ops: svc, Logger: logger}))
	mux.Handle("/public/", campaigns)
	mux.Handle("/", pages)

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte("Yêu cầu bị từ chối vì không đến từ trang của kehoach.\n"))
	}))
	var h http.Handler = mux
	h = httpx.Authenticate(svc, logger)(h)
	h = cop.Handler(h)
	h = httpx.SecurityHeaders(h)
	h = httpx.Recover(logger)(h)
	h = httpx.Gzip(h)
	h = httpx.Log(logger)(h)
	return h, nil
}
