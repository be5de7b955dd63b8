-- Burn-rate alerts that are firing now, one row per (journey, objective, rule): inserted when one fires, deleted when
-- it resolves, each in the transaction that records its state change, so every episode fires and resolves once.
-- Bounded by journeys × objectives × rules, so it needs no retention; the history is in state_changes.
CREATE TABLE burn_alerts (
    journey    VARCHAR(100)             NOT NULL,
    objective  VARCHAR(200)             NOT NULL, -- availability | latency | latency:STEP
    rule       VARCHAR(40)              NOT NULL, -- page-1h | page-6h | ticket-1d | ticket-3d
    urgency    VARCHAR(10)              NOT NULL, -- PAGE | TICKET
    fired_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    burn_rate  DOUBLE PRECISION         NOT NULL, -- the long window's burn rate when it fired
    threshold  DOUBLE PRECISION         NOT NULL,
    drill      BOOLEAN                  NOT NULL, -- fired during a drill: its resolution goes to drill channels too
    PRIMARY KEY (journey, objective, rule)
);

-- The latest SLO evaluation of each published journey, so pages read it instead of recomputing. One row per journey.
CREATE TABLE slo_snapshots (
    journey          VARCHAR(100)             NOT NULL PRIMARY KEY,
    evaluated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    sli              DOUBLE PRECISION,                 -- availability (budgeted); null: no valid runs in the window
    budget_remaining DOUBLE PRECISION,                 -- availability's share of budget left; null: unknown
    burn_rate_1h     DOUBLE PRECISION,                 -- availability's burn rate over the last hour; null: no runs
    firing_alerts    INTEGER                  NOT NULL, -- burn alerts of the journey firing after the evaluation
    report           TEXT                     NOT NULL  -- the whole dev.dapple.slo.SloReport as JSON
);
