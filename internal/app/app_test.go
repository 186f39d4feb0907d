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
	var opt app.Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	h, err := app.NewHandler(ops.New(db, nil), slog.New(slog.NewTextHandler(io.Discard, nil)), opt)
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
	tests := []struct {
		name, user, method, path string
		form                     url.Values
		header                   map[string]string
		want                     int
		contains, absent         []string
	}{
		{"health", "", "GET", "/healthz", nil, nil, 200, []string{"ok"}, nil},
		{"login page", "", "GET", "/login", nil, nil, 200, []string{`lang="vi"`, "Đăng nhập", `name="username"`}, nil},
		{"home needs login", "", "GET", "/", nil, nil, 303, nil, nil},
		{"plans need login", "", "GET", "/plans", nil, nil, 303, nil, nil},
		{"wrong password", "", "POST", "/login", url.Values{"username": {"vanphong"}, "password": {"sai-mat-khau"}}, nil, 401,
			[]string{"Tên đăng nhập hoặc mật khẩu không đúng.", `value="vanphong"`}, nil},
		{"empty login", "", "POST", "/login", url.Values{"username": {""}, "password": {""}}, nil, 400, []string{"Nhập tên đăng nhập.", "Nhập mật khẩu."}, nil},
		{"over-long username", "", "POST", "/login", url.Values{"username": {strings.Repeat("a", 150)}, "password": {"x"}}, nil, 400, []string{"dài quá 100 ký tự"}, nil},
		{"cross-origin login refused", "", "POST", "/login", url.Values{"username": {"vanphong"}, "password": {kehoachtest.DemoPassword}},
			map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403, nil, nil},
		{"office home", "vanphong", "GET", "/", nil, nil, 200, []string{"Lò Thị Hương", "Tháng hành động vì trẻ em"}, nil},
		{"office plan list", "vanphong", "GET", "/plans", nil, nil, 200, []string{"Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023", "Dự thảo"}, nil},
		{"office plan page", "vanphong", "GET", "/plans/" + id, nil, nil, 200,
			[]string{"Kế hoạch triển khai Tháng hành động vì trẻ em năm 2023", "MỤC ĐÍCH, YÊU CẦU", "TỔ CHỨC THỰC HIỆN", "Đào Tài Tuệ",
				"period-year-mismatch", "Lễ phát động", "Sở Lao động - Thương binh &amp; Xã hội", "Lịch sử thay đổi"}, nil},
		{"office plan history", "vanphong", "GET", "/plans/" + id + "/history", nil, nil, 200, []string{"Tạo kế hoạch"}, nil},
		{"director plan page", "giamdoc", "GET", "/plans/" + id, nil, nil, 200, []string{"Đào Tài Tuệ"}, nil},
		{"unit head does not see a draft", "pkhtc", "GET", "/plans/" + id, nil, nil, 404, []string{"Không tìm thấy trang"}, nil},
		{"unit head plan list hides drafts", "pkhtc", "GET", "/plans", nil, nil, 200, []string{"Chưa có kế hoạch nào."}, []string{"Tháng hành động"}},
		{"unit head cannot see history", "pkhtc", "GET", "/plans/" + id + "/history", nil, nil, 404, nil, nil},
		{"unknown plan", "vanphong", "GET", "/plans/khong-co", nil, nil, 404, []string{`lang="vi"`, "Không tìm thấy trang"}, nil},
		{"unknown page", "vanphong", "GET", "/khong-co-trang-nay", nil, nil, 404, []string{"Không tìm thấy trang"}, nil},
		{"organisation", "pkhtc", "GET", "/org", nil, nil, 200, []string{"Sở Giao thông vận tải", "Phòng Kế hoạch - Tài chính", "Trung tâm Đăng kiểm xe cơ giới"}, []string{"@sogtvt"}},
		{"people for admin", "quantri", "GET", "/people", nil, nil, 200, []string{"vanphong", "Thêm người dùng"}, nil},
		{"people refused to unit head", "pkhtc", "GET", "/people", nil, nil, 403, []string{"Không có quyền"}, nil},
		{"new person refused to office", "vanphong", "GET", "/people/new", nil, nil, 403, nil, nil},
		{"invalid person keeps input", "quantri", "POST", "/people", url.Values{"username": {"Ab"}, "fullName": {"Nguyễn Văn Mới"}, "email": {"khong-hop-le"}, "unitId": {"u-pkhtc"}, "roles": {"staff"}, "password": {"12345678"}}, nil, 400,
			[]string{`value="Nguyễn Văn Mới"`, "Địa chỉ thư điện tử không hợp lệ.", `value="khong-hop-le"`}, nil},
		{"duplicate username", "quantri", "POST", "/people", url.Values{"username": {"pkhtc"}, "fullName": {"Trùng Tên"}, "unitId": {"u-pkhtc"}, "roles": {"staff"}, "password": {"12345678"}}, nil, 409,
			[]string{"Tên đăng nhập đã được dùng.", `value="Trùng Tên"`}, nil},
		{"create person", "quantri", "POST", "/people", url.Values{"username": {"nv2"}, "fullName": {"Lò Văn Hai"}, "unitId": {"u-pkhtc"}, "roles": {"staff"}, "password": {"12345678"}, "active": {"on"}}, nil, 303, nil, nil},
		{"english", "vanphong", "GET", "/lang/en?next=/plans", nil, nil, 303, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			ct := ""
			if tt.form != nil {
				body, ct = strings.NewReader(tt.form.Encode()), "application/x-www-form-urlencoded"
			}
			status, _, got := f.do(tt.user, tt.method, tt.path, ct, body, tt.header)
			if status != tt.want {
				t.Fatalf("%s %s as %q: status %d, want %d\n%s", tt.method, tt.path, tt.user, status, tt.want, got)
			}
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("response lacks %q", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(got, s) {
					t.Errorf("response has %q", s)
				}
			}
		})
	}
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
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			f := newFixture(t, engine)
			ctx := t.Context()
			vp, _ := f.db.FindPersonByUsername(ctx, "vanphong")
			tok, err := f.db.CreateToken(ctx, vp.ID, "test")
			if err != nil {
				t.Fatal(err)
			}
			bearer := map[string]string{"Authorization": "Bearer " + tok}
			id := f.plan.ID
			tests := []struct {
				name, user, method, path, body string
				header                         map[string]string
				want                           int
				contains                       []string
			}{
				{"plans without credentials", "", "GET", "/api/v1/plans", "", nil, 401, []string{`"code":"unauthorized"`}},
				{"plans with a bad token", "", "GET", "/api/v1/plans", "", map[string]string{"Authorization": "Bearer nope"}, 401, nil},
				{"plans with token", "", "GET", "/api/v1/plans", "", bearer, 200, []string{"Triển khai Tháng hành động vì trẻ em năm 2023", `"id":"` + id}},
				{"plans with session", "vanphong", "GET", "/api/v1/plans", "", nil, 200, []string{`"total":1`}},
				{"plans filtered", "vanphong", "GET", "/api/v1/plans?status=closed", "", nil, 200, []string{`"total":0`}},
				{"plans bad filter", "vanphong", "GET", "/api/v1/plans?status=xyz", "", nil, 400, []string{"Trạng thái không hợp lệ"}},
				{"plan", "", "GET", "/api/v1/plans/" + id, "", bearer, 200, []string{`"symbol":null`, `"number":"115"`, `"copies":16`}},
				{"plan unknown", "", "GET", "/api/v1/plans/nope", "", bearer, 404, []string{`"code":"not_found"`}},
				{"draft hidden from unit head", "pkhtc", "GET", "/api/v1/plans/" + id, "", nil, 404, nil},
				{"plan list for unit head", "pkhtc", "GET", "/api/v1/plans", "", nil, 200, []string{`"total":0`}},
				{"audit for office", "vanphong", "GET", "/api/v1/plans/" + id + "/audit", "", nil, 200, []string{"plan.create"}},
				{"units", "pkhtc", "GET", "/api/v1/units", "", nil, 200, []string{"Văn phòng Sở"}},
				{"people refused to unit head", "pkhtc", "GET", "/api/v1/people", "", nil, 403, []string{`"code":"forbidden"`}},
				{"people for admin", "quantri", "GET", "/api/v1/people", "", nil, 200, []string{"giamdoc"}},
				{"me", "pkhtc", "GET", "/api/v1/me", "", nil, 200, []string{`"username":"pkhtc"`}},
				{"malformed JSON", "quantri", "POST", "/api/v1/people", `{"username": `, nil, 400, []string{"JSON không hợp lệ"}},
				{"unknown field", "quantri", "POST", "/api/v1/people", `{"user": "x"}`, nil, 400, []string{"Trường không được hỗ trợ"}},
				{"invalid person", "quantri", "POST", "/api/v1/people", `{"username":"x","fullName":"","unitId":"u-pkhtc","roles":["staff"],"password":"12345678"}`, nil, 400, []string{`"fields"`}},
				{"create person", "quantri", "POST", "/api/v1/people", `{"username":"api1","fullName":"Lò Văn Ba","unitId":"u-pkhtc","roles":["staff"],"password":"12345678"}`, nil, 201, []string{`"username":"api1"`}},
				{"create person refused to office", "vanphong", "POST", "/api/v1/people", `{"username":"api2","fullName":"X","unitId":"u-pkhtc","roles":["staff"],"password":"12345678"}`, nil, 403, nil},
				{"unknown route", "vanphong", "GET", "/api/v1/khong-co", "", nil, 404, nil},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					var body io.Reader
					ct := ""
					if tt.body != "" {
						body, ct = strings.NewReader(tt.body), "application/json"
					}
					status, hdr, got := f.do(tt.user, tt.method, tt.path, ct, body, tt.header)
					if status != tt.want {
						t.Fatalf("status %d, want %d: %s", status, tt.want, got)
					}
					for _, s := range tt.contains {
						if !strings.Contains(got, s) {
							t.Errorf("response lacks %q: %.300s", s, got)
						}
					}
					if !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
						t.Errorf("content type %q", hdr.Get("Content-Type"))
					}
					f.spec.check(t, tt.method, tt.path, status, []byte(got))
				})
			}
		})
	}
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
