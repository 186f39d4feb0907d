package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/auth"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/vntext"
)

func cmdMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "migrate [--db URL] [--data DIR]")
	var d dbFlags
	d.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "kehoach migrate: %s (%s) is up to date\n", redact(d.dsn()), db.Dialect())
	return nil
}

// cliCtx is the context of changes made from the command line.
func cliCtx(ctx context.Context, what string) context.Context {
	return kehoach.NewContextWithActor(ctx, kehoach.SystemActor("dòng lệnh: "+what))
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

// findUnit finds a unit by id, abbreviation or name (diacritics ignored).
func findUnit(ctx context.Context, db *sqlstore.DB, key string) (*kehoach.OrgUnit, error) {
	units, err := db.FindUnits(ctx)
	if err != nil {
		return nil, err
	}
	var found []*kehoach.OrgUnit
	for _, u := range units {
		if u.ID == key {
			return u, nil
		}
		if strings.EqualFold(u.Abbrev, key) || vntext.FoldEqual(u.Name, key) {
			found = append(found, u)
		}
	}
	switch len(found) {
	case 0:
		return nil, kehoach.Errorf(kehoach.ENOTFOUND, "không có đơn vị %q", key)
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, u := range found {
		ids[i] = u.ID
	}
	return nil, kehoach.Errorf(kehoach.ECONFLICT, "có %d đơn vị cùng tên hoặc viết tắt %q; dùng mã đơn vị: %s (kehoach unit list)", len(found), key, strings.Join(ids, ", "))
}

func cmdUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stderr, "usage: kehoach user add|passwd|list [flags]   (kehoach user add -h)")
		if len(args) == 0 {
			return &exitError{code: 2}
		}
		return nil
	}
	sub, args := args[0], args[1:]
	var d dbFlags
	switch sub {
	case "add":
		fs := newFlags(e, "user add", "user add --username NAME --name 'Họ và tên' --unit UNIT --role ROLE[,ROLE] [--title T] [--email E] [--phone P] [--password P] (else stdin, else random)")
		username := fs.String("username", "", "login name")
		name := fs.String("name", "", "full name")
		unit := fs.String("unit", "", "unit id, abbreviation or name")
		roles := fs.String("role", "staff", "roles, comma-separated: director, office, unit_head, staff, superior, admin")
		title := fs.String("title", "", "title (chức vụ)")
		email := fs.String("email", "", "e-mail")
		phone := fs.String("phone", "", "phone")
		password := fs.String("password", "", "password (default: first line of stdin, else random)")
		d.register(fs, e)
		if err := parse(fs, args); err != nil {
			return err
		}
		db, err := d.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		u, err := findUnit(ctx, db, *unit)
		if err != nil {
			return fmt.Errorf("user add: %s", kehoach.ErrorMessage(err))
		}
		p := &kehoach.Person{Username: *username, FullName: *name, Title: *title, UnitID: u.ID, Email: *email, Phone: *phone, Active: true}
		for _, r := range strings.Split(*roles, ",") {
			if r = strings.TrimSpace(r); r != "" {
				p.Roles = append(p.Roles, kehoach.Role(r))
			}
		}
		pw, gen := readPassword(e, *password)
		if err := db.CreatePerson(cliCtx(ctx, "user add"), p, pw); err != nil {
			return fmt.Errorf("user add: %s", describe(err))
		}
		fmt.Fprintf(e.stdout, "đã thêm / added %s (%s)\n", p.Username, p.ID)
		if gen {
			fmt.Fprintf(e.stdout, "mật khẩu / password: %s\n", pw)
		}
		return nil
	case "passwd":
		fs := newFlags(e, "user passwd", "user passwd --user NAME [--password P] (else stdin, else random)")
		username := fs.String("user", "", "login name")
		password := fs.String("password", "", "new password (default: first line of stdin, else random)")
		d.register(fs, e)
		if err := parse(fs, args); err != nil {
			return err
		}
		db, err := d.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		p, err := db.FindPersonByUsername(ctx, *username)
		if err != nil {
			return fmt.Errorf("user passwd: %s", kehoach.ErrorMessage(err))
		}
		pw, gen := readPassword(e, *password)
		if err := db.SetPassword(cliCtx(ctx, "user passwd"), p.ID, pw); err != nil {
			return fmt.Errorf("user passwd: %s", describe(err))
		}
		fmt.Fprintf(e.stdout, "đã đổi mật khẩu / password changed: %s\n", p.Username)
		if gen {
			fmt.Fprintf(e.stdout, "mật khẩu / password: %s\n", pw)
		}
		return nil
	case "list":
		fs := newFlags(e, "user list", "user list [--db URL] [--data DIR]")
		d.register(fs, e)
		if err := parse(fs, args); err != nil {
			return err
		}
		db, err := d.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		people, err := db.FindPeople(ctx, kehoach.PersonFilter{})
		if err != nil {
			return err
		}
		units, err := db.OrgTree(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "USERNAME\tNAME\tROLES\tUNIT\tACTIVE")
		for _, p := range people {
			unit := p.UnitID
			if u := units.Unit(p.UnitID); u != nil {
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
	return &exitError{code: 2, msg: "kehoach user: add, passwd or list"}
}

func cmdToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(e.stderr, "usage: kehoach token create --user NAME [--name LABEL]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return &exitError{code: 2}
	}
	fs := newFlags(e, "token create", "token create --user NAME [--name LABEL]")
	username := fs.String("user", "", "login name of the token's owner")
	label := fs.String("name", "cli", "a label for the token")
	var d dbFlags
	d.register(fs, e)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.FindPersonByUsername(ctx, *username)
	if err != nil {
		return fmt.Errorf("token create: %s", kehoach.ErrorMessage(err))
	}
	tok, err := db.CreateToken(cliCtx(ctx, "token create"), p.ID, *label)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, tok)
	return nil
}

func cmdAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "usage: kehoach audit verify [--db URL | --data DIR]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return &exitError{code: 2}
	}
	fs := newFlags(e, "audit verify", "audit verify [--db URL | --data DIR]")
	var d dbFlags
	d.register(fs, e)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	n, bad, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if bad != 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("kehoach audit verify: chain broken at entry %d (bản ghi số %d bị sửa hoặc xóa); %d entries read", bad, bad, n)}
	}
	fmt.Fprintf(e.stdout, "kehoach audit verify: %d entries checked, chain intact\n", n)
	return nil
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
