package dev.dapple.result;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunRepository extends CrudRepository<StoredRun, UUID> {

    /** Runs of one journey at one location planned in [from, to), newest first. */
    List<StoredRun> findByJourneyAndLocationAndPlannedAtGreaterThanEqualsAndPlannedAtLessThanOrderByPlannedAtDesc(
            String journey, String location, Instant from, Instant to);

    /** Runs of one journey at every location planned in [from, to), newest first. */
    List<StoredRun> findByJourneyAndPlannedAtGreaterThanEqualsAndPlannedAtLessThanOrderByPlannedAtDesc(
            String journey, Instant from, Instant to);

    /** Retention: removes runs planned before the cutoff (their steps go with them). */
    int deleteByPlannedAtLessThan(Instant cutoff);
}
