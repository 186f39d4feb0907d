package notify_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

// fakeSource owes two reports; the second is answered on doneAt.
type fakeSource struct {
	dues       []notify.Due
	doneAt     map[string]time.Time
	now        func() time.Time
	recipients map[string][]notify.Recipient // unit|level
}

func (s *fakeSource) OpenDues(ctx context.Context) ([]notify.Due, error) {
	var out []notify.Due
	for _, d := range s.dues {
		if t, ok := s.doneAt[d.ObligationID]; ok && !s.now().Before(t) {
			d.Done = true
		}
		out = append(out, d)
	}
	return out, nil
}

func (s *fakeSource) Recipients(ctx context.Context, unitID string, level notify.Level) ([]notify.Recipient, error) {
	return s.recipients[unitID+"|"+string(level)], nil
}

// fakeMailer records what it sends.
type fakeMailer struct {
	mu   sync.Mutex
	sent []notify.Message
}

func (m *fakeMailer) Send(ctx context.Context, msg notify.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

func ict(day, hour int) time.Time { return time.Date(2023, 6, day, hour, 0, 0, 0, kehoach.Zone) }

func newSource(now func() time.Time) *fakeSource {
	return &fakeSource{
		dues: []notify.Due{
			{ObligationID: "o1", PlanID: "p1", UnitID: "u1", Kind: "progress", Label: "Báo cáo tiến độ tháng 6", Due: ict(15, 0)},
			{ObligationID: "o2", PlanID: "p1", UnitID: "u2", Kind: "final", Label: "Báo cáo kết quả", Due: ict(18, 0)},
		},
		doneAt: map[string]time.Time{"o2": ict(17, 10)},
		now:    now,
		recipients: map[string][]notify.Recipient{
			"u1|unit":        {{PersonID: "an", Name: "Nguyễn Văn An", Email: "an@so.gov.vn"}, {Email: "phongkh@so.gov.vn"}},
			"u1|unit_head":   {{PersonID: "binh", Name: "Trần Thị Bình", Email: "binh@so.gov.vn"}},
			"u1|office_flag": {{PersonID: "vp", Name: "Văn phòng Sở"}},
			"u2|unit":        {{PersonID: "cuong", Name: "Lê Văn Cường"}},
		},
	}
}

type simResult struct {
	keys   []string // key=status
	mails  map[string]int
	inbox  map[string]int
	levels map[notify.Level]int
}

// simulate runs the reminders over 10–25 June every twelve hours on a database
// at dsn. With crash set, it stops twice on the way as a process that dies
// would, and goes on with a reopened database and a new Runner.
func simulate(t *testing.T, dsn string, crash bool) simResult {
	t.Helper()
	ctx := kehoach.NewContextWithActor(context.Background(), kehoach.SystemActor("nhắc việc"))
	var now time.Time
	clock := kehoach.ClockFunc(func() time.Time { return now })
	open := func() *sqlstore.DB {
		db, err := sqlstore.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		db.SetAuditKey([]byte(kehoachtest.AuditKey))
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		db.Clock = clock
		return db
	}
	src := newSource(clock.Now)
	mailer := &fakeMailer{}
	db := open()
	runner := notify.NewRunner(db, src, mailer, notify.RunnerConfig{BaseURL: "https://kehoach.example", Clock: clock})
	for now = ict(10, 0); now.Before(ict(25, 0)); now = now.Add(12 * time.Hour) {
		switch {
		case crash && now.Equal(ict(15, 12)):
			// Queued, then the process dies before delivering.
			if err := runner.Schedule(ctx, now); err != nil {
				t.Fatal(err)
			}
			db.Close()
			db = open()
			runner = notify.NewRunner(db, src, mailer, notify.RunnerConfig{BaseURL: "https://kehoach.example", Clock: clock})
			continue
		case crash && now.Equal(ict(18, 12)):
			// Queued and claimed, then the process dies holding them:
			// they go out once the lease (5 minutes) has run out.
			if err := runner.Schedule(ctx, now); err != nil {
				t.Fatal(err)
			}
			if got, err := db.ClaimReminders(ctx, now, 100, 5*time.Minute); err != nil || len(got) == 0 {
				t.Fatalf("claimed %d: %v", len(got), err)
			}
			db.Close()
			db = open()
			runner = notify.NewRunner(db, src, mailer, notify.RunnerConfig{BaseURL: "https://kehoach.example", Clock: clock})
			continue
		}
		if err := runner.Tick(ctx, now); err != nil {
			t.Fatal(err)
		}
	}
	defer db.Close()
	rs, err := db.FindReminders(ctx, notify.ReminderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	res := simResult{mails: map[string]int{}, inbox: map[string]int{}, levels: map[notify.Level]int{}}
	for _, r := range rs {
		res.keys = append(res.keys, r.Key+"="+string(r.Status))
		res.levels[r.Level]++
	}
	sort.Strings(res.keys)
	for _, m := range mailer.sent {
		res.mails[m.To+"|"+m.Subject]++
	}
	for _, p := range []string{"an", "binh", "vp", "cuong"} {
		ns, err := db.FindNotifications(ctx, p, false, 0)
		if err != nil {
			t.Fatal(err)
		}
		res.inbox[p] = len(ns)
	}
	if _, bad, err := db.VerifyAudit(ctx); err != nil || bad != 0 {
		t.Fatalf("audit chain broken at %d: %v", bad, err)
	}
	return res
}

func TestRunnerRestart(t *testing.T) {
	// The run without a crash, on SQLite, is what both engines must match.
	control := simulate(t, filepath.Join(t.TempDir(), "control.db"), false)
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "kehoach.db")
			if engine == "postgres" {
				dsn = kehoachtest.PostgresURL(t)
			}
			crashed := simulate(t, dsn, true)

			if strings.Join(crashed.keys, "\n") != strings.Join(control.keys, "\n") {
				t.Fatalf("after restarts:\n%s\nwithout:\n%s", strings.Join(crashed.keys, "\n"), strings.Join(control.keys, "\n"))
			}
			for _, k := range control.keys {
				if !strings.HasSuffix(k, "=delivered") {
					t.Errorf("not delivered: %s", k)
				}
			}
			for _, res := range []simResult{control, crashed} {
				for m, n := range res.mails {
					if n != 1 {
						t.Errorf("%d copies of %s", n, m)
					}
				}
			}
			if fmt.Sprint(crashed.mails) != fmt.Sprint(control.mails) || fmt.Sprint(crashed.inbox) != fmt.Sprint(control.inbox) {
				t.Fatalf("mail %v / %v, inbox %v / %v", crashed.mails, control.mails, crashed.inbox, control.inbox)
			}
			// o1 (due 15/6, never answered, ticks to 24/6 18h): before-3, due,
			// late-1,3,5,7,9 for the unit; late-3…9 for the head; one flag.
			// The person gets each in the app; mail goes to the person and
			// to the shared mailbox. o2 is answered before it falls due.
			if control.inbox["an"] != 7 || control.inbox["binh"] != 4 || control.inbox["vp"] != 1 || control.inbox["cuong"] != 1 {
				t.Fatalf("inbox %v", control.inbox)
			}
			if len(control.mails) != 7*2+4 {
				t.Fatalf("%d mails: %v", len(control.mails), control.mails)
			}
			if control.levels[notify.LevelOfficeFlag] != 1 {
				t.Fatalf("levels %v", control.levels)
			}
		})
	}
}

func TestSendManual(t *testing.T) {
	db := kehoachtest.OpenDB(t, "sqlite")
	now := ict(20, 9)
	clock := kehoach.ClockFunc(func() time.Time { return now })
	db.Clock = clock
	src := newSource(clock.Now)
	mailer := &fakeMailer{}
	r := notify.NewRunner(db, src, mailer, notify.RunnerConfig{Clock: clock})
	tree := kehoach.NewOrgTree([]*kehoach.OrgUnit{
		{ID: "ag", Kind: kehoach.UnitAgency, Name: "Sở"},
		{ID: "vpu", Kind: kehoach.UnitOffice, Name: "Văn phòng Sở", ParentID: "ag"},
		{ID: "u1", Kind: kehoach.UnitDivision, Name: "Phòng Kế hoạch", ParentID: "ag"},
	})
	office := kehoach.NewContextWithActor(context.Background(), &kehoach.Actor{Tree: tree, Via: "session",
		Person: &kehoach.Person{ID: "vp", FullName: "Phạm Thị Dung", UnitID: "vpu", Roles: []kehoach.Role{kehoach.RoleOffice}}})
	staff := kehoach.NewContextWithActor(context.Background(), &kehoach.Actor{Tree: tree, Via: "session",
		Person: &kehoach.Person{ID: "an", FullName: "Nguyễn Văn An", UnitID: "u1", Roles: []kehoach.Role{kehoach.RoleStaff}}})

	m := notify.Manual{PlanID: "p1", UnitID: "u1", Label: "Báo cáo tiến độ tháng 6", Message: "Đề nghị Phòng Kế hoạch gửi báo cáo trong ngày hôm nay.", Key: "form-1"}
	if _, err := r.SendManual(staff, m); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
		t.Fatalf("staff: %v", err)
	}
	if _, err := r.SendManual(office, notify.Manual{UnitID: "u1"}); kehoach.ErrorFields(err)["message"] == "" {
		t.Fatalf("empty message: %v", err)
	}
	q, err := r.SendManual(office, m)
	if err != nil || len(q) != 3 { // an in the app and by mail, the shared mailbox
		t.Fatalf("queued %d: %v", len(q), err)
	}
	// The same form sent again queues nothing.
	if q, err := r.SendManual(office, m); err != nil || len(q) != 0 {
		t.Fatalf("again %d: %v", len(q), err)
	}
	ns, _ := db.FindNotifications(office, "an", false, 0)
	if len(ns) != 1 || !strings.Contains(ns[0].Body, "trong ngày hôm nay") || !strings.Contains(ns[0].Body, "Phạm Thị Dung") {
		t.Fatalf("inbox %+v", ns)
	}
	if len(mailer.sent) != 2 || mailer.sent[0].Subject != "Văn phòng đôn đốc: Báo cáo tiến độ tháng 6" {
		t.Fatalf("mail %+v", mailer.sent)
	}
	// The queue entries name the Office as the one who asked.
	all, _ := db.FindReminders(office, notify.ReminderFilter{})
	for _, rm := range all {
		if rm.CreatedBy != "vp" || rm.Status != notify.StatusDelivered {
			t.Fatalf("%+v", rm)
		}
		es, _ := db.FindAuditEntries(office, kehoach.AuditFilter{EntityID: &rm.ID})
		if len(es) != 2 || es[1].Action != "reminder.queue" || es[1].ActorID != "vp" || es[0].Action != "reminder.send" {
			t.Fatalf("audit %+v", es)
		}
	}
}

// A person who is staff, head and Office at once, whose address is also
// the unit's mailbox, gets one notice and one e-mail per event, and the
// notice names the unit, the obligation and what to do.
func TestOneNoticePerPersonPerEvent(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := kehoachtest.OpenDB(t, engine)
			now := ict(20, 9) // five days late: the unit, its head and the Office's flag
			clock := kehoach.ClockFunc(func() time.Time { return now })
			db.Clock = clock
			src := newSource(clock.Now)
			src.dues[0].UnitName = "Phòng Kế hoạch"
			an := notify.Recipient{PersonID: "an", Name: "Nguyễn Văn An", Email: "an@so.gov.vn"}
			src.recipients["u1|unit"] = []notify.Recipient{an, an, {Email: "AN@so.gov.vn"}}
			src.recipients["u1|unit_head"] = []notify.Recipient{an}
			src.recipients["u1|office_flag"] = []notify.Recipient{an}
			mailer := &fakeMailer{}
			r := notify.NewRunner(db, src, mailer, notify.RunnerConfig{Clock: clock})
			ctx := kehoach.NewContextWithActor(context.Background(), kehoach.SystemActor("nhắc việc"))
			for range 3 {
				if err := r.Tick(ctx, now); err != nil {
					t.Fatal(err)
				}
				now = now.Add(time.Hour)
			}
			ns, err := db.FindNotifications(ctx, "an", false, 0)
			if err != nil || len(ns) != 1 {
				t.Fatalf("%d notices: %v", len(ns), err)
			}
			n := ns[0]
			for _, want := range []string{"Phòng Kế hoạch đã quá hạn 5 ngày báo cáo tiến độ", "Báo cáo tiến độ tháng 6"} {
				if !strings.Contains(n.Title, want) {
					t.Errorf("title %q lacks %q", n.Title, want)
				}
			}
			if !strings.Contains(n.Body, "Cách làm: mở báo cáo, nhập kết quả và bấm «Gửi báo cáo».") || n.Link != "/obligations/o1/report" {
				t.Errorf("body %q link %q", n.Body, n.Link)
			}
			if n.UnitID != "u1" {
				t.Errorf("unit %q", n.UnitID)
			}
			if len(mailer.sent) != 1 {
				t.Fatalf("%d mails", len(mailer.sent))
			}
			// The Office's own reminder reaches an once too.
			office := kehoach.NewContextWithActor(context.Background(), kehoach.SystemActor("thử"))
			if _, err := r.SendManual(office, notify.Manual{PlanID: "p1", UnitID: "u1", Message: "Gửi ngay.", Key: "k"}); err != nil {
				t.Fatal(err)
			}
			if ns, _ := db.FindNotifications(ctx, "an", false, 0); len(ns) != 2 || len(mailer.sent) != 2 {
				t.Fatalf("after the manual reminder: %d notices, %d mails", len(ns), len(mailer.sent))
			}
		})
	}
}
