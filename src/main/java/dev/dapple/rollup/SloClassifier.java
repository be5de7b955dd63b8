package dev.dapple.rollup;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.maintenance.MaintenanceCalendar;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hands out {@link SloEvents} for the journeys as published now and the maintenance calendar: one snapshot per
 * derivation chunk or query, so the catalog is read once, not once per run.
 */
@Singleton
public final class SloClassifier {

    private final Supplier<List<Journey>> journeys;
    private final MaintenanceCalendar calendar;

    @Inject
    SloClassifier(Catalog catalog, MaintenanceCalendar calendar) {
        this(catalog::current, calendar);
    }

    /** For tests and benchmarks: journeys from elsewhere than the catalog. */
    SloClassifier(Supplier<List<Journey>> journeys, MaintenanceCalendar calendar) {
        this.journeys = journeys;
        this.calendar = calendar;
    }

    SloEvents snapshot() {
        return new SloEvents(journeys.get(), calendar);
    }

    MaintenanceCalendar calendar() {
        return calendar;
    }
}
