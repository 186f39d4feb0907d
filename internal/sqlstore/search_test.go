package sqlstore_test

import (
	"slices"
	"testing"

	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// The migration that adds the search index fills it from the rows already
// there, and a search matches the start of folded words.
func TestSearchIndexFilledByItsMigration(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := t.Context()
		db, plan := kehoachtest.DemoDB(t, engine)
		if err := db.MigrateDownToForTest(ctx, 7); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		hits, err := db.Search(ctx, sqlstore.SearchWords("Trẻ EM"), 0)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(hits, func(h sqlstore.SearchHit) bool { return h.Kind == "plan" && h.ID == plan.ID && h.InTitle }) {
			t.Errorf("the seed plan is not found in its title after the migration: %+v", hits)
		}
		road, err := db.Search(ctx, sqlstore.SearchWords("đuong BỘ"), 0)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(road, func(h sqlstore.SearchHit) bool { return h.Kind == "unit" && h.ID == "u-bqlbt" }) {
			t.Errorf("the road maintenance board is not found: %+v", road)
		}
	})
}

func TestSearchWords(t *testing.T) {
	got := sqlstore.SearchWords("Sở LĐ-TB&XH: Đường bộ, 45/KH-UBND")
	want := []string{"so", "ld", "tb", "xh", "duong", "bo", "45", "kh", "ubnd"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Whole words rank before words that only start with a term.
func TestSearchRanksWholeWords(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := t.Context()
		db, _ := kehoachtest.DemoDB(t, engine)
		hits, err := db.Search(ctx, sqlstore.SearchWords("tre em"), 0)
		if err != nil {
			t.Fatal(err)
		}
		seenPartial := false
		for _, h := range hits {
			whole := slices.Contains(sqlstore.SearchWords(h.Title+" "+h.Body), "tre")
			if !h.InTitle && !whole {
				seenPartial = true
			} else if !h.InTitle && whole && seenPartial {
				t.Errorf("%s %q (whole words) ranks after a partial match", h.Kind, h.Title)
			}
		}
	})
}
