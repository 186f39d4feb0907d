-- +goose Up
-- A plan's own reminder schedule; plans without a row use the default.
CREATE TABLE plan_reminder_rules (
    plan_id    TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    rule       TEXT NOT NULL,
    updated_at {timestamp} NOT NULL
);

-- +goose Down
DROP TABLE plan_reminder_rules;
