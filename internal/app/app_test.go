package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/api"
	"github.com/kehoach/kehoach/internal/app"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

// fixture is a running kehoach over the demo data.
type fixture struct {
	t      testing.TB
	db     *sqlstore.DB
	plan   *kehoach.Plan
	srv    *httptest.Server
	spec   *openAPI
	client map[string]*http.Client
}

func newFixture(t testing.TB, engine string) *fixture {
	t.Helper()
	db, plan := kehoachtest.DraftDB(t, engine)
	return startFixture(t, db, plan)
}

func newDemoFixture(t testing.TB, engine string) *fixture {
	t.Helper()
	db, plan := kehoachtest.DemoDB(t, engine)
	return startFixture(t, db, plan)
}

func startFixture(t testing.TB, db *sqlstore.DB, plan *kehoach.Plan, opts ...app.Options) *fixture {
	t.Helper()
	return startLoggedFixture(t, db, plan, io.Discard, opts...)
}

// startLoggedFixture is startFixture with the request log written to logs.
func startLoggedFixture(t testing.TB, db *sqlstore.DB, plan *kehoach.Plan, logs io.Writer, opts ...app.Options) *fixture {
	t.Helper()
	var opt app.Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	h, err := app.NewHandler(ops.New(db, nil), slog.New(slog.NewTextHandler(logs, nil)), opt)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &fixture{t: t, db: db, plan: plan, srv: srv, spec: loadOpenAPI(t), client: map[string]*http.Client{}}
}

// as returns a client logged in as username ("" for anonymous).
func (f *fixture) as(username string) *http.Client {
	f.t.Helper()
	if c, ok := f.client[username]; ok {
		return c
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if username != "" {
		resp, err := c.PostForm(f.srv.URL+"/login", url.Values{"username": {username}, "password": {kehoachtest.DemoPassword}})
		if err != nil {
			f.t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			f.t.Fatalf("login %s: status %d", username, resp.StatusCode)
		}
	}
	f.client[username] = c
	return c
}

func (f *fixture) do(username, method, path, contentType string, body io.Reader, hdr map[string]string) (int, http.Header, string) {
	f.t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := f.as(username).Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestPages(t *testing.T) {
	f := newFixture(t, "sqlite")
	id := f.plan.ID
	tests := []httpCase{
		{name: "health", method: "GET", path: "/healthz", want: 200, contains: []string{"ok"}},
		{name: "login page", method: "GET", path: "/login", want: 200, contains: []string{`lang="vi"`, "Đăng nhập", `name="username"`}},
		{name: "home needs login", method: "GET", path: "/", want: 303},
		{name: "plans need login", method: "GET", path: "/plans", want: 303},
		{name: "wrong password", method: "POST", path: "/login", form: url.Values{"username": {"vanphong"}, "password": {"sai-mat-khau"}}, want: 401,
			contains: []string{"Tên đăng nhập hoặc mật khẩu không đúng.", `value="vanphong"`}},
		{name: "empty login", method: "POST", path: "/login", form: url.Values{"username": {""}, "password": {""}}, want: 400, contains: []string{"Nhập tên đăng nhập.", "Nhập mật khẩu."}},
		{name: "over-long username", method: "POST", path: "/login", form: url.Values{"username": {strings.Repeat("a", 150)}, "password": {"x"}}, want: 400, contains: []string{"dài quá 100 ký tự"}},
		{name: "cross-origin login refused", method: "POST", path: "/login", form: url.Values{"username": {"vanphong"}, "password": {kehoachtest.DemoPassword}},
			header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, want: 403},
		{name: "office home", user: "vanphong", method: "GET", path: "/", want: 200, contains: []string{"Lò Thị Hương", "Tháng hành động vì trẻ em"}},
		{name: "office plan list", user: "vanphong", method: "GET", path: "/plans", want: 200, contains: []string{"Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023", "Dự thảo"}},
		{name: "office plan page", user: "vanphong", method: "GET", path: "/plans/" + id, want: 200,
			contains: []string{"Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023", "MỤC ĐÍCH, YÊU CẦU", "TỔ CHỨC THỰC HIỆN", "Đào Tài Tuệ",
				"period-year-mismatch", "Lễ phát động", "Sở Lao động - Thương binh &amp; Xã hội", "Lịch sử thay đổi"}},
		{name: "office plan history", user: "vanphong", method: "GET", path: "/plans/" + id + "/history", want: 200, contains: []string{"Tạo kế hoạch"}},
		{name: "director plan page", user: "giamdoc", method: "GET", path: "/plans/" + id, want: 200, contains: []string{"Đào Tài Tuệ"}},
		{name: "unit head does not see a draft", user: "pkhtc", method: "GET", path: "/plans/" + id, want: 404, contains: []string{"Không tìm thấy trang"}},
		{name: "unit head plan list hides drafts", user: "pkhtc", method: "GET", path: "/plans", want: 200, contains: []string{"Chưa có kế hoạch nào."}, absent: []string{"Tháng hành động"}},
		{name: "unit head cannot see history", user: "pkhtc", method: "GET", path: "/plans/" + id + "/history", want: 404},
		{name: "unknown plan", user: "vanphong", method: "GET", path: "/plans/khong-co", want: 404, contains: []string{`lang="vi"`, "Không tìm thấy trang"}},
		{name: "unknown page", user: "vanphong", method: "GET", path: "/khong-co-trang-nay", want: 404, contains: []string{"Không tìm thấy trang"}},
		{name: "organisation", user: "pkhtc", method: "GET", path: "/org", want: 200, contains: []string{"Sở Giao thông vận tải", "Phòng Kế hoạch - Tài chính", "Trung tâm Đăng kiểm xe cơ giới"}, absent: []string{"@sogtvt"}},
		{name: "people for admin", user: "quantri", method: "GET", path: "/people", want: 200, contains: []string{"vanphong", "Thêm người dùng"}},
		{name: "people refused to unit head", user: "pkhtc", method: "GET", path: "/people", want: 403, contains: []string{"Không có quyền"}},
		{name: "new person refused to office", user: "vanphong", method: "GET", path: "/people/new", want: 403},
		{name: "invalid person keeps input", user: "quantri", method: "POST", path: "/people", form: url.Values{"username": {"Ab"}, "fullName": {"Nguyễn Văn Mới"}, "email": {"khong-hop-le"}, "unitId": {"u-pkhtc"}, "roles": {"staff"}, "password": {"12345678"}}, want: 400,
			contains: []string{`value="Nguyễn Văn Mới"`, "Địa chỉ thư điện tử không hợp lệ.", `value="khong-hop-le"`}},
		{name: "duplicate username", user: "quantri", method: "POST", path: "/people", form: url.Values{"username": {"pkhtc"}, "fullName": {"Trùng Tên"}, "unitId": {"u-pkhtc"}, "roles": {"staff"}, "password": {"12345678"}}, want: 409,
			contains: []string{"Tên đăng nhập đã được dùng.", `value="Trùng Tên"`}},
		{name: "create person", user: "quantri", method: "POST", path: "/people", form: url.Values{"username": {"nv2"}, "fullName": {"Lò Văn Hai"}, "unitId": {"u-pkhtc"}, "roles": {"staff"}, "password": {"12345678"}, "active": {"on"}}, want: 303},
		{name: "english", user: "vanphong", method: "GET", path: "/lang/en?next=/plans", want: 303},
	}
	f.expectAll(t, tests)
	// After switching, pages are in English.
	if _, _, got := f.do("vanphong", "GET", "/plans", "", nil, nil); !strings.Contains(got, "Log out") || !strings.Contains(got, `lang="en"`) {
		t.Error("English pages after switching")
	}
	// The new person logs in.
	if _, err := f.db.Authenticate(t.Context(), "nv2", "12345678", "127.0.0.1"); err != nil {
		t.Errorf("created person cannot log in: %v", err)
	}
}

func TestLogoutEndsSession(t *testing.T) {
	f := newFixture(t, "sqlite")
	if s, _, _ := f.do("vanphong", "GET", "/plans", "", nil, nil); s != 200 {
		t.Fatalf("before logout: %d", s)
	}
	if s, _, _ := f.do("vanphong", "POST", "/logout", "", nil, nil); s != 303 {
		t.Fatalf("logout: %d", s)
	}
	if s, _, _ := f.do("vanphong", "GET", "/plans", "", nil, nil); s != 303 {
		t.Fatalf("after logout: %d, want redirect to login", s)
	}
}

func TestAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newFixture(t, engine)
		ctx := t.Context()
		vp, _ := f.db.FindPersonByUsername(ctx, "vanphong")
		tok, err := f.db.CreateToken(ctx, vp.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		bearer := map[string]string{"Authorization": "Bearer " + tok}
		id := f.plan.ID
		tests := []httpCase{
			{name: "plans without credentials", method: "GET", path: "/api/v1/plans", want: 401, contains: []string{`"code":"unauthorized"`}},
			{name: "plans with a bad token", method: "GET", path: "/api/v1/plans", header: map[string]string{"Authorization": "Bearer nope"}, want: 401},
			{name: "plans with token", method: "GET", path: "/api/v1/plans", header: bearer, want: 200, contains: []string{"Triển khai Tháng hành động vì trẻ em năm 2023", `"id":"` + id}},
			{name: "plans with session", user: "vanphong", method: "GET", path: "/api/v1/plans", want: 200, contains: []string{`"total":1`}},
			{name: "plans filtered", user: "vanphong", method: "GET", path: "/api/v1/plans?status=closed", want: 200, contains: []string{`"total":0`}},
			{name: "plans bad filter", user: "vanphong", method: "GET", path: "/api/v1/plans?status=xyz", want: 400, contains: []string{"Trạng thái không hợp lệ"}},
			{name: "plan", method: "GET", path: "/api/v1/plans/" + id, header: bearer, want: 200, contains: []string{`"symbol":null`, `"number":"115"`, `"copies":16`}},
			{name: "plan unknown", method: "GET", path: "/api/v1/plans/nope", header: bearer, want: 404, contains: []string{`"code":"not_found"`}},
			{name: "draft hidden from unit head", user: "pkhtc", method: "GET", path: "/api/v1/plans/" + id, want: 404},
			{name: "plan list for unit head", user: "pkhtc", method: "GET", path: "/api/v1/plans", want: 200, contains: []string{`"total":0`}},
			{name: "audit for office", user: "vanphong", method: "GET", path: "/api/v1/plans/" + id + "/audit", want: 200, contains: []string{"plan.create"}},
			{name: "units", user: "pkhtc", method: "GET", path: "/api/v1/units", want: 200, contains: []string{"Văn phòng Sở"}},
			{name: "people refused to unit head", user: "pkhtc", method: "GET", path: "/api/v1/people", want: 403, contains: []string{`"code":"forbidden"`}},
			{name: "people for admin", user: "quantri", method: "GET", path: "/api/v1/people", want: 200, contains: []string{"giamdoc"}},
			{name: "me", user: "pkhtc", method: "GET", path: "/api/v1/me", want: 200, contains: []string{`"username":"pkhtc"`}},
			{name: "malformed JSON", user: "quantri", method: "POST", path: "/api/v1/people", json: `{"username": `, want: 400, contains: []string{"JSON không hợp lệ"}},
			{name: "unknown field", user: "quantri", method: "POST", path: "/api/v1/people", json: `{"user": "x"}`, want: 400, contains: []string{"Trường không được hỗ trợ"}},
			{name: "invalid person", user: "quantri", method: "POST", path: "/api/v1/people", json: `{"username":"x","fullName":"","unitId":"u-pkhtc","roles":["staff"],"password":"12345678"}`, want: 400, contains: []string{`"fields"`}},
			{name: "create person", user: "quantri", method: "POST", path: "/api/v1/people", json: `{"username":"api1","fullName":"Lò Văn Ba","unitId":"u-pkhtc","roles":["staff"],"password":"12345678"}`, want: 201, contains: []string{`"username":"api1"`}},
			{name: "create person refused to office", user: "vanphong", method: "POST", path: "/api/v1/people", json: `{"username":"api2","fullName":"X","unitId":"u-pkhtc","roles":["staff"],"password":"12345678"}`, want: 403},
			{name: "unknown route", user: "vanphong", method: "GET", path: "/api/v1/khong-co", want: 404},
		}
		for _, c := range tests {
			c.contentType = "application/json" // every API answer, refusals too
			t.Run(c.name, func(t *testing.T) { f.expect(t, c) })
		}
	})
}

// openAPI checks responses against the schemas the OpenAPI document gives.
type openAPI struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
}

func loadOpenAPI(t testing.TB) *openAPI {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(api.OpenAPI()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("file:///openapi.json", raw); err != nil {
		t.Fatal(err)
	}
	return &openAPI{doc: doc, compiler: c}
}

var paramRE = regexp.MustCompile(`\{[^}]+\}`)

func (o *openAPI) check(t *testing.T, method, path string, status int, body []byte) {
	t.Helper()
	path = strings.TrimPrefix(strings.SplitN(path, "?", 2)[0], "/api/v1")
	paths := o.doc["paths"].(map[string]any)
	for tmpl, item := range paths {
		re := regexp.MustCompile("^" + paramRE.ReplaceAllString(tmpl, `[^/]+`) + "$")
		if !re.MatchString(path) {
			continue
		}
		op, ok := item.(map[string]any)[strings.ToLower(method)].(map[string]any)
		if !ok {
			t.Errorf("OpenAPI: %s %s is not documented", method, tmpl)
			return
		}
		resp, ok := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
		if !ok {
			t.Errorf("OpenAPI: %s %s does not document status %d", method, tmpl, status)
			return
		}
		ref := resp["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)["$ref"].(string)
		sch, err := o.compiler.Compile("file:///openapi.json" + ref)
		if err != nil {
			t.Fatalf("compile %s: %v", ref, err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("response is not JSON: %v", err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("response does not match %s: %v", ref, err)
		}
		return
	}
	if status != 404 {
		t.Errorf("OpenAPI: no path for %s", path)
	}
}

// TestOpenAPICheckerRejects makes sure the schema check can fail.
func TestOpenAPICheckerRejects(t *testing.T) {
	o := loadOpenAPI(t)
	sch, err := o.compiler.Compile("file:///openapi.json#/components/schemas/PlanList")
	if err != nil {
		t.Fatal(err)
	}
	v, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"plans":[{"id":"x"}]}`))
	if sch.Validate(v) == nil {
		t.Fatal("a plan list without total and with an incomplete plan passed the schema")
	}
}
