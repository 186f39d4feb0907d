-- +goose Up
-- The audit trail no longer has a head row that every writing transaction
-- updates (which made all writes of a deployment wait for each other).
-- A change writes its entries, with the hash of each audited row it left,
-- without a chain link; one sequencer seals them after commit, in commit
-- order, with a keyed hash (HMAC) whose key is kept outside the database.
-- Entries written before are checked against their old unkeyed chain once,
-- by Migrate, and sealed anew.
CREATE TABLE audit_entries (
    seq         {serial_primary_key},
    at          {timestamp} NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    plan_id     TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL,
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT '',
    rows_json   TEXT NOT NULL DEFAULT '',
    chain_seq   {bigint},
    prev_hash   TEXT NOT NULL DEFAULT '',
    hash        TEXT NOT NULL DEFAULT ''
);
-- The old unkeyed hashes are kept for the upgrade to check once (Migrate).
INSERT INTO audit_entries (seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, prev_hash, hash)
    SELECT seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, prev_hash, hash FROM audit_log ORDER BY seq;
DROP TABLE audit_head;
DROP TABLE audit_log;
ALTER TABLE audit_entries RENAME TO audit_log;
{audit_seq_reset};
CREATE INDEX audit_log_plan ON audit_log(plan_id, seq);
CREATE INDEX audit_log_entity ON audit_log(entity_id, seq);
CREATE UNIQUE INDEX audit_log_chain ON audit_log(chain_seq);
CREATE INDEX audit_log_unsealed ON audit_log(seq) WHERE chain_seq IS NULL;

-- +goose Down
CREATE TABLE audit_old (
    seq         {bigint} PRIMARY KEY,
    at          {timestamp} NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    plan_id     TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL,
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
INSERT INTO audit_old (seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, prev_hash, hash)
    SELECT seq, at, actor_id, actor_name, action, entity, entity_id, plan_id, summary, before_json, after_json, '', '' FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_old RENAME TO audit_log;
CREATE INDEX audit_log_plan ON audit_log(plan_id, seq);
CREATE INDEX audit_log_entity ON audit_log(entity_id, seq);
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  {bigint} NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
