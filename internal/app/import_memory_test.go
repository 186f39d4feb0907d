package app_test

import (
	"bufio"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kehoach/kehoach/internal/kehoachtest/bigplan"
)

// uploadBig uploads a generated plan of about size bytes as the client c,
// streaming the body, and returns the status and the review's address.
func uploadBig(t testing.TB, c *http.Client, base string, size int) (int, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, err := mw.CreateFormFile("file", "ke-hoach-lon.txt")
		if err == nil {
			err = bigplan.Write(fw, size)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", base+"/plans/import", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// get returns the status and the size of the page at path.
func getSize(t testing.TB, c *http.Client, url string) (int, int64) {
	resp, err := c.Get(url)
	if err != nil {
		t.Error(err)
		return 0, 0
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, n
}

// TestPlanImportLargeReviewBounded: the review of a large document, and its
// form sent back with a problem, show one page of it, not the whole source.
func TestPlanImportLargeReviewBounded(t *testing.T) {
	f := newFixture(t, "sqlite")
	const size = 2 << 20
	status, review := uploadBig(t, f.as("vanphong"), f.srv.URL, size)
	if status != 303 || !strings.HasPrefix(review, "/plans/import/review/") {
		t.Fatalf("upload: %d %q", status, review)
	}
	if status, n := getSize(t, f.as("vanphong"), f.srv.URL+review); status != 200 || n > size/4 {
		t.Errorf("review page: %d, %d bytes for a source of %d", status, n, size)
	}
	ct, body := multipartBody(t, url.Values{"title": {""}, "task.0.lead": {"u-vp"}}, "", nil)
	status, _, page := f.do("vanphong", "POST", review, ct, body, nil)
	// The problem is said whatever field it names (the source of a plan
	// has its own bound).
	if status != 400 || (!strings.Contains(page, "không được để trống") && !strings.Contains(page, "dài quá")) {
		t.Errorf("save without a title: %d %s", status, regexp.MustCompile(`class="problem[^>]*>[^<]*`).FindAllString(page, -1))
	}
	if len(page) > size/4 {
		t.Errorf("save without a title answered %d bytes for a source of %d", len(page), size)
	}
	if !strings.Contains(page, `name="taskFrom" value="0"`) || !strings.Contains(page, `&amp;src=400#source`) {
		t.Error("the page does not offer the other pages")
	}

	// A correction on the second page of tasks is kept with those of the
	// first.
	ct, body = multipartBody(t, url.Values{"action": {"keep"}, "title": {"Tên đã sửa"}, "taskFrom": {"50"}, "task.50.due": {"01/12/2023"}, "task.0.due": {"02/12/2023"}}, "", nil)
	if status, _, _ := f.do("vanphong", "POST", review, ct, body, nil); status != 303 {
		t.Fatalf("keep: %d", status)
	}
	_, _, page = f.do("vanphong", "GET", review+"?tasks=50", "", nil, nil)
	if !strings.Contains(page, `name="task.50.due" value="01/12/2023"`) || strings.Contains(page, `name="task.0.due"`) {
		t.Error("the second page does not show its kept correction alone")
	}
	_, _, page = f.do("vanphong", "GET", review, "", nil, nil)
	if strings.Contains(page, `value="02/12/2023"`) {
		t.Error("a correction sent for a task of another page was taken")
	}
}

// TestImportPeakMemory runs four imports of 19 MB at once in a child
// process (upload, review page, save without a title) and reports its peak
// resident memory. It runs when KEHOACH_IMPORT_MEMORY=1; the goal is under
// 300 MB.
func TestImportPeakMemory(t *testing.T) {
	if os.Getenv("KEHOACH_IMPORT_MEMORY_CHILD") == "1" {
		importMemoryChild(t)
		return
	}
	if os.Getenv("KEHOACH_IMPORT_MEMORY") != "1" {
		t.Skip("set KEHOACH_IMPORT_MEMORY=1 to measure")
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestImportPeakMemory$", "-test.v")
	cmd.Env = append(os.Environ(), "KEHOACH_IMPORT_MEMORY_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	peak := -1
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(l)
		if i := strings.Index(l, "import-peak-rss-mb="); i >= 0 {
			peak, _ = strconv.Atoi(strings.Fields(l[i+len("import-peak-rss-mb="):])[0])
		}
		if strings.Contains(l, "import:") {
			t.Log(l)
		}
	}
	t.Logf("peak RSS of four 19 MB imports at once: %d MB", peak)
	if peak < 0 || peak >= 300 {
		t.Errorf("peak RSS %d MB, want < 300", peak)
	}
}

func importMemoryChild(t *testing.T) {
	f := newFixture(t, "sqlite")
	c := f.as("vanphong")
	if p := os.Getenv("KEHOACH_IMPORT_HEAP"); p != "" {
		go func() {
			var best uint64
			var last uint32
			for {
				time.Sleep(2 * time.Millisecond)
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				if m.NumGC != last {
					last = m.NumGC
					if m.HeapAlloc > best {
						best = m.HeapAlloc
						f, _ := os.Create(p)
						pprof.WriteHeapProfile(f)
						f.Close()
					}
				}
			}
		}()
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Busy answers are retried, as the page asks.
			status, review := uploadBig(t, c, f.srv.URL, 19<<20)
			line := fmt.Sprintf("import: %d upload %d", i, status)
			for try := 0; status == http.StatusTooManyRequests && try < 10; try++ {
				time.Sleep(2 * time.Second)
				status, review = uploadBig(t, c, f.srv.URL, 19<<20)
				line += fmt.Sprintf(", again %d", status)
			}
			if status == 303 {
				s, n := getSize(t, c, f.srv.URL+review)
				line += fmt.Sprintf(", review %d (%d KB)", s, n>>10)
				ct, body := multipartBody(t, url.Values{"title": {""}}, "", nil)
				req, _ := http.NewRequest("POST", f.srv.URL+review, body)
				req.Header.Set("Content-Type", ct)
				if resp, err := c.Do(req); err == nil {
					n, _ := io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					line += fmt.Sprintf(", save without title %d (%d KB)", resp.StatusCode, n>>10)
				}
			}
			t.Log(line)
		}()
	}
	wg.Wait()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("import: go heap sys %d MB, go sys %d MB, gcs %d", ms.HeapSys>>20, ms.Sys>>20, ms.NumGC)
	st, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sc := bufio.NewScanner(st)
	for sc.Scan() {
		if kb, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.Fields(kb)[0])
			t.Logf("import-peak-rss-mb=%d", n>>10)
		}
	}
}
