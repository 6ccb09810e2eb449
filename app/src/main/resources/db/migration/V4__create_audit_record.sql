-- The tamper-evident audit log: one row per audited action, append-only, hash-chained.
-- hash = SHA-256 over the canonical form of the row's other columns and prev_hash (see
-- io.hotfire.app.audit.AuditHash); prev_hash of seq 1 is 64 zeros. Editing any column of a row
-- breaks its hash; removing or reordering rows breaks the chain. In PostgreSQL the application role
-- may only INSERT and SELECT here (migration-postgresql/V5_1).
CREATE TABLE audit_record (
    seq           BIGINT                   NOT NULL PRIMARY KEY,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_subject VARCHAR(255)             NOT NULL,
    actor_name    VARCHAR(255),
    actor_client  VARCHAR(255),
    action        VARCHAR(64)              NOT NULL,
    target        VARCHAR(255)             NOT NULL,
    run_id        UUID,
    route         VARCHAR(64),
    summary       VARCHAR(1000)            NOT NULL,
    -- JSON, keys sorted: the exact text the hash covers.
    payload       VARCHAR                  NOT NULL,
    prev_hash     VARCHAR(64)              NOT NULL,
    hash          VARCHAR(64)              NOT NULL
);

CREATE INDEX audit_record_recorded_at_idx ON audit_record (recorded_at);
CREATE INDEX audit_record_action_idx ON audit_record (action, seq);
CREATE INDEX audit_record_run_idx ON audit_record (run_id, seq);
CREATE INDEX audit_record_actor_idx ON audit_record (actor_subject, seq);

-- The newest record's seq and hash, in one row. Appending locks this row (SELECT ... FOR UPDATE), so
-- appends are serialised and the chain stays linear however many transactions write at once.
-- Verification also compares it with the last record, so removing records at the end shows.
CREATE TABLE audit_chain_head (
    id        INT         NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);

INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
