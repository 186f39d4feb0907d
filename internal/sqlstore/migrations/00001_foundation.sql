-- +goose Up
CREATE TABLE org_units (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    abbrev      TEXT NOT NULL DEFAULT '',
    parent_id   TEXT REFERENCES org_units(id),
    valid_from  {timestamp},
    valid_to    {timestamp},
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  {timestamp} NOT NULL
);
CREATE INDEX org_units_parent ON org_units(parent_id);

CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    unit_id       TEXT NOT NULL REFERENCES org_units(id),
    roles         TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash TEXT NOT NULL,
    created_at    {timestamp} NOT NULL,
    updated_at    {timestamp} NOT NULL
);
CREATE INDEX people_unit ON people(unit_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at   {timestamp} NOT NULL,
    expires_at   {timestamp} NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name         TEXT NOT NULL DEFAULT '',
    created_at   {timestamp} NOT NULL,
    last_used_at {timestamp},
    revoked_at   {timestamp}
);

CREATE TABLE login_failures (
    id        {serial_primary_key},
    username  TEXT NOT NULL,
    ip        TEXT NOT NULL,
    at        {timestamp} NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

CREATE TABLE plans (
    id                TEXT PRIMARY KEY,
    agency_id         TEXT NOT NULL REFERENCES org_units(id),
    status            TEXT NOT NULL,
    report_to_unit_id TEXT REFERENCES org_units(id),
    type              TEXT NOT NULL,
    title             TEXT NOT NULL,
    year              INTEGER,
    number            TEXT,
    symbol            TEXT,
    doc_date          TEXT,
    content           {json} NOT NULL,
    source_text       TEXT NOT NULL DEFAULT '',
    created_by        TEXT NOT NULL DEFAULT '',
    created_at        {timestamp} NOT NULL,
    updated_at        {timestamp} NOT NULL
);
CREATE INDEX plans_agency ON plans(agency_id, status);

CREATE TABLE audit_log (
    seq         {bigint} PRIMARY KEY,
    at          {timestamp} NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    plan_id     TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL,
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_plan ON audit_log(plan_id, seq);
CREATE INDEX audit_log_entity ON audit_log(entity_id, seq);

-- audit_head holds the last sequence number and hash; updating it in each
-- writing transaction serialises the chain.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  {bigint} NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE plans;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE people;
DROP TABLE org_units;
