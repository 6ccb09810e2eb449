-- One row per domain that has had a knowledge change reviewed (#18). An approval, a rejection of a
-- monitor-only proposal and a monitor stop lock this row (SELECT ... FOR UPDATE) before they read
-- the active version and number the next one, so two of them on one domain run one after the other
-- and the second sees what the first committed: the second approval against the same base version
-- is refused as out of date (409) instead of also being activated. The unique (domain, version_no)
-- alone did not stop it when the first committed between the second's two reads.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
CREATE TABLE knowledge_domain_lock (
    domain       VARCHAR(64) NOT NULL PRIMARY KEY,
    -- How many locked changes have run (a counter, so that the lock row is also written).
    changes      BIGINT      NOT NULL
);
