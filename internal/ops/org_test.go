package ops_test

import (
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/ops"
)

func TestUnitValidation(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		admin := f.as("quantri")
		div := func(parent string) ops.UnitInput {
			return ops.UnitInput{Kind: kehoach.UnitDivision, Name: "Phòng Pháp chế", Abbrev: "PC", ParentID: parent}
		}

		// An unknown parent is a problem of parentId on both routes, not a
		// broken reference in the database.
		_, err := f.svc.UpdateUnit(ctx, admin, demo.UnitWebsite, div("khong-co"))
		wantFields(t, err, "parentId")
		_, err = f.svc.CreateUnit(ctx, admin, div("khong-co"))
		wantFields(t, err, "parentId")

		// Neither the unit itself nor one of its descendants can be its parent.
		_, err = f.svc.UpdateUnit(ctx, admin, demo.UnitOffice, div(demo.UnitOffice))
		wantFields(t, err, "parentId")
		in := div(demo.UnitWebsite)
		in.Kind, in.Name, in.Abbrev = kehoach.UnitOffice, "Văn phòng Sở", "VP"
		_, err = f.svc.UpdateUnit(ctx, admin, demo.UnitOffice, in)
		wantFields(t, err, "parentId")

		// Siblings do not share an abbreviation, whatever its case.
		dup := div(demo.UnitAgency)
		dup.Abbrev = "vp"
		_, err = f.svc.CreateUnit(ctx, admin, dup)
		wantFields(t, err, "abbrev")

		// Every problem is named at once, with those the door could not read.
		from, to := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		bad := ops.UnitInput{Kind: "club", Name: " ", ParentID: "khong-co", ValidFrom: &from, ValidTo: &to, Unreadable: ops.Problems{"sortOrder": "Thứ tự phải là số nguyên."}}
		_, err = f.svc.CreateUnit(ctx, admin, bad)
		wantFields(t, err, "kind", "name", "parentId", "validTo", "sortOrder")

		// Rights come first; an unknown unit is not found.
		if _, err := f.svc.UpdateUnit(ctx, f.as("vanphong"), demo.UnitWebsite, div("khong-co")); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
			t.Errorf("office: got %v, want forbidden", err)
		}
		if _, err := f.svc.UpdateUnit(ctx, admin, "khong-co", div(demo.UnitAgency)); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("unknown unit: got %v, want not found", err)
		}

		// A good change is stored, and keeps the unit's creation time.
		moved := div(demo.UnitAgency)
		moved.Kind, moved.Name, moved.Abbrev = kehoach.UnitDivision, "Trang thông tin điện tử", "TTĐT"
		u, err := f.svc.UpdateUnit(ctx, admin, demo.UnitWebsite, moved)
		noErr(t, err)
		if u.CreatedAt.IsZero() {
			t.Error("update lost the creation time")
		}
		sys, _ := f.svc.System(ctx, "kiểm tra")
		if got := sys.Tree.Unit(demo.UnitWebsite); got == nil || got.ParentID != demo.UnitAgency || got.Name != "Trang thông tin điện tử" {
			t.Errorf("stored %+v", got)
		}
		added, err := f.svc.CreateUnit(ctx, admin, div(demo.UnitAgency))
		if err != nil || added.ID == "" {
			t.Fatalf("create: %v %+v", err, added)
		}
		if got, err := f.svc.UnitByKey(ctx, admin, "phong phap che"); err != nil || got.ID != added.ID {
			t.Errorf("by name: %v %v", got, err)
		}
	})
}

func TestPeople(t *testing.T) {
	onDraft(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		admin := f.as("quantri")
		_, err := f.svc.CreatePerson(ctx, admin, ops.PersonInput{Username: "A B", FullName: "Nguyễn Văn A", UnitID: "khong-co", Roles: []kehoach.Role{kehoach.RoleStaff}})
		wantFields(t, err, "username", "unitId", "password")
		if _, err := f.svc.CreatePerson(ctx, f.as("vanphong"), ops.PersonInput{}); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
			t.Errorf("office adds a person: got %v", err)
		}
		p, err := f.svc.CreatePerson(ctx, admin, ops.PersonInput{Username: "nva", FullName: "Nguyễn Văn A", UnitID: demo.UnitFinance,
			Roles: []kehoach.Role{kehoach.RoleStaff}, Password: "mat-khau-1"})
		noErr(t, err)
		// A change with a short password changes nothing.
		in := ops.PersonInput{Username: "nva", FullName: "Nguyễn Văn An", UnitID: demo.UnitFinance, Roles: []kehoach.Role{kehoach.RoleStaff}, Password: "ngan"}
		_, err = f.svc.UpdatePerson(ctx, admin, p.ID, in)
		wantFields(t, err, "password")
		// The fields and the password change together.
		in.Password = "mat-khau-2"
		if _, err := f.svc.UpdatePerson(ctx, admin, p.ID, in); err != nil {
			t.Fatal(err)
		}
		got, _, err := f.svc.LogIn(ctx, ops.Credentials{Username: "nva", Password: "mat-khau-2", IP: "127.0.0.1"})
		if err != nil || got.FullName != "Nguyễn Văn An" {
			t.Fatalf("log in after change: %v %+v", err, got)
		}
		if _, err := f.svc.SetPassword(ctx, admin, "khong-co", "mat-khau-3"); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
			t.Errorf("password of nobody: %v", err)
		}
		if tok, err := f.svc.CreateToken(ctx, admin, "nva", "kiểm tra"); err != nil || tok == "" {
			t.Errorf("token: %q %v", tok, err)
		} else if a, err := f.svc.TokenActor(ctx, tok); err != nil || a.Person.Username != "nva" {
			t.Errorf("token actor: %v %v", a, err)
		}
		if _, err := f.svc.People(ctx, f.as("pkhtc")); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
			t.Errorf("unit head reads people: %v", err)
		}
	})
}
