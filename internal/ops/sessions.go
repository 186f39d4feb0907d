package ops

import (
	"context"

	"github.com/kehoach/kehoach"
)

// Credentials are what a person types to log in, and where from.
type Credentials struct {
	Username, Password string
	// IP and UserAgent describe the client, for throttling and the
	// session list.
	IP, UserAgent string
}

// LogIn checks the credentials (throttled per account and per address) and
// opens a session; it returns the person and the session's secret token.
func (s *Service) LogIn(ctx context.Context, c Credentials) (*kehoach.Person, string, error) {
	p, err := s.store.Authenticate(ctx, c.Username, c.Password, c.IP)
	if err != nil {
		return nil, "", err
	}
	tok, err := s.store.CreateSession(ctx, p.ID, c.IP, c.UserAgent)
	if err != nil {
		return nil, "", err
	}
	return p, tok, nil
}

// LogOut ends the session of token.
func (s *Service) LogOut(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, token)
}

// SessionActor returns the actor of a session token, or an
// [kehoach.EUNAUTHORIZED] error.
func (s *Service) SessionActor(ctx context.Context, token string) (*kehoach.Actor, error) {
	return s.actorBy(ctx, s.store.FindSession, token, "session")
}

// TokenActor returns the actor of an API token.
func (s *Service) TokenActor(ctx context.Context, token string) (*kehoach.Actor, error) {
	return s.actorBy(ctx, s.store.FindTokenPerson, token, "token")
}

// actorBy returns the actor of the person find finds by key, acting via via.
func (s *Service) actorBy(ctx context.Context, find func(context.Context, string) (*kehoach.Person, error), key, via string) (*kehoach.Actor, error) {
	p, err := find(ctx, key)
	if err != nil {
		return nil, err
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	return &kehoach.Actor{Person: p, Tree: tree, Via: via}, nil
}

// ActAs returns the actor for the person with username, as the command line
// and the demo act for a named person: with that person's rights, no more.
func (s *Service) ActAs(ctx context.Context, username string) (*kehoach.Actor, error) {
	return s.actorBy(ctx, s.store.FindPersonByUsername, username, "delegated")
}

// System returns kehoach itself as an actor with the organisation tree, for
// the command line, the demo loader and scheduled work; name says which.
func (s *Service) System(ctx context.Context, name string) (*kehoach.Actor, error) {
	a := kehoach.SystemActor(name)
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	a.Tree = tree
	return a, nil
}
