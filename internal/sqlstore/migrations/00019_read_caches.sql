-- +goose Up
-- cache_versions tells every process when what it keeps in memory is stale:
-- the transaction that changes a unit or a person bumps the 'org' version,
-- and a process that holds the organisation tree or a person reloads them
-- when the version it reads differs from the one it loaded them at.
CREATE TABLE cache_versions (
    name    TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO cache_versions (name, version) VALUES ('org', 1);

-- notice_unread keeps each person's number of unread notifications, changed
-- in the transaction that adds a notification or marks some read, so that
-- no page counts them.
CREATE TABLE notice_unread (
    person_id TEXT PRIMARY KEY,
    unread    BIGINT NOT NULL DEFAULT 0
);
INSERT INTO notice_unread (person_id, unread)
    SELECT person_id, COUNT(*) FROM notifications WHERE read_at IS NULL GROUP BY person_id;

-- +goose Down
DROP TABLE notice_unread;
DROP TABLE cache_versions;
