-- +goose Up
-- Organisation history: a unit's work passes to successors on a date (a
-- merger, a split, a rename); units carry their electronic-document
-- identifier code; a plan copied for a new year names its predecessor.
CREATE TABLE unit_successors (
    unit_id      TEXT NOT NULL REFERENCES org_units(id),
    successor_id TEXT NOT NULL REFERENCES org_units(id),
    kind         TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit_id, successor_id)
);
CREATE INDEX unit_successors_successor ON unit_successors(successor_id);

ALTER TABLE org_units ADD COLUMN organ_id TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN predecessor_id TEXT REFERENCES plans(id);

-- +goose Down
ALTER TABLE plans DROP COLUMN predecessor_id;
ALTER TABLE org_units DROP COLUMN organ_id;
DROP TABLE unit_successors;
