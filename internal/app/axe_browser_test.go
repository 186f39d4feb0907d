package app_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// pageBudget is what one page may weigh on the wire with its styles,
// scripts and pictures.
const pageBudget = 60 * 1024

// axeVersion is the release of the npm package axe-core that .ci/run
// installs.
const axeVersion = "4.14.1"

// axeScript reads axe-core's axe.min.js from $KEHOACH_AXE, else from where
// .ci/run installs it ($HOME/.cache/kehoach-axe).
func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("KEHOACH_AXE")
	if path == "" {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, ".cache", "kehoach-axe", "node_modules", "axe-core", "axe.min.js")
		}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		err = fmt.Errorf("%w; install the npm package axe-core as .ci/run does (npm install --prefix \"$HOME/.cache/kehoach-axe\" axe-core@%s) or set KEHOACH_AXE to an axe.min.js", err, axeVersion)
	}
	kehoachtest.Require(t, "axe-core (npm package axe-core)", err)
	return string(src)
}

// pageWeight sums what the shown page moved over the wire: the document
// and every resource it loaded, as sent (compressed when gzip is on).
const pageWeight = `(() => {
  const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return {status: all[0].responseStatus, files: all.map(e => e.name.replace(location.origin, '')),
    bytes: all.reduce((n, e) => n + Math.max(e.transferSize || 0, e.encodedBodySize || 0), 0)};
})()`

type weight struct {
	Status int      `json:"status"`
	Files  []string `json:"files"`
	Bytes  int      `json:"bytes"`
}

// axeRun runs axe on the page and lists each violation with its impact and
// the elements it concerns.
const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>
  v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ')))`

// TestBrowserAccessibleAndLight: the main pages, as the Office, the
// administrator, the Director, a unit head and the public, answer 200, have
// no axe-core violation and weigh under 60 KB on the wire with their assets.
func TestBrowserAccessibleAndLight(t *testing.T) {
	axe := axeScript(t)
	f := newDemoFixture(t, "sqlite")
	ctx := kehoachtest.Browser(t, 3*time.Minute)
	b := &browserUser{t: t, ctx: ctx, base: f.srv.URL}
	// Every page loads its assets afresh, as on a first visit.
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	plan := "/plans/" + f.plan.ID
	obstacles, err := f.db.FindObstacles(t.Context(), kehoach.ObstacleFilter{PlanID: &f.plan.ID})
	if err != nil || len(obstacles) == 0 {
		t.Fatalf("the demo's obstacles: %v", err)
	}
	tasks, err := f.db.FindTasks(t.Context(), kehoach.TaskFilter{PlanID: &f.plan.ID})
	if err != nil || len(tasks) == 0 {
		t.Fatalf("the demo's tasks: %v", err)
	}
	check := func(path string) {
		t.Helper()
		b.do(chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("body")))
		w, err := chromedp.Run(ctx, chromedp.Evaluate[weight](pageWeight))
		if err != nil {
			t.Fatalf("as %s on %s: weight: %v", b.who, path, err)
		}
		t.Logf("as %s on %s: %d bytes with %v", b.who, path, w.Bytes, w.Files)
		if w.Status != 200 {
			t.Errorf("as %s on %s: HTTP %d", b.who, path, w.Status)
		}
		if !slices.ContainsFunc(w.Files, func(f string) bool { return strings.HasSuffix(f, ".css") }) {
			t.Errorf("as %s on %s: the stylesheet's load is not measured: %v", b.who, path, w.Files)
		}
		if w.Bytes > pageBudget {
			t.Errorf("as %s on %s: %d bytes with its assets %v, over %d", b.who, path, w.Bytes, w.Files, pageBudget)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
			t.Fatalf("as %s on %s: injecting axe: %v", b.who, path, err)
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("as %s on %s: axe.run: %v", b.who, path, err)
		}
		for _, v := range violations {
			t.Errorf("as %s on %s: %s", b.who, path, v)
		}
	}
	pages := func(more ...string) []string {
		return append([]string{"/", "/plans", plan, plan + "/obstacles", "/obstacles", "/notifications", "/search?q=" + "tre%20em"}, more...)
	}
	b.loginAs("vanphong")
	for _, p := range pages(plan+"/monitoring", "/obstacles/"+obstacles[0].ID, finalReport(t, f, "u-thanhtra")) {
		check(p)
	}
	for _, p := range []string{plan + "/history", plan + "/targets", plan + "/reminder-rule", plan + "/summary", plan + "/publicity", plan + "/posts", plan + "/events",
		"/tasks/" + tasks[0].ID, "/plans/import", "/org", "/indicators", "/people"} {
		check(p)
	}
	b.loginAs("quantri")
	for _, p := range []string{"/", "/org", "/people", "/people/new", "/org/new"} {
		check(p)
	}
	b.loginAs("giamdoc")
	for _, p := range []string{"/", plan + "/monitoring", "/obstacles", plan + "/summary"} {
		check(p)
	}
	b.loginAs("thanhtra")
	for _, p := range pages(finalReport(t, f, "u-thanhtra")) {
		check(p)
	}
	b.do(chromedp.Navigate(b.base+"/"), chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.ID("username")))
	b.who = "the public"
	check("/public/plans/" + f.plan.ID)
	if body := b.text(chromedp.CSS("body")); !strings.Contains(body, "Tháng hành động vì trẻ em năm 2023") {
		t.Errorf("the public page does not show the plan: %.200s", body)
	}
	check("/login")
}
