package sqlstore_test

import (
	"context"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestCleanStoredText: the rows older versions stored with bytes the text
// policy now refuses (NUL and invalid UTF-8 on SQLite, control characters
// and decomposed accents on both) are cleaned by migration 17, and a
// write of such bytes past the operations is refused on both engines.
func TestCleanStoredText(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		seedOrg(t, db)
		dirty, want := "Phòng\x1b Ke\u0302\u0301 hoa\u0323ch\r\nTài chính", "Phòng Kế hoạch\nTài chính"
		if db.Dialect() == sqlstore.SQLite {
			dirty, want = "Phòng\x00\xff\x1b Ke\u0302\u0301 hoa\u0323ch\r\nTài chính", "Phòng Kế hoạch\nTài chính"
		}
		if err := db.ExecForTest(ctx, `UPDATE org_units SET name = ? WHERE id = 'kh'`, dirty); err != nil {
			t.Fatal(err)
		}
		if err := db.CleanStoredTextForTest(ctx); err != nil {
			t.Fatal(err)
		}
		u, err := db.FindUnitByID(ctx, "kh")
		if err != nil {
			t.Fatal(err)
		}
		if u.Name != want {
			t.Errorf("name %q, want %q", u.Name, want)
		}
		u.Name = "A\x00B"
		if err := db.UpdateUnit(sysCtx(), u); kehoach.ErrorCode(err) != kehoach.EINVALID {
			t.Errorf("storing a NUL byte: %v, want %s", err, kehoach.EINVALID)
		}
		// A lookup of an id no row can hold finds nothing, on both.
		for _, id := range []string{"k\x00h", "k\xffh", string(make([]byte, 100000))} {
			if _, err := db.FindUnitByID(ctx, id); kehoach.ErrorCode(err) != kehoach.ENOTFOUND {
				t.Errorf("lookup of a bad id: %v", err)
			}
		}
	})
}
