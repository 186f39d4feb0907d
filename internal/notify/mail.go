package notify

import (
	"context"
	"errors"
	"fmt"
	"html"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/kehoach/kehoach"
)

// Message is one e-mail: plain text, with an HTML alternative when HTML is
// set.
type Message struct {
	ToName, To string
	Subject    string
	Text       string
	HTML       string
}

// Mailer sends e-mail.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// SMTPConfig says how to reach the agency's mail server.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	// From is the sender, an address or "Name <address>".
	From string
	// TLS is "none", "starttls" (required, not opportunistic) or "tls"
	// (implicit TLS, usually port 465).
	TLS string
}

// ParseSMTPURL reads a mail server address such as
// smtp://user:pass@mail.so.gov.vn:587?from=vanphong%40so.gov.vn&tls=starttls.
// The scheme smtps means implicit TLS. The port defaults to 587 for
// starttls, 465 for tls and 25 for none; tls defaults to starttls for smtp.
func ParseSMTPURL(s string) (SMTPConfig, error) {
	var c SMTPConfig
	u, err := url.Parse(s)
	if err != nil {
		return c, kehoach.Errorf(kehoach.EINVALID, "Địa chỉ máy chủ thư không hợp lệ: %v.", err)
	}
	switch u.Scheme {
	case "smtp":
		c.TLS = "starttls"
	case "smtps":
		c.TLS = "tls"
	default:
		return c, kehoach.Errorf(kehoach.EINVALID, "Địa chỉ máy chủ thư phải bắt đầu bằng smtp:// hoặc smtps://.")
	}
	q := u.Query()
	if t := q.Get("tls"); t != "" {
		c.TLS = strings.ToLower(t)
	}
	c.Host = u.Hostname()
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil {
			return c, kehoach.Errorf(kehoach.EINVALID, "Cổng máy chủ thư không hợp lệ: %q.", p)
		}
	} else {
		c.Port = map[string]int{"starttls": 587, "tls": 465, "none": 25}[c.TLS]
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	c.From = q.Get("from")
	return c, c.Validate()
}

// Validate checks the configuration.
func (c SMTPConfig) Validate() error {
	f := map[string]string{}
	if c.Host == "" {
		f["host"] = "Thiếu tên máy chủ thư."
	}
	if c.Port < 1 || c.Port > 65535 {
		f["port"] = "Cổng máy chủ thư phải từ 1 đến 65535."
	}
	switch c.TLS {
	case "none", "starttls", "tls":
	default:
		f["tls"] = "Chế độ mã hóa phải là none, starttls hoặc tls."
	}
	if c.From == "" {
		f["from"] = "Thiếu địa chỉ người gửi (from=…)."
	} else if _, err := netmail.ParseAddress(c.From); err != nil {
		f["from"] = fmt.Sprintf("Địa chỉ người gửi không hợp lệ: %q.", c.From)
	}
	if len(f) > 0 {
		return kehoach.Invalid(f)
	}
	return nil
}

// SMTPMailer sends e-mail through an SMTP server, one connection per
// message: reminders are few, and a fresh connection never finds a server
// that dropped an idle one.
type SMTPMailer struct {
	cfg SMTPConfig
	// Timeout bounds connecting and each command; 30 s when zero.
	Timeout time.Duration
}

// NewSMTPMailer returns a mailer for cfg.
func NewSMTPMailer(cfg SMTPConfig) (*SMTPMailer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &SMTPMailer{cfg: cfg}, nil
}

// Send sends m. The subject and body are UTF-8; the body is quoted-printable
// text with an HTML alternative.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	msg := mail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return &PermanentError{Err: fmt.Errorf("recipient %q: %w", m.To, err)}
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	opts := []mail.Option{mail.WithPort(s.cfg.Port), mail.WithTimeout(timeout)}
	switch s.cfg.TLS {
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case "tls":
		opts = append(opts, mail.WithSSL())
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		// PLAIN is refused by the library over an unencrypted connection
		// to anything but the loopback, so a password never travels in
		// the clear.
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(s.cfg.Username), mail.WithPassword(s.cfg.Password))
	}
	c, err := mail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		var se *mail.SendError
		if errors.As(err, &se) && !se.IsTemp() && se.Reason != mail.ErrConnCheck {
			return &PermanentError{Err: err}
		}
		return err
	}
	return nil
}

// PermanentError is a delivery failure that trying again will not mend,
// such as a recipient the server refuses.
type PermanentError struct{ Err error }

// Error returns the underlying error's text.
func (e *PermanentError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err says that trying again will not help.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// composeMail writes the e-mail for a reminder: the reason, the message,
// the link, and a closing line that names the sender.
func composeMail(r *Reminder) Message {
	var text strings.Builder
	if r.RecipientName != "" {
		fmt.Fprintf(&text, "Kính gửi: %s,\n\n", r.RecipientName)
	}
	text.WriteString(r.Message)
	text.WriteString("\n")
	if r.Link != "" {
		fmt.Fprintf(&text, "\nXem và cập nhật tại: %s\n", r.Link)
	}
	text.WriteString("\n--\nThư nhắc việc tự động của hệ thống theo dõi kế hoạch. Vui lòng không trả lời thư này.\n")

	var h strings.Builder
	h.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>`)
	h.WriteString(html.EscapeString(r.Subject))
	h.WriteString(`</title></head><body style="font-family:'Times New Roman',serif;font-size:16px">`)
	if r.RecipientName != "" {
		fmt.Fprintf(&h, "<p>Kính gửi: %s,</p>", html.EscapeString(r.RecipientName))
	}
	for _, para := range strings.Split(r.Message, "\n") {
		if strings.TrimSpace(para) != "" {
			fmt.Fprintf(&h, "<p>%s</p>", html.EscapeString(para))
		}
	}
	if r.Link != "" {
		fmt.Fprintf(&h, `<p><a href="%s">Xem và cập nhật</a></p>`, html.EscapeString(r.Link))
	}
	h.WriteString(`<hr><p style="color:#555;font-size:13px">Thư nhắc việc tự động của hệ thống theo dõi kế hoạch. Vui lòng không trả lời thư này.</p></body></html>`)
	return Message{ToName: r.RecipientName, To: r.Email, Subject: r.Subject, Text: text.String(), HTML: h.String()}
}
