// Package kehoach is the domain of kehoach: the plans of Vietnamese public
// agencies ("Kế hoạch"), the organisation that carries them out, the people
// who log in, and the audit trail of every change. It holds types, their
// validation, error codes and the service interfaces that storage implements;
// it imports no other package of the project and does no I/O.
package kehoach

import (
	"context"
	"time"
)

// Version is the program version, set at build time with -ldflags.
var Version = "0.1.0-dev"

// Clock tells the current time. Services take one so that tests can set time.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to a [Clock].
type ClockFunc func() time.Time

// Now returns the time the function gives.
func (f ClockFunc) Now() time.Time { return f() }

// SystemClock is the real clock, in UTC.
var SystemClock Clock = ClockFunc(func() time.Time { return time.Now().UTC() })

type actorKey struct{}

// NewContextWithActor returns a context that carries the person acting.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the person acting in ctx, or nil when nobody is
// logged in.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}
