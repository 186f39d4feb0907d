-- +goose Up
-- Difficulties raised on a plan or one of its tasks ("khó khăn, vướng mắc").
CREATE TABLE obstacles (
    id              TEXT PRIMARY KEY,
    plan_id         TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    task_id         TEXT NOT NULL DEFAULT '',
    agency_id       TEXT NOT NULL REFERENCES org_units(id),
    unit_id         TEXT NOT NULL REFERENCES org_units(id),
    for_unit        BOOLEAN NOT NULL DEFAULT FALSE,
    raised_by_id    TEXT NOT NULL,
    raised_by       TEXT NOT NULL,
    what            TEXT NOT NULL,
    why             TEXT NOT NULL DEFAULT '',
    proposal        TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    primary_id      TEXT NOT NULL DEFAULT '',
    group_label     TEXT NOT NULL DEFAULT '',
    shared          BOOLEAN NOT NULL DEFAULT FALSE,
    assessment      TEXT NOT NULL DEFAULT '',
    office_proposal TEXT NOT NULL DEFAULT '',
    escalated_at    {timestamp},
    decision_id     TEXT NOT NULL DEFAULT '',
    feedback        TEXT NOT NULL DEFAULT '',
    reopened        INTEGER NOT NULL DEFAULT 0,
    resolved_at     {timestamp},
    created_at      {timestamp} NOT NULL,
    updated_at      {timestamp} NOT NULL
);
CREATE INDEX obstacles_plan ON obstacles(plan_id, state);
CREATE INDEX obstacles_agency ON obstacles(agency_id, state);

CREATE TABLE obstacle_files (
    id           TEXT PRIMARY KEY,
    obstacle_id  TEXT NOT NULL REFERENCES obstacles(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         {blob} NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  {timestamp} NOT NULL
);
CREATE INDEX obstacle_files_obstacle ON obstacle_files(obstacle_id);

-- The answer to an obstacle: the Director's decision, or the Office's
-- answer when the matter is within its remit. Effects are kept as JSON.
CREATE TABLE obstacle_decisions (
    id             TEXT PRIMARY KEY,
    obstacle_id    TEXT NOT NULL REFERENCES obstacles(id) ON DELETE CASCADE,
    plan_id        TEXT NOT NULL,
    by_role        TEXT NOT NULL,
    by_id          TEXT NOT NULL,
    by_name        TEXT NOT NULL,
    text           TEXT NOT NULL,
    not_actionable BOOLEAN NOT NULL DEFAULT FALSE,
    effects        TEXT NOT NULL DEFAULT '[]',
    decided_at     {timestamp} NOT NULL
);
CREATE INDEX obstacle_decisions_plan ON obstacle_decisions(plan_id);

-- What a decision changed on a task, shown on the task and plan pages.
CREATE TABLE obstacle_task_notes (
    id          TEXT PRIMARY KEY,
    decision_id TEXT NOT NULL REFERENCES obstacle_decisions(id) ON DELETE CASCADE,
    plan_id     TEXT NOT NULL,
    task_id     TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  {timestamp} NOT NULL
);
CREATE INDEX obstacle_task_notes_plan ON obstacle_task_notes(plan_id, task_id);

-- In-app notices to a person about their obstacles.
CREATE TABLE obstacle_notices (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL,
    obstacle_id TEXT NOT NULL REFERENCES obstacles(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    created_at  {timestamp} NOT NULL,
    read_at     {timestamp}
);
CREATE INDEX obstacle_notices_person ON obstacle_notices(person_id, created_at);

-- +goose Down
DROP TABLE obstacle_notices;
DROP TABLE obstacle_task_notes;
DROP TABLE obstacle_decisions;
DROP TABLE obstacle_files;
DROP TABLE obstacles;
