package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
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
	return db.InTx(ctx, func(tx *Tx) error { return tx.createPerson(p, h) })
}

// createPerson inserts person p with password hash h.
func (tx *Tx) createPerson(p *kehoach.Person, h string) error {
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

// Throttle of logins: failures are counted over LoginWindow per account
// and address. Past FreePairFailures failures of one account from one
// address, that address waits longer before each new try of the account
// (1 s, 2 s, 4 s … up to MaxPairDelay); past MaxFailuresPerUser failures of
// an account from anywhere, everyone waits a little (up to MaxUserDelay)
// between tries. No account is ever locked: the right password from
// another address works at once or after a few seconds.
const (
	LoginWindow         = 15 * time.Minute
	FreePairFailures    = 3
	MaxPairDelay        = 15 * time.Minute
	MaxFailuresPerUser  = 10
	MaxUserDelay        = 10 * time.Second
	SessionIdleLifetime = 12 * time.Hour
	SessionRenewAfter   = time.Hour
)

// pairDelay is the wait after n failures of one account from one address.
func pairDelay(n int) time.Duration {
	if n < FreePairFailures {
		return 0
	}
	d := time.Second << min(n-FreePairFailures, 20)
	return min(d, MaxPairDelay)
}

// userDelay is the wait after n failures of one account from anywhere.
func userDelay(n int) time.Duration {
	if n < MaxFailuresPerUser {
		return 0
	}
	return min(time.Duration(n-MaxFailuresPerUser+1)*time.Second, MaxUserDelay)
}

// Authenticate checks a username (folded as [kehoach.FoldUsername]) and
// password from address ip. It refuses with [kehoach.ETOOMANY], naming the
// wait, when the account failed too recently from this address or from
// everywhere, and records every failure.
func (db *DB) Authenticate(ctx context.Context, username, password, ip string) (*kehoach.Person, error) {
	username = kehoach.FoldUsername(username)
	if wait, err := db.loginWait(ctx, username, ip, 0); err != nil {
		return nil, err
	} else if wait > 0 {
		return nil, tooMany(wait)
	}
	// Record the attempt as a failure before checking the password, then
	// look again at the attempts recorded before it: attempts sent in
	// parallel all passed the look above, but each now sees every attempt
	// recorded before its own, so no more than the free ones go on to the
	// password check. The record is removed if the password turns out right
	// or the attempt is refused.
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
	if wait, err := db.loginWait(ctx, username, ip, attempt); err != nil {
		return nil, err
	} else if wait > 0 {
		if err := forget(); err != nil {
			return nil, err
		}
		return nil, tooMany(wait)
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

// tooMany is the refusal of a login tried before its wait is over.
func tooMany(wait time.Duration) error {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs >= 120 {
		return kehoach.Errorf(kehoach.ETOOMANY, "Đăng nhập sai nhiều lần từ địa chỉ này. Vui lòng thử lại sau %d phút.", (secs+59)/60)
	}
	return kehoach.Errorf(kehoach.ETOOMANY, "Đăng nhập sai nhiều lần. Vui lòng thử lại sau %d giây.", secs)
}

// loginWait returns how long a login of username from ip must still wait,
// counting the failures of the window recorded before the attempt with id
// before (every one when before is 0).
func (db *DB) loginWait(ctx context.Context, username, ip string, before int64) (time.Duration, error) {
	now := db.now()
	since := now.Add(-LoginWindow)
	if before == 0 {
		before = math.MaxInt64
	}
	var wait time.Duration
	for _, c := range []struct {
		where string
		args  []any
		delay func(int) time.Duration
	}{
		{`username = ? AND ip = ?`, []any{username, ip}, pairDelay},
		{`username = ?`, []any{username}, userDelay},
	} {
		var n int
		var last nullTime
		args := append(c.args, since, before)
		if err := db.queryRow(ctx, `SELECT COUNT(*), MAX(at) FROM login_failures WHERE `+c.where+` AND at > ? AND id < ?`, args...).Scan(&n, &last); err != nil {
			return 0, err
		}
		if d := c.delay(n); d > 0 && last.Valid {
			wait = max(wait, last.T.Add(d).Sub(now))
		}
	}
	return wait, nil
}

// LoginThrottle is the failed logins of one account from one address in
// the window, and how long a new try must wait.
type LoginThrottle struct {
	Username, IP string
	Failures     int
	Last         time.Time
	Wait         time.Duration
}

// FindLoginThrottles returns the accounts and addresses with failed logins
// in the window, the most recent first.
func (db *DB) FindLoginThrottles(ctx context.Context) ([]LoginThrottle, error) {
	now := db.now()
	rows, err := db.query(ctx, `SELECT username, ip, COUNT(*), MAX(at) FROM login_failures WHERE at > ? GROUP BY username, ip ORDER BY MAX(at) DESC, username, ip`, now.Add(-LoginWindow))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LoginThrottle
	for rows.Next() {
		var t LoginThrottle
		var last nullTime
		if err := rows.Scan(&t.Username, &t.IP, &t.Failures, &last); err != nil {
			return nil, err
		}
		t.Last = last.T
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Wait, err = db.loginWait(ctx, out[i].Username, out[i].IP, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ClearLoginThrottle forgets the failed logins of username (folded) from
// ip, or from every address when ip is empty, with an audit entry.
func (db *DB) ClearLoginThrottle(ctx context.Context, username, ip string) error {
	username = kehoach.FoldUsername(username)
	return db.InTx(ctx, func(tx *Tx) error {
		q, args := `DELETE FROM login_failures WHERE username = ?`, []any{username}
		where := "mọi địa chỉ"
		if ip != "" {
			q, args, where = q+` AND ip = ?`, append(args, ip), ip
		}
		res, err := tx.exec(q, args...)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		return tx.audit("login.throttle.clear", "login", username, "", fmt.Sprintf("Xóa %d lần đăng nhập sai của %s từ %s", n, username, where), nil,
			map[string]string{"username": username, "ip": ip})
	})
}

// CreateSession starts a session for the person and returns its secret token
// (only its hash is stored).
func (db *DB) CreateSession(ctx context.Context, personID, ip, userAgent string) (string, error) {
	tok := auth.NewToken()
	err := db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM login_failures WHERE username = (SELECT username FROM people WHERE id = ?) AND ip = ?`, personID, ip); err != nil {
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
	p, _, _, err := db.SessionActor(ctx, tok)
	return p, err
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
	p, _, err := db.TokenActor(ctx, tok)
	return p, err
}
