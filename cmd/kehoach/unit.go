package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kehoach/kehoach"
)

// cmdUnit sets up the organisation from the command line, which a new
// installation needs before anyone can log in.
func cmdUnit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stderr, "usage: kehoach unit add|list [flags]   (kehoach unit add -h)")
		if len(args) == 0 {
			return &exitError{code: 2}
		}
		return nil
	}
	sub, args := args[0], args[1:]
	var d dbFlags
	switch sub {
	case "add":
		fs := newFlags(e, "unit add", "unit add --name 'Tên đơn vị' --kind KIND [--parent UNIT] [--abbrev ABBR] [--place 'Địa danh'] [--email E]")
		name := fs.String("name", "", "unit name, e.g. 'Sở Giao thông vận tải'")
		kind := fs.String("kind", "division", "province, agency, office, division, affiliated, union or external")
		parent := fs.String("parent", "", "parent unit: id, abbreviation or name")
		abbrev := fs.String("abbrev", "", "abbreviation used in document symbols, e.g. SGTVT")
		place := fs.String("place", "", "place name of the date line, e.g. 'Sơn La'")
		email := fs.String("email", "", "the unit's mailbox")
		d.register(fs, e)
		if err := parse(fs, args); err != nil {
			return err
		}
		db, err := d.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		u := &kehoach.OrgUnit{Name: *name, Kind: kehoach.UnitKind(*kind), Abbrev: *abbrev, Place: *place, Email: *email}
		if *parent != "" {
			p, err := findUnit(ctx, db, *parent)
			if err != nil {
				return fmt.Errorf("unit add: %s", kehoach.ErrorMessage(err))
			}
			u.ParentID = p.ID
		}
		if err := db.CreateUnit(cliCtx(ctx, "unit add"), u); err != nil {
			return fmt.Errorf("unit add: %s", describe(err))
		}
		fmt.Fprintf(e.stdout, "đã thêm / added %s (%s)\n", u.Name, u.ID)
		return nil
	case "list":
		fs := newFlags(e, "unit list", "unit list [--db URL] [--data DIR]")
		d.register(fs, e)
		if err := parse(fs, args); err != nil {
			return err
		}
		db, err := d.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		tree, err := db.OrgTree(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tABBREV\tKIND")
		var walk func(id string, depth int)
		walk = func(id string, depth int) {
			for _, u := range tree.Children(id) {
				fmt.Fprintf(tw, "%s\t%s%s\t%s\t%s\n", u.ID, strings.Repeat("  ", depth), u.Name, u.Abbrev, u.Kind)
				walk(u.ID, depth+1)
			}
		}
		walk("", 0)
		return tw.Flush()
	}
	return &exitError{code: 2, msg: "kehoach unit: add or list"}
}
