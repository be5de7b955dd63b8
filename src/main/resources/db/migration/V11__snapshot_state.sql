-- The journey's state and open incident beside its SLO figures, so an overview page reads one row per journey.
ALTER TABLE slo_snapshots ADD COLUMN state VARCHAR(20) NOT NULL DEFAULT 'NO_DATA'; -- see dev.dapple.slo.JourneyState
ALTER TABLE slo_snapshots ADD COLUMN open_incident BIGINT;                          -- incidents.id, null when none
