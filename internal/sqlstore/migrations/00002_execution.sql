-- +goose Up
CREATE TABLE indicators (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    aggregation TEXT NOT NULL,
    is_decimal  BOOLEAN NOT NULL DEFAULT FALSE,
    min_value   {double} NOT NULL DEFAULT 0,
    source      TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE plan_targets (
    plan_id        TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    indicator_code TEXT NOT NULL REFERENCES indicators(code),
    value          {double} NOT NULL,
    PRIMARY KEY (plan_id, indicator_code)
);

CREATE TABLE tasks (
    id               TEXT PRIMARY KEY,
    plan_id          TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    section          TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL,
    text             TEXT NOT NULL DEFAULT '',
    lead_unit_id     TEXT NOT NULL REFERENCES org_units(id),
    support_unit_ids TEXT NOT NULL DEFAULT '',
    due              TEXT NOT NULL,
    expected_output  TEXT NOT NULL DEFAULT '',
    indicator_codes  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    parent_id        TEXT REFERENCES tasks(id),
    created_at       {timestamp} NOT NULL,
    updated_at       {timestamp} NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE obligations (
    id                 TEXT PRIMARY KEY,
    plan_id            TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id            TEXT NOT NULL REFERENCES org_units(id),
    task_id            TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL,
    period_start       TEXT NOT NULL DEFAULT '',
    period_end         TEXT NOT NULL DEFAULT '',
    due                TEXT NOT NULL,
    first_submitted_at {timestamp},
    submitted_at       {timestamp},
    returned_at        {timestamp},
    accepted_at        {timestamp},
    report_id          TEXT NOT NULL DEFAULT '',
    created_at         {timestamp} NOT NULL,
    UNIQUE (plan_id, unit_id, task_id, kind, period_end)
);
CREATE INDEX obligations_unit ON obligations(unit_id, plan_id);

CREATE TABLE acknowledgements (
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id     TEXT NOT NULL REFERENCES org_units(id),
    person_id   TEXT NOT NULL,
    person_name TEXT NOT NULL,
    at          {timestamp} NOT NULL,
    PRIMARY KEY (plan_id, unit_id)
);

CREATE TABLE briefings (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id      TEXT NOT NULL REFERENCES org_units(id),
    held_on      TEXT NOT NULL,
    method       TEXT NOT NULL,
    participants INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT NOT NULL,
    recorded_at  {timestamp} NOT NULL
);
CREATE INDEX briefings_plan ON briefings(plan_id, unit_id);

CREATE TABLE reports (
    id            TEXT PRIMARY KEY,
    plan_id       TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id       TEXT NOT NULL REFERENCES org_units(id),
    obligation_id TEXT NOT NULL UNIQUE REFERENCES obligations(id),
    version       INTEGER NOT NULL DEFAULT 0,
    state         TEXT NOT NULL,
    content       TEXT NOT NULL,
    submitted_by  TEXT NOT NULL DEFAULT '',
    submitted_at  {timestamp},
    reviewed_by   TEXT NOT NULL DEFAULT '',
    reviewed_at   {timestamp},
    return_reason TEXT NOT NULL DEFAULT '',
    updated_at    {timestamp} NOT NULL
);
CREATE INDEX reports_plan ON reports(plan_id, unit_id);

-- Every submitted version, frozen; reviews are recorded on the version.
CREATE TABLE report_versions (
    report_id     TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    content       TEXT NOT NULL,
    submitted_by  TEXT NOT NULL,
    submitted_at  {timestamp} NOT NULL,
    state         TEXT NOT NULL,
    reviewed_by   TEXT NOT NULL DEFAULT '',
    reviewed_at   {timestamp},
    return_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, version)
);

CREATE TABLE evidence (
    id           TEXT PRIMARY KEY,
    report_id    TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         {blob} NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  {timestamp} NOT NULL
);
CREATE INDEX evidence_report ON evidence(report_id);

-- +goose Down
DROP TABLE evidence;
DROP TABLE report_versions;
DROP TABLE reports;
DROP TABLE briefings;
DROP TABLE acknowledgements;
DROP TABLE obligations;
DROP TABLE tasks;
DROP TABLE plan_targets;
DROP TABLE indicators;
