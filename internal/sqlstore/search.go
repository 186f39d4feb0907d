package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/kehoach/kehoach/vntext"
)

// The search index holds, per plan, task, obstacle, person and unit, the
// text search reads, folded by [vntext.Fold] into words between single
// spaces (" duong bo "), so that a term matches the start of a word with a
// LIKE that both engines run alike. The row is rewritten in the
// transaction of every audited change of its entity (see [Tx.audit]).

// searchSources tells, per kind, how to read the rows to index: the id, the
// plan, the title, the text and when it changed. cond narrows the rows.
var searchSources = map[string]string{
	"plan":     `SELECT id, id, title, COALESCE(number, '') || ' ' || COALESCE(symbol, ''), updated_at FROM plans`,
	"task":     `SELECT id, plan_id, title, text, updated_at FROM tasks`,
	"obstacle": `SELECT id, plan_id, what, why || ' ' || proposal || ' ' || group_label, updated_at FROM obstacles`,
	"person":   `SELECT id, '', full_name, username || ' ' || title, updated_at FROM people`,
	"unit":     `SELECT id, '', name, abbrev, created_at FROM org_units`,
}

// searchKinds lists the kinds in a fixed order.
var searchKinds = []string{"plan", "task", "obstacle", "person", "unit"}

// SearchWords returns the folded words of s, the terms a search matches.
func SearchWords(s string) []string {
	return strings.FieldsFunc(vntext.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func searchKey(s string) string {
	w := SearchWords(s)
	if len(w) == 0 {
		return " "
	}
	return " " + strings.Join(w, " ") + " "
}

type searchRow struct {
	id, planID, title, body string
	at                      nullTime
}

// reindex rewrites the index rows of kind that cond selects (cond is a
// WHERE clause on the entity's table, "" for all; drop the same on the
// index).
func (tx *Tx) reindex(kind, cond, drop string, args ...any) error {
	src, ok := searchSources[kind]
	if !ok {
		return nil
	}
	where, dropWhere := "", ""
	if cond != "" {
		where, dropWhere = " WHERE "+cond, " AND "+drop
	}
	list, err := tx.query(src+where, args...)
	rows, err := scanAll(list, err, func(sc scanner) (searchRow, error) {
		var r searchRow
		return r, sc.Scan(&r.id, &r.planID, &r.title, &r.body, &r.at)
	})
	if err != nil {
		return fmt.Errorf("search index %s: %w", kind, err)
	}
	if _, err := tx.exec(`DELETE FROM search_index WHERE kind = ?`+dropWhere, append([]any{kind}, args...)...); err != nil {
		return fmt.Errorf("search index %s: %w", kind, err)
	}
	for _, r := range rows {
		if _, err := tx.exec(`INSERT INTO search_index (kind, id, plan_id, title, body, title_key, body_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			kind, r.id, r.planID, r.title, strings.TrimSpace(r.body), searchKey(r.title), searchKey(r.body), r.at.T); err != nil {
			return fmt.Errorf("search index %s: %w", kind, err)
		}
	}
	return nil
}

// reindexEntity rewrites the index rows an audited change of the entity
// may have changed: a plan with its tasks, the tasks of a plan (a task may
// have been split), an obstacle, a person, a unit.
func (tx *Tx) reindexEntity(entity, entityID, planID string) error {
	switch entity {
	case "plan":
		if err := tx.reindex("plan", "id = ?", "id = ?", entityID); err != nil {
			return err
		}
		return tx.reindex("task", "plan_id = ?", "plan_id = ?", entityID)
	case "task":
		return tx.reindex("task", "plan_id = ?", "plan_id = ?", planID)
	case "obstacle", "person", "unit":
		return tx.reindex(entity, "id = ?", "id = ?", entityID)
	}
	return nil
}

// RebuildSearchIndex writes the whole index again from the rows.
func (db *DB) RebuildSearchIndex(ctx context.Context) error {
	return db.InTx(ctx, func(tx *Tx) error {
		for _, k := range searchKinds {
			if err := tx.reindex(k, "", ""); err != nil {
				return err
			}
		}
		return nil
	})
}

// SearchHit is one row of the index that matched.
type SearchHit struct {
	Kind, ID, PlanID, Title, Body string
	// InTitle is true when every term matched the title.
	InTitle   bool
	UpdatedAt time.Time
}

// Search returns at most max rows whose title and text together hold a
// word starting with each of the terms (folded words, see [SearchWords]):
// those matching in the title first, then those where the terms are whole
// words, then the newest.
func (db *DB) Search(ctx context.Context, terms []string, max int) ([]SearchHit, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	var inTitle, words, all []string
	var titleArgs, wordArgs, allArgs []any
	for _, t := range terms {
		// Terms are letters and digits only: nothing for LIKE to escape.
		inTitle, titleArgs = append(inTitle, `title_key LIKE ?`), append(titleArgs, "% "+t+"%")
		words, wordArgs = append(words, `(title_key || body_key) LIKE ?`), append(wordArgs, "% "+t+" %")
		all, allArgs = append(all, `(title_key || body_key) LIKE ?`), append(allArgs, "% "+t+"%")
	}
	// Title matches first, then rows where each term is a whole word, then
	// the newest.
	q := `SELECT kind, id, plan_id, title, body, updated_at, CASE WHEN ` + strings.Join(inTitle, " AND ") + ` THEN 1 ELSE 0 END AS in_title,
		CASE WHEN ` + strings.Join(words, " AND ") + ` THEN 1 ELSE 0 END AS whole
		FROM search_index WHERE ` + strings.Join(all, " AND ") + `
		ORDER BY in_title DESC, whole DESC, updated_at DESC, kind, id` + limit(max)
	rows, err := db.query(ctx, q, slices.Concat(titleArgs, wordArgs, allArgs)...)
	return scanAll(rows, err, func(sc scanner) (SearchHit, error) {
		var h SearchHit
		var at nullTime
		var in, whole int
		err := sc.Scan(&h.Kind, &h.ID, &h.PlanID, &h.Title, &h.Body, &at, &in, &whole)
		h.UpdatedAt, h.InTitle = at.T, in == 1
		return h, err
	})
}
