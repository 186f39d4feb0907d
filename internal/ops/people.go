package ops

import (
	"context"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// SessionIdleLifetime is how long a session lasts unused.
const SessionIdleLifetime = sqlstore.SessionIdleLifetime

// PersonInput is what is typed to add or change a person; its JSON names
// are the API's (NewPerson).
type PersonInput struct {
	Username string         `json:"username"`
	FullName string         `json:"fullName"`
	Title    string         `json:"title"`
	UnitID   string         `json:"unitId"`
	Roles    []kehoach.Role `json:"roles"`
	Email    string         `json:"email"`
	Phone    string         `json:"phone"`
	// Password is required for a new person; on a change, empty keeps the
	// password.
	Password string `json:"password"`
	// Inactive locks the account (the web form's "active" box unticked).
	Inactive bool `json:"-"`
}

func (in *PersonInput) person(id string) *kehoach.Person {
	return &kehoach.Person{ID: id, Username: in.Username, FullName: in.FullName, Title: in.Title, UnitID: in.UnitID,
		Roles: in.Roles, Email: in.Email, Phone: in.Phone, Active: !in.Inactive}
}

// Organisation returns the organisation tree and, to those who may read
// them, the people (nil to others).
func (s *Service) Organisation(ctx context.Context, a *kehoach.Actor) (*kehoach.OrgTree, []*kehoach.Person, error) {
	if !a.CanSeeOrganisation() {
		return nil, nil, Forbidden()
	}
	tree, err := s.store.OrgTree(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !a.CanReadPeople() {
		return tree, nil, nil
	}
	people, err := s.store.FindPeople(ctx, kehoach.PersonFilter{})
	return tree, people, err
}

// People returns every person, by username.
func (s *Service) People(ctx context.Context, a *kehoach.Actor) ([]*kehoach.Person, error) {
	if !a.CanReadPeople() {
		return nil, Forbidden()
	}
	return s.store.FindPeople(ctx, kehoach.PersonFilter{})
}

// NewPerson returns the person an administrator starts from: an active
// account.
func (s *Service) NewPerson(ctx context.Context, a *kehoach.Actor) (*kehoach.Person, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	return &kehoach.Person{Active: true}, nil
}

// EditablePerson returns person id for an administrator to change.
func (s *Service) EditablePerson(ctx context.Context, a *kehoach.Actor, id string) (*kehoach.Person, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	return s.store.FindPersonByID(ctx, id)
}

// CreatePerson adds a person with a password.
func (s *Service) CreatePerson(ctx context.Context, a *kehoach.Actor, in PersonInput) (*kehoach.Person, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	return s.savePerson(ctx, a, in.person(""), in.Password, true, s.store.CreatePerson)
}

// UpdatePerson changes person id and, when in.Password is given, the
// password, in one change.
func (s *Service) UpdatePerson(ctx context.Context, a *kehoach.Actor, id string, in PersonInput) (*kehoach.Person, error) {
	if err := cleanInput(&in); err != nil {
		return nil, err
	}
	old, err := s.EditablePerson(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return s.savePerson(ctx, a, in.person(old.ID), in.Password, false, s.store.SavePerson)
}

// savePerson checks that a administers, then p and the password
// (required when isNew), and stores them with save.
func (s *Service) savePerson(ctx context.Context, a *kehoach.Actor, p *kehoach.Person, password string, isNew bool,
	save func(context.Context, *kehoach.Person, string) error) (*kehoach.Person, error) {
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	if err := s.checkPerson(ctx, p, password, isNew); err != nil {
		return nil, err
	}
	return committed(s, p, save(as(ctx, a), p, password))
}

// checkPerson names every problem of p and of a new password (required
// when needPassword).
func (s *Service) checkPerson(ctx context.Context, p *kehoach.Person, password string, needPassword bool) error {
	pr := Problems{}
	for k, v := range kehoach.ErrorFields(p.Validate()) {
		pr.Add(k, v)
	}
	if password != "" || needPassword {
		for k, v := range kehoach.ErrorFields(kehoach.ValidatePassword(password)) {
			pr.Add(k, v)
		}
	}
	if p.UnitID != "" {
		tree, err := s.store.OrgTree(ctx)
		if err != nil {
			return err
		}
		if tree.Unit(p.UnitID) == nil {
			pr.Add("unitId", "Đơn vị không tồn tại.")
		}
	}
	return pr.Err()
}

// SetPassword replaces the password of the person with username and ends
// their sessions; it returns the person.
func (s *Service) SetPassword(ctx context.Context, a *kehoach.Actor, username, password string) (*kehoach.Person, error) {
	if err := cleanInput(named{"password", &password}); err != nil {
		return nil, err
	}
	if !a.CanAdminister() {
		return nil, Forbidden()
	}
	p, err := s.store.FindPersonByUsername(ctx, username)
	if err != nil {
		return nil, err
	}
	if err := kehoach.ValidatePassword(password); err != nil {
		return nil, err
	}
	return committed(s, p, s.store.SetPassword(as(ctx, a), p.ID, password))
}

// CreateToken makes an API token named label for the person with username
// and returns its secret, shown once.
func (s *Service) CreateToken(ctx context.Context, a *kehoach.Actor, username, label string) (string, error) {
	if err := cleanInput(named{"label", &label}); err != nil {
		return "", err
	}
	if !a.CanAdminister() {
		return "", Forbidden()
	}
	p, err := s.store.FindPersonByUsername(ctx, username)
	if err != nil {
		return "", err
	}
	tok, err := s.store.CreateToken(as(ctx, a), p.ID, label)
	return committed(s, tok, err)
}
