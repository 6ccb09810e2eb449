-- One telemetry frame per row (not one row per sample): all channel values of one instant.
-- vals: IEEE-754 doubles, big-endian, in run.channels order (NaN = no reading).
-- dead: bit i set = channel i read empty, NaN or outside its span when ingested.
-- checksum: first 8 bytes of SHA-256 over t and vals, compared to tell a resend from a conflict.
CREATE TABLE run_frame (
    run_id   UUID             NOT NULL REFERENCES run (id),
    seq      BIGINT           NOT NULL,
    t        DOUBLE PRECISION NOT NULL,
    vals     BYTEA            NOT NULL,
    dead     BYTEA            NOT NULL,
    checksum BIGINT           NOT NULL,
    PRIMARY KEY (run_id, seq)
);
