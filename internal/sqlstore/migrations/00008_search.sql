-- +goose Up
-- What search reads: one row per plan, task, obstacle, person and unit, with
-- its words folded by vntext.Fold (no tones, no diacritics, đ as d, lower
-- case) between single spaces. The store writes the row in the transaction
-- that writes the audit entry of the change; Migrate fills it for rows that
-- existed before this migration.
CREATE TABLE search_index (
    kind       TEXT NOT NULL,
    id         TEXT NOT NULL,
    plan_id    TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    title_key  TEXT NOT NULL,
    body_key   TEXT NOT NULL DEFAULT '',
    updated_at {timestamp} NOT NULL,
    PRIMARY KEY (kind, id)
);

-- +goose Down
DROP TABLE search_index;
