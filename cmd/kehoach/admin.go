package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/auth"
	"github.com/kehoach/kehoach/internal/ops"
)

// verb is one sub-command of a command that has several (user add, unit
// list): the flags after "kehoach COMMAND VERB" and what it does.
type verb struct {
	name, usage string
	// define registers the verb's flags and returns what it does once they
	// are parsed and the database is open, acting as kehoach itself.
	define func(fs *flag.FlagSet) action
}

// action is what a verb does, acting as a on svc.
type action = func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error

// runVerbs runs the verb args[0] of command cmd. Without one, or with -h,
// it prints the usage (exit code 2 when none was given). A refusal of the
// operation is printed with the verb and each problem's field.
func runVerbs(ctx context.Context, e *env, cmd string, verbs []verb, args []string) error {
	names := make([]string, len(verbs))
	for i, v := range verbs {
		names[i] = v.name
	}
	line := fmt.Sprintf("usage: kehoach %s %s [flags]   (kehoach %s %s -h)", cmd, strings.Join(names, "|"), cmd, names[0])
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stderr, line)
		if len(args) == 0 {
			return &exitError{code: 2}
		}
		return nil
	}
	for _, v := range verbs {
		if v.name != args[0] {
			continue
		}
		name := cmd + " " + v.name
		fs := newFlags(e, name, name+" "+v.usage)
		act := v.define(fs)
		var d dbFlags
		d.register(fs, e)
		if err := parse(fs, args[1:]); err != nil {
			return err
		}
		svc, a, err := d.openAs(ctx, name)
		if err != nil {
			return err
		}
		defer svc.Close()
		if err := act(ctx, svc, a); err != nil {
			if kehoach.ErrorCode(err) == kehoach.EINTERNAL {
				return err
			}
			return fmt.Errorf("%s: %s", name, describe(err))
		}
		return nil
	}
	fmt.Fprintln(e.stderr, line)
	return &exitError{code: 2, msg: fmt.Sprintf("kehoach %s: không có lệnh %q; dùng %s (unknown sub-command)", cmd, args[0], strings.Join(names, ", "))}
}

func cmdMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "migrate [--db URL] [--data DIR]")
	var d dbFlags
	d.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	svc, err := d.open(ctx, nil)
	if err != nil {
		return err
	}
	defer svc.Close()
	fmt.Fprintf(e.stdout, "kehoach migrate: %s (%s) is up to date\n", redact(d.dsn()), svc.Dialect())
	return nil
}

// readPassword takes the password from the flag, else the first line of
// standard input, else makes a random one (printed).
func readPassword(e *env, flagValue string) (pw string, generated bool) {
	if flagValue != "" {
		return flagValue, false
	}
	fmt.Fprint(e.stderr, "Mật khẩu (Enter: tạo ngẫu nhiên) / password (Enter: random): ")
	sc := bufio.NewScanner(e.stdin)
	if sc.Scan() {
		if s := strings.TrimRight(sc.Text(), "\r\n"); s != "" {
			return s, false
		}
	}
	return auth.RandomPassword(), true
}

func cmdUser(ctx context.Context, e *env, args []string) error {
	return runVerbs(ctx, e, "user", []verb{
		{"add", "--username NAME --name 'Họ và tên' --unit UNIT --role ROLE[,ROLE] [--title T] [--email E] [--phone P] [--password P] (else stdin, else random)", userAdd(e)},
		{"passwd", "--user NAME [--password P] (else stdin, else random)", userPasswd(e)},
		{"list", "[--db URL] [--data DIR]", userList(e)},
	}, args)
}

func userAdd(e *env) func(fs *flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		var in ops.PersonInput
		fs.StringVar(&in.Username, "username", "", "login name")
		fs.StringVar(&in.FullName, "name", "", "full name")
		unit := fs.String("unit", "", "unit id, abbreviation or name")
		roles := fs.String("role", "staff", "roles, comma-separated: director, office, unit_head, staff, superior, admin")
		fs.StringVar(&in.Title, "title", "", "title (chức vụ)")
		fs.StringVar(&in.Email, "email", "", "e-mail")
		fs.StringVar(&in.Phone, "phone", "", "phone")
		password := fs.String("password", "", "password (default: first line of stdin, else random)")
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			u, err := svc.UnitByKey(ctx, a, *unit)
			if err != nil {
				return err
			}
			in.UnitID = u.ID
			for _, r := range strings.Split(*roles, ",") {
				if r = strings.TrimSpace(r); r != "" {
					in.Roles = append(in.Roles, kehoach.Role(r))
				}
			}
			var gen bool
			in.Password, gen = readPassword(e, *password)
			p, err := svc.CreatePerson(ctx, a, in)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "đã thêm / added %s (%s)\n", p.Username, p.ID)
			if gen {
				fmt.Fprintf(e.stdout, "mật khẩu / password: %s\n", in.Password)
			}
			return nil
		}
	}
}

func userPasswd(e *env) func(fs *flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		username := fs.String("user", "", "login name")
		password := fs.String("password", "", "new password (default: first line of stdin, else random)")
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			pw, gen := readPassword(e, *password)
			p, err := svc.SetPassword(ctx, a, *username, pw)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "đã đổi mật khẩu / password changed: %s\n", p.Username)
			if gen {
				fmt.Fprintf(e.stdout, "mật khẩu / password: %s\n", pw)
			}
			return nil
		}
	}
}

func userList(e *env) func(fs *flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			tree, people, err := svc.Organisation(ctx, a)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "USERNAME\tNAME\tROLES\tUNIT\tACTIVE")
			for _, p := range people {
				unit := p.UnitID
				if u := tree.Unit(p.UnitID); u != nil {
					unit = u.Name
				}
				rs := make([]string, len(p.Roles))
				for i, r := range p.Roles {
					rs[i] = string(r)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\n", p.Username, p.FullName, strings.Join(rs, ","), unit, p.Active)
			}
			return tw.Flush()
		}
	}
}

func cmdToken(ctx context.Context, e *env, args []string) error {
	return runVerbs(ctx, e, "token", []verb{{"create", "--user NAME [--name LABEL]", func(fs *flag.FlagSet) action {
		username := fs.String("user", "", "login name of the token's owner")
		label := fs.String("name", "cli", "a label for the token")
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			tok, err := svc.CreateToken(ctx, a, *username, *label)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, tok)
			return nil
		}
	}}}, args)
}

func cmdAudit(ctx context.Context, e *env, args []string) error {
	return runVerbs(ctx, e, "audit", []verb{{"verify", "[--anchor FILE] [--db URL | --data DIR]", func(fs *flag.FlagSet) action {
		anchorFile := fs.String("anchor", "", "a head written by \"kehoach audit anchor\": the trail must still hold it")
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			var anchor *kehoach.AuditAnchor
			if *anchorFile != "" {
				b, err := os.ReadFile(*anchorFile)
				if err != nil {
					return err
				}
				anchor = new(kehoach.AuditAnchor)
				if err := json.Unmarshal(b, anchor); err != nil {
					return fmt.Errorf("%s: không đọc được mốc kiểm tra (not an anchor): %w", *anchorFile, err)
				}
			}
			r, err := svc.VerifyAuditReport(ctx, a, anchor)
			if err != nil {
				return err
			}
			if r.OK() {
				fmt.Fprintf(e.stdout, "kehoach audit verify: %d entries checked, chain intact; %d rows of %s match the trail\n",
					r.Checked, r.Rows, strings.Join(ops.AuditedTables(), ", "))
				return nil
			}
			var msg []string
			if bad := r.BrokenAt; bad != 0 {
				msg = append(msg, fmt.Sprintf("chain broken at entry %d (bản ghi số %d bị sửa, chèn hoặc xóa)", bad, bad))
			}
			if len(r.RowProblems) > 0 {
				msg = append(msg, fmt.Sprintf("rows differ from the trail (dữ liệu bị sửa ngoài ứng dụng):\n  %s", strings.Join(r.RowProblems, "\n  ")))
			}
			if r.AnchorProblem != "" {
				msg = append(msg, "anchor: "+r.AnchorProblem)
			}
			return &exitError{code: 1, msg: fmt.Sprintf("kehoach audit verify: %s; %d entries read", strings.Join(msg, "; "), r.Checked)}
		}
	}}, {"anchor", "--out FILE [--db URL | --data DIR]", func(fs *flag.FlagSet) action {
		out := fs.String("out", "", "file to write the signed head to (keep it outside the server)")
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			if *out == "" {
				return &exitError{code: 2, msg: "kehoach audit anchor: cần --out FILE (where to write the anchor)"}
			}
			h, err := svc.AuditAnchor(ctx, a)
			if err != nil {
				return err
			}
			b, _ := json.MarshalIndent(h, "", "  ")
			if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "kehoach audit anchor: entry %d, %s written to %s\n", h.ChainSeq, h.Hash, *out)
			return nil
		}
	}}}, args)
}

// describe returns an error's message with its field problems.
func describe(err error) string {
	msg := kehoach.ErrorMessage(err)
	for k, v := range kehoach.ErrorFields(err) {
		if v != msg {
			msg += " " + k + ": " + v
		}
	}
	return msg
}
