-- +goose Up
-- Incoming documents of other kinds than a plan (a dispatch asking for a
-- report, a decision on a reporting regime, a report) kept with a plan,
-- with what attaching them changed.
CREATE TABLE plan_documents (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    doc         TEXT NOT NULL,
    source_name TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  {timestamp} NOT NULL
);
CREATE INDEX plan_documents_plan ON plan_documents(plan_id, created_at);

-- +goose Down
DROP TABLE plan_documents;
