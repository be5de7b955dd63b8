package dev.dapple.slo;

import static dev.dapple.database.Transactions.inTransaction;

import dev.dapple.catalog.Catalog;
import dev.dapple.incident.Incidents;
import dev.dapple.incident.StateChange;
import dev.dapple.incident.StateChanges;
import dev.dapple.journey.Journey;
import dev.dapple.maintenance.MaintenanceCalendar;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation pass over every published journey: its {@link SloReport}, its burn-rate alerts (each fires and
 * resolves once per episode, the state row and its {@link StateChange} in one transaction) and its status snapshot.
 * Run on the leader only ({@link SloJob}); a second evaluator racing it would fail on the firing alert's primary key
 * or find nothing to resolve, so a change is never recorded twice.
 */
@Singleton
public final class SloEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(SloEvaluator.class);

    /**
     * @param evaluated journeys evaluated and stored
     * @param failed    journeys whose evaluation failed (logged; their previous snapshot and alerts stay)
     * @param retired   journeys no longer published whose snapshot was dropped
     */
    public record Outcome(int evaluated, List<String> failed, List<String> retired) {
    }

    private final Catalog catalog;
    private final SloReports reports;
    private final BurnAlerts alerts;
    private final SloSnapshots snapshots;
    private final StateChanges changes;
    private final MaintenanceCalendar calendar;
    private final Incidents incidents;
    private final DataSource dataSource;

    public SloEvaluator(Catalog catalog, SloReports reports, BurnAlerts alerts, SloSnapshots snapshots,
                        StateChanges changes, MaintenanceCalendar calendar, Incidents incidents,
                        DataSource dataSource) {
        this.catalog = catalog;
        this.reports = reports;
        this.alerts = alerts;
        this.snapshots = snapshots;
        this.changes = changes;
        this.calendar = calendar;
        this.incidents = incidents;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Evaluates the published catalog at {@code now}. */
    public Outcome pass(Instant now) throws SQLException {
        return pass(catalog.current(), now);
    }

    /** Evaluates {@code journeys} (the published ones) at {@code now}; the others lose their snapshot and alerts. */
    public Outcome pass(List<Journey> journeys, Instant now) throws SQLException {
        int evaluated = 0;
        List<String> failed = new ArrayList<>();
        SloReports pass = reports.forPass();
        // As the incident evaluator last left them: the two run apart, so this may lag it by one evaluation interval.
        Map<String, Long> openIncidents = incidents.openByJourney();
        for (Journey journey : journeys) {
            try {
                evaluate(pass, journey, openIncidents.get(journey.name()), now);
                evaluated++;
            } catch (Exception e) {
                LOG.warn("SLO: cannot evaluate {}, going on with the others: {}", journey.name(), e.toString());
                failed.add(journey.name());
            }
        }
        List<String> retired = retire(journeys.stream().map(Journey::name).collect(Collectors.toSet()), now);
        return new Outcome(evaluated, failed, retired);
    }

    private void evaluate(SloReports pass, Journey journey, @Nullable Long openIncident, Instant now)
            throws SQLException {
        SloReport report = pass.report(journey, now);
        MaintenanceCalendar.Mode mode = calendar.modeAt(journey.name(), journey.tags(), now);
        inTransaction(dataSource::getConnection, transaction -> {
            Map<FiringBurnAlert.Key, FiringBurnAlert> firing = new LinkedHashMap<>();
            alerts.firing(transaction, journey.name()).forEach(a -> firing.put(a.key(), a));
            List<FiringBurnAlert> stillFiring = new ArrayList<>();
            Set<FiringBurnAlert.Key> checked = new HashSet<>();
            for (SloReport.ObjectiveReport objective : report.objectives()) {
                for (SloReport.BurnAlertCheck check : objective.burnAlerts()) {
                    var key = new FiringBurnAlert.Key(journey.name(), objective.objective(), check.rule());
                    checked.add(key);
                    FiringBurnAlert current = firing.get(key);
                    if (current == null && check.burning() && mode != MaintenanceCalendar.Mode.MAINTENANCE) {
                        stillFiring.add(fire(transaction, key, check, now, mode == MaintenanceCalendar.Mode.DRILL));
                    } else if (current != null && !check.burning() && check.shortBurnRate() != null) {
                        // no valid run in the short window (off business hours, a silent probe) says nothing:
                        // the alert holds until runs show the burn has stopped, so one episode stays one
                        resolve(transaction, current, now);
                    } else if (current != null) {
                        stillFiring.add(current);
                    }
                }
            }
            for (FiringBurnAlert orphan : firing.values()) { // its objective or rule is gone from the journey's SLO
                if (!checked.contains(orphan.key())) {
                    resolve(transaction, orphan, now);
                }
            }
            stillFiring.sort(Comparator.comparing(FiringBurnAlert::objective).thenComparing(FiringBurnAlert::rule));
            snapshots.store(transaction, SloSnapshot.of(report, stillFiring, openIncident));
            return null;
        });
    }

    private FiringBurnAlert fire(Connection transaction, FiringBurnAlert.Key key, SloReport.BurnAlertCheck check,
                                 Instant now, boolean drill) throws SQLException {
        var alert = new FiringBurnAlert(key.journey(), key.objective(), key.rule(), check.urgency(), now,
                check.longBurnRate(), check.threshold(), drill);
        alerts.fire(transaction, alert);
        changes.record(transaction, new StateChange.BurnAlertFired(key.journey(), key.objective(), key.rule(),
                check.urgency(), check.longBurnRate(), check.threshold(), now, drill));
        LOG.info("SLO: burn alert {} of {} on {} fired (burn rate {} ≥ {})", key.rule(), key.objective(),
                key.journey(), check.longBurnRate(), check.threshold());
        return alert;
    }

    /** Its resolution belongs to the drill it fired in, so it reaches the same channels. */
    private void resolve(Connection transaction, FiringBurnAlert alert, Instant now) throws SQLException {
        if (alerts.resolve(transaction, alert.key())) {
            changes.record(transaction, new StateChange.BurnAlertResolved(alert.journey(), alert.objective(),
                    alert.rule(), alert.urgency(), alert.firedAt(), now, alert.drill()));
            LOG.info("SLO: burn alert {} of {} on {} resolved", alert.rule(), alert.objective(), alert.journey());
        }
    }

    private List<String> retire(Set<String> published, Instant now) throws SQLException {
        List<String> retired = new ArrayList<>();
        inTransaction(dataSource::getConnection, transaction -> {
            for (FiringBurnAlert alert : alerts.firing(transaction, null)) {
                if (!published.contains(alert.journey())) {
                    resolve(transaction, alert, now);
                }
            }
            retired.addAll(snapshots.retainOnly(transaction, published));
            return null;
        });
        return retired;
    }
}
