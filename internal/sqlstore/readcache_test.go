package sqlstore_test

import (
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestOrgCacheSeesChanges keeps the organisation tree and a person in the
// memory of a second handle on the same database — another process — and
// changes them through the first: the second sees every change on its next
// read, and the first too.
func TestOrgCacheSeesChanges(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		dsn := kehoachtest.DSN(t, engine)
		one, other := kehoachtest.OpenDSN(t, dsn), kehoachtest.OpenDSN(t, dsn)
		seedOrg(t, one)
		ctx := sysCtx()
		p := &kehoach.Person{Username: "pkhtc", FullName: "Nguyễn Văn Bình", UnitID: "kh", Roles: []kehoach.Role{kehoach.RoleUnitHead}, Active: true}
		if err := one.CreatePerson(ctx, p, "mat-khau-123"); err != nil {
			t.Fatal(err)
		}
		tok, err := one.CreateToken(ctx, p.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		// Load both caches.
		for i, db := range []*sqlstore.DB{one, other} {
			tree, err := db.OrgTree(ctx)
			if err != nil || tree.Unit("kh") == nil || tree.Unit("kh").Name != "Phòng Kế hoạch - Tài chính" {
				t.Fatalf("handle %d: tree %v", i, err)
			}
			if got, err := db.FindTokenPerson(ctx, tok); err != nil || got.FullName != "Nguyễn Văn Bình" {
				t.Fatalf("handle %d: person %+v %v", i, got, err)
			}
		}
		// A person's copy is the caller's: changing it changes no cache.
		got, _ := other.FindTokenPerson(ctx, tok)
		got.FullName = "đã sửa trong bộ nhớ"
		if again, _ := other.FindTokenPerson(ctx, tok); again.FullName != "Nguyễn Văn Bình" {
			t.Fatalf("the cached person was changed through a returned copy: %q", again.FullName)
		}

		u, err := one.FindUnitByID(ctx, "kh")
		if err != nil {
			t.Fatal(err)
		}
		u.Name = "Phòng Kế hoạch, Tài chính và Pháp chế"
		if err := one.UpdateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		p.FullName, p.Active = "Nguyễn Văn Bình (đã nghỉ)", false
		if err := one.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		for i, db := range []*sqlstore.DB{one, other} {
			tree, err := db.OrgTree(ctx)
			if err != nil || tree.Unit("kh").Name != u.Name {
				t.Errorf("handle %d: the tree kept the old name: %v", i, err)
			}
			if _, err := db.FindTokenPerson(ctx, tok); kehoach.ErrorCode(err) != kehoach.EUNAUTHORIZED {
				t.Errorf("handle %d: a locked person's token still works: %v", i, err)
			}
		}
	})
}

// TestUnreadCountKept adds and reads notifications and compares the kept
// count with the rows each time.
func TestUnreadCountKept(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		seedOrg(t, db)
		ctx := sysCtx()
		p := &kehoach.Person{Username: "pkhtc", FullName: "Nguyễn Văn Bình", UnitID: "kh", Roles: []kehoach.Role{kehoach.RoleUnitHead}, Active: true}
		if err := db.CreatePerson(ctx, p, "mat-khau-123"); err != nil {
			t.Fatal(err)
		}
		check := func(want int) {
			t.Helper()
			ns, err := db.FindNotifications(ctx, p.ID, true, 0)
			if err != nil || len(ns) != want {
				t.Fatalf("unread rows %d, want %d: %v", len(ns), want, err)
			}
			if n, err := db.CountUnreadNotifications(ctx, p.ID); err != nil || n != want {
				t.Fatalf("kept count %d, want %d: %v", n, want, err)
			}
		}
		check(0)
		for range 3 {
			if err := db.CreateNotification(ctx, &notify.Notification{PersonID: p.ID, Title: "Kế hoạch mới"}); err != nil {
				t.Fatal(err)
			}
		}
		check(3)
		owner := kehoach.NewContextWithActor(ctx, &kehoach.Actor{Person: p, Via: "session"})
		ns, _ := db.FindNotifications(ctx, p.ID, true, 0)
		for range 2 { // reading twice counts once
			if err := db.MarkNotificationRead(owner, ns[0].ID); err != nil {
				t.Fatal(err)
			}
		}
		check(2)
		if _, err := db.MarkAllNotificationsRead(owner); err != nil {
			t.Fatal(err)
		}
		check(0)
		if err := db.CreateNotification(ctx, &notify.Notification{PersonID: p.ID, Title: "Nhắc hạn"}); err != nil {
			t.Fatal(err)
		}
		check(1)
	})
}
