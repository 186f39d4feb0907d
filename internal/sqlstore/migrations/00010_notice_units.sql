-- +goose Up
-- A notification names the unit it is about, so that a person's notices
-- are grouped per plan and unit.
ALTER TABLE notifications ADD COLUMN unit_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE notifications DROP COLUMN unit_id;
