package sqlstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

func TestMain(m *testing.M) { kehoachtest.Main(m) }

// eachDB runs fn against a fresh, migrated database on SQLite and on
// PostgreSQL.
func eachDB(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	eachEngine(t, func(t *testing.T, engine string) {
		db := kehoachtest.OpenDB(t, engine)
		// Migrating twice is harmless.
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		fn(t, db)
	})
}

// eachEngine runs fn as a subtest on SQLite and on PostgreSQL.
func eachEngine(t *testing.T, fn func(t *testing.T, engine string)) {
	t.Helper()
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { fn(t, engine) })
	}
}

// together runs fn(0) … fn(n-1), each in its own goroutine, all released
// at the same moment, and waits for them.
func together(n int, fn func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}

func sysCtx() context.Context {
	return kehoach.NewContextWithActor(context.Background(), kehoach.SystemActor("test"))
}

func seedOrg(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	for _, u := range []*kehoach.OrgUnit{
		{ID: "prov", Kind: kehoach.UnitProvince, Name: "UBND tỉnh Sơn La"},
		{ID: "ag", Kind: kehoach.UnitAgency, Name: "Sở Giao thông vận tải", Abbrev: "SGTVT", ParentID: "prov"},
		{ID: "vp", Kind: kehoach.UnitOffice, Name: "Văn phòng Sở", ParentID: "ag"},
		{ID: "kh", Kind: kehoach.UnitDivision, Name: "Phòng Kế hoạch - Tài chính", ParentID: "ag"},
	} {
		if err := db.CreateUnit(sysCtx(), u); err != nil {
			t.Fatal(err)
		}
	}
}

func TestUnits(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		from := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
		u := &kehoach.OrgUnit{Kind: kehoach.UnitDivision, Name: "Thanh tra Sở", ParentID: "ag", ValidFrom: &from}
		if err := db.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindUnitByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Thanh tra Sở" || got.ParentID != "ag" || got.ValidFrom == nil || !got.ValidFrom.Equal(from) {
			t.Fatalf("got %+v", got)
		}
		tree, err := db.OrgTree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !tree.IsWithin(u.ID, "prov") || tree.AgencyOf(u.ID).ID != "ag" {
			t.Fatal("tree does not place the new unit under the agency")
		}
		for name, bad := range map[string]*kehoach.OrgUnit{
			"no name":        {Kind: kehoach.UnitDivision, Name: " "},
			"bad kind":       {Kind: "club", Name: "X"},
			"missing parent": {Kind: kehoach.UnitDivision, Name: "X", ParentID: "nope"},
		} {
			if err := db.CreateUnit(ctx, bad); kehoach.ErrorCode(err) != kehoach.EINVALID {
				t.Errorf("%s: got %v, want invalid", name, err)
			}
		}
		// Two units under one parent cannot share an abbreviation.
		if err := db.CreateUnit(ctx, &kehoach.OrgUnit{Kind: kehoach.UnitDivision, Name: "Văn phòng khác", Abbrev: "sgtvt", ParentID: "prov"}); kehoach.ErrorFields(err)["abbrev"] == "" {
			t.Errorf("duplicate abbreviation: got %v", err)
		}
		// A unit cannot move under its own child.
		ag, _ := db.FindUnitByID(ctx, "ag")
		ag.ParentID = "kh"
		if err := db.UpdateUnit(ctx, ag); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Errorf("loop: got %v", err)
		}
		if _, err := db.FindUnitByID(ctx, "nope"); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("not found: got %v", err)
		}
	})
}

func TestPeopleAndLogin(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		p := &kehoach.Person{Username: "VanPhong", FullName: "Lò Thị Hương", UnitID: "vp", Roles: []kehoach.Role{kehoach.RoleOffice}, Active: true, Email: "vp@example.vn"}
		if err := db.CreatePerson(ctx, p, "mat-khau-123"); err != nil {
			t.Fatal(err)
		}
		if p.Username != "vanphong" {
			t.Errorf("username not lowered: %q", p.Username)
		}
		dup := &kehoach.Person{Username: "vanphong", FullName: "X", UnitID: "vp", Roles: []kehoach.Role{kehoach.RoleStaff}}
		if err := db.CreatePerson(ctx, dup, "mat-khau-123"); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
			t.Errorf("duplicate username: got %v", err)
		}
		if err := db.CreatePerson(ctx, &kehoach.Person{Username: "ab", FullName: "X", UnitID: "vp", Roles: []kehoach.Role{kehoach.RoleStaff}}, "short"); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Errorf("short password: got %v", err)
		}
		got, err := db.Authenticate(ctx, "vanphong", "mat-khau-123", "127.0.0.1")
		if err != nil || got.ID != p.ID {
			t.Fatalf("authenticate: %v", err)
		}
		if got.PasswordHash == "mat-khau-123" || len(got.PasswordHash) < 40 {
			t.Fatal("password is not hashed")
		}
		// Wrong passwords from one address make that address wait, even
		// with the right one; another address is not held up.
		for i := 0; i < sqlstore.FreePairFailures; i++ {
			if _, err := db.Authenticate(ctx, "vanphong", "sai", "10.0.0.2"); kehoach.ErrorCode(err) != kehoach.EUNAUTHORIZED {
				t.Fatalf("wrong password %d: got %v", i, err)
			}
		}
		if _, err := db.Authenticate(ctx, "vanphong", "mat-khau-123", "10.0.0.2"); kehoach.ErrorCode(err) != kehoach.ETOOMANY {
			t.Fatalf("throttle: got %v", err)
		}
		if _, err := db.Authenticate(ctx, "VanPhong", "mat-khau-123", "10.0.0.3"); err != nil {
			t.Fatalf("right password from another address: %v", err)
		}
		// After the window passes, logging in works again.
		db.Clock = kehoach.ClockFunc(func() time.Time { return time.Now().Add(sqlstore.LoginWindow + time.Minute) })
		if _, err := db.Authenticate(ctx, "vanphong", "mat-khau-123", "10.0.0.2"); err != nil {
			t.Fatalf("after window: %v", err)
		}
		db.Clock = kehoach.SystemClock

		tok, err := db.CreateSession(ctx, p.ID, "127.0.0.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		if sp, err := db.FindSession(ctx, tok); err != nil || sp.ID != p.ID {
			t.Fatalf("session: %v", err)
		}
		if _, err := db.FindSession(ctx, tok+"x"); kehoach.ErrorCode(err) != kehoach.EUNAUTHORIZED {
			t.Fatalf("bad session: %v", err)
		}
		// Changing the password ends sessions.
		if err := db.SetPassword(ctx, p.ID, "mat-khau-moi-456"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindSession(ctx, tok); kehoach.ErrorCode(err) != kehoach.EUNAUTHORIZED {
			t.Fatalf("session after password change: %v", err)
		}
		api, err := db.CreateToken(ctx, p.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		if tp, err := db.FindTokenPerson(ctx, api); err != nil || tp.ID != p.ID {
			t.Fatalf("token: %v", err)
		}
		// A locked account can neither log in nor use its token.
		p.Active = false
		if err := db.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindTokenPerson(ctx, api); kehoach.ErrorCode(err) != kehoach.EUNAUTHORIZED {
			t.Fatalf("locked token: %v", err)
		}
		role := kehoach.RoleOffice
		people, err := db.FindPeople(ctx, kehoach.PersonFilter{Role: &role})
		if err != nil || len(people) != 1 {
			t.Fatalf("find people: %v %d", err, len(people))
		}
	})
}

func strp(s string) *string { return &s }

func TestPlans(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		year := 2023
		p := &kehoach.Plan{AgencyID: "ag", Type: "KH", Title: "Triển khai Tháng hành động vì trẻ em năm 2023", Year: &year,
			Issuer:   strp("Sở Giao thông vận tải"),
			Basis:    []kehoach.Basis{{Text: "Thực hiện Kế hoạch số 115/KH-UBND", Number: strp("115"), Symbol: strp("KH-UBND")}},
			Sections: []kehoach.Section{{Label: "I", Heading: "MỤC ĐÍCH, YÊU CẦU", Kind: "purpose", Items: []kehoach.Item{{Label: "1", Text: "Đẩy mạnh"}}}},
			Period:   &kehoach.Period{Start: strp("2023-06-01"), End: strp("2023-06-30"), Text: "từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2023"},
			Signer:   &kehoach.Signer{Title: "GIÁM ĐỐC", Name: "Đào Tài Tuệ"}, SourceText: "KẾ HOẠCH …"}
		if err := db.CreatePlan(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindPlanByID(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != p.Title || got.Status != kehoach.PlanDraft || *got.Year != 2023 || got.Basis[0].Number == nil || *got.Basis[0].Number != "115" ||
			got.Sections[0].Items[0].Text != "Đẩy mạnh" || got.Signer.Name != "Đào Tài Tuệ" || got.SourceText != "KẾ HOẠCH …" || got.Recipients == nil {
			t.Fatalf("round trip: %+v", got)
		}
		got.Status = kehoach.PlanIssued
		if err := db.UpdatePlan(ctx, got); err != nil {
			t.Fatal(err)
		}
		ag := "ag"
		list, total, err := db.FindPlans(ctx, kehoach.PlanFilter{AgencyID: &ag, Limit: 10})
		if err != nil || total != 1 || len(list) != 1 || list[0].Status != kehoach.PlanIssued {
			t.Fatalf("list: %v %d", err, total)
		}
		bad := &kehoach.Plan{AgencyID: "ag", Title: ""}
		if err := db.CreatePlan(ctx, bad); kehoach.ErrorCode(err) != kehoach.EINVALID || kehoach.ErrorFields(err)["title"] == "" {
			t.Fatalf("empty title: %v", err)
		}
		if _, err := db.FindPlanByID(ctx, "nope"); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Fatalf("not found: %v", err)
		}
		entries, err := db.FindAuditEntries(ctx, kehoach.AuditFilter{PlanID: &p.ID})
		if err != nil || len(entries) != 2 || entries[0].Action != "plan.update" || len(entries[0].Before) == 0 || len(entries[0].After) == 0 {
			t.Fatalf("audit: %v %d", err, len(entries))
		}
	})
}

func TestAuditChain(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		n, bad, err := db.VerifyAudit(context.Background())
		if err != nil || bad != 0 || n != 4 {
			t.Fatalf("verify clean: n=%d bad=%d err=%v", n, bad, err)
		}
		// Concurrent writers keep one unbroken chain.
		errs := make([]error, 30)
		together(len(errs), func(i int) {
			errs[i] = db.CreateUnit(sysCtx(), &kehoach.OrgUnit{Kind: kehoach.UnitDivision, Name: "Tổ " + string(rune('A'+i)), ParentID: "ag"})
		})
		for _, err := range errs {
			if err != nil {
				t.Fatalf("concurrent create: %v", err)
			}
		}
		n, bad, err = db.VerifyAudit(context.Background())
		if err != nil || bad != 0 || n != 34 {
			t.Fatalf("verify after concurrency: n=%d bad=%d err=%v", n, bad, err)
		}
		// Tampering with an entry is found at that entry.
		if err := db.ExecForTest(context.Background(), `UPDATE audit_log SET summary = 'sửa lén' WHERE seq = 7`); err != nil {
			t.Fatal(err)
		}
		if _, bad, _ := db.VerifyAudit(context.Background()); bad != 7 {
			t.Fatalf("tampered: bad=%d, want 7", bad)
		}
	})
}
