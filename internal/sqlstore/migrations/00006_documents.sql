-- +goose Up
-- doc_counters holds the next number of each agency's register of outgoing
-- documents, per type and calendar year; taking a number updates the row,
-- which serialises concurrent allocations.
CREATE TABLE doc_counters (
    agency_id TEXT NOT NULL REFERENCES org_units(id),
    type      TEXT NOT NULL,
    year      INTEGER NOT NULL,
    next      INTEGER NOT NULL,
    PRIMARY KEY (agency_id, type, year)
);

-- The register of outgoing documents ("sổ văn bản đi"). Rows are never
-- deleted, so a number is never handed out twice.
CREATE TABLE outgoing_documents (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES org_units(id),
    type        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL CHECK (number > 0),
    symbol      TEXT NOT NULL,
    title       TEXT NOT NULL,
    plan_id     TEXT REFERENCES plans(id),
    issued_on   TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  {timestamp} NOT NULL,
    sent_on     TEXT NOT NULL DEFAULT '',
    sent_via    TEXT NOT NULL DEFAULT '',
    sent_to     TEXT NOT NULL DEFAULT '',
    sent_by     TEXT NOT NULL DEFAULT '',
    scan_name   TEXT NOT NULL DEFAULT '',
    scan_type   TEXT NOT NULL DEFAULT '',
    scan_size   INTEGER NOT NULL DEFAULT 0,
    scan_sha256 TEXT NOT NULL DEFAULT '',
    scan_data   {blob},
    UNIQUE (agency_id, type, year, number)
);
CREATE INDEX outgoing_documents_plan ON outgoing_documents(plan_id);

-- Versions of a plan's result report: the Office's edits of the narrative,
-- and for a final version its register entry and frozen content.
CREATE TABLE summaries (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL,
    edits        TEXT NOT NULL,
    document_id  TEXT REFERENCES outgoing_documents(id),
    frozen       TEXT NOT NULL DEFAULT '',
    finalised_by TEXT NOT NULL DEFAULT '',
    finalised_at {timestamp},
    updated_by   TEXT NOT NULL DEFAULT '',
    created_at   {timestamp} NOT NULL,
    updated_at   {timestamp} NOT NULL,
    UNIQUE (plan_id, version)
);

-- +goose Down
DROP TABLE summaries;
DROP TABLE outgoing_documents;
DROP TABLE doc_counters;
