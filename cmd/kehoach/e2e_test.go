package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

// startDemo runs "kehoach demo" through run, as a user would start it, and
// returns its base URL once /healthz answers.
func startDemo(t *testing.T, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	args := append([]string{"kehoach", "demo", "--replay", "--addr", "127.0.0.1:0", "--data", filepath.Join(t.TempDir(), "demo"), "--demo-password", "mat-khau-e2e"}, extra...)
	go func() {
		done <- run(ctx, args, func(string) string { return "" }, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("demo stopped with %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("demo did not shut down")
		}
	})
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := urlRE.FindString(sc.Text()); m != "" {
				select {
				case found <- strings.TrimSuffix(m, "/"):
				default:
				}
			}
		}
	}()
	var base string
	select {
	case base = <-found:
	case err := <-done:
		t.Fatalf("demo ended early: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("demo printed no address")
	}
	for i := 0; i < 100; i++ {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("healthz never answered 200")
	return ""
}

// TestEndToEndLoginAndSeedPlan starts the program, logs in as the Office
// screenshot saves a picture of the page in the browser of ctx, as name,
// in the folder $KEHOACH_SCREENSHOTS when it is set.
func screenshot(ctx context.Context, name string) {
	dir := os.Getenv("KEHOACH_SCREENSHOTS")
	if dir == "" {
		return
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		_ = os.WriteFile(filepath.Join(dir, name), shot, 0o644)
	}
}

// in a real Chromium, opens the seed plan and finds its title.
func TestEndToEndLoginAndSeedPlan(t *testing.T) {
	base := startDemo(t)
	ctx := kehoachtest.Browser(t, 90*time.Second)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/plans"),
		chromedp.WaitVisible(chromedp.ID("username")),
	)
	if err != nil {
		t.Fatal(err)
	}
	lang, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
	if err != nil || lang.Value != "vi" {
		t.Errorf("login page lang %q (%v)", lang.Value, err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("username"), "vanphong"),
		chromedp.SendKeys(chromedp.ID("password"), "mat-khau-e2e"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS("table.list")),
		chromedp.Click(chromedp.Search(`//a[contains(., "Tháng hành động vì trẻ em")]`)),
		chromedp.WaitVisible(chromedp.CSS("article.plan h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("article.plan h1")))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023"; strings.TrimSpace(h1) != want {
		t.Errorf("plan title %q, want %q", h1, want)
	}
	warn, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(".warnings")))
	if err != nil || !strings.Contains(warn, "2022") {
		t.Errorf("the period-year warning is not shown: %q (%v)", warn, err)
	}
	screenshot(ctx, "plan.png")
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	if out, _, err := runCLI(dir, "", "help"); err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "demo") {
		t.Fatalf("help: %v %s", err, out)
	}
	if _, errOut, err := runCLI(dir, "", "serve", "-h"); err != nil || !strings.Contains(errOut, "--addr") && !strings.Contains(errOut, "-addr") {
		t.Fatalf("serve -h: %v %s", err, errOut)
	}
	if out, _, err := runCLI(dir, "", "migrate"); err != nil || !strings.Contains(out, "up to date") {
		t.Fatalf("migrate: %v %s", err, out)
	}
	if _, _, err := runCLI(dir, "", "nope"); err == nil {
		t.Fatal("unknown command succeeded")
	}
	// A person can be added only to an existing unit.
	if _, _, err := runCLI(dir, "", "user", "add", "--username", "a1", "--name", "A", "--unit", "khong-co"); err == nil {
		t.Fatal("user add to a missing unit succeeded")
	}
	if out, _, err := runCLI(dir, "", "version"); err != nil || !strings.HasPrefix(out, "kehoach ") {
		t.Fatalf("version: %v %q", err, out)
	}
	if out, _, err := runCLI(dir, "", "audit", "verify"); err != nil || !strings.Contains(out, "chain intact") {
		t.Fatalf("audit verify: %v %q", err, out)
	}
}

// TestBootstrapFromCLI: a new installation without the demo is set up from
// the command line — the agency, its office, an admin — and the admin logs
// in.
func TestBootstrapFromCLI(t *testing.T) {
	dir := t.TempDir()
	cli := func(stdin string, args ...string) (string, error) {
		out, errOut, err := runCLI(dir, stdin, args...)
		return out + errOut, err
	}
	steps := [][]string{
		{"unit", "add", "--name", "UBND tỉnh Sơn La", "--kind", "province", "--abbrev", "UBND"},
		{"unit", "add", "--name", "Sở Xây dựng", "--kind", "agency", "--parent", "UBND", "--abbrev", "SXD", "--place", "Sơn La"},
		{"unit", "add", "--name", "Văn phòng Sở", "--kind", "office", "--parent", "SXD", "--abbrev", "VP"},
		{"user", "add", "--username", "quantri", "--name", "Quản Trị Viên", "--unit", "Văn phòng Sở", "--role", "admin,office"},
	}
	for _, s := range steps {
		stdin := ""
		if s[0] == "user" {
			stdin = "mat-khau-quan-tri\n"
		}
		if out, err := cli(stdin, s...); err != nil {
			t.Fatalf("%v: %v %s", s, err, out)
		}
	}
	if out, err := cli("", "unit", "add", "--name", "", "--kind", "division"); err == nil || !strings.Contains(out, "") {
		t.Fatalf("a unit without a name was added: %s", out)
	}
	if out, err := cli("", "unit", "list"); err != nil || !strings.Contains(out, "    Văn phòng Sở") {
		t.Fatalf("unit list: %v %s", err, out)
	}
	if out, err := cli("", "user", "list"); err != nil || !strings.Contains(out, "quantri") {
		t.Fatalf("user list: %v %s", err, out)
	}
}

// TestServeFailsFastOnBusyAddress: a server that cannot listen says so and
// exits at once instead of hanging.
func TestServeFailsFastOnBusyAddress(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dir := t.TempDir()
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"kehoach", "serve", "--addr", l.Addr().String(), "--data", dir}, func(string) string { return "" },
			strings.NewReader(""), io.Discard, io.Discard)
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "không mở được địa chỉ") {
			t.Fatalf("error %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve hung on a busy address")
	}
}

// TestBadSettingsRefused: settings with a wrong value stop the program with
// a message naming them, instead of being ignored.
func TestBadSettingsRefused(t *testing.T) {
	cases := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"KEHOACH_SECURE_COOKIES": "maybe"}, nil, "KEHOACH_SECURE_COOKIES"},
		{map[string]string{"KEHOACH_LOG_LEVEL": "verbose"}, nil, "KEHOACH_LOG_LEVEL"},
		{map[string]string{"KEHOACH_REMINDERS": "no"}, nil, "KEHOACH_REMINDERS"},
		{map[string]string{"KEHOACH_REMINDER_EVERY": "15"}, nil, "KEHOACH_REMINDER_EVERY"},
		{map[string]string{"KEHOACH_BASE_URL": "kehoach.sonla.gov.vn"}, nil, "KEHOACH_BASE_URL"},
		{map[string]string{"KEHOACH_SMTP_URL": "smtp://mail.example:587?tls=foo&from=a%40b.vn"}, nil, "tls"},
		{nil, []string{"--db", "sqlite:///tmp/x.db"}, "--db"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"kehoach", "serve", "--addr", "127.0.0.1:0", "--data", dir}, c.args...)
			done := make(chan error, 1)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go func() {
				done <- run(ctx, args, func(k string) string { return c.env[k] }, strings.NewReader(""), io.Discard, io.Discard)
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("error %v, want one naming %s", err, c.want)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the bad setting was not refused")
			}
		})
	}
}
