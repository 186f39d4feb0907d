package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// load is one load run's settings: how many clients, how long to warm up
// (requests then are not counted) and how long to measure.
type load struct {
	clients int
	warmup  time.Duration
	measure time.Duration
	client  *http.Client
}

// request builds the next request of client w; it may return a function
// to run after the response (untimed, not counted) — the submit scenario
// returns each submitted report so that it can be submitted again.
type request func(w int) (*http.Request, func(), error)

// result is what one scenario measured.
type result struct {
	name     string
	requests int64
	errors   int64
	elapsed  time.Duration
	p50, p99 time.Duration
	firstErr string
	skipped  string // why the scenario did not run
	limitRPS float64
}

func (r result) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

// newClient returns an HTTP client that keeps one connection per load
// client open.
func newClient(clients int) *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        clients * 2,
			MaxIdleConnsPerHost: clients * 2,
			MaxConnsPerHost:     clients * 2,
			DisableCompression:  true,
			IdleConnTimeout:     time.Minute,
		},
	}
}

// run drives next from l.clients goroutines: first for l.warmup, then for
// l.measure, counting the requests started in the second part. A response is an error when
// it is not 2xx or 304, or when the request fails.
func (l load) run(ctx context.Context, name string, next request) result {
	var measuring atomic.Bool
	var stop atomic.Bool
	var mu sync.Mutex
	var all []time.Duration
	var requests, errs, lastEnd atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for w := 0; w < l.clients; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			for !stop.Load() && ctx.Err() == nil {
				req, after, err := next(w)
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					time.Sleep(10 * time.Millisecond)
					continue
				}
				counted := measuring.Load()
				start := time.Now()
				resp, err := l.client.Do(req.WithContext(ctx))
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotModified {
						err = fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
					}
				}
				took := time.Since(start)
				if after != nil {
					after()
				}
				// A request started in the window counts even when it ends
				// after it (slow pages would otherwise read 0/s); the
				// window then runs until the last of them ends.
				if !counted {
					continue
				}
				for end := start.Add(took).UnixNano(); ; {
					last := lastEnd.Load()
					if end <= last || lastEnd.CompareAndSwap(last, end) {
						break
					}
				}
				requests.Add(1)
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				lat = append(lat, took)
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}(w)
	}
	sleep(ctx, l.warmup)
	measuring.Store(true)
	start := time.Now()
	sleep(ctx, l.measure)
	measuring.Store(false)
	elapsed := time.Since(start)
	stop.Store(true)
	wg.Wait()
	if last := time.Unix(0, lastEnd.Load()); last.Sub(start) > elapsed {
		elapsed = last.Sub(start)
	}
	r := result{name: name, requests: requests.Load(), errors: errs.Load(), elapsed: elapsed}
	if s, ok := firstErr.Load().(string); ok {
		r.firstErr = s
	}
	slices.Sort(all)
	if n := len(all); n > 0 {
		r.p50 = all[n*50/100]
		r.p99 = all[min(n-1, n*99/100)]
	}
	return r
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
