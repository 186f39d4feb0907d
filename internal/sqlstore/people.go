package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/auth"
)

const personCols = `id, username, full_name, title, unit_id, roles, email, phone, active, password_hash, created_at, updated_at`

func scanPerson(sc scanner) (*kehoach.Person, error) {
	var p kehoach.Person
	var roles string
	var created, updated nullTime
	if err := sc.Scan(&p.ID, &p.Username, &p.FullName, &p.Title, &p.UnitID, &roles, &p.Email, &p.Phone, &p.Active, &p.PasswordHash, &created, &updated); err != nil {
		return nil, err
	}
	for _, r := range strings.Split(roles, ",") {
		if r != "" {
			p.Roles = append(p.Roles, kehoach.Role(r))
		}
	}
	p.CreatedAt, p.UpdatedAt = created.T, updated.T
	return &p, nil
}

func joinRoles(rs []kehoach.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// personView is what the audit trail records of a person: no hash.
func personView(p *kehoach.Person) map[string]any {
	return map[string]any{"username": p.Username, "fullName": p.FullName, "title": p.Title, "unitId": p.UnitID,
		"roles": p.Roles, "email": p.Email, "phone": p.Phone, "active": p.Active}
}

func (db *DB) hashParams() auth.Params {
	if db.PasswordCost == PasswordCheap {
		return auth.TestParams
	}
	return auth.DefaultParams
}

// FindPeople returns people sorted by username.
func (db *DB) FindPeople(ctx context.Context, f kehoach.PersonFilter) ([]*kehoach.Person, error) {
	w, args := where(eq("unit_id", f.UnitID), eq("username", f.Username))
	rows, err := db.query(ctx, `SELECT `+personCols+` FROM people`+w+` ORDER BY username`, args...)
	return scanKept(rows, err, scanPerson, func(p *kehoach.Person) bool { return f.Role == nil || p.HasRole(*f.Role) })
}

// FindPersonByID returns one person.
func (db *DB) FindPersonByID(ctx context.Context, id string) (*kehoach.Person, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+personCols+` FROM people WHERE id = ?`, id), scanPerson, "người dùng")
}

// FindPersonByUsername returns one person by login name.
func (db *DB) FindPersonByUsername(ctx context.Context, username string) (*kehoach.Person, error) {
	return scanOne(db.queryRow(ctx, `SELECT `+personCols+` FROM people WHERE username = ?`, strings.ToLower(strings.TrimSpace(username))), scanPerson, "người dùng")
}

// CreatePerson adds a person with a password.
func (db *DB) CreatePerson(ctx context.Context, p *kehoach.Person, password string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := kehoach.ValidatePassword(password); err != nil {
		return err
	}
	h, err := db.hashNew(password)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if p.ID == "" {
			p.ID = NewID()
		}
		p.PasswordHash, p.CreatedAt, p.UpdatedAt = h, tx.Now, tx.Now
		if _, err := tx.exec(`INSERT INTO people (`+personCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.Username, p.FullName, p.Title, p.UnitID, joinRoles(p.Roles), p.Email, p.Phone, p.Active, p.PasswordHash, p.CreatedAt, p.UpdatedAt); err != nil {
			if isUniqueViolation(err) {
				return &kehoach.Error{Code: kehoach.ECONFLICT, Message: "Tên đăng nhập đã được dùng.", Fields: map[string]string{"username": "Tên đăng nhập đã được dùng."}}
			}
			if isForeignKeyViolation(err) {
				return kehoach.Invalid(map[string]string{"unitId": "Đơn vị không tồn tại."})
			}
			return err
		}
		return tx.audit("person.create", "person", p.ID, "", "Thêm người dùng "+p.Username, nil, personView(p))
	})
}

// UpdatePerson changes a person's fields (not the password).
func (db *DB) UpdatePerson(ctx context.Context, p *kehoach.Person) error {
	return db.SavePerson(ctx, p, "")
}

// SavePerson changes a person's fields and, when password is not empty,
// the password too (ending their sessions), in one transaction.
func (db *DB) SavePerson(ctx context.Context, p *kehoach.Person, password string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	h, err := db.hashNew(password)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.updatePerson(p); err != nil {
			return err
		}
		if h == "" {
			return nil
		}
		return tx.setPassword(p.ID, h)
	})
}

// hashNew checks and hashes a new password; "" stays "".
func (db *DB) hashNew(password string) (string, error) {
	if password == "" {
		return "", nil
	}
	if err := kehoach.ValidatePassword(password); err != nil {
		return "", err
	}
	return auth.HashPassword(password, db.hashParams())
}

func (tx *Tx) updatePerson(p *kehoach.Person) error {
	before, err := scanPerson(tx.queryRow(`SELECT `+personCols+` FROM people WHERE id = ?`, p.ID))
	if err != nil {
		return notFound(err, "người dùng")
	}
	p.UpdatedAt, p.CreatedAt = tx.Now, before.CreatedAt
	if _, err := tx.exec(`UPDATE people SET username = ?, full_name = ?, title = ?, unit_id = ?, roles = ?, email = ?, phone = ?, active = ?, updated_at = ? WHERE id = ?`,
		p.Username, p.FullName, p.Title, p.UnitID, joinRoles(p.Roles), p.Email, p.Phone, p.Active, p.UpdatedAt, p.ID); err != nil {
		if isUniqueViolation(err) {
			return &kehoach.Error{Code: kehoach.ECONFLICT, Message: "Tên đăng nhập đã được dùng.", Fields: map[string]string{"username": "Tên đăng nhập đã được dùng."}}
		}
		if isForeignKeyViolation(err) {
			return kehoach.Invalid(map[string]string{"unitId": "Đơn vị không tồn tại."})
		}
		return err
	}
	if !p.Active {
		if _, err := tx.exec(`DELETE FROM sessions WHERE person_id = ?`, p.ID); err != nil {
			return err
		}
	}
	return tx.audit("person.update", "person", p.ID, "", "Sửa thông tin người dùng "+p.Username, personView(before), personView(p))
}

// SetPassword replaces a person's password and ends their sessions.
func (db *DB) SetPassword(ctx context.Context, personID, password string) error {
	if password == "" {
		return kehoach.ValidatePassword(password)
	}
	h, err := db.hashNew(password)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error { return tx.setPassword(personID, h) })
}

func (tx *Tx) setPassword(personID, hash string) error {
	var username string
	if err := tx.queryRow(`SELECT username FROM people WHERE id = ?`, personID).Scan(&username); err != nil {
		return notFound(err, "người dùng")
	}
	if _, err := tx.exec(`UPDATE people SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, tx.Now, personID); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM sessions WHERE person_id = ?`, personID); err != nil {
		return err
	}
	return tx.audit("person.password", "person", personID, "", "Đổi mật khẩu của "+username, nil, nil)
}

// isForeignKeyViolation reports whether err is a broken reference.
func isForeignKeyViolation(err error) bool {
	return strings.Contains(err.Error(), "FOREIGN KEY") || strings.Contains(err.Error(), "23503")
}

// Throttle limits for logins: failures counted over LoginWindow.
const (
	LoginWindow         = 15 * time.Minute
	MaxFailuresPerUser  = 5
	MaxFailuresPerAddr  = 20
	SessionIdleLifetime = 12 * time.Hour
	SessionRenewAfter   = time.Hour
)

// Authenticate checks a username and password from address ip. It refuses
// with [kehoach.ETOOMANY] when the account or the address failed too often
// recently, and records every failure.
func (db *DB) Authenticate(ctx context.Context, username, password, ip string) (*kehoach.Person, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	tooMany := kehoach.Errorf(kehoach.ETOOMANY, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút.", int(LoginWindow.Minutes()))
	byUser, byAddr, err := db.loginFailures(ctx, username, ip)
	if err != nil {
		return nil, err
	}
	if byUser >= MaxFailuresPerUser || byAddr >= MaxFailuresPerAddr {
		return nil, tooMany
	}
	// Record the attempt as a failure before checking the password, then
	// count again: attempts sent in parallel all passed the count above,
	// but each now sees at least every attempt recorded before its own, so
	// no more than the limit go on to the password check. The record is
	// removed if the password turns out right or the attempt is refused.
	var attempt int64
	if err := db.InTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO login_failures (username, ip, at) VALUES (?, ?, ?) RETURNING id`, username, ip, tx.Now).Scan(&attempt)
	}); err != nil {
		return nil, err
	}
	forget := func() error {
		return db.InTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(`DELETE FROM login_failures WHERE id = ?`, attempt)
			return err
		})
	}
	if byUser, byAddr, err = db.loginFailures(ctx, username, ip); err != nil {
		return nil, err
	}
	if byUser > MaxFailuresPerUser || byAddr > MaxFailuresPerAddr {
		if err := forget(); err != nil {
			return nil, err
		}
		return nil, tooMany
	}
	p, err := db.FindPersonByUsername(ctx, username)
	ok := false
	if err == nil && p.Active {
		ok, err = auth.CheckPassword(p.PasswordHash, password)
		if err != nil {
			return nil, err
		}
	} else if err != nil && kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
		return nil, err
	} else {
		// Spend the same time as for a real account.
		_, _ = auth.CheckPassword("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", password)
	}
	if !ok {
		return nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.")
	}
	if err := forget(); err != nil {
		return nil, err
	}
	return p, nil
}

// loginFailures counts the recent failed logins of a username and of an
// address.
func (db *DB) loginFailures(ctx context.Context, username, ip string) (byUser, byAddr int, err error) {
	since := db.now().Add(-LoginWindow)
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM login_failures WHERE username = ? AND at > ?`, username, since).Scan(&byUser); err != nil {
		return 0, 0, err
	}
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM login_failures WHERE ip = ? AND at > ?`, ip, since).Scan(&byAddr); err != nil {
		return 0, 0, err
	}
	return byUser, byAddr, nil
}

// CreateSession starts a session for the person and returns its secret token
// (only its hash is stored).
func (db *DB) CreateSession(ctx context.Context, personID, ip, userAgent string) (string, error) {
	tok := auth.NewToken()
	err := db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM login_failures WHERE username = (SELECT username FROM people WHERE id = ?)`, personID); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM sessions WHERE expires_at < ?`, tx.Now); err != nil {
			return err
		}
		if len(userAgent) > 300 {
			userAgent = userAgent[:300]
		}
		if _, err := tx.exec(`INSERT INTO sessions (token_hash, person_id, created_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)`,
			auth.HashToken(tok), personID, tx.Now, tx.Now.Add(SessionIdleLifetime), ip, userAgent); err != nil {
			return err
		}
		var username string
		if err := tx.queryRow(`SELECT username FROM people WHERE id = ?`, personID).Scan(&username); err != nil {
			return err
		}
		return tx.audit("session.login", "person", personID, "", username+" đăng nhập từ "+ip, nil, map[string]string{"ip": ip, "userAgent": userAgent})
	})
	return tok, err
}

// FindSession returns the person of a live session, extending it when used.
func (db *DB) FindSession(ctx context.Context, tok string) (*kehoach.Person, error) {
	h := auth.HashToken(tok)
	var personID string
	var expires nullTime
	err := db.queryRow(ctx, `SELECT person_id, expires_at FROM sessions WHERE token_hash = ?`, h).Scan(&personID, &expires)
	now := db.now()
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires.T.Before(now)) {
		return nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	} else if err != nil {
		return nil, err
	}
	p, err := db.activePerson(ctx, personID)
	if err != nil {
		return nil, err
	}
	if expires.T.Sub(now) < SessionIdleLifetime-SessionRenewAfter {
		db.queries.Add(1)
		_, _ = db.w.ExecContext(ctx, db.rebind(`UPDATE sessions SET expires_at = ? WHERE token_hash = ?`), now.Add(SessionIdleLifetime), h)
	}
	return p, nil
}

// DeleteSession ends a session (logout).
func (db *DB) DeleteSession(ctx context.Context, tok string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		var personID string
		err := tx.queryRow(`SELECT person_id FROM sessions WHERE token_hash = ?`, auth.HashToken(tok)).Scan(&personID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM sessions WHERE token_hash = ?`, auth.HashToken(tok)); err != nil {
			return err
		}
		return tx.audit("session.logout", "person", personID, "", "Đăng xuất", nil, nil)
	})
}

// CreateToken makes an API token for a person and returns its secret.
func (db *DB) CreateToken(ctx context.Context, personID, name string) (string, error) {
	tok := "kh_" + auth.NewToken()
	err := db.InTx(ctx, func(tx *Tx) error {
		var username string
		if err := tx.queryRow(`SELECT username FROM people WHERE id = ?`, personID).Scan(&username); err != nil {
			return notFound(err, "người dùng")
		}
		id := NewID()
		if _, err := tx.exec(`INSERT INTO api_tokens (id, token_hash, person_id, name, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, auth.HashToken(tok), personID, name, tx.Now); err != nil {
			return err
		}
		return tx.audit("token.create", "token", id, "", "Tạo khóa API cho "+username, nil, map[string]string{"name": name, "personId": personID})
	})
	return tok, err
}

// FindTokenPerson returns the person an API token belongs to.
func (db *DB) FindTokenPerson(ctx context.Context, tok string) (*kehoach.Person, error) {
	var personID string
	var revoked nullTime
	err := db.queryRow(ctx, `SELECT person_id, revoked_at FROM api_tokens WHERE token_hash = ?`, auth.HashToken(tok)).Scan(&personID, &revoked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && revoked.Valid) {
		return nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Khóa API không hợp lệ.")
	} else if err != nil {
		return nil, err
	}
	return db.activePerson(ctx, personID)
}

// activePerson returns the person a session or a token belongs to, refused
// when their account is locked.
func (db *DB) activePerson(ctx context.Context, personID string) (*kehoach.Person, error) {
	p, err := db.cachedPerson(ctx, personID)
	if err != nil {
		return nil, err
	}
	if !p.Active {
		return nil, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Tài khoản đã bị khóa.")
	}
	return p, nil
}
