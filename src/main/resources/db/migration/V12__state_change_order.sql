-- One row that every transaction recording a state change updates first. The row lock holds until commit, so those
-- transactions take their ids and commit one after another: ids become visible in order, and a reader that takes
-- `id > last` (alert delivery) never skips a change that an earlier-numbered transaction committed late.
CREATE TABLE state_change_order (
    id       INTEGER NOT NULL PRIMARY KEY,
    recorded BIGINT  NOT NULL -- how many changes were recorded; the update is what matters
);
INSERT INTO state_change_order (id, recorded) VALUES (1, 0);
