-- +goose Up
-- News items ("tin, bài"); norm_url catches the same link typed twice.
CREATE TABLE posts (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id      TEXT NOT NULL REFERENCES org_units(id),
    task_id      TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    url          TEXT NOT NULL,
    norm_url     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    published_on TEXT NOT NULL,
    minutes      {double},
    created_by   TEXT NOT NULL,
    created_at   {timestamp} NOT NULL,
    updated_at   {timestamp} NOT NULL,
    UNIQUE (plan_id, norm_url)
);
CREATE INDEX posts_plan ON posts(plan_id, published_on);

-- Messages, slogans and contacts of a plan, read and written whole.
CREATE TABLE publicity (
    plan_id    TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    content    TEXT NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE campaign_events (
    id         TEXT PRIMARY KEY,
    plan_id    TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id    TEXT NOT NULL REFERENCES org_units(id),
    name       TEXT NOT NULL,
    starts_at  {timestamp} NOT NULL,
    ends_at    {timestamp},
    place      TEXT NOT NULL DEFAULT '',
    organiser  TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    attendance INTEGER,
    updated_at {timestamp} NOT NULL
);
CREATE INDEX campaign_events_plan ON campaign_events(plan_id, starts_at);

CREATE TABLE event_photos (
    id           TEXT PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES campaign_events(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    data         {blob} NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  {timestamp} NOT NULL
);
CREATE INDEX event_photos_event ON event_photos(event_id);

-- Whether the public campaign page of a plan is published.
CREATE TABLE publications (
    plan_id    TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    published  BOOLEAN NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at {timestamp} NOT NULL
);

-- +goose Down
DROP TABLE publications;
DROP TABLE event_photos;
DROP TABLE campaign_events;
DROP TABLE publicity;
DROP TABLE posts;
