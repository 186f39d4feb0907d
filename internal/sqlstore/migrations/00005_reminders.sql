-- +goose Up
-- reminders is the durable queue of reminders ("đôn đốc"), one row per
-- step × level × recipient × channel. dedupe_key is what makes a reminder
-- go out once, across restarts and processes. No foreign keys: the queue is
-- also the record of what was sent, and must outlive a deleted obligation
-- or person.
CREATE TABLE reminders (
    id              TEXT PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,
    obligation_id   TEXT NOT NULL DEFAULT '',
    plan_id         TEXT NOT NULL DEFAULT '',
    unit_id         TEXT NOT NULL DEFAULT '',
    step            TEXT NOT NULL DEFAULT '',
    level           TEXT NOT NULL CHECK (level IN ('unit', 'unit_head', 'office_flag')),
    recipient       TEXT NOT NULL,
    recipient_name  TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    channel         TEXT NOT NULL CHECK (channel IN ('app', 'email')),
    reason          TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    message         TEXT NOT NULL,
    link            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    error           TEXT NOT NULL DEFAULT '',
    attempts        INTEGER NOT NULL DEFAULT 0,
    step_at         {timestamp} NOT NULL,
    next_attempt_at {timestamp},
    claimed_until   {timestamp},
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      {timestamp} NOT NULL,
    sent_at         {timestamp}
);
CREATE INDEX reminders_queue ON reminders(next_attempt_at);
CREATE INDEX reminders_plan ON reminders(plan_id, unit_id, created_at);
CREATE INDEX reminders_obligation ON reminders(obligation_id, created_at);

-- notifications is each person's in-app inbox.
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL,
    plan_id     TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    created_at  {timestamp} NOT NULL,
    read_at     {timestamp}
);
CREATE INDEX notifications_person ON notifications(person_id, created_at);

-- calendar_feeds holds the secret addresses of iCalendar feeds; only the
-- hash of the token is kept.
CREATE TABLE calendar_feeds (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    scope       TEXT NOT NULL CHECK (scope IN ('unit', 'plan')),
    scope_id    TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    created_at  {timestamp} NOT NULL,
    revoked_at  {timestamp}
);
CREATE INDEX calendar_feeds_person ON calendar_feeds(person_id);

-- +goose Down
DROP TABLE calendar_feeds;
DROP TABLE notifications;
DROP TABLE reminders;
