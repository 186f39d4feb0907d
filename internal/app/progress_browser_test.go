package app_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestProgressOnPhoneAndPaper: at 390 px wide the Director's plan page and
// monitoring page fit the screen, with bars wide enough to read and their
// values in view; printed, navigation, forms and buttons are gone, text is
// black on white and the charts stay.
func TestProgressOnPhoneAndPaper(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ctx := kehoachtest.Browser(t, 2*time.Minute)
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 2, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	b := &browserUser{t: t, ctx: ctx, base: f.srv.URL}
	b.loginAs("giamdoc")
	type layout struct {
		PageWidth, MinBar, MaxValueRight float64
		Bars                             int
	}
	const measure = `(() => {
		const bars = [...document.querySelectorAll('#progress .bar-svg')].map(e => e.getBoundingClientRect().width);
		const vals = [...document.querySelectorAll('#progress .bar-value')].map(e => e.getBoundingClientRect().right);
		return {PageWidth: document.documentElement.scrollWidth, Bars: bars.length, MinBar: Math.min(...bars), MaxValueRight: Math.max(...vals)};
	})()`
	type printed struct {
		Header, Form, Body, Background, Progress string
	}
	const printStyles = `(() => {
		const cs = s => { const e = document.querySelector(s); return e ? getComputedStyle(e) : {display: 'absent'}; };
		return {Header: cs('header.top').display, Form: cs('main form').display, Body: cs('body').color, Background: cs('body').backgroundColor, Progress: cs('#progress').display};
	})()`
	for _, path := range []string{"/plans/" + f.plan.ID, "/plans/" + f.plan.ID + "/monitoring"} {
		b.do(chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.ID("progress")))
		l, err := chromedp.Run(ctx, chromedp.Evaluate[layout](measure))
		if err != nil {
			t.Fatal(err)
		}
		if l.Bars == 0 || l.PageWidth > 390 || l.MinBar < 40 || l.MaxValueRight > 390 {
			t.Errorf("%s at 390 px: %+v", path, l)
		}
		if dir := os.Getenv("KEHOACH_SCREENSHOTS"); dir != "" {
			if shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("progress"))); err == nil {
				_ = os.WriteFile(filepath.Join(dir, filepath.Base(path)+"-390.png"), shot, 0o644)
			}
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		p, err := chromedp.Run(ctx, chromedp.Evaluate[printed](printStyles))
		if err != nil {
			t.Fatal(err)
		}
		if p.Header != "none" || (p.Form != "none" && p.Form != "absent") || p.Body != "rgb(0, 0, 0)" || p.Background != "rgb(255, 255, 255)" || p.Progress == "none" {
			t.Errorf("%s printed: %+v", path, p)
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
			t.Fatal(err)
		}
	}
}
