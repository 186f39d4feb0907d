-- +goose Up
-- A superior's decisions on the finalised result reports of the agencies
-- implementing its plan: a version accepted counts in the superior's own
-- report; a version returned waits for a new one. The latest decision (by
-- seq) on a version stands.
CREATE TABLE agency_report_decisions (
    seq            {serial_primary_key},
    id             TEXT NOT NULL UNIQUE,
    summary_id     TEXT NOT NULL REFERENCES summaries(id),
    plan_id        TEXT NOT NULL REFERENCES plans(id),
    parent_plan_id TEXT NOT NULL REFERENCES plans(id),
    agency_id      TEXT NOT NULL REFERENCES org_units(id),
    accepted       BOOLEAN NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    decided_by     TEXT NOT NULL,
    decided_at     {timestamp} NOT NULL
);
CREATE INDEX agency_report_decisions_parent ON agency_report_decisions(parent_plan_id);
CREATE INDEX agency_report_decisions_summary ON agency_report_decisions(summary_id);

-- +goose Down
DROP TABLE agency_report_decisions;
