package dev.dapple.rollup;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.maintenance.MaintenanceCalendar;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hands out {@link SloEvents} for the journeys as published now and the maintenance calendar: one snapshot per
 * derivation chunk or query, so the catalog is read once, not once per run; a query of one journey reads only it.
 */
@Singleton
final class SloClassifier {

    private final Supplier<List<Journey>> journeys;
    private final Function<String, Optional<Journey>> journey;
    private final MaintenanceCalendar calendar;

    @Inject
    SloClassifier(Catalog catalog, MaintenanceCalendar calendar) {
        this(catalog::current, catalog::current, calendar);
    }

    /** For tests and benchmarks: journeys from elsewhere than the catalog. */
    SloClassifier(Supplier<List<Journey>> journeys, MaintenanceCalendar calendar) {
        this(journeys, name -> journeys.get().stream().filter(j -> j.name().equals(name)).findFirst(), calendar);
    }

    private SloClassifier(Supplier<List<Journey>> journeys, Function<String, Optional<Journey>> journey,
                          MaintenanceCalendar calendar) {
        this.journeys = journeys;
        this.journey = journey;
        this.calendar = calendar;
    }

    /** For the runs of every journey. */
    SloEvents snapshot() {
        return new SloEvents(journeys.get(), calendar);
    }

    /** For the runs of {@code name} only. */
    SloEvents snapshot(String name) {
        return new SloEvents(journey.apply(name).stream().toList(), calendar);
    }

    MaintenanceCalendar calendar() {
        return calendar;
    }
}
