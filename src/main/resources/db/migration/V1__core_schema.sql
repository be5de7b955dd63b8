-- Core schema, portable between H2 (MODE=PostgreSQL) and PostgreSQL. Applied migrations are never edited:
-- later changes come as new V<n>__*.sql files.

-- The published catalog: the current version of every valid journey.
CREATE TABLE journeys (
    name          VARCHAR(100)             NOT NULL PRIMARY KEY,
    content_hash  VARCHAR(64)              NOT NULL,
    source_path   VARCHAR(1000)            NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every version ever published, so a run can always show the definition it ran.
CREATE TABLE journey_versions (
    journey       VARCHAR(100)             NOT NULL,
    content_hash  VARCHAR(64)              NOT NULL,
    definition    TEXT                     NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (journey, content_hash)
);

-- One row per run. The id is derived from (journey, location, planned time), so replays are recognised.
CREATE TABLE runs (
    id              UUID                     NOT NULL PRIMARY KEY,
    journey         VARCHAR(100)             NOT NULL,
    journey_version VARCHAR(64)              NOT NULL,
    location        VARCHAR(100)             NOT NULL,
    probe           VARCHAR(200)             NOT NULL,
    planned_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,          -- null when the run was missed
    duration_us     BIGINT,                            -- null when the run never started
    outcome         VARCHAR(10)              NOT NULL, -- UP | DEGRADED | DOWN | ERROR
    error_kind      VARCHAR(40),
    error           VARCHAR(2000),
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX runs_by_journey_location_time ON runs (journey, location, planned_at);
CREATE INDEX runs_by_journey_time ON runs (journey, planned_at);
CREATE INDEX runs_by_received ON runs (received_at);

-- The steps of a run, in order. Timing phases are null where they could not be measured.
CREATE TABLE run_steps (
    run_id          UUID          NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index      SMALLINT      NOT NULL,
    name            VARCHAR(100)  NOT NULL,
    outcome         VARCHAR(10)   NOT NULL, -- PASSED | FAILED | SKIPPED
    duration_us     BIGINT,
    dns_us          BIGINT,
    connect_us      BIGINT,
    tls_us          BIGINT,
    first_byte_us   BIGINT,
    new_connection  BOOLEAN,
    http_status     SMALLINT,
    error_kind      VARCHAR(40),
    error           VARCHAR(2000),
    failures        TEXT,                   -- JSON: failed assertions with expected and actual values
    excerpt         TEXT,                   -- redacted start of the response, at most 2 KiB
    PRIMARY KEY (run_id, step_index)
);

-- Histogram rollups per journey and location, per bucket (60 s, 3600 s, 86400 s).
CREATE TABLE journey_rollups (
    journey         VARCHAR(100)             NOT NULL,
    location        VARCHAR(100)             NOT NULL,
    bucket_seconds  INTEGER                  NOT NULL,
    bucket_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    up_count        INTEGER                  NOT NULL,
    degraded_count  INTEGER                  NOT NULL,
    down_count      INTEGER                  NOT NULL,
    error_count     INTEGER                  NOT NULL,
    histogram       BYTEA                    NOT NULL, -- HdrHistogram, microseconds, compressed encoding
    PRIMARY KEY (journey, location, bucket_seconds, bucket_start)
);
CREATE INDEX journey_rollups_by_journey_time ON journey_rollups (journey, bucket_seconds, bucket_start);

-- Histogram rollups per step and location.
CREATE TABLE step_rollups (
    journey         VARCHAR(100)             NOT NULL,
    step            VARCHAR(100)             NOT NULL,
    location        VARCHAR(100)             NOT NULL,
    bucket_seconds  INTEGER                  NOT NULL,
    bucket_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    passed_count    INTEGER                  NOT NULL,
    failed_count    INTEGER                  NOT NULL,
    skipped_count   INTEGER                  NOT NULL,
    histogram       BYTEA                    NOT NULL,
    PRIMARY KEY (journey, step, location, bucket_seconds, bucket_start)
);
CREATE INDEX step_rollups_by_journey_time ON step_rollups (journey, bucket_seconds, bucket_start);
