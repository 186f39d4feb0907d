-- +goose Up
-- A document under review before it is saved as a draft plan: the parse,
-- its source and what the Office has corrected so far, per person, so that
-- a reload or Back keeps the corrections until the import is saved or
-- discarded.
CREATE TABLE import_drafts (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    agency_id   TEXT NOT NULL REFERENCES org_units(id),
    source_name TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    doc         TEXT NOT NULL,
    edits       TEXT NOT NULL DEFAULT '',
    created_at  {timestamp} NOT NULL,
    updated_at  {timestamp} NOT NULL
);
CREATE INDEX import_drafts_person ON import_drafts(person_id, updated_at);

-- +goose Down
DROP TABLE import_drafts;
