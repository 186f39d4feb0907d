package app_test

// Helpers of TestSameAnswer: one demo database per engine and base, copied
// for every run; the two doors driven with the same input; what a run
// changed (read back through the API, the audit trail, a dump of the
// tables); and the fields a refusal names on each door.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// sameClock is the time every run acts at: after the demo's last step, so
// that what depends on the date reads the same on both doors.
var sameClock = kehoach.ClockFunc(func() time.Time { return time.Date(2023, time.July, 6, 9, 0, 0, 0, kehoach.Zone) })

// world names what the rows act on; the demo's ids are generated, so they
// are looked up once per base.
type world struct {
	Plan        string // the issued demo plan
	Draft       string // the draft plan (draft base)
	DraftTask   string // a task of the draft plan (draft base)
	Task        string // a task of the issued plan led by the Finance division
	TaskMaint   string // a task of the issued plan led by the road maintenance board
	OblReport   string // the Quality division's result report obligation, not yet reported
	OblReview   string // the Infrastructure division's submitted result report obligation
	Person      string // the staff member "nhanvien"
	Post        string // a post of the plan
	Event       string // an event of the plan
	ObsOpen     string // an open obstacle raised by pkcht
	ObsPrimary  string // another open obstacle, to merge into
	ObsEscal    string // an obstacle escalated to the Director
	ObsAnswered string // an obstacle answered by the Office, raised by pqlcl
	Parent      string // the province's 115/KH-UBND the demo plan implements
}

// base is a prepared database that runs copy.
type base struct {
	engine string
	dsn    string // SQLite file, or PostgreSQL URL of the template
	w      world
}

var (
	sameSeq atomic.Int64
	// pgCopyMu lets one copy of a template run at a time: PostgreSQL makes
	// concurrent copies wait on each other for far longer than one takes.
	pgCopyMu sync.Mutex
)

// newBase builds a base database: the demo ("demo") or the draft ("draft"),
// with what the rows need prepared through the store.
func newBase(t *testing.T, engine, kind string) *base {
	t.Helper()
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "base.db")
	if engine == "postgres" {
		dsn = kehoachtest.PostgresURL(t)
	}
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.PasswordCost = sqlstore.PasswordCheap
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	b := &base{engine: engine, dsn: dsn}
	var plan *kehoach.Plan
	if kind == "draft" {
		plan, err = demo.LoadDraft(ctx, ops.New(db, nil), kehoachtest.DemoPassword)
	} else {
		plan, err = demo.Load(ctx, ops.New(db, nil), kehoachtest.DemoPassword)
	}
	if err != nil {
		t.Fatal(err)
	}
	b.prepare(t, db, kind, plan)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return b
}

// prepare adds what the demo lacks and looks up the world's ids.
func (b *base) prepare(t *testing.T, db *sqlstore.DB, kind string, plan *kehoach.Plan) {
	t.Helper()
	ctx := context.Background()
	as := func(user string) context.Context { return kehoachtest.ActorCtx(t, db, user) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	db.Clock = b.clockForPrepare()
	p, err := db.FindPersonByUsername(ctx, "nhanvien")
	must(err)
	b.w.Person = p.ID
	if kind == "draft" {
		b.w.Draft = plan.ID
		t0 := &kehoach.Task{PlanID: plan.ID, TaskFields: kehoach.TaskFields{Section: "II.1", Title: "Nhiệm vụ để sửa", LeadUnitID: demo.UnitFinance, Due: "2023-06-30",
			SupportUnitIDs: []string{}, IndicatorCodes: []string{}}}
		must(db.CreateTask(as("vanphong"), t0))
		b.w.DraftTask = t0.ID
		return
	}
	b.w.Plan = plan.ID
	tasks, err := db.FindTasks(ctx, kehoach.TaskFilter{PlanID: &plan.ID})
	must(err)
	taskOf := func(unit string) string {
		for _, t := range tasks {
			if t.LeadUnitID == unit {
				return t.ID
			}
		}
		t.Fatalf("no task led by %s", unit)
		return ""
	}
	b.w.Task, b.w.TaskMaint = taskOf(demo.UnitFinance), taskOf(demo.UnitMaint)
	final := func(unit string) string {
		obls, err := db.FindObligations(ctx, kehoach.ObligationFilter{PlanID: &plan.ID, UnitID: &unit})
		must(err)
		for _, o := range obls {
			if o.Kind == kehoach.KindFinal {
				return o.ID
			}
		}
		t.Fatalf("no result report owed by %s", unit)
		return ""
	}
	b.w.OblReport, b.w.OblReview = final(demo.UnitQuality), final(demo.UnitInfra)
	stored, err := db.FindPlanByID(ctx, plan.ID)
	must(err)
	if stored.ParentPlanID != nil {
		b.w.Parent = *stored.ParentPlanID
	}
	posts, err := db.FindPosts(ctx, kehoach.PostFilter{PlanID: plan.ID})
	must(err)
	events, err := db.FindEvents(ctx, plan.ID)
	must(err)
	if len(posts) == 0 || len(events) == 0 {
		t.Fatal("the demo has no posts or events")
	}
	b.w.Post, b.w.Event = posts[0].ID, events[0].ID
	raise := func(user, unit, what string) string {
		o := &kehoach.Obstacle{PlanID: plan.ID, TaskID: taskOf(unit), ForUnit: true, What: what,
			Why: "Đơn vị thiếu người do nhiều cán bộ đi công tác dài ngày trong tháng."}
		must(db.RaiseObstacle(as(user), o, nil))
		return o.ID
	}
	b.w.ObsOpen = raise("pkcht", demo.UnitInfra, "Chưa tổ chức được buổi tuyên truyền cho người lao động")
	b.w.ObsPrimary = raise("pqlvt", demo.UnitTransport, "Chưa bố trí được thời gian tuyên truyền")
	b.w.ObsEscal = raise("bqlbt", demo.UnitMaint, "Đề nghị gia hạn báo cáo kết quả của Ban")
	must(db.EscalateObstacle(as("vanphong"), b.w.ObsEscal, kehoach.ObstacleAssessment{Assessment: "Lý do chính đáng, đề nghị Giám đốc xem xét.", Proposal: "Đồng ý gia hạn."}))
	b.w.ObsAnswered = raise("pqlcl", demo.UnitQuality, "Thiếu tài liệu tuyên truyền về Tổng đài 111")
	_, err = db.AnswerObstacle(as("vanphong"), b.w.ObsAnswered, "Văn phòng Sở đã gửi tài liệu qua hệ thống quản lý văn bản.", false)
	must(err)
}

// run is one fresh copy of a base with the app serving it, and a
// connection of its own to read the tables.
type run struct {
	*fixture
	b   *base
	raw *sql.DB
}

// derive returns a new base: a copy of b changed by change.
func (b *base) derive(t *testing.T, change func(*testing.T, *sqlstore.DB, *world)) *base {
	t.Helper()
	dsn, _ := b.copyDB(t)
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.Clock = b.clockForPrepare()
	change(t, db, &b.w)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return &base{engine: b.engine, dsn: dsn, w: b.w}
}

func (b *base) clockForPrepare() kehoach.Clock {
	return kehoach.ClockFunc(func() time.Time { return time.Date(2023, time.July, 5, 9, 0, 0, 0, kehoach.Zone) })
}

// copyDB copies the base's database and returns the copy's DSN and driver.
func (b *base) copyDB(t *testing.T) (dsn, driver string) {
	t.Helper()
	if b.engine == "postgres" {
		u, err := url.Parse(b.dsn)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := strings.TrimPrefix(u.Path, "/")
		name := fmt.Sprintf("%s_c%d", tmpl, sameSeq.Add(1))
		admin := *u
		admin.Path = "/postgres"
		a, err := sql.Open("pgx", admin.String())
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		pgCopyMu.Lock()
		defer pgCopyMu.Unlock()
		if _, err := a.Exec("CREATE DATABASE " + name + " TEMPLATE " + tmpl + " STRATEGY WAL_LOG"); err != nil {
			t.Fatalf("copy database: %v", err)
		}
		t.Cleanup(func() {
			if a, err := sql.Open("pgx", admin.String()); err == nil {
				_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
				a.Close()
			}
		})
		c := *u
		c.Path = "/" + name
		dsn, driver = c.String(), "pgx"
	} else {
		dsn = filepath.Join(t.TempDir(), "run.db")
		data, err := os.ReadFile(b.dsn)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dsn, data, 0o600); err != nil {
			t.Fatal(err)
		}
		driver = "sqlite"
	}
	return dsn, driver
}

// copyOf returns a fresh copy of the base, served.
func (b *base) copyOf(t *testing.T) *run {
	t.Helper()
	ctx := context.Background()
	dsn, driver := b.copyDB(t)
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.PasswordCost = sqlstore.PasswordCheap
	db.Clock = sameClock
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close(); db.Close() })
	return &run{fixture: startFixture(t, db, nil), b: b, raw: raw}
}

func (r *run) send(user, method, path, contentType string, body []byte) (int, string) {
	r.t.Helper()
	status, _, got := r.do(user, method, path, contentType, bytes.NewReader(body), nil)
	return status, got
}

func (r *run) postForm(user, path string, form url.Values) (int, string) {
	return r.send(user, "POST", path, "application/x-www-form-urlencoded", []byte(form.Encode()))
}

func (r *run) callJSON(user, method, path string, body any) (int, string) {
	r.t.Helper()
	var data []byte
	if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			r.t.Fatal(err)
		}
	}
	return r.send(user, method, path, "application/json", data)
}

// lastSeq is the sequence number of the newest audit entry.
func (r *run) lastSeq() int64 {
	r.t.Helper()
	var seq sql.NullInt64
	if err := r.raw.QueryRow("SELECT MAX(seq) FROM audit_log").Scan(&seq); err != nil {
		r.t.Fatal(err)
	}
	return seq.Int64
}

// auditLine is what the test compares of an audit entry.
type auditLine struct {
	Action, Entity, EntityID, Summary, Actor string
}

// auditSince returns the entries after seq, oldest first, without logins.
// An entity id no earlier entry names was generated by the action and
// shows as "(new)", so that two runs compare.
func (r *run) auditSince(seq int64) []auditLine {
	r.t.Helper()
	entries, err := r.db.FindAuditEntries(context.Background(), kehoach.AuditFilter{})
	if err != nil {
		r.t.Fatal(err)
	}
	var out []auditLine
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		if e.Seq <= seq || strings.HasPrefix(e.Action, "session.") {
			continue
		}
		l := auditLine{Action: e.Action, Entity: e.Entity, EntityID: "(new)", Summary: e.Summary, Actor: e.ActorID}
		var known int
		if err := r.raw.QueryRow(r.rebind("SELECT COUNT(*) FROM audit_log WHERE seq <= ? AND entity_id = ?"), seq, e.EntityID).Scan(&known); err != nil {
			r.t.Fatal(err)
		}
		if known > 0 {
			l.EntityID = e.EntityID
		}
		out = append(out, l)
	}
	return out
}

// rebind turns ? placeholders into PostgreSQL's $n.
func (r *run) rebind(q string) string {
	if r.b.engine != "postgres" {
		return q
	}
	n := 0
	return regexp.MustCompile(`\?`).ReplaceAllStringFunc(q, func(string) string { n++; return fmt.Sprintf("$%d", n) })
}

// sameTables are the tables a refused request must leave as they were;
// sessions, login throttling and the audit trail (checked on its own) move
// with every login.
var sameTables = []string{"acknowledgements", "briefings", "calendar_feeds", "campaign_events", "doc_counters", "event_photos", "evidence",
	"indicators", "notifications", "obligations", "obstacle_decisions", "obstacle_files", "obstacle_notices", "obstacle_task_notes", "obstacles",
	"org_units", "outgoing_documents", "people", "plan_reminder_rules", "plan_targets", "plans", "posts", "publications", "publicity", "reminders",
	"report_versions", "reports", "summaries", "tasks"}

// dump returns every row of the compared tables, as text.
func (r *run) dump() map[string][]string {
	r.t.Helper()
	out := map[string][]string{}
	for _, table := range sameTables {
		rows, err := r.raw.Query("SELECT * FROM " + table)
		if err != nil {
			r.t.Fatalf("dump %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				r.t.Fatal(err)
			}
			var sb strings.Builder
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(&sb, "%s=%v;", cols[i], v)
			}
			out[table] = append(out[table], sb.String())
		}
		rows.Close()
		sort.Strings(out[table])
	}
	return out
}

// diffDump names the tables whose rows differ.
func diffDump(a, b map[string][]string) []string {
	var out []string
	for _, table := range sameTables {
		if !slices.Equal(a[table], b[table]) {
			out = append(out, fmt.Sprintf("%s (%d rows → %d)", table, len(a[table]), len(b[table])))
		}
	}
	return out
}

// readBack fetches each path through the API as user and returns the JSON
// with generated ids and times removed.
func (r *run) readBack(user string, paths []string, ignore []string) string {
	r.t.Helper()
	var sb strings.Builder
	for _, p := range paths {
		status, body := r.send(user, "GET", p, "", nil)
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil || status != http.StatusOK {
			r.t.Fatalf("read back GET %s: %d %.300s", p, status, body)
		}
		v = normalise(v, ignore)
		b, _ := json.MarshalIndent(v, "", " ")
		fmt.Fprintf(&sb, "GET %s → %d\n%s\n", p, status, b)
	}
	return sb.String()
}

// normalise drops generated ids and times: keys "id", keys ending in "At",
// and the keys in ignore; lists of objects are sorted by their text.
func normalise(v any, ignore []string) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k == "id" || strings.HasSuffix(k, "At") || slices.Contains(ignore, k) {
				continue
			}
			out[k] = normalise(e, ignore)
		}
		return out
	case []any:
		out := make([]any, len(x))
		keys := make([]string, len(x))
		for i, e := range x {
			out[i] = normalise(e, ignore)
			b, _ := json.Marshal(out[i])
			keys[i] = string(b)
		}
		idx := make([]int, len(x))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return keys[idx[i]] < keys[idx[j]] })
		sorted := make([]any, len(x))
		for i, j := range idx {
			sorted[i] = out[j]
		}
		return sorted
	}
	return v
}

// apiFields returns the keys of the JSON error's fields.
func apiFields(body string) []string {
	var e struct {
		Error struct {
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	if json.Unmarshal([]byte(body), &e) != nil {
		return []string{"(not a JSON error)"}
	}
	var out []string
	for k := range e.Error.Fields {
		out = append(out, k)
	}
	if len(out) == 0 {
		out = append(out, "form")
	}
	sort.Strings(out)
	return out
}

// webFields returns the fields a re-rendered page names, as API names
// through names (form control → API field; a trailing "*" matches a
// prefix and carries the rest over); a general message above the form
// counts only when no field is named.
func webFields(problems map[string]string, names [][2]string) []string {
	var out []string
	for _, k := range keys(problems) {
		for _, n := range names {
			if pre, ok := strings.CutSuffix(n[0], "*"); ok && strings.HasPrefix(k, pre) {
				k = strings.TrimSuffix(n[1], "*") + strings.TrimPrefix(k, pre)
				break
			}
			if k == n[0] {
				k = n[1]
				break
			}
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	if len(out) > 1 {
		out = slices.DeleteFunc(out, func(k string) bool { return k == "form" })
	}
	if len(out) == 0 {
		out = []string{"form"}
	}
	return out
}

// apiMessages returns the problem texts of a JSON error, for reports.
func apiMessages(body string) string {
	var e struct {
		Error struct {
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	_ = json.Unmarshal([]byte(body), &e)
	if len(e.Error.Fields) > 0 {
		b, _ := json.Marshal(e.Error.Fields)
		return string(b)
	}
	return e.Error.Message
}

var (
	tagRE   = regexp.MustCompile(`(?is)<(/form|form|input|select|textarea|p|h[1-6]|legend)\b([^>]*)>`)
	attrRE  = regexp.MustCompile(`(?is)\b([a-z-]+)\s*=\s*"([^"]*)"`)
	closeRE = regexp.MustCompile(`(?is)^(.*?)</p>`)
)

// webProblems returns, for a page re-rendered with problems, the field each
// problem stands next to: the name of the last form control before it in
// the same form ("form" when it comes before any control), with its text.
func webProblems(page string) map[string]string {
	out := map[string]string{}
	last := ""
	for _, m := range tagRE.FindAllStringSubmatchIndex(page, -1) {
		tag := strings.ToLower(page[m[2]:m[3]])
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(page[m[4]:m[5]], -1) {
			attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2])
		}
		switch tag {
		case "form", "/form", "h1", "h2", "h3", "h4", "h5", "h6", "legend":
			// A problem under a heading, before the section's controls,
			// stands for the section, not for the field above it.
			last = ""
		case "input", "select", "textarea":
			if attrs["type"] == "hidden" || attrs["type"] == "submit" || attrs["name"] == "" {
				continue
			}
			last = attrs["name"]
		case "p":
			if !strings.Contains(" "+attrs["class"]+" ", " problem ") {
				continue
			}
			text := ""
			if c := closeRE.FindStringSubmatch(page[m[1]:]); c != nil {
				text = html.UnescapeString(c[1])
			}
			field := last
			if field == "" || attrs["id"] == "problem" {
				field = "form"
			}
			if out[field] != "" {
				text = out[field] + " | " + text
			}
			out[field] = text
		}
	}
	return out
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// copyForm returns a copy of a form.
func copyForm(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = slices.Clone(v)
	}
	return out
}

// copyJSON returns a deep copy of a JSON body built from maps and slices.
func copyJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}
