-- SLO counts (see dev.dapple.rollup.SloEvents): good and bad events per journey, objective and location, classified
-- from the raw runs when a minute is derived (business hours, maintenance, thresholds applied exactly, per run) and
-- summed into hours and days like the other rollups, so SLO windows of 28 days or a month need no raw runs.
-- objective is dev.dapple.slo.Objective.key(): availability | latency | latency:STEP | step:STEP.
-- location '*' (location names are [a-z0-9-]) holds the time slices instead: per planned time of the journey, one
-- event over all locations (bad when at least alert.locations were bad at it). Keeping them in the same table lets
-- one delete/insert/merge path serve both, and a time slice lies in one minute, so hours and days simply add up.
CREATE TABLE slo_rollups (
    journey         VARCHAR(100)             NOT NULL,
    objective       VARCHAR(120)             NOT NULL,
    location        VARCHAR(100)             NOT NULL,
    bucket_seconds  INTEGER                  NOT NULL,
    bucket_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    good_count      INTEGER                  NOT NULL,
    bad_count       INTEGER                  NOT NULL,
    PRIMARY KEY (journey, objective, location, bucket_seconds, bucket_start)
);
-- One journey's window (SloCounts.count) and every journey's (countAll, merging, retention).
CREATE INDEX slo_rollups_by_journey_time ON slo_rollups (journey, bucket_seconds, bucket_start);
CREATE INDEX slo_rollups_by_time ON slo_rollups (bucket_seconds, bucket_start);
