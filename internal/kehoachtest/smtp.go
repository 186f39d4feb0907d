package kehoachtest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Mail is a message an [SMTPServer] received.
type Mail struct {
	From    string
	To      []string
	Subject string // decoded
	Raw     []byte
}

// SMTPServer is a real SMTP server on loopback that keeps what it receives.
type SMTPServer struct {
	Addr string
	mu   sync.Mutex
	got  []Mail
	cond chan struct{}
}

// SMTPOptions make a server of [StartSMTPWith] stricter than a plain one.
type SMTPOptions struct {
	// User and Password, when User is set, must be given with AUTH PLAIN
	// before a message is accepted.
	User, Password string
	// Refuse lists recipients answered with 550 (no such mailbox).
	Refuse []string
}

// StartSMTP starts an SMTP server on 127.0.0.1, closed when the test ends.
func StartSMTP(t testing.TB) *SMTPServer {
	t.Helper()
	return StartSMTPWith(t, SMTPOptions{})
}

// StartSMTPWith starts an SMTP server on 127.0.0.1 that asks for the
// credentials of opts and refuses its recipients, closed when the test ends.
func StartSMTPWith(t testing.TB, opts SMTPOptions) *SMTPServer {
	t.Helper()
	srv := &SMTPServer{cond: make(chan struct{}, 100)}
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		sess := &smtpSession{srv: srv, opts: opts}
		if opts.User != "" {
			return &smtpAuthSession{sess}, nil
		}
		return sess, nil
	}))
	s.Domain = "localhost"
	s.AllowInsecureAuth = true // loopback only
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Addr = l.Addr().String()
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return srv
}

// URL returns an smtp:// address for kehoach's SMTP setting.
func (s *SMTPServer) URL(from string) string {
	return "smtp://" + s.Addr + "?tls=none&from=" + strings.ReplaceAll(from, "@", "%40")
}

// Messages returns the messages received so far.
func (s *SMTPServer) Messages() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.got...)
}

// WaitFor returns the first message to rcpt, waiting up to timeout.
func (s *SMTPServer) WaitFor(rcpt string, timeout time.Duration) (Mail, bool) {
	return s.WaitForSubject(rcpt, "", timeout)
}

// WaitForSubject returns the first message to rcpt whose decoded subject
// contains subject, waiting up to timeout.
func (s *SMTPServer) WaitForSubject(rcpt, subject string, timeout time.Duration) (Mail, bool) {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		for _, m := range s.got {
			for _, to := range m.To {
				if strings.EqualFold(to, rcpt) && strings.Contains(m.Subject, subject) {
					s.mu.Unlock()
					return m, true
				}
			}
		}
		s.mu.Unlock()
		select {
		case <-s.cond:
		case <-time.After(100 * time.Millisecond):
		case <-deadline:
			return Mail{}, false
		}
	}
}

type smtpSession struct {
	srv    *SMTPServer
	opts   SMTPOptions
	authed bool
	cur    Mail
}

// smtpAuthSession is a session that offers AUTH PLAIN.
type smtpAuthSession struct{ *smtpSession }

func (s *smtpAuthSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpAuthSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != s.opts.User || password != s.opts.Password {
			return errors.New("sai mật khẩu")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.opts.User != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.cur.From = from
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if slices.Contains(s.opts.Refuse, to) {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "Không có hộp thư này"}
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}
func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Raw = b
	if msg, err := mail.ReadMessage(bytes.NewReader(b)); err == nil {
		s.cur.Subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	}
	s.srv.mu.Lock()
	s.srv.got = append(s.srv.got, s.cur)
	s.srv.mu.Unlock()
	select {
	case s.srv.cond <- struct{}{}:
	default:
	}
	s.cur = Mail{}
	return nil
}
func (s *smtpSession) Reset()        { s.cur = Mail{} }
func (s *smtpSession) Logout() error { return nil }
