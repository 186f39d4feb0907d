package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// phoneLayoutCheck lists, on the page shown, what a phone user trips over:
// a button whose text wraps inside a word, a word of ordinary length broken
// across lines, a table wider than the screen without a scroll box and a
// visible hint, a page that scrolls sideways.
const phoneLayoutCheck = `(() => {
  const out = [], vw = document.documentElement.clientWidth;
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  // lines tells on how many lines each word of el's text lies.
  const broken = (el, maxLen) => {
    const bad = [], walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.parentElement || !visible(n.parentElement)) continue;
      for (const m of n.data.matchAll(/\S+/g)) {
        if (m[0].length > maxLen) continue;
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (tops.size > 1) bad.push(m[0]);
      }
    }
    return bad;
  };
  for (const b of document.querySelectorAll('main button, main a.button, main input[type=submit]')) {
    if (!visible(b)) continue;
    const words = broken(b, 1000);
    if (words.length) out.push('button "' + b.textContent.trim() + '" wraps inside ' + words.join(', '));
  }
  const main = document.querySelector('main');
  const split = main ? broken(main, 24) : [];
  if (split.length) out.push('words broken across lines: ' + [...new Set(split)].slice(0, 8).join(', '));
  for (const t of document.querySelectorAll('main table')) {
    if (!visible(t) || t.getBoundingClientRect().width <= vw + 1) continue;
    let box = t.parentElement;
    while (box && box !== main && !/auto|scroll/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
    const what = 'table ' + (t.id || t.className || (t.querySelector('th') || {}).textContent || '');
    if (!box || box === main || box.getBoundingClientRect().width > vw + 1) { out.push(what + ' is wider than the screen and not in a scroll box'); continue; }
    const hint = [box, box.parentElement].some(el => [...el.querySelectorAll('.scroll-hint, caption')].some(h => visible(h) && /Vuốt ngang|Swipe/.test(h.textContent)));
    if (!hint) out.push(what + ' scrolls sideways without a visible hint');
  }
  if (document.documentElement.scrollWidth > vw + 1) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px');
  return out;
})()`

// TestBrowserPhoneLayout: at 390×844 the main pages have no button wrapping
// inside a word, no name broken mid-word and no table wider than the
// screen without a hint that it scrolls.
func TestBrowserPhoneLayout(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ctx := kehoachtest.Browser(t, 2*time.Minute)
	b := &browserUser{t: t, ctx: ctx, base: f.srv.URL}
	b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	plan := "/plans/" + f.plan.ID
	report := finalReport(t, f, "u-thanhtra")
	obstacles, err := f.db.FindObstacles(t.Context(), kehoach.ObstacleFilter{PlanID: &f.plan.ID})
	if err != nil || len(obstacles) == 0 {
		t.Fatalf("the demo's obstacles: %v", err)
	}
	shots := os.Getenv("KEHOACH_SCREENSHOTS")
	check := func(path string) {
		t.Helper()
		b.do(chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS("main")))
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](phoneLayoutCheck))
		if err != nil {
			t.Fatalf("as %s on %s: %v", b.who, path, err)
		}
		for _, p := range problems {
			t.Errorf("as %s on %s: %s", b.who, path, p)
		}
		if shots != "" {
			if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
				name := b.who + strings.NewReplacer("/", "_", "?", "_").Replace(path) + ".png"
				_ = os.WriteFile(filepath.Join(shots, name), png, 0o644)
			}
		}
	}
	// A unit head that has not acknowledged the plan yet.
	b.loginAs("thanhtra")
	for _, p := range []string{"/", plan, report, plan + "/obstacles", "/obstacles", "/notifications"} {
		check(p)
	}
	b.loginAs("vanphong")
	for _, p := range []string{"/", plan, plan + "/monitoring", report, "/obstacles?state=all", "/obstacles/" + obstacles[0].ID, "/notifications"} {
		check(p)
	}
	b.loginAs("giamdoc")
	for _, p := range []string{"/", plan + "/monitoring", "/obstacles"} {
		check(p)
	}
}
