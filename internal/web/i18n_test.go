package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// templateTexts matches the texts the templates translate: {{.T "…"}},
// {{$.T "…"}}, {{$p.T "…"}}, and the labels given to import fields, which
// the field template translates.
var templateTexts = []*regexp.Regexp{
	regexp.MustCompile(`\.T\s+("(?:[^"\\]|\\.)*")`),
	regexp.MustCompile(`\.Field\s+\$\s+"[^"]*"\s+("(?:[^"\\]|\\.)*")`),
}

// hasLetter reports whether s has something to translate.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// textsInTemplates returns each translated text of the templates with where
// it is used.
func textsInTemplates(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range templateTexts {
			for _, m := range re.FindAllStringSubmatchIndex(string(b), -1) {
				s, err := strconv.Unquote(string(b[m[2]:m[3]]))
				if err != nil {
					t.Errorf("%s: cannot read %s: %v", f, b[m[2]:m[3]], err)
					continue
				}
				if _, seen := out[s]; !seen && hasLetter(s) {
					line := 1 + strings.Count(string(b[:m[0]]), "\n")
					out[s] = f + ":" + strconv.Itoa(line)
				}
			}
		}
	}
	return out
}

// goFiles parses the package's non-test Go files.
func goFiles(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}

// stringLit returns the value of a string literal.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// callsTranslate reports whether n calls Translate or a page's T.
func callsTranslate(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && isTranslate(c) {
			found = true
		}
		return !found
	})
	return found
}

func isTranslate(c *ast.CallExpr) bool {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name == "Translate" && len(c.Args) == 2
	case *ast.SelectorExpr:
		return f.Sel.Name == "T" && len(c.Args) == 1
	}
	return false
}

// textsInGo returns the texts the Go files translate: literals given to
// Translate or T, and the values of the name maps (plan, obligation, report
// and obstacle states, roles, kinds) in functions that translate them.
func textsInGo(t *testing.T) map[string]string {
	t.Helper()
	fset, files := goFiles(t)
	out := map[string]string{}
	add := func(s string, pos token.Pos) {
		if _, seen := out[s]; !seen && hasLetter(s) {
			out[s] = fset.Position(pos).String()
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			translates := callsTranslate(fn.Body)
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if isTranslate(n) {
						if s, ok := stringLit(n.Args[len(n.Args)-1]); ok {
							add(s, n.Pos())
						}
					}
				case *ast.CompositeLit:
					m, ok := n.Type.(*ast.MapType)
					if !ok || !translates {
						return true
					}
					if v, ok := m.Value.(*ast.Ident); !ok || v.Name != "string" {
						return true
					}
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if s, ok := stringLit(kv.Value); ok {
								add(s, kv.Pos())
							}
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// TestEnglishIsComplete fails for each Vietnamese text shown on a page that
// has no English.
func TestEnglishIsComplete(t *testing.T) {
	texts := textsInTemplates(t)
	for s, at := range textsInGo(t) {
		if _, seen := texts[s]; !seen {
			texts[s] = at
		}
	}
	if len(texts) < 100 {
		t.Fatalf("found only %d texts; is the pattern still right?", len(texts))
	}
	var missing []string
	for s, at := range texts {
		if _, ok := english[s]; !ok {
			missing = append(missing, at+": "+strconv.Quote(s))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no English for %s", m)
	}
}

// englishTables returns the key-value pairs of every map literal that holds
// English: the shared table and the tables merged into it at start-up.
func englishTables(t *testing.T) map[string][][2]string {
	t.Helper()
	fset, files := goFiles(t)
	tables := map[string][][2]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) || !strings.HasSuffix(strings.ToLower(name.Name), "english") {
						continue
					}
					lit, ok := vs.Values[i].(*ast.CompositeLit)
					if !ok {
						continue
					}
					for _, e := range lit.Elts {
						kv, ok := e.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						k, ok1 := stringLit(kv.Key)
						v, ok2 := stringLit(kv.Value)
						if ok1 && ok2 {
							key := name.Name + " (" + fset.Position(kv.Pos()).String() + ")"
							tables[key] = append(tables[key], [2]string{k, v})
						}
					}
				}
			}
		}
	}
	return tables
}

// TestEnglishHasNoConflicts fails when two tables give one Vietnamese text
// different English: only one of them can win when they are merged, so one
// page shows the wrong words. The same English twice is only reported.
func TestEnglishHasNoConflicts(t *testing.T) {
	// known are conflicts whose losing entry no page uses any more; remove
	// them here once the entry is gone from its table. "Thời gian" in
	// commsEnglish ("Hours"): the contact form now asks for "Giờ làm việc".
	known := map[string]bool{}
	type def struct{ where, english string }
	defs := map[string][]def{}
	for table, pairs := range englishTables(t) {
		name, _, _ := strings.Cut(table, " ")
		for _, p := range pairs {
			defs[p[0]] = append(defs[p[0]], def{name, p[1]})
		}
	}
	if len(defs) < 100 {
		t.Fatalf("found only %d entries; is the pattern still right?", len(defs))
	}
	var keys []string
	for k := range defs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ds := defs[k]
		if len(ds) < 2 {
			continue
		}
		for _, d := range ds[1:] {
			if d.english != ds[0].english && !known[k] {
				t.Errorf("%q is %q in %s but %q in %s", k, ds[0].english, ds[0].where, d.english, d.where)
			} else if testing.Verbose() {
				t.Logf("%q is in both %s and %s", k, ds[0].where, d.where)
			}
		}
	}
}

// TestEnglishIsNotVietnamese catches English entries left in Vietnamese.
func TestEnglishIsNotVietnamese(t *testing.T) {
	same := map[string]bool{"Chuyển sang tiếng Việt": true} // the way back to Vietnamese stays Vietnamese
	for vi, en := range english {
		if same[vi] {
			continue
		}
		if strings.ContainsAny(en, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹĐ") {
			t.Errorf("English of %q looks Vietnamese: %q", vi, en)
		}
	}
}
