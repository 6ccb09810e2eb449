-- One test run of one engine: the unit telemetry and diagnosis events belong to.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL (the application validates the schema).
CREATE TABLE run (
    id          UUID                     NOT NULL PRIMARY KEY,
    engine      VARCHAR(64)              NOT NULL,
    test_id     VARCHAR(200),
    -- Free client metadata as a JSON object.
    metadata    VARCHAR                  NOT NULL,
    -- Profile sensor ids, comma-separated, in the order frame values are stored.
    channels    VARCHAR                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    frame_count BIGINT                   NOT NULL,
    last_seq    BIGINT,
    last_t      DOUBLE PRECISION
);

CREATE INDEX run_created_at_idx ON run (created_at);
