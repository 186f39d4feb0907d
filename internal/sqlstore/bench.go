package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kehoach/kehoach"
)

// BenchAggregate runs the bare SQL aggregate behind a plan's monitoring —
// obligations by unit and kind: owed, submitted, accepted, late — and
// returns how many obligations it counted. The load harness compares the
// monitoring page's time with it; nothing else uses it.
func (db *DB) BenchAggregate(ctx context.Context, planID string) (int, error) {
	today := db.Clock.Now().In(kehoach.Zone).Format(time.DateOnly)
	rows, err := db.query(ctx, `SELECT unit_id, kind, COUNT(*),
		SUM(CASE WHEN submitted_at IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN accepted_at IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN submitted_at IS NULL AND due < ? THEN 1 ELSE 0 END)
		FROM obligations WHERE plan_id = ? GROUP BY unit_id, kind`, today, planID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var unit, kind string
		var n, submitted, accepted, late int
		if err := rows.Scan(&unit, &kind, &n, &submitted, &accepted, &late); err != nil {
			return 0, err
		}
		total += n
	}
	return total, rows.Err()
}

// BenchRollupAggregate runs the bare SQL aggregate behind a roll-up: the
// obligations of every plan implementing parentPlanID, by plan — owed,
// due, submitted, on time — and returns how many obligations it counted.
func (db *DB) BenchRollupAggregate(ctx context.Context, parentPlanID string) (int, error) {
	today := db.Clock.Now().In(kehoach.Zone).Format(time.DateOnly)
	rows, err := db.query(ctx, `SELECT o.plan_id, COUNT(*),
		SUM(CASE WHEN o.due < ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN o.due < ? AND o.submitted_at IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN o.due < ? AND o.submitted_at IS NOT NULL AND o.accepted_at IS NOT NULL THEN 1 ELSE 0 END)
		FROM obligations o JOIN plans p ON p.id = o.plan_id WHERE p.parent_plan_id = ? GROUP BY o.plan_id`, today, today, today, parentPlanID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var plan string
		var n, due, submitted, accepted int
		if err := rows.Scan(&plan, &n, &due, &submitted, &accepted); err != nil {
			return 0, err
		}
		total += n
	}
	return total, rows.Err()
}

// BulkReport is one report the load harness's generator writes: saved,
// submitted when Submit, then accepted when Accept.
type BulkReport struct {
	ObligationID   string
	Report         *kehoach.Report
	Allowed        []kehoach.Indicator
	Submit, Accept bool
}

// BulkReports writes many reports in one transaction, each as SaveReport
// and ReviewReport would (the same rows, audit entries and notices), so
// that a province's worth of data is built in minutes. Only the load
// harness's generator uses it.
func (db *DB) BulkReports(ctx context.Context, list []BulkReport) error {
	for _, b := range list {
		if err := b.Report.ValidateDraft(b.Allowed); err != nil {
			return err
		}
	}
	return db.InTx(ctx, func(tx *Tx) error {
		for _, b := range list {
			r, err := tx.saveReportDraft(b.ObligationID, b.Report)
			if err != nil {
				return err
			}
			if !b.Submit {
				continue
			}
			if r, err = tx.submitReport(r.ID); err != nil {
				return err
			}
			if b.Accept {
				if _, err := tx.reviewReport(r.ID, true, ""); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// BulkOrg creates units (parents first) and people, all with password, in
// one transaction, each as CreateUnit and CreatePerson would. Only the
// load harness's generator uses it.
func (db *DB) BulkOrg(ctx context.Context, units []*kehoach.OrgUnit, people []*kehoach.Person, password string) error {
	hashes := make([]string, len(people))
	for i, p := range people {
		if err := p.Validate(); err != nil {
			return err
		}
		h, err := db.hashNew(password)
		if err != nil {
			return err
		}
		hashes[i] = h
	}
	return db.InTx(ctx, func(tx *Tx) error {
		// Each unit is checked against those before it, as CreateUnit
		// checks it, without reading them all again.
		known, err := tx.units()
		if err != nil {
			return err
		}
		for _, u := range units {
			if err := u.ValidateIn(kehoach.NewOrgTree(known)); err != nil {
				return fmt.Errorf("unit %s: %w", u.ID, err)
			}
			known = append(known, u)
			if err := tx.insertUnit(u); err != nil {
				return fmt.Errorf("unit %s: %w", u.ID, err)
			}
		}
		for i, p := range people {
			if err := tx.createPerson(p, hashes[i]); err != nil {
				return fmt.Errorf("person %s: %w", p.Username, err)
			}
		}
		return nil
	})
}
