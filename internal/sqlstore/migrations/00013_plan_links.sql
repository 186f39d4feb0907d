-- +goose Up
-- The plan a plan implements ("Thực hiện Kế hoạch số …"), in the same
-- deployment: the superior's roll-up lists a plan's implementing plans.
ALTER TABLE plans ADD COLUMN parent_plan_id TEXT REFERENCES plans(id);
CREATE INDEX plans_parent ON plans(parent_plan_id);

-- +goose Down
DROP INDEX plans_parent;
ALTER TABLE plans DROP COLUMN parent_plan_id;
