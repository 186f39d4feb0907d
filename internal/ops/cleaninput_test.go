package ops

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryWriteCleansItsInput: every operation that takes an input (a
// parameter named in, e, p or list, or of a type named …Input) passes it
// through cleanInput, the one place the text policy is applied, so that a
// new write cannot forget it.
func TestEveryWriteCleansItsInput(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() || fn.Body == nil {
				continue
			}
			takesInput := false
			for _, p := range fn.Type.Params.List {
				typ := typeName(p.Type)
				for _, n := range p.Names {
					if n.Name == "in" || strings.HasSuffix(typ, "Input") {
						takesInput = true
					}
				}
			}
			if !takesInput || strings.HasSuffix(fn.Name.Name, "With") {
				continue
			}
			checked++
			calls := false
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "cleanInput" {
						calls = true
					}
				}
				return !calls
			})
			if !calls {
				t.Errorf("%s: %s takes an input but does not call cleanInput", fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d operations with an input found; is the pattern still right?", checked)
	}
}

// typeName returns the name of a parameter's type as written.
func typeName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.StarExpr:
		return typeName(x.X)
	}
	return ""
}
