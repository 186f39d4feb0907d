package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// benchPassword is the password of the demo accounts in the harness's data.
const benchPassword = "Bench-pass-2026"

// measureEngine measures the limit and kehoach on one engine.
func measureEngine(ctx context.Context, o options, e engine, work string) (engineReport, error) {
	rep := engineReport{engine: e.name}
	l := load{clients: o.clients, warmup: o.warmup, measure: o.measure, client: newClient(o.clients)}
	defer l.client.CloseIdleConnections()

	// 1. The limit.
	limitDSN := filepath.Join(work, e.name+"-limit.db")
	dbArgs := []string{"--data", filepath.Join(work, e.name+"-kehoach")}
	if e.server != "" {
		name := fmt.Sprintf("kh_bench_limit_%d", os.Getpid())
		u, err := createDatabase(ctx, e.server, name)
		if err != nil {
			return rep, err
		}
		defer dropDatabase(e.server, name)
		limitDSN = u
		kname := fmt.Sprintf("kh_bench_%d", os.Getpid())
		ku, err := createDatabase(ctx, e.server, kname)
		if err != nil {
			return rep, err
		}
		defer dropDatabase(e.server, kname)
		dbArgs = append(dbArgs, "--db", ku)
	}
	self, err := os.Executable()
	if err != nil {
		return rep, err
	}
	addr, err := freeAddr()
	if err != nil {
		return rep, err
	}
	o.logf("%s: limit server", e.name)
	lim, err := start(ctx, addr, "/hello", filepath.Join(work, e.name+"-limit.log"),
		[]string{envLimitAddr + "=" + addr, envLimitDSN + "=" + limitDSN, envLimitSync + "=" + limitSync(e)}, self)
	if err != nil {
		return rep, err
	}
	rep.limitIdleKB, _ = lim.rss()
	insert := l.run(ctx, "limit: one INSERT per request", func(int) (*http.Request, func(), error) {
		req, err := http.NewRequest("POST", lim.base+"/submit", strings.NewReader(limitBody))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, nil, err
	})
	hello := l.run(ctx, "limit: bare GET", func(int) (*http.Request, func(), error) {
		req, err := http.NewRequest("GET", lim.base+"/hello", nil)
		return req, nil, err
	})
	_, rep.limitPeakKB = lim.rss()
	lim.stop()
	rep.limit = []result{insert, hello}

	// 2. kehoach's data.
	env := []string{"KEHOACH_REMINDERS=off"}
	if e.durable {
		env = append(env, "KEHOACH_DURABLE=1")
	}
	if o.scale == "province" {
		o.logf("%s: building the province", e.name)
		if err := buildProvince(ctx, o, dbArgs); err != nil {
			return rep, err
		}
	} else {
		o.logf("%s: loading the demo", e.name)
		daddr, err := freeAddr()
		if err != nil {
			return rep, err
		}
		d, err := start(ctx, daddr, "/healthz", filepath.Join(work, e.name+"-demo.log"), env, o.kehoach,
			append([]string{"demo", "--addr", daddr, "--demo-password", benchPassword}, dbArgs...)...)
		if err != nil {
			return rep, err
		}
		d.stop()
	}

	// 3. kehoach serving it, measured from a fresh start.
	kaddr, err := freeAddr()
	if err != nil {
		return rep, err
	}
	o.logf("%s: kehoach", e.name)
	kh, err := start(ctx, kaddr, "/healthz", filepath.Join(work, e.name+"-kehoach.log"), env, o.kehoach,
		append([]string{"serve", "--addr", kaddr}, dbArgs...)...)
	if err != nil {
		return rep, err
	}
	defer kh.stop()
	sleep(ctx, 2*time.Second)
	rep.idleKB, _ = kh.rss()
	s, err := setUp(ctx, o, kh.base, dbArgs)
	if err != nil {
		return rep, err
	}
	rep.obligationsOpen = len(s.open)
	for _, sc := range s.scenarios(o) {
		if !wanted(o.only, sc.key) {
			continue
		}
		if sc.skip != "" {
			rep.kehoach = append(rep.kehoach, result{name: sc.name, skipped: sc.skip})
			continue
		}
		o.logf("%s: %s", e.name, sc.name)
		r := l.run(ctx, sc.name, sc.next)
		r.limitRPS = hello.rps()
		if sc.write {
			r.limitRPS = insert.rps()
		}
		rep.kehoach = append(rep.kehoach, r)
	}
	if o.scale == "province" {
		a, err := s.aggregate(ctx, o, dbArgs)
		if err != nil {
			return rep, err
		}
		rep.aggregate = a
	}
	_, rep.peakKB = kh.rss()
	return rep, ctx.Err()
}

func wanted(only, key string) bool {
	if only == "" {
		return true
	}
	return slices.Contains(strings.Split(only, ","), key)
}

// obligation is an open report obligation and the token of its unit's head.
type obligation struct {
	id, unit, token string
}

// setup is what the scenarios need: the base URL, the Office's token, the
// plan to read and the open report obligations with their units' tokens.
type setup struct {
	base    string
	office  string
	plan    string
	open    []obligation
	rollup  string // a roll-up URL path that answers 200, or ""
	rollTok string
	query   string
	client  *http.Client
}

// kehoachCLI runs the kehoach binary and returns its output.
func kehoachCLI(ctx context.Context, bin string, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("kehoach %s: %v: %s", args[0], err, out)
	}
	return string(out), nil
}

// token creates an API token for username through the command line.
func token(ctx context.Context, bin, username string, dbArgs []string) (string, error) {
	out, err := kehoachCLI(ctx, bin, append([]string{"token", "create", "--user", username}, dbArgs...)...)
	if err != nil {
		return "", err
	}
	f := strings.Fields(strings.TrimSpace(out))
	if len(f) == 0 {
		return "", fmt.Errorf("token create printed nothing")
	}
	return f[len(f)-1], nil
}

// getJSON reads the JSON answer of GET path with a bearer token.
func (s *setup) getJSON(ctx context.Context, path, tok string, v any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", s.base+path, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return resp.StatusCode, nil
	}
	return 200, json.NewDecoder(resp.Body).Decode(v)
}

// planRow is a plan as the API lists it.
type planRow struct {
	ID           string  `json:"id"`
	Status       string  `json:"status"`
	ParentPlanID *string `json:"parentPlanId"`
}

// setUp finds the plan with the most open report obligations, creates a
// token for the Office and for each unit head, and looks for a roll-up.
func setUp(ctx context.Context, o options, base string, dbArgs []string) (*setup, error) {
	s := &setup{base: base, client: newClient(o.clients), query: "trẻ em"}
	if o.scale == "province" {
		s.query = "tuyên truyền"
	}
	var err error
	if s.office, err = token(ctx, o.kehoach, "vanphong", dbArgs); err != nil {
		return nil, err
	}
	var plans struct {
		Plans []planRow `json:"plans"`
	}
	if _, err := s.getJSON(ctx, "/api/v1/plans", s.office, &plans); err != nil {
		return nil, err
	}
	var people struct {
		People []struct {
			Username string   `json:"username"`
			UnitID   string   `json:"unitId"`
			Roles    []string `json:"roles"`
			Active   bool     `json:"active"`
		} `json:"people"`
	}
	if _, err := s.getJSON(ctx, "/api/v1/people", s.office, &people); err != nil {
		return nil, err
	}
	heads := map[string]string{}
	for _, p := range people.People {
		if p.Active && slices.Contains(p.Roles, "unit_head") && heads[p.UnitID] == "" {
			heads[p.UnitID] = p.Username
		}
	}
	tokens := map[string]string{}
	for _, p := range plans.Plans {
		var obl struct {
			Obligations []struct {
				ID     string `json:"id"`
				Kind   string `json:"kind"`
				Status string `json:"status"`
				Unit   struct {
					ID string `json:"id"`
				} `json:"unit"`
			} `json:"obligations"`
		}
		if code, err := s.getJSON(ctx, "/api/v1/plans/"+p.ID+"/obligations", s.office, &obl); err != nil || code != 200 {
			continue
		}
		var open []obligation
		for _, ob := range obl.Obligations {
			if ob.Kind != "final" && ob.Kind != "progress" || ob.Status == "accepted" || ob.Status == "submitted" {
				continue
			}
			user := heads[ob.Unit.ID]
			if user == "" {
				continue
			}
			open = append(open, obligation{id: ob.ID, unit: ob.Unit.ID, token: user})
		}
		if len(open) > len(s.open) {
			s.plan, s.open = p.ID, open
		}
		if s.plan != "" && o.scale == "province" {
			break // the first agency's plan is the one measured
		}
	}
	if s.plan == "" {
		return nil, fmt.Errorf("no plan with an open report obligation")
	}
	if len(s.open) > 200 {
		s.open = s.open[:200]
	}
	for i, ob := range s.open {
		if tokens[ob.token] == "" {
			t, err := token(ctx, o.kehoach, ob.token, dbArgs)
			if err != nil {
				return nil, err
			}
			tokens[ob.token] = t
		}
		s.open[i].token = tokens[ob.token]
	}
	// The roll-up, where the build has it: the superior's view over the
	// plans that carry out its plan.
	sup, _ := token(ctx, o.kehoach, "sldtbxh", dbArgs)
	parents := map[string]bool{}
	for _, p := range plans.Plans {
		if p.ParentPlanID != nil {
			parents[*p.ParentPlanID] = true
		}
	}
	// A plan others implement first.
	slices.SortStableFunc(plans.Plans, func(a, b planRow) int {
		return cmpBool(parents[b.ID], parents[a.ID])
	})
	for _, p := range plans.Plans {
		for _, tok := range []string{s.office, sup} {
			var any json.RawMessage
			if code, err := s.getJSON(ctx, "/api/v1/plans/"+p.ID+"/rollup", tok, &any); err == nil && code == 200 {
				s.rollup, s.rollTok = "/api/v1/plans/"+p.ID+"/rollup", tok
				break
			}
		}
		if s.rollup != "" {
			break
		}
	}
	return s, nil
}

// scenario is one measured load.
type scenario struct {
	key, name string
	write     bool
	skip      string
	next      request
}

const saveBody = `{"results":"Đã tuyên truyền tại 02 buổi sinh hoạt chuyên đề","values":{}}`

func (s *setup) req(method, path, tok, body string) (*http.Request, error) {
	var req *http.Request
	var err error
	if body == "" {
		req, err = http.NewRequest(method, s.base+path, nil)
	} else {
		req, err = http.NewRequest(method, s.base+path, strings.NewReader(body))
	}
	if err != nil {
		return nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	return req, nil
}

// scenarios lists the loads in the order they run.
func (s *setup) scenarios(o options) []scenario {
	var n atomic.Int64
	one := s.open[0]
	// Each open obligation is submitted by one client at a time, then
	// returned by the Office (untimed) so that it can be submitted again.
	free := make(chan obligation, len(s.open))
	for _, ob := range s.open {
		free <- ob
	}
	q := "?q=" + url.QueryEscape(s.query)
	rollSkip := ""
	if s.rollup == "" {
		rollSkip = "no roll-up route in this build (GET /api/v1/plans/{id}/rollup)"
	}
	return []scenario{
		{key: "save-one", name: "report save, all clients on one unit's report (PUT /api/v1/obligations/{id}/report)", write: true,
			next: func(int) (*http.Request, func(), error) {
				r, err := s.req("PUT", "/api/v1/obligations/"+one.id+"/report", one.token, saveBody)
				return r, nil, err
			}},
		{key: "save-spread", name: fmt.Sprintf("report save, spread over %d open reports", len(s.open)), write: true,
			next: func(int) (*http.Request, func(), error) {
				ob := s.open[int(n.Add(1))%len(s.open)]
				r, err := s.req("PUT", "/api/v1/obligations/"+ob.id+"/report", ob.token, saveBody)
				return r, nil, err
			}},
		{key: "submit", name: fmt.Sprintf("report submit (%d reports, each returned untimed after)", len(s.open)), write: true,
			next: func(int) (*http.Request, func(), error) {
				ob := <-free
				r, err := s.req("PUT", "/api/v1/obligations/"+ob.id+"/report", ob.token,
					`{"results":"Đã tuyên truyền tại 02 buổi sinh hoạt chuyên đề","values":{},"submit":true}`)
				if err != nil {
					free <- ob
					return nil, nil, err
				}
				return r, func() {
					if back, err := s.req("POST", "/api/v1/obligations/"+ob.id+"/review", s.office, `{"accept":false,"reason":"Bổ sung số liệu"}`); err == nil {
						if resp, err := s.client.Do(back); err == nil {
							resp.Body.Close()
						}
					}
					free <- ob
				}, nil
			}},
		{key: "monitoring-page", name: "monitoring page (HTML)", next: s.get("/plans/"+s.plan+"/monitoring", s.office)},
		{key: "monitoring-api", name: "monitoring API", next: s.get("/api/v1/plans/"+s.plan+"/monitoring", s.office)},
		{key: "public", name: "public page (anonymous)", next: s.get("/public/plans/"+s.plan, "")},
		{key: "search", name: "search API (q=" + s.query + ")", next: s.get("/api/v1/search"+q, s.office)},
		{key: "rollup", name: "roll-up API", skip: rollSkip, next: s.get(s.rollup, s.rollTok)},
	}
}

func (s *setup) get(path, tok string) request {
	return func(int) (*http.Request, func(), error) {
		r, err := s.req("GET", path, tok, "")
		return r, nil, err
	}
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
