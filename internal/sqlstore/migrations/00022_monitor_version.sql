-- +goose Up
-- The monitoring of a plan is kept in memory at a version read with one
-- query (sqlstore.MonitorVersion): the plan's latest audit entry, its
-- latest sealed entry and how many of its entries wait to be sealed. This
-- index answers the last two without reading the plan's entries.
CREATE INDEX audit_log_plan_chain ON audit_log(plan_id, chain_seq);
-- The indicator catalogue is shown by every plan's monitoring; the
-- transaction that changes it moves this version on.
INSERT INTO cache_versions (name, version) VALUES ('indicators', 1);

-- +goose Down
DELETE FROM cache_versions WHERE name = 'indicators';
DROP INDEX audit_log_plan_chain;
