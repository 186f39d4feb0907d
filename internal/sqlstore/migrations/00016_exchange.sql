-- +goose Up
-- Exchange between kehoach deployments: the tokens a superior issues to an
-- agency for one plan (only their hash is kept), and the result reports
-- agencies' kehoach sent with them, each kept once per content digest.
CREATE TABLE exchange_tokens (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    agency_id   TEXT NOT NULL REFERENCES org_units(id),
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  {timestamp} NOT NULL
);
CREATE TABLE received_reports (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id),
    agency_id   TEXT NOT NULL REFERENCES org_units(id),
    token_id    TEXT NOT NULL REFERENCES exchange_tokens(id),
    digest      TEXT NOT NULL,
    report      TEXT NOT NULL,
    figures     TEXT NOT NULL,
    docx_name   TEXT NOT NULL,
    docx_sha256 TEXT NOT NULL,
    docx        {blob} NOT NULL,
    pdf_name    TEXT NOT NULL,
    pdf_sha256  TEXT NOT NULL,
    pdf         {blob} NOT NULL,
    received_at {timestamp} NOT NULL,
    UNIQUE (plan_id, agency_id, digest)
);
CREATE INDEX received_reports_plan ON received_reports(plan_id, agency_id, received_at);

-- +goose Down
DROP TABLE received_reports;
DROP TABLE exchange_tokens;
