package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/ops"
)

// newReminders builds the reminder runner: e-mail goes out when
// KEHOACH_SMTP_URL is set (smtp://user:pass@host:587?from=…&tls=starttls);
// KEHOACH_BASE_URL gives the links in e-mail. It returns nil when
// KEHOACH_REMINDERS=off.
func newReminders(e *env, logger *slog.Logger, svc *ops.Service) (*notify.Runner, error) {
	if e.getenv("KEHOACH_REMINDERS") == "off" {
		return nil, nil
	}
	var mailer notify.Mailer
	if u := e.getenv("KEHOACH_SMTP_URL"); u != "" {
		cfg, err := notify.ParseSMTPURL(u)
		if err != nil {
			return nil, fmt.Errorf("KEHOACH_SMTP_URL: %s", describe(err))
		}
		m, err := notify.NewSMTPMailer(cfg)
		if err != nil {
			return nil, err
		}
		mailer = m
	}
	logger.Info("reminders", "email", mailer != nil)
	return svc.NewReminders(mailer, notify.RunnerConfig{BaseURL: e.getenv("KEHOACH_BASE_URL"), Logger: logger}), nil
}

// runReminders runs r in the background until ctx ends, every 15 minutes
// (KEHOACH_REMINDER_EVERY, a duration, changes it). The returned function
// waits for it to stop.
func runReminders(ctx context.Context, e *env, svc *ops.Service, r *notify.Runner) func() {
	if r == nil {
		return func() {}
	}
	every := 15 * time.Minute
	if d, err := time.ParseDuration(e.getenv("KEHOACH_REMINDER_EVERY")); err == nil && d > 0 {
		every = d
	}
	done := make(chan struct{})
	sys := kehoach.NewContextWithActor(ctx, kehoach.SystemActor("nhắc việc tự động"))
	go func() {
		defer close(done)
		_ = r.Run(sys, every, svc.Clock())
	}()
	return func() { <-done }
}
