-- Engineers' free-text notes on a run and the controlled observations intake took from them (#6).
-- A note is never changed; an observation changes only its review status (PROPOSED → ACCEPTED or
-- REJECTED, by a person, audited). Only ACCEPTED observations reach the rules as evidence.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
CREATE TABLE run_note (
    id              UUID                     NOT NULL PRIMARY KEY,
    run_id          UUID                     NOT NULL REFERENCES run (id),
    text            VARCHAR(4000)            NOT NULL,
    -- Run time in seconds the note is about, when the author gave one.
    run_time        DOUBLE PRECISION,
    author          VARCHAR(255)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The model that produced the observations: offline:..., or the LLM as openai:<model>.
    model           VARCHAR(200)             NOT NULL,
    fallback_reason VARCHAR,
    -- JSON array of the candidates grounding refused: code, quote, reason, model.
    dropped         VARCHAR                  NOT NULL
);

CREATE INDEX run_note_run_idx ON run_note (run_id, created_at);

CREATE TABLE run_observation (
    id               UUID                     NOT NULL PRIMARY KEY,
    note_id          UUID                     NOT NULL REFERENCES run_note (id),
    run_id           UUID                     NOT NULL REFERENCES run (id),
    -- Order within the note.
    position         INTEGER                  NOT NULL,
    code             VARCHAR(100)             NOT NULL,
    obs_time         DOUBLE PRECISION,
    time_source      VARCHAR(32)              NOT NULL,
    component        VARCHAR(200),
    sensor           VARCHAR(64),
    present          BOOLEAN                  NOT NULL,
    confidence       DOUBLE PRECISION         NOT NULL,
    -- The exact span of the note: text.substring(quote_start, quote_end) = quote_text.
    quote_start      INTEGER                  NOT NULL,
    quote_end        INTEGER                  NOT NULL,
    quote_text       VARCHAR(4000)            NOT NULL,
    -- JSON array of numbers with units stated next to it.
    quantities       VARCHAR                  NOT NULL,
    model            VARCHAR(200)             NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    decided_by       VARCHAR(255),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_comment VARCHAR(1000)
);

CREATE INDEX run_observation_run_idx ON run_observation (run_id, status);
CREATE INDEX run_observation_note_idx ON run_observation (note_id, position);
