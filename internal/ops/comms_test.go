package ops_test

import (
	"context"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// postIn is the input of a news item.
func postIn(p *kehoach.Post) ops.PostInput {
	return ops.PostInput{UnitID: p.UnitID, TaskID: p.TaskID, Title: p.Title, URL: p.URL, Kind: p.Kind, PublishedOn: p.PublishedOn, Minutes: p.Minutes}
}

// actor returns the demo person username as logged in.
func actor(t *testing.T, db *sqlstore.DB, username string) *kehoach.Actor {
	t.Helper()
	return kehoach.ActorFromContext(kehoachtest.ActorCtx(t, db, username))
}

func TestCommsFeedIndicators(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db, plan := kehoachtest.DraftDB(t, engine)
			db.Clock = kehoach.ClockFunc(func() time.Time { return time.Date(2023, 6, 15, 3, 0, 0, 0, time.UTC) })
			svc := ops.New(db, nil)
			ctx := context.Background()
			office := kehoachtest.ActorCtx(t, db, "vanphong")
			vp, web, head := actor(t, db, "vanphong"), actor(t, db, "bientap"), actor(t, db, "pkhtc")
			// A draft is never published.
			yes := true
			if _, err := svc.SetPublished(ctx, vp, plan.ID, ops.PublicationInput{Published: &yes}); kehoach.ErrorCode(err) != kehoach.ECONFLICT {
				t.Fatalf("publish a draft: %v", err)
			}
			// Issued, the units read it and record their items.
			if _, err := db.IssuePlan(office, plan.ID, sqlstore.IssueOptions{IssuedOn: "2023-05-20"}); err != nil {
				t.Fatal(err)
			}
			ten, twelve := 10.0, 12.5
			posts := []struct {
				who  *kehoach.Actor
				post *kehoach.Post
			}{
				{web, &kehoach.Post{PlanID: plan.ID, UnitID: "u-website", Title: "Phát động Tháng hành động vì trẻ em", URL: "https://sogtvt.sonla.gov.vn/tin/phat-dong", Kind: kehoach.PostNews, PublishedOn: "2023-06-01"}},
				{web, &kehoach.Post{PlanID: plan.ID, UnitID: "u-website", Title: "Phóng sự: Mùa hè an toàn", URL: "https://sogtvt.sonla.gov.vn/video/mua-he", Kind: kehoach.PostVideo, PublishedOn: "2023-06-05", Minutes: &ten}},
				{head, &kehoach.Post{PlanID: plan.ID, UnitID: "u-pkhtc", Title: "Tổng đài 111", URL: "https://sogtvt.sonla.gov.vn/tin/tong-dai-111?id=3", Kind: kehoach.PostAudio, PublishedOn: "2023-06-07", Minutes: &twelve}},
			}
			before, err := db.PlanIndicatorValues(office, plan.ID)
			if err != nil {
				t.Fatal(err)
			}
			if before.Totals[kehoach.IndNewsItems] != 0 {
				t.Fatalf("news items before: %v", before.Totals)
			}
			for _, p := range posts {
				created, err := svc.CreatePost(ctx, p.who, plan.ID, postIn(p.post))
				if err != nil {
					t.Fatalf("%s: %v", p.post.Title, err)
				}
				p.post.ID = created.ID
			}
			tab, err := db.PlanIndicatorValues(office, plan.ID)
			if err != nil {
				t.Fatal(err)
			}
			check := func(unit, code string, want float64) {
				t.Helper()
				got := 0.0
				if unit == "" {
					got = tab.Totals[code]
				} else if v := tab.Value(unit, code); v != nil {
					got = v.Value
				}
				if got != want {
					t.Errorf("%s %s = %v, want %v", unit, code, got, want)
				}
			}
			check("u-website", kehoach.IndNewsItems, 2)
			check("u-pkhtc", kehoach.IndNewsItems, 1)
			check("", kehoach.IndNewsItems, 3)
			check("u-website", kehoach.IndNewsMinutes, 10)
			check("u-pkhtc", kehoach.IndNewsMinutes, 12.5)
			check("", kehoach.IndNewsMinutes, 22.5)
			if src := tab.Value("u-pkhtc", kehoach.IndNewsItems).Sources; len(src) != 1 || src[0].Kind != "post" || src[0].Ref != posts[2].post.ID {
				t.Errorf("source of pkhtc's item: %+v", src)
			}

			// The same link, written differently, is refused.
			dup := &kehoach.Post{PlanID: plan.ID, UnitID: "u-website", Title: "Trùng", URL: "HTTPS://SoGTVT.sonla.gov.vn/tin/phat-dong/?utm_source=zalo", Kind: kehoach.PostNews, PublishedOn: "2023-06-02"}
			if _, err := svc.CreatePost(ctx, web, plan.ID, postIn(dup)); kehoach.ErrorCode(err) != kehoach.ECONFLICT || kehoach.ErrorFields(err)["url"] == "" {
				t.Fatalf("duplicate link: %v", err)
			}
			// A unit head records only for their unit.
			other := &kehoach.Post{PlanID: plan.ID, UnitID: "u-pkhtc", Title: "Không phải đơn vị mình", URL: "https://example.vn/a", Kind: kehoach.PostNews, PublishedOn: "2023-06-02"}
			if _, err := svc.CreatePost(ctx, web, plan.ID, postIn(other)); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
				t.Fatalf("other unit: %v", err)
			}
			// The Office records for any unit.
			if _, err := svc.CreatePost(ctx, vp, plan.ID, postIn(other)); err != nil {
				t.Fatalf("office for a unit: %v", err)
			}
			neg := -3.0
			for name, tc := range map[string]struct {
				p     kehoach.Post
				field string
			}{
				"ftp link":         {kehoach.Post{URL: "ftp://example.vn/x", PublishedOn: "2023-06-01", Kind: kehoach.PostNews}, "url"},
				"javascript link":  {kehoach.Post{URL: "javascript:alert(1)", PublishedOn: "2023-06-01", Kind: kehoach.PostNews}, "url"},
				"date too early":   {kehoach.Post{URL: "https://example.vn/b", PublishedOn: "1999-06-01", Kind: kehoach.PostNews}, "publishedOn"},
				"date in future":   {kehoach.Post{URL: "https://example.vn/c", PublishedOn: "2023-12-01", Kind: kehoach.PostNews}, "publishedOn"},
				"negative minutes": {kehoach.Post{URL: "https://example.vn/d", PublishedOn: "2023-06-01", Kind: kehoach.PostVideo, Minutes: &neg}, "minutes"},
				"unknown kind":     {kehoach.Post{URL: "https://example.vn/e", PublishedOn: "2023-06-01", Kind: "blog"}, "kind"},
			} {
				p := tc.p
				p.PlanID, p.UnitID, p.Title = plan.ID, "u-website", "Thử "+name
				_, err := svc.CreatePost(ctx, web, plan.ID, postIn(&p))
				if kehoach.ErrorCode(err) != kehoach.EINVALID || kehoach.ErrorFields(err)[tc.field] == "" {
					t.Errorf("%s: %v (%v)", name, err, kehoach.ErrorFields(err))
				}
			}

			// Deleting an item takes it out of the table.
			if _, err := svc.DeletePost(ctx, web, plan.ID, posts[2].post.ID); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
				t.Fatalf("another unit's item deleted: %v", err)
			}
			if _, err := svc.DeletePost(ctx, head, plan.ID, posts[2].post.ID); err != nil {
				t.Fatal(err)
			}
			tab, _ = db.PlanIndicatorValues(office, plan.ID)
			check("", kehoach.IndNewsItems, 3)
			check("", kehoach.IndNewsMinutes, 10)

			// An event's attendance feeds its indicator once recorded.
			ev := ops.EventInput{UnitID: "u-chidoan", Name: "Lễ phát động", Start: time.Date(2023, 5, 30, 7, 30, 0, 0, kehoach.Zone),
				Place: "Trung tâm Văn hóa - Điện ảnh tỉnh", Organiser: "UBND tỉnh Sơn La", Status: kehoach.EventConfirmed}
			if _, err := svc.CreateEvent(ctx, head, plan.ID, ev); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
				t.Fatalf("unit head creates an event: %v", err)
			}
			created, err := svc.CreateEvent(ctx, vp, plan.ID, ev)
			if err != nil {
				t.Fatal(err)
			}
			youth := actor(t, db, "chidoan")
			n := 35
			ev.Attendance = &n
			renamed := ev
			renamed.Name = "Lễ phát động (đổi tên)"
			if _, err := svc.UpdateEvent(ctx, youth, plan.ID, created.ID, renamed); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
				t.Fatalf("unit renames the Office's event: %v", err)
			}
			if _, err := svc.UpdateEvent(ctx, youth, "", created.ID, ev); err != nil {
				t.Fatalf("unit records attendance: %v", err)
			}
			tab, _ = db.PlanIndicatorValues(office, plan.ID)
			check("u-chidoan", kehoach.IndEventAttendance, 35)
			if _, err := svc.AddEventPhoto(ctx, vp, plan.ID, created.ID, "a.txt", []byte("not an image at all")); kehoach.ErrorFields(err)["photo"] == "" {
				t.Fatalf("text as photo: %v", err)
			}

			entries, err := db.FindAuditEntries(office, kehoach.AuditFilter{PlanID: &plan.ID})
			if err != nil {
				t.Fatal(err)
			}
			actions := map[string]int{}
			for _, e := range entries {
				actions[e.Action]++
			}
			if actions["post.create"] != 4 || actions["post.delete"] != 1 || actions["event.create"] != 1 || actions["event.update"] != 1 {
				t.Errorf("audit actions: %v", actions)
			}
		})
	}
}
