package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestEndToEndImportPlan has the Office upload the seed plan through the
// import form in a real Chromium (with its upload-progress script), see the
// period-year warning marked in the source, assign the proposed tasks to
// units, save, and land on the draft plan that shows the chosen units.
func TestEndToEndImportPlan(t *testing.T) {
	seed, err := filepath.Abs(filepath.Join("testdata", "ke-hoach-thang-hanh-dong-vi-tre-em-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	base := startDemo(t)
	ctx := kehoachtest.Browser(t, 120*time.Second)

	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/plans"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "vanphong"),
		chromedp.SendKeys(chromedp.ID("password"), "mat-khau-e2e"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.ID("import-link")),
		chromedp.Click(chromedp.ID("import-link")),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{seed}),
		chromedp.Click(chromedp.CSS(`#import-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("ol.source li.marked")),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(ctx, "import-review.png")

	// The warning sits on the line of item I.3, which holds the 2022 period.
	marked, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`ol.source li.marked .line-warning[data-code="period-year-mismatch"]`)))
	if err != nil || !strings.Contains(marked, "khác năm 2023") {
		t.Errorf("period-year warning not marked: %q (%v)", marked, err)
	}
	line, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`ol.source li.marked .tx`)))
	if err != nil || !strings.Contains(line, "30 tháng 6 năm 2022") {
		t.Errorf("marked line %q (%v)", line, err)
	}
	// III.2 (task 5) names the Office and II.2 (task 1) the website,
	// preselected; III.1 (task 4) and the activities naming no unit are
	// left to choose.
	for id, want := range map[string]string{"task-5-lead": "u-vp", "task-1-lead": "u-website", "task-4-lead": "", "task-0-lead": ""} {
		got, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(id)))
		if err != nil || got != want {
			t.Errorf("%s preselected %q (%v), want %q", id, got, err, want)
		}
	}

	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("task-4-lead"), "u-pkhtc"),
		chromedp.Click(chromedp.ID("task-4-support-u-ttdk")),
		chromedp.SetValue(chromedp.ID("task-4-due"), "15/06/2023"),
		chromedp.Click(chromedp.ID("task-5-support-u-website")),
		chromedp.Click(chromedp.ID("save-import")),
		chromedp.WaitVisible(chromedp.CSS("article.plan h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(ctx, "import-saved.png")
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.HasPrefix(url, base+"/plans/") {
		t.Fatalf("after saving at %q (%v)", url, err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("article.plan .status")))
	if err != nil || strings.TrimSpace(status) != "Dự thảo" {
		t.Errorf("status %q (%v)", status, err)
	}
	tasks, err := chromedp.Run(ctx, chromedp.Text(chromedp.Search(`//h2[.="Nhiệm vụ đề xuất"]/following-sibling::table[1]`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"→ Phòng Kế hoạch - Tài chính", "→ Trung tâm Đăng kiểm xe cơ giới", "→ Văn phòng Sở", "→ Trang thông tin điện tử của Sở", "15/06/2023"} {
		if !strings.Contains(tasks, want) {
			t.Errorf("the tasks table lacks %q:\n%s", want, tasks)
		}
	}
}
