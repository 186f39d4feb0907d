-- +goose Up
-- The roll-up counts the obligations of every plan implementing another by
-- plan and unit (sqlstore.FindChildObligations). This index holds every
-- column it reads, in the order it groups them, so the counts are read from
-- the index alone in order, without sorting and without the table.
CREATE INDEX obligations_tally ON obligations(plan_id, unit_id, due, submitted_at, first_submitted_at, kind, created_at);

-- +goose Down
DROP INDEX obligations_tally;
