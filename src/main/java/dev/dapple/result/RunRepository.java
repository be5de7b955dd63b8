package dev.dapple.result;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.UUID;

/** The rows of {@code runs}; {@link RunWriter} and {@link RunReader} are how results go in and come out. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunRepository extends CrudRepository<StoredRun, UUID> {

    /** Retention: removes runs planned before the cutoff (their steps are part of the row). */
    int deleteByPlannedAtLessThan(Instant cutoff);
}
