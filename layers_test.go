package kehoach_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// The layers of kehoach (ARCHITECTURE.md): the doors translate requests and
// call the operations; only the operations reach the store; the domain
// imports nothing of the project.
const module = "github.com/kehoach/kehoach"

var (
	doors = []string{"/internal/web", "/internal/public", "/internal/api", "/internal/demo", "/internal/httpx", "/internal/app", "/cmd/kehoach"}
	// storage is what only the store (and the operations, through it) may
	// import.
	storage = []string{module + "/internal/sqlstore", "modernc.org/sqlite", "github.com/jackc/pgx/v5", "database/sql", "github.com/pressly/goose/v3"}
)

// imports returns each package's direct imports (not those of its tests).
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	m := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		m[f[0]] = f[1:]
	}
	if len(m) < 10 {
		t.Fatalf("go list found only %d packages", len(m))
	}
	return m
}

func isDoor(pkg string) bool {
	for _, d := range doors {
		if pkg == module+d || strings.HasPrefix(pkg, module+d+"/") {
			return true
		}
	}
	return false
}

func TestLayers(t *testing.T) {
	all := imports(t)
	for pkg, imps := range all {
		for _, imp := range imps {
			switch {
			case isDoor(pkg):
				for _, s := range storage {
					if imp == s {
						t.Errorf("%s is a door and imports %s: doors call internal/ops, never the store", pkg, imp)
					}
				}
			case pkg == module:
				if strings.HasPrefix(imp, module+"/") {
					t.Errorf("the domain package imports %s: it must import nothing of the project", imp)
				}
			}
			if isDoor(imp) && pkg != module+"/internal/app" && pkg != module+"/cmd/kehoach" && !isDoor(pkg) && !strings.HasSuffix(pkg, "/kehoachtest") {
				t.Errorf("%s imports the door %s: only the wiring (internal/app, cmd/kehoach) may", pkg, imp)
			}
			if pkg == module+"/internal/sqlstore" && imp == module+"/internal/ops" {
				t.Errorf("the store imports the operations")
			}
		}
	}
}

// TestLayersCatch makes sure the check can fail: the operations package does
// import the store, and would be refused if it were a door.
func TestLayersCatch(t *testing.T) {
	all := imports(t)
	found := false
	for _, imp := range all[module+"/internal/ops"] {
		if imp == module+"/internal/sqlstore" {
			found = true
		}
	}
	if !found {
		t.Fatal("internal/ops no longer imports the store: the layer check would see nothing")
	}
}
