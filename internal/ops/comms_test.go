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

// loggedIn returns the demo person username as logged in.
func loggedIn(t *testing.T, db *sqlstore.DB, username string) *kehoach.Actor {
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
			vp, web, head := loggedIn(t, db, "vanphong"), loggedIn(t, db, "bientap"), loggedIn(t, db, "pkhtc")
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
			noErr(t, err)
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
			noErr(t, err)
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
			ev := ops.EventInput{EventFields: kehoach.EventFields{UnitID: "u-chidoan", Name: "Lễ phát động", Start: time.Date(2023, 5, 30, 7, 30, 0, 0, kehoach.Zone),
				Place: "Trung tâm Văn hóa - Điện ảnh tỉnh", Organiser: "UBND tỉnh Sơn La", Status: kehoach.EventConfirmed}}
			if _, err := svc.CreateEvent(ctx, head, plan.ID, ev); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
				t.Fatalf("unit head creates an event: %v", err)
			}
			created, err := svc.CreateEvent(ctx, vp, plan.ID, ev)
			noErr(t, err)
			youth := loggedIn(t, db, "chidoan")
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
			noErr(t, err)
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

// TestSavePublicityRefusesWipe: a missing list is refused, naming it, so
// that a request that lost its body (null) cannot empty the public page;
// empty lists sent on purpose are taken.
func TestSavePublicityRefusesWipe(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	svc, ctx := ops.New(db, nil), context.Background()
	vp := loggedIn(t, db, "vanphong")
	before, err := svc.Publicity(ctx, vp, plan.ID)
	if err != nil || len(before.Contacts) == 0 {
		t.Fatalf("demo publicity: %v %+v", err, before)
	}
	for name, tc := range map[string]struct {
		in     ops.PublicityInput
		fields []string
	}{
		"null":             {ops.PublicityInput{}, []string{"messages", "contacts"}},
		"no contacts":      {ops.PublicityInput{Messages: []kehoach.Message{{Kind: kehoach.KindSlogan, Text: "A"}}}, []string{"contacts"}},
		"no messages":      {ops.PublicityInput{Contacts: []kehoach.Contact{}}, []string{"messages"}},
		"bad phone, no ms": {ops.PublicityInput{Contacts: []kehoach.Contact{{Name: "B", Phone: "gọi đi"}}}, []string{"messages", "contacts.0.phone"}},
	} {
		_, err := svc.SavePublicity(ctx, vp, plan.ID, tc.in)
		fields := kehoach.ErrorFields(err)
		if kehoach.ErrorCode(err) != kehoach.EINVALID || len(fields) != len(tc.fields) {
			t.Errorf("%s: %v %v", name, err, fields)
		}
		for _, f := range tc.fields {
			if fields[f] == "" {
				t.Errorf("%s: no problem named for %s: %v", name, f, fields)
			}
		}
	}
	if _, err := svc.SavePublicity(ctx, loggedIn(t, db, "pkhtc"), plan.ID, ops.PublicityInput{Messages: []kehoach.Message{}, Contacts: []kehoach.Contact{}}); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
		t.Errorf("a unit head saves publicity: %v", err)
	}
	after, err := svc.Publicity(ctx, vp, plan.ID)
	if err != nil || len(after.Contacts) != len(before.Contacts) || len(after.Messages) != len(before.Messages) {
		t.Fatalf("refused inputs changed the publicity: %+v", after)
	}
	pub, err := svc.SavePublicity(ctx, vp, plan.ID, ops.PublicityInput{Messages: []kehoach.Message{}, Contacts: []kehoach.Contact{}})
	if err != nil || len(pub.Messages) != 0 || len(pub.Contacts) != 0 {
		t.Fatalf("emptied on purpose: %v %+v", err, pub)
	}
	// The public page still leads with the hotline.
	c, err := svc.PublicCampaign(ctx, plan.ID)
	if err != nil || c.Hotline == nil || c.Hotline.Phone != kehoach.Hotline {
		t.Fatalf("public page without publicity: %v %+v", err, c)
	}
}

// TestPublicCampaign: the public query shows only a published, issued
// plan, and nothing private of its items and events.
func TestPublicCampaign(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	svc, ctx := ops.New(db, nil), context.Background()
	c, err := svc.PublicCampaign(ctx, plan.ID)
	noErr(t, err)
	if len(c.Posts) != 6 || len(c.Past) != 1 || c.Agency == "" || c.Title != plan.FullTitle() {
		t.Fatalf("public campaign: %+v", c)
	}
	for _, p := range c.Posts {
		if p.CreatedBy != "" || p.UnitID != "" {
			t.Errorf("item %q shows who recorded it: %q %q", p.Title, p.CreatedBy, p.UnitID)
		}
	}
	for _, e := range c.Past {
		if e.Attendance != nil || len(e.Photos) != 0 || e.UnitID != "" {
			t.Errorf("event %q shows private details: %+v", e.Name, e)
		}
	}
	if _, err := svc.PublicCampaign(ctx, "khong-co"); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
		t.Errorf("missing plan: %v", err)
	}
	no := false
	if _, err := svc.SetPublished(ctx, loggedIn(t, db, "vanphong"), plan.ID, ops.PublicationInput{Published: &no}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PublicCampaign(ctx, plan.ID); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
		t.Errorf("unpublished plan: %v", err)
	}
	if _, err := svc.SetPublished(ctx, loggedIn(t, db, "vanphong"), plan.ID, ops.PublicationInput{}); kehoach.ErrorFields(err)["published"] == "" {
		t.Errorf("publication without a value: %v", err)
	}
}

// TestCommsForms: what a form types but cannot be read is named beside its
// field together with the other problems.
func TestCommsForms(t *testing.T) {
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	svc, ctx := ops.New(db, nil), context.Background()
	in := ops.PostInput{UnitID: "u-website", Kind: kehoach.PostVideo, PublishedOn: "2023-06-03", URL: "https://a.vn/x"}
	in.SetMinutesText("mười")
	_, err := svc.CreatePost(ctx, loggedIn(t, db, "bientap"), plan.ID, in)
	if f := kehoach.ErrorFields(err); f["minutes"] == "" || f["title"] == "" {
		t.Errorf("post problems: %v", f)
	}
	var ev ops.EventInput
	ev.SetTimesText("2023-13-01", "07:30", "")
	ev.SetAttendanceText("nhiều")
	_, err = svc.CreateEvent(ctx, loggedIn(t, db, "vanphong"), plan.ID, ev)
	if f := kehoach.ErrorFields(err); f["start"] == "" || f["attendance"] == "" || f["name"] == "" || f["unitId"] == "" {
		t.Errorf("event problems: %v", f)
	}
	ev = ops.EventInput{}
	ev.SetTimesText("2023-06-01", "07:30", "09:00")
	if ev.End == nil || ev.End.Sub(ev.Start) != 90*time.Minute {
		t.Errorf("times: %v %v", ev.Start, ev.End)
	}
	// Events the plan names are recorded once, by the Office only.
	if _, err := svc.CreatePlanEvents(ctx, loggedIn(t, db, "pkhtc"), plan.ID); kehoach.ErrorCode(err) != kehoach.EFORBIDDEN {
		t.Errorf("a unit head creates the plan's events: %v", err)
	}
	if got, err := svc.CreatePlanEvents(ctx, loggedIn(t, db, "vanphong"), plan.ID); err != nil || len(got) != 0 {
		t.Errorf("the demo's events are recorded already: %v %d", err, len(got))
	}
}
