package notify_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
)

const refused = "khong-ton-tai@so.gov.vn"

// startSMTP starts a mail server on the loopback that asks for the
// password of the office and refuses one recipient.
func startSMTP(t *testing.T) *kehoachtest.SMTPServer {
	t.Helper()
	return kehoachtest.StartSMTPWith(t, kehoachtest.SMTPOptions{User: "vanphong", Password: "mật khẩu", Refuse: []string{refused}})
}

// smtpMailer returns a mailer that signs in to srv as the office, sending
// from the escaped address from, and its configuration.
func smtpMailer(t *testing.T, srv *kehoachtest.SMTPServer, from string) (*notify.SMTPMailer, notify.SMTPConfig) {
	t.Helper()
	cfg, err := notify.ParseSMTPURL("smtp://vanphong:m%E1%BA%ADt%20kh%E1%BA%A9u@" + srv.Addr + "?from=" + from + "&tls=none")
	if err != nil {
		t.Fatal(err)
	}
	m, err := notify.NewSMTPMailer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m, cfg
}

// decoded returns the decoded subject, and the plain text and HTML parts.
func decoded(t *testing.T, data []byte) (subject, text, html string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q: %v", mt, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		var body io.Reader = p
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(p)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		ct, cp, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if !strings.EqualFold(cp["charset"], "utf-8") {
			t.Errorf("%s charset %q", ct, cp["charset"])
		}
		switch ct {
		case "text/plain":
			text = string(b)
		case "text/html":
			html = string(b)
		}
	}
	return subject, text, html
}

func TestParseSMTPURL(t *testing.T) {
	tests := []struct {
		url   string
		want  notify.SMTPConfig
		field string
	}{
		{"smtp://user:p%40ss@mail.so.gov.vn:587?from=vanphong%40so.gov.vn&tls=starttls",
			notify.SMTPConfig{Host: "mail.so.gov.vn", Port: 587, Username: "user", Password: "p@ss", From: "vanphong@so.gov.vn", TLS: "starttls"}, ""},
		{"smtps://mail.so.gov.vn?from=vanphong%40so.gov.vn",
			notify.SMTPConfig{Host: "mail.so.gov.vn", Port: 465, From: "vanphong@so.gov.vn", TLS: "tls"}, ""},
		{"smtp://127.0.0.1?from=a%40b.vn&tls=none", notify.SMTPConfig{Host: "127.0.0.1", Port: 25, From: "a@b.vn", TLS: "none"}, ""},
		{"smtp://mail.so.gov.vn:587", notify.SMTPConfig{}, "from"},
		{"smtp://mail.so.gov.vn:587?from=a%40b.vn&tls=ssl", notify.SMTPConfig{}, "tls"},
		{"smtp://mail.so.gov.vn:99999?from=a%40b.vn", notify.SMTPConfig{}, "port"},
		{"smtp://:587?from=a%40b.vn", notify.SMTPConfig{}, "host"},
		{"http://mail.so.gov.vn", notify.SMTPConfig{}, "?"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got, err := notify.ParseSMTPURL(tt.url)
			switch {
			case tt.field == "":
				if err != nil || got != tt.want {
					t.Fatalf("got %+v, %v", got, err)
				}
			case tt.field == "?":
				if kehoach.ErrorCode(err) != kehoach.EINVALID {
					t.Fatalf("got %v", err)
				}
			default:
				if kehoach.ErrorFields(err)[tt.field] == "" {
					t.Fatalf("want a problem with %s, got %v", tt.field, err)
				}
			}
		})
	}
}

func TestSMTPMailer(t *testing.T) {
	srv := startSMTP(t)
	m, cfg := smtpMailer(t, srv, "V%C4%83n%20ph%C3%B2ng%20S%E1%BB%9F%20%3Cvanphong%40so.gov.vn%3E")
	m.Timeout = 5 * time.Second
	ctx := context.Background()
	subject := "Đôn đốc: Đã quá hạn 4 ngày báo cáo tiến độ (hạn 15/06/2023): Tháng hành động vì trẻ em năm 2023 – Sở Giao thông vận tải"
	body := "Đề nghị Phòng Kế hoạch - Tài chính khẩn trương hoàn thành & gửi báo cáo <trước 17 giờ>."
	err := m.Send(ctx, notify.Message{ToName: "Nguyễn Văn An", To: "an@so.gov.vn", Subject: subject, Text: body + "\n", HTML: "<p>" + body + "</p>"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("received %d", len(msgs))
	}
	got := msgs[0]
	if got.From != "vanphong@so.gov.vn" || strings.Join(got.To, ",") != "an@so.gov.vn" {
		t.Fatalf("envelope %s → %v", got.From, got.To)
	}
	subj, text, html := decoded(t, got.Raw)
	if subj != subject || !strings.Contains(text, body) || !strings.Contains(html, body) {
		t.Fatalf("subject %q\ntext %q\nhtml %q", subj, text, html)
	}
	// A refused recipient is a permanent failure.
	err = m.Send(ctx, notify.Message{To: refused, Subject: "Thử", Text: "Thử"})
	if err == nil || !notify.IsPermanent(err) || !strings.Contains(err.Error(), "550") {
		t.Fatalf("refused recipient: %v", err)
	}
	// A wrong password is not.
	bad := cfg
	bad.Password = "sai"
	bm, _ := notify.NewSMTPMailer(bad)
	if err := bm.Send(ctx, notify.Message{To: "an@so.gov.vn", Subject: "Thử", Text: "Thử"}); err == nil {
		t.Fatal("sent with a wrong password")
	}
}

// TestRunnerOverSMTP delivers a day's reminders through a real SMTP
// exchange: the good address gets the Vietnamese message with a link, the
// refused one is recorded as failed for good with the server's answer.
func TestRunnerOverSMTP(t *testing.T) {
	srv := startSMTP(t)
	mailer, _ := smtpMailer(t, srv, "vanphong%40so.gov.vn")
	db := kehoachtest.OpenDB(t, "sqlite")
	now := ict(16, 9)
	clock := kehoach.ClockFunc(func() time.Time { return now })
	db.Clock = clock
	src := newSource(clock.Now)
	src.recipients["u1|unit"] = []notify.Recipient{{PersonID: "an", Name: "Nguyễn Văn An", Email: "an@so.gov.vn"}, {PersonID: "x", Name: "Người đã nghỉ", Email: refused}}
	r := notify.NewRunner(db, src, mailer, notify.RunnerConfig{BaseURL: "https://kehoach.so.gov.vn/", Clock: clock})
	if err := r.Tick(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("received %d", len(msgs))
	}
	subj, text, _ := decoded(t, msgs[0].Raw)
	if !strings.Contains(subj, "Đã quá hạn 1 ngày báo cáo tiến độ") || !strings.Contains(text, "Kính gửi: Nguyễn Văn An") ||
		!strings.Contains(text, "https://kehoach.so.gov.vn/obligations/o1/report") {
		t.Fatalf("subject %q\n%s", subj, text)
	}
	failed := notify.StatusFailed
	rs, err := db.FindReminders(context.Background(), notify.ReminderFilter{Status: &failed})
	if err != nil || len(rs) != 1 {
		t.Fatalf("failed %d: %v", len(rs), err)
	}
	if f := rs[0]; f.Email != refused || f.Channel != notify.ChannelEmail || f.NextAttempt != nil || f.Attempts != 1 || !strings.Contains(f.Error, "550") {
		t.Fatalf("failed reminder %+v", f)
	}
	// The next tick neither sends the good one again nor retries the bad.
	now = now.Add(time.Hour)
	if err := r.Tick(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("received %d", n)
	}
}
