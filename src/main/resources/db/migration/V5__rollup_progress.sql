-- Rollups (see dev.dapple.rollup): the leader's progress, how many runs each minute was derived from, schedule
-- lateness, and
-- indexes by time for deriving hours and days and for retention, which look across every journey.

-- How far each bucket size is derived (every bucket starting before the position is), and up to which receive
-- time late results were looked for. Kept in the database so progress survives restarts and leader changes.
CREATE TABLE rollup_progress (
    name      VARCHAR(40)              NOT NULL PRIMARY KEY, -- minutes | hours | days | late-results
    position  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- How many runs each derived minute that had runs was derived from: when a late result makes the minute hold more,
-- the minute is derived again, and the hour and day holding it.
CREATE TABLE rollup_minutes (
    bucket_start  TIMESTAMP WITH TIME ZONE NOT NULL PRIMARY KEY,
    runs          INTEGER                  NOT NULL
);

-- Schedule lateness (started - planned) of the runs that started, per location, and the runs that were missed.
CREATE TABLE lateness_rollups (
    location        VARCHAR(100)             NOT NULL,
    bucket_seconds  INTEGER                  NOT NULL,
    bucket_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    missed_count    INTEGER                  NOT NULL,
    histogram       BYTEA                    NOT NULL, -- HdrHistogram, microseconds, compressed encoding
    PRIMARY KEY (location, bucket_seconds, bucket_start)
);

CREATE INDEX journey_rollups_by_time ON journey_rollups (bucket_seconds, bucket_start);
CREATE INDEX step_rollups_by_time ON step_rollups (bucket_seconds, bucket_start);
CREATE INDEX lateness_rollups_by_time ON lateness_rollups (bucket_seconds, bucket_start);
