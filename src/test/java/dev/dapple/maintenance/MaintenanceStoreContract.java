package dev.dapple.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.maintenance.MaintenanceCalendar.Changed;
import dev.dapple.maintenance.MaintenanceCalendar.Mode;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window store and the calendar read from it behave the same on every database ({@link H2MaintenanceStoreTest},
 * {@link PostgresMaintenanceStoreTest}).
 */
abstract class MaintenanceStoreContract {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    DataSource dataSource;
    @Inject
    MaintenanceStore store;
    @Inject
    AnnotationStore annotations;
    @Inject
    dev.dapple.retention.Retention retention; // the default rules: 400 days for windows, drills and annotations

    StoredCalendar calendar;

    @BeforeEach
    void empty() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.createStatement().executeUpdate("DELETE FROM maintenance_windows");
            connection.createStatement().executeUpdate("DELETE FROM annotations");
        }
        calendar = new StoredCalendar(store, Duration.ofDays(1)); // only refresh() reads again
    }

    static WindowDefinition once(String name, WindowDefinition.Kind kind, List<String> journeys, List<String> tags,
                                 String start, String end) {
        return new WindowDefinition(name, kind, null, journeys, tags,
                new Schedule.Once(LocalDateTime.parse(start), LocalDateTime.parse(end), UTC));
    }

    static WindowDefinition weekly(String name, Set<DayOfWeek> days, String start, Duration duration) {
        return new WindowDefinition(name, WindowDefinition.Kind.MAINTENANCE, "deploys", List.of(), List.of(),
                new Schedule.Weekly(days, LocalTime.parse(start), duration, ZoneId.of("Europe/Berlin")));
    }

    @Test
    void aWindowIsStoredAndReadBackWhole() throws SQLException {
        var definition = new WindowDefinition("db", WindowDefinition.Kind.DRILL, "failover", List.of("checkout", "login"),
                List.of("payments"), new Schedule.Once(LocalDateTime.parse("2026-12-01T22:00"),
                LocalDateTime.parse("2026-12-02T01:00"), ZoneId.of("Europe/Berlin")));
        Window added = store.add(definition, Window.Source.API, "ana", T0);
        var weeklyDefinition = weekly("deploys", Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), "06:00", Duration.ofMinutes(30));
        Window weekly = store.add(weeklyDefinition, Window.Source.FILE, null, T0);

        assertEquals(List.of(new Window(added.id(), Window.Source.API, definition, "ana", T0, null),
                new Window(weekly.id(), Window.Source.FILE, weeklyDefinition, null, T0, null)), store.all());
        assertEquals(added, store.find(added.id()).orElseThrow());
    }

    @Test
    void onlyApiWindowsAreDeletedAndThenKeptAsDeleted() throws SQLException {
        Window api = store.add(once("a", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(), "2026-12-01T22:00",
                "2026-12-01T23:00"), Window.Source.API, null, T0);
        Window file = store.add(once("f", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(), "2026-12-01T22:00",
                "2026-12-01T23:00"), Window.Source.FILE, null, T0);

        assertEquals(MaintenanceStore.Deletion.FROM_FILE, store.delete(file.id(), T0.plusSeconds(60)));
        assertEquals(MaintenanceStore.Deletion.DELETED, store.delete(api.id(), T0.plusSeconds(60)));
        assertEquals(MaintenanceStore.Deletion.NOT_FOUND, store.delete(api.id(), T0.plusSeconds(120)));
        assertEquals(MaintenanceStore.Deletion.NOT_FOUND, store.delete(api.id() + 1000, T0));

        assertEquals(T0.plusSeconds(60), store.find(api.id()).orElseThrow().deletedAt());
        assertNull(store.find(file.id()).orElseThrow().deletedAt());
    }

    @Test
    void publishingTheFileReplacesOnlyWhatChanged() throws SQLException {
        var keep = once("keep", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(), "2026-12-01T22:00", "2026-12-01T23:00");
        var drop = once("drop", WindowDefinition.Kind.DRILL, List.of(), List.of(), "2026-12-02T22:00", "2026-12-02T23:00");
        Window api = store.add(drop, Window.Source.API, null, T0);

        assertEquals(List.of("published maintenance window keep", "published drill window drop"),
                store.replaceFileWindows(List.of(keep, drop), T0));
        assertEquals(List.of(), store.replaceFileWindows(List.of(keep, drop), T0.plusSeconds(10)), "unchanged");

        var changed = once("drop", WindowDefinition.Kind.DRILL, List.of(), List.of(), "2026-12-02T22:00", "2026-12-03T00:00");
        assertEquals(List.of("removed drill window drop", "published drill window drop"),
                store.replaceFileWindows(List.of(keep, changed), T0.plusSeconds(20)));

        List<Window> all = store.all();
        assertEquals(4, all.size());
        assertEquals(api, all.get(0), "API windows are not the file's");
        assertNull(all.get(1).deletedAt());
        assertEquals(T0.plusSeconds(20), all.get(2).deletedAt());
        assertEquals(changed, all.get(3).definition());
        assertEquals(T0.plusSeconds(20), all.get(3).createdAt());

        assertEquals(List.of("removed maintenance window keep", "removed drill window drop"),
                store.replaceFileWindows(List.of(), T0.plusSeconds(30)));
        assertTrue(store.all().stream().skip(1).allMatch(Window::deleted));
    }

    @Test
    void modeAtFollowsSelectorsAndMaintenanceBeatsADrill() throws SQLException {
        store.add(once("shop-drill", WindowDefinition.Kind.DRILL, List.of(), List.of("shop"), "2026-12-01T10:00",
                "2026-12-01T12:00"), Window.Source.API, null, T0);
        store.add(once("checkout-upgrade", WindowDefinition.Kind.MAINTENANCE, List.of("checkout"), List.of(),
                "2026-12-01T11:00", "2026-12-01T13:00"), Window.Source.API, null, T0);
        calendar.refresh();

        Instant tenThirty = Instant.parse("2026-12-01T10:30:00Z");
        Instant elevenThirty = Instant.parse("2026-12-01T11:30:00Z");
        assertEquals(Mode.DRILL, calendar.modeAt("checkout", List.of("shop"), tenThirty));
        assertEquals(Mode.MAINTENANCE, calendar.modeAt("checkout", List.of("shop"), elevenThirty));
        assertEquals(Mode.DRILL, calendar.modeAt("cart", List.of("shop"), elevenThirty));
        assertEquals(Mode.NONE, calendar.modeAt("login", List.of("auth"), elevenThirty));
        assertEquals(Mode.MAINTENANCE, calendar.modeAt("checkout", List.of(), Instant.parse("2026-12-01T12:59:59Z")));
        assertEquals(Mode.NONE, calendar.modeAt("checkout", List.of(), Instant.parse("2026-12-01T13:00:00Z")));
    }

    @Test
    void aDeletedWindowNoLongerAppliesOnceRefreshed() throws SQLException {
        Window window = store.add(once("all", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(),
                "2026-12-01T10:00", "2026-12-01T12:00"), Window.Source.API, null, T0);
        Instant inside = Instant.parse("2026-12-01T11:00:00Z");
        calendar.refresh();
        assertEquals(Mode.MAINTENANCE, calendar.modeAt("any", List.of(), inside));

        store.delete(window.id(), T0.plusSeconds(1));
        assertEquals(Mode.MAINTENANCE, calendar.modeAt("any", List.of(), inside), "from memory until refreshed");
        calendar.refresh();
        assertEquals(Mode.NONE, calendar.modeAt("any", List.of(), inside));
    }

    @Test
    void theCacheReadsAgainWhenOld() throws SQLException {
        var fresh = new StoredCalendar(store, Duration.ZERO);
        assertEquals(Mode.NONE, fresh.modeAt("any", List.of(), Instant.parse("2026-12-01T11:00:00Z")));
        store.add(once("all", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(), "2026-12-01T10:00",
                "2026-12-01T12:00"), Window.Source.API, null, T0);
        assertEquals(Mode.MAINTENANCE, fresh.modeAt("any", List.of(), Instant.parse("2026-12-01T11:00:00Z")));
    }

    @Test
    void aCalendarWhoseDatabaseFailsAnswersFromItsLastSnapshotAndRetriesOncePerInterval() throws SQLException {
        store.add(once("all", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(), "2026-12-01T10:00",
                "2026-12-01T12:00"), Window.Source.API, null, T0);
        var database = new FailingDataSource(DelegatingDataSource.unwrapDataSource(dataSource));
        var nanos = new AtomicLong();
        var failing = new StoredCalendar(new MaintenanceStore(database.proxy()), Duration.ofSeconds(5), nanos::get);
        Instant inside = Instant.parse("2026-12-01T11:00:00Z");
        assertEquals(Mode.MAINTENANCE, failing.modeAt("any", List.of(), inside));
        assertEquals(1, database.connections.get());

        database.failing = true;
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        for (int run = 0; run < 100; run++) {
            assertEquals(Mode.MAINTENANCE, failing.modeAt("any", List.of(), inside));
        }
        assertEquals(2, database.connections.get(), "one failed read, then the old snapshot until the next interval");
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        failing.modeAt("any", List.of(), inside);
        assertEquals(2, database.connections.get());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        failing.modeAt("any", List.of(), inside);
        failing.modeAt("any", List.of(), inside);
        assertEquals(3, database.connections.get());

        database.failing = false;
        store.delete(store.all().getFirst().id(), T0);
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(Mode.NONE, failing.modeAt("any", List.of(), inside), "read again once the database is back");
        assertEquals(4, database.connections.get());
    }

    @Test
    void aCalendarThatNeverReadItsWindowsFailsClearlyAndAlsoRetriesOncePerInterval() {
        var database = new FailingDataSource(DelegatingDataSource.unwrapDataSource(dataSource));
        database.failing = true;
        var nanos = new AtomicLong();
        var failing = new StoredCalendar(new MaintenanceStore(database.proxy()), Duration.ofSeconds(5), nanos::get);
        for (int run = 0; run < 3; run++) {
            var error = assertThrows(IllegalStateException.class, () -> failing.modeAt("any", List.of(), T0));
            assertEquals("cannot read maintenance windows: database down", error.getMessage());
        }
        assertEquals(1, database.connections.get());
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        database.failing = false;
        assertEquals(Mode.NONE, failing.modeAt("any", List.of(), T0));
        assertEquals(2, database.connections.get());
    }

    /** The test database, counting the connections asked for, and refusing them while {@code failing}. */
    static final class FailingDataSource {
        final AtomicInteger connections = new AtomicInteger();
        volatile boolean failing;
        private final DataSource real;

        FailingDataSource(DataSource real) {
            this.real = real;
        }

        DataSource proxy() {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            connections.incrementAndGet();
                            if (failing) {
                                throw new SQLException("database down");
                            }
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void aFileWindowWhoseNameOrReasonChangesIsUpdatedInPlaceAndReportsNoChangedTimes() throws SQLException {
        var weekly = weekly("deploys", Set.of(DayOfWeek.MONDAY), "06:00", Duration.ofMinutes(30));
        var upgrade = new WindowDefinition("db", WindowDefinition.Kind.MAINTENANCE, null, List.of("checkout", "login"),
                List.of(), new Schedule.Once(LocalDateTime.parse("2026-11-20T10:00"), LocalDateTime.parse("2026-11-20T12:00"), UTC));
        store.replaceFileWindows(List.of(weekly, upgrade), T0);
        List<Window> before = store.all();

        var renamed = new WindowDefinition("releases", weekly.kind(), "release train", List.of(), List.of(), weekly.schedule());
        var reordered = new WindowDefinition("db", upgrade.kind(), "PostgreSQL 18", List.of("login", "checkout"),
                List.of(), upgrade.schedule());
        assertEquals(List.of("updated maintenance window releases (was deploys)", "updated maintenance window db"),
                store.replaceFileWindows(List.of(renamed, reordered), T0.plusSeconds(60)));
        assertEquals(List.of(), store.replaceFileWindows(List.of(renamed, reordered), T0.plusSeconds(120)), "stored as edited");

        assertEquals(List.of(new Window(before.get(0).id(), Window.Source.FILE, renamed, null, T0, null),
                new Window(before.get(1).id(), Window.Source.FILE, reordered, null, T0, null)), store.all());
        calendar.refresh();
        assertEquals(List.of(), calendar.changedSince(T0, Instant.parse("2026-11-09T00:00:00Z"), T0.plusSeconds(180)));
    }

    @Test
    void changedSinceReportsAddedAndDeletedWindowsClippedOneSpanPerOccurrence() throws SQLException {
        Instant since = T0;
        store.add(once("old", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(), "2026-11-20T10:00",
                "2026-11-20T12:00"), Window.Source.API, null, since.minusSeconds(60));
        Window past = store.add(once("past", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(),
                "2026-11-21T09:00", "2026-11-21T11:00"), Window.Source.API, null, since.minusSeconds(60));
        // Mondays and Thursdays 06:00-06:30 Berlin (05:00Z-05:30Z in winter), added after `since`.
        store.add(weekly("deploys", Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), "06:00", Duration.ofMinutes(30)),
                Window.Source.API, null, since.plusSeconds(1));
        store.delete(past.id(), since.plusSeconds(2));
        calendar.refresh();

        Instant notBefore = Instant.parse("2026-11-19T05:15:00Z"); // inside Thursday's occurrence
        Instant now = Instant.parse("2026-11-23T05:10:00Z");       // inside Monday's
        assertEquals(List.of(
                        new Changed(notBefore, Instant.parse("2026-11-19T05:30:00Z")),
                        new Changed(Instant.parse("2026-11-21T09:00:00Z"), Instant.parse("2026-11-21T11:00:00Z")),
                        new Changed(Instant.parse("2026-11-23T05:00:00Z"), now)),
                calendar.changedSince(since, notBefore, now));
        assertEquals(List.of(), calendar.changedSince(since.plusSeconds(2), notBefore, now));
    }

    @Test
    void annotationsAreFoundWhenTheyOverlapAndConcernTheJourney() throws SQLException {
        Annotation deploy = annotations.add("deployed v42", T0, T0.plusSeconds(300), List.of("checkout"), T0);
        Annotation cdn = annotations.add("CDN incident", T0.plusSeconds(3600), T0.plusSeconds(7200), List.of(), T0);

        assertEquals(List.of(deploy, cdn), annotations.find(null, T0, T0.plusSeconds(3600)), "both ends are inclusive");
        assertEquals(List.of(cdn), annotations.find("login", T0, T0.plusSeconds(7200)));
        assertEquals(List.of(deploy), annotations.find("checkout", T0.plusSeconds(300), T0.plusSeconds(301)));
        assertEquals(List.of(), annotations.find(null, T0.plusSeconds(301), T0.plusSeconds(3599)));
    }

    @Test
    void retentionDeletesEndedAndDeletedWindowsAndOldAnnotationsButKeepsWeeklyOnes() throws SQLException {
        Window ended = store.add(once("ended", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(),
                "2026-11-01T10:00", "2026-11-01T11:00"), Window.Source.API, null, T0);
        Window weekly = store.add(weekly("deploys", Set.of(DayOfWeek.MONDAY), "06:00", Duration.ofHours(1)),
                Window.Source.API, null, T0);
        Window deletedWeekly = store.add(weekly("old", Set.of(DayOfWeek.MONDAY), "06:00", Duration.ofHours(1)),
                Window.Source.API, null, T0);
        store.delete(deletedWeekly.id(), T0);
        annotations.add("old", T0, T0.plusSeconds(60), List.of(), T0);

        // 400 days after the end of the one-off window, and 400 days after T0 for the rest.
        var deleted = retention.enforce(T0.plus(Duration.ofDays(401)));
        assertEquals(1L, deleted.get("ended maintenance windows"));
        assertEquals(1L, deleted.get("deleted maintenance windows"));
        assertEquals(1L, deleted.get("annotations"));
        assertEquals(List.of(weekly.id()), store.all().stream().map(Window::id).toList());
        assertTrue(store.find(ended.id()).isEmpty());
    }
}
