// Command kehoach carries a Vietnamese public agency's plan from its
// document to its result report. Run "kehoach help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "serve" || os.Args[1] == "demo") {
		limitMemory(os.Getenv)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The demo loads, then replaces itself (see demo.go); the profiling
	// timer would outlive the replacement, so only the serving process is
	// profiled.
	profile := os.Getenv("KEHOACH_CPUPROFILE")
	if len(os.Args) > 1 && os.Args[1] == "demo" && os.Getenv(demoLoadedEnv) == "" {
		profile = ""
	}
	stopProfile := startCPUProfile(profile)
	err := runWith(ctx, &env{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, reexec: reexecSelf}, os.Args)
	stop()
	stopProfile()
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.msg != "" {
				fmt.Fprintln(os.Stderr, ee.msg)
			}
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "kehoach:", err)
		os.Exit(1)
	}
}

// startCPUProfile writes a CPU profile of the whole run to path when set
// (for measuring; see BENCHMARKS.md) and returns what ends it.
func startCPUProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kehoach: KEHOACH_CPUPROFILE:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// exitError ends the program with a code and an optional one-line message.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// env is what every command receives.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// reexec replaces the process with this program run with args and
	// extra environment; nil where the process is not the program's own
	// (tests run commands in-process).
	reexec func(args, env []string) error
}

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"serve":   {"chạy máy chủ web / run the web server", cmdServe},
		"demo":    {"tạo dữ liệu mẫu (kế hoạch Tháng hành động vì trẻ em 2023) và chạy máy chủ / load the demo and serve it", cmdDemo},
		"migrate": {"cập nhật cấu trúc cơ sở dữ liệu / bring the database schema up to date", cmdMigrate},
		"user":    {"quản lý người dùng: add | passwd | list / manage people", cmdUser},
		"unit":    {"quản lý đơn vị: add | list / manage the organisation", cmdUnit},
		"token":   {"tạo khóa API: create --user NAME / create an API token", cmdToken},
		"import":  {"đọc một văn bản kế hoạch (.txt, .docx) / read a plan document", cmdImport},
		"audit":   {"nhật ký thay đổi: verify | anchor / verify the audit trail, write its signed head", cmdAudit},
		"backup":  {"sao lưu dữ liệu vào một tệp: --out FILE / back up the data to one file", cmdBackup},
		"restore": {"khôi phục từ tệp sao lưu: FILE --data DIR / restore a backup", cmdRestore},
		"summary": {"xuất báo cáo kết quả (.docx, .xlsx, .pdf) / write a plan's result report", cmdSummary},
		"version": {"in phiên bản / print the version", cmdVersion},

		"exchange": {"trao đổi báo cáo giữa các hệ thống kehoach: token | send / exchange reports between kehoach deployments", cmdExchange},
	}
}

// run is the whole program: it parses args and runs one command.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runWith(ctx, &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

// reexecSelf replaces the process with this program run with args, the
// environment extended by extra.
func reexecSelf(args, extra []string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(self, args, append(os.Environ(), extra...))
}

func runWith(ctx context.Context, e *env, args []string) error {
	if len(args) < 2 {
		usage(e.stderr)
		return &exitError{code: 2}
	}
	name := args[1]
	switch name {
	case "help", "-h", "--help", "-help":
		if len(args) > 2 {
			if c, ok := commands()[args[2]]; ok {
				return c.run(ctx, e, []string{"-h"})
			}
		}
		usage(e.stdout)
		return nil
	}
	c, ok := commands()[name]
	if !ok {
		usage(e.stderr)
		return &exitError{code: 2, msg: fmt.Sprintf("kehoach: lệnh không có: %q (unknown command)", name)}
	}
	err := c.run(ctx, e, args[2:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "kehoach — quản lý kế hoạch của cơ quan nhà nước, từ văn bản đến báo cáo kết quả.")
	fmt.Fprintln(w, "\nCách dùng / usage: kehoach COMMAND [flags]   (kehoach COMMAND -h for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	cs := commands()
	names := make([]string, 0, len(cs))
	for n := range cs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cs[n].summary)
	}
	fmt.Fprintln(w, "  help     this text")
	fmt.Fprintln(w, "\nEnvironment: KEHOACH_ADDR, KEHOACH_DB, KEHOACH_DATA, KEHOACH_LOG_LEVEL (debug|info|warn|error),")
	fmt.Fprintln(w, "  KEHOACH_SMTP_URL, KEHOACH_BASE_URL, KEHOACH_REMINDERS (off), KEHOACH_REMINDER_EVERY (15m), KEHOACH_SECURE_COOKIES (1)")
}

// newFlags returns a flag set that prints its usage to stderr.
func newFlags(e *env, name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: kehoach %s\n\nFlags:\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning bad usage into exit code 2.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &exitError{code: 2}
	}
	return nil
}

func cmdVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "kehoach", versionString())
	return nil
}

func or(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
