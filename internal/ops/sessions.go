package ops

import (
	"context"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// Credentials are what a person types to log in, and where from.
type Credentials struct {
	Username, Password string
	// IP and UserAgent describe the client, for throttling and the
	// session list.
	IP, UserAgent string
	// OldToken is the session the client still holds, if any: logging in
	// ends it, so that a session is never kept across a login.
	OldToken string
}

// LogIn checks the credentials (throttled per account and address, see
// [sqlstore.DB.Authenticate]) and opens a new session, ending the one the
// client held; it returns the person and the session's secret token.
func (s *Service) LogIn(ctx context.Context, c Credentials) (*kehoach.Person, string, error) {
	pr := Problems{}
	if strings.TrimSpace(c.Username) == "" {
		pr.Add("username", "Nhập tên đăng nhập.")
	}
	if c.Password == "" {
		pr.Add("password", "Nhập mật khẩu.")
	}
	for k, v := range kehoach.CheckTexts(&struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}{c.Username, c.Password}) {
		pr.Add(k, v)
	}
	if err := pr.Err(); err != nil {
		return nil, "", err
	}
	p, err := s.store.Authenticate(ctx, c.Username, c.Password, c.IP)
	if err != nil {
		return nil, "", err
	}
	if c.OldToken != "" {
		if err := s.store.DeleteSession(ctx, c.OldToken); err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			return nil, "", err
		}
	}
	tok, err := s.store.CreateSession(ctx, p.ID, c.IP, c.UserAgent)
	if err != nil {
		return nil, "", err
	}
	return p, tok, nil
}

// LoginThrottles returns the accounts and addresses whose failed logins
// make new tries wait; administrators only.
func (s *Service) LoginThrottles(ctx context.Context, a *kehoach.Actor) ([]sqlstore.LoginThrottle, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	return s.store.FindLoginThrottles(ctx)
}

// ClearLoginThrottle forgets the failed logins of an account from an
// address (every address when ip is empty), so that its next try does not
// wait; administrators only, with an audit entry.
func (s *Service) ClearLoginThrottle(ctx context.Context, a *kehoach.Actor, username, ip string) error {
	if err := cleanInput(named{"username", &username}, named{"ip", &ip}); err != nil {
		return err
	}
	if !a.CanAdminister() {
		return Forbidden()
	}
	if strings.TrimSpace(username) == "" {
		return kehoach.Invalid(map[string]string{"username": "Chọn tài khoản."})
	}
	return s.commit(s.store.ClearLoginThrottle(as(ctx, a), username, ip))
}

// LogOut ends the session of token.
func (s *Service) LogOut(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, token)
}

// SessionActor returns the actor of a session token, or an
// [kehoach.EUNAUTHORIZED] error.
func (s *Service) SessionActor(ctx context.Context, token string) (*kehoach.Actor, error) {
	p, tree, unread, err := s.store.SessionActor(ctx, token)
	if err != nil {
		return nil, err
	}
	return &kehoach.Actor{Person: p, Tree: tree, Via: "session", Unread: &unread}, nil
}

// TokenActor returns the actor of an API token.
func (s *Service) TokenActor(ctx context.Context, token string) (*kehoach.Actor, error) {
	p, tree, err := s.store.TokenActor(ctx, token)
	if err != nil {
		return nil, err
	}
	return &kehoach.Actor{Person: p, Tree: tree, Via: "token"}, nil
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
