package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/kehoach/kehoach/internal/app"
	"github.com/kehoach/kehoach/internal/ops"
)

// parseServing parses the flags of a command that serves and checks them
// with the settings of the environment.
func (d *dbFlags) parseServing(fs *flag.FlagSet, e *env, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkSettings(e, d); err != nil {
		return err
	}
	return d.serving.check(e)
}

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [--addr localhost:8080] [--db URL] [--data DIR]")
	addr := fs.String("addr", or(e.getenv("KEHOACH_ADDR"), "localhost:8080"), "address to listen on [KEHOACH_ADDR]")
	secureDefault, _ := envBool(e, "KEHOACH_SECURE_COOKIES")
	secure := fs.Bool("secure-cookies", secureDefault, "mark cookies Secure (when served over HTTPS) [KEHOACH_SECURE_COOKIES=1]")
	var d dbFlags
	d.register(fs, e)
	d.serving.register(fs, e)
	if err := d.parseServing(fs, e, args); err != nil {
		return err
	}
	svc, logger, err := d.openServing(ctx, e)
	if err != nil {
		return err
	}
	defer svc.Close()
	return serve(ctx, e, logger, svc, *addr, app.Options{SecureCookies: *secure}, nil)
}

// serve listens on addr and serves until ctx ends, then shuts down
// gracefully, with the reminders and the public address the settings give.
// opt gives the cookies' flag and the demo banner. ready, when set, is
// called with the address once listening.
func serve(ctx context.Context, e *env, logger *slog.Logger, svc *ops.Service, addr string, opt app.Options, ready func(addr string)) error {
	reminders, err := newReminders(e, logger, svc)
	if err != nil {
		return err
	}
	opt.Reminders, opt.BaseURL = reminders, e.getenv("KEHOACH_BASE_URL")
	h, err := app.NewHandler(svc, logger, opt)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("không mở được địa chỉ %s: %w", addr, err)
	}
	// The reminders run while the server does: they stop when serve
	// returns, for whatever reason.
	rctx, stopReminders := context.WithCancel(ctx)
	wait := runReminders(rctx, e, svc, opt.Reminders)
	defer wait()
	defer stopReminders()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "db", svc.Dialect())
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// What starting allocated and dropped (package set-up, opening the
	// database, the first reads) goes back to the system now, once, rather
	// than staying resident until the heap grows into it.
	debug.FreeOSMemory()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
