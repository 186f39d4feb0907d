package app_test

import (
	"testing"
)

// TestQueriesPerSave holds a report draft save through the API (the
// request a unit sends most, many at a time near a deadline) to a budget
// of database statements, counted by the store: the session and the
// organisation, what the rights and the validation read, and the
// transaction's own statements. The audit entry's bookkeeping statements
// are not counted (see sqlstore.Tx.rawExec).
func TestQueriesPerSave(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		f := newDemoFixture(t, engine)
		save := f.draftSaver(t)
		if err := save(0); err != nil { // the first save creates the report
			t.Fatal(err)
		}
		before := f.db.Queries()
		if err := save(0); err != nil {
			t.Fatal(err)
		}
		n := f.db.Queries() - before
		t.Logf("report draft save: %d queries", n)
		const budget = 8 // what it needs today (6 on SQLite, 7 on PostgreSQL, which locks the obligation apart) and a session renewal
		if n > budget {
			t.Errorf("report draft save: %d queries, budget %d", n, budget)
		}
	})
}
