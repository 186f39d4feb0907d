package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// cmdUnit sets up the organisation from the command line, which a new
// installation needs before anyone can log in.
func cmdUnit(ctx context.Context, e *env, args []string) error {
	return runVerbs(ctx, e, "unit", []verb{
		{"add", "--name 'Tên đơn vị' --kind KIND [--parent UNIT] [--abbrev ABBR] [--place 'Địa danh'] [--email E]", unitAdd(e)},
		{"list", "[--db URL] [--data DIR]", unitList(e)},
	}, args)
}

func unitAdd(e *env) func(fs *flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		var in ops.UnitInput
		fs.StringVar(&in.Name, "name", "", "unit name, e.g. 'Sở Giao thông vận tải'")
		kind := fs.String("kind", "division", "province, agency, office, division, affiliated, union or external")
		parent := fs.String("parent", "", "parent unit: id, abbreviation or name")
		fs.StringVar(&in.Abbrev, "abbrev", "", "abbreviation used in document symbols, e.g. SGTVT")
		fs.StringVar(&in.Place, "place", "", "place name of the date line, e.g. 'Sơn La'")
		fs.StringVar(&in.Email, "email", "", "the unit's mailbox")
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			in.Kind = kehoach.UnitKind(*kind)
			if *parent != "" {
				p, err := svc.UnitByKey(ctx, a, *parent)
				if err != nil {
					return err
				}
				in.ParentID = p.ID
			}
			u, err := svc.CreateUnit(ctx, a, in)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "đã thêm / added %s (%s)\n", u.Name, u.ID)
			return nil
		}
	}
}

func unitList(e *env) func(fs *flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
			tree, _, err := svc.Organisation(ctx, a)
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
	}
}
