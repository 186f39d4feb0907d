package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/app"
	"github.com/kehoach/kehoach/internal/auth"
	"github.com/kehoach/kehoach/internal/demo"
)

const demoPasswordFile = "demo-password.txt"

// demoLoadedEnv tells a demo process that it replaced the one that just
// loaded the demo.
const demoLoadedEnv = "KEHOACH_DEMO_JUST_LOADED"

func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "demo [--addr localhost:8080] [--data DIR] [--db URL] [--demo-password P] [--replay]")
	addr := fs.String("addr", or(e.getenv("KEHOACH_ADDR"), "localhost:8080"), "address to listen on [KEHOACH_ADDR]")
	password := fs.String("demo-password", "", "password of every demo account (default: random, printed)")
	replay := fs.Bool("replay", false, "leave the 2023 plan as it stood in July 2023, its result report a draft (default: finished and sent to the superior)")
	var d dbFlags
	d.register(fs, e)
	d.serving.register(fs, e)
	d.data = e.getenv("KEHOACH_DATA") // the demo's default is a new folder, not "."
	if f := fs.Lookup("data"); f != nil {
		f.DefValue = ""
		f.Usage = "data folder (default: a new temporary folder; a folder holding a demo is resumed) [KEHOACH_DATA]"
	}
	if err := d.parseServing(fs, e, args); err != nil {
		return err
	}
	if d.data == "" {
		dir, err := os.MkdirTemp("", "kehoach-demo-")
		if err != nil {
			return err
		}
		d.data = dir
	} else if err := os.MkdirAll(d.data, 0o755); err != nil {
		return err
	}
	svc, logger, err := d.openServing(ctx, e)
	if err != nil {
		return err
	}
	defer svc.Close()

	loaded, err := demo.Loaded(ctx, svc)
	if err != nil {
		return err
	}
	pwFile := filepath.Join(d.data, demoPasswordFile)
	pw := *password
	// justLoaded is set by the process that loaded the demo and then
	// replaced itself (see below): it serves the demo as new, with the
	// password it wrote.
	justLoaded := e.getenv(demoLoadedEnv) == "1"
	if justLoaded {
		pw = ""
	}
	switch {
	case !loaded:
		if pw == "" {
			pw = auth.RandomPassword()
		}
		plan, err := demo.Load(ctx, svc, pw)
		if err != nil {
			return err
		}
		if !*replay {
			if err := demo.Finish(ctx, svc, plan); err != nil {
				return err
			}
		}
	case pw != "":
		// Resuming with a given password: set it on the demo accounts.
		sys, err := svc.System(ctx, "dữ liệu mẫu")
		if err != nil {
			return err
		}
		for _, p := range demo.People() {
			if _, err := svc.SetPassword(ctx, sys, p.Username, pw); kehoach.ErrorCode(err) == kehoach.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
		}
	default:
		b, _ := os.ReadFile(pwFile)
		pw = strings.TrimSpace(string(b))
	}
	if pw != "" {
		if err := os.WriteFile(pwFile, []byte(pw+"\n"), 0o600); err != nil {
			return err
		}
	}
	if !loaded && e.reexec != nil {
		// Loading is a one-off batch (documents parsed and written, the
		// year replayed); the server should not carry its memory. The
		// process replaces itself with a fresh one that resumes the demo
		// just loaded: same pid, same arguments, the data folder named.
		if err := svc.Close(); err != nil {
			return err
		}
		argv := append([]string{"kehoach", "demo"}, args...)
		return e.reexec(append(argv, "--data", d.data), []string{demoLoadedEnv + "=1"})
	}
	loaded = loaded && !justLoaded
	return serve(ctx, e, logger, svc, *addr, app.Options{Demo: true}, func(a string) {
		w := e.stdout
		if loaded {
			fmt.Fprintf(w, "kehoach demo: tiếp tục dữ liệu mẫu trong %s\n", d.data)
		} else {
			fmt.Fprintf(w, "kehoach demo: dữ liệu mẫu mới trong %s\n", d.data)
		}
		fmt.Fprintf(w, "\n  Mở / open:  http://%s/\n\n", a)
		fmt.Fprintln(w, "  Tài khoản / accounts:")
		for _, p := range demo.People() {
			fmt.Fprintf(w, "    %-10s %-14s %s\n", p.Username, p.Roles[0], p.Title)
		}
		if pw != "" {
			fmt.Fprintf(w, "\n  Mật khẩu / password: %s\n\n", pw)
		} else {
			fmt.Fprintln(w, "\n  Mật khẩu: như lần chạy trước / as set before (kehoach user passwd to change)")
		}
	})
}
