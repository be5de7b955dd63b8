package dev.dapple.result;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JourneyRollupRepository extends CrudRepository<JourneyRollup, JourneyRollup.Key> {

    /** Buckets of one width for a journey at every location, starting in [from, to), oldest first. */
    List<JourneyRollup> findByKeyJourneyAndKeyBucketSecondsAndKeyBucketStartGreaterThanEqualsAndKeyBucketStartLessThanOrderByKeyBucketStart(
            String journey, int bucketSeconds, Instant from, Instant to);

    /** Retention per bucket width. */
    int deleteByKeyBucketSecondsAndKeyBucketStartLessThan(int bucketSeconds, Instant cutoff);
}
