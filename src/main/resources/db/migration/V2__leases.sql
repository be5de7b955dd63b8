-- Leases: work that must happen once across several servers sharing this database runs on the holder of a
-- fresh lease row (see dev.dapple.leader). A holder renews its row; once expires_at has passed, another may take it.
CREATE TABLE leases (
    name         VARCHAR(100)             NOT NULL PRIMARY KEY,
    holder       VARCHAR(200)             NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL, -- when this holder took it
    renewed_at   TIMESTAMP WITH TIME ZONE NOT NULL  -- its last renewal
);
