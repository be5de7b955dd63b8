package dev.dapple.dashboard;

import dev.dapple.auth.AdminRequests;
import dev.dapple.incident.Incident;
import dev.dapple.incident.Incidents;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /incidents} (the incidents page, {@code ?journey=} to filter), {@code GET /incidents/{id}} (where alerts
 * link: the page at that incident) and {@code POST /incidents/{id}/ack}, the Acknowledge form (admin token, like every
 * write: {@link dev.dapple.auth.AccessPolicy}), which redirects back to the page.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class IncidentsController {

    /** The width of the incidents table's column. */
    static final int MAX_ACKNOWLEDGER = 200;

    /** The Acknowledge form: who acknowledges it. */
    @Serdeable
    public record AckForm(@Nullable String by) {
    }

    private final IncidentsPages pages;
    private final Incidents incidents;
    private final AdminRequests admins;
    private final Clock clock;

    IncidentsController(IncidentsPages pages, Incidents incidents, AdminRequests admins, Clock clock) {
        this.pages = pages;
        this.incidents = incidents;
        this.admins = admins;
        this.clock = clock;
    }

    @Get(uri = "/incidents", produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> list(HttpRequest<?> request, @Nullable @QueryValue String journey)
            throws SQLException {
        return view(request, journey, null);
    }

    @Get(uri = "/incidents/{id}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> one(HttpRequest<?> request, @PathVariable String id) throws SQLException {
        Optional<Incident> incident = find(id);
        if (incident.isEmpty()) {
            return refused(request, HttpStatus.NOT_FOUND, unknown(id));
        }
        return HttpResponse.seeOther(URI.create(IncidentsPage.filterPath(incident.get().journey()) + "#incident-"
                + incident.get().id()));
    }

    @Post(uri = "/incidents/{id}/ack", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> acknowledge(HttpRequest<?> request, @PathVariable String id, @Body AckForm form)
            throws SQLException {
        Long incidentId = number(id);
        if (incidentId == null) {
            return refused(request, HttpStatus.NOT_FOUND, unknown(id));
        }
        String by = form.by() == null ? "" : form.by().strip();
        if (by.isEmpty()) {
            return refused(request, HttpStatus.BAD_REQUEST, "Say who acknowledges incident " + incidentId
                    + ": type your name, then press Acknowledge.");
        }
        if (by.length() > MAX_ACKNOWLEDGER) {
            return refused(request, HttpStatus.BAD_REQUEST, "A name of at most " + MAX_ACKNOWLEDGER
                    + " characters, please.");
        }
        return switch (incidents.acknowledge(incidentId, by, clock.instant())) {
            // Post/Redirect/Get: a reload does not post again; the page shows who acknowledged it first.
            case Incidents.Acknowledgement.Done _, Incidents.Acknowledgement.Already _ ->
                    HttpResponse.seeOther(URI.create("/incidents#incident-" + incidentId));
            case Incidents.Acknowledgement.Unknown _ -> refused(request, HttpStatus.NOT_FOUND, unknown(id));
        };
    }

    private ModelAndView<Map<String, Object>> view(HttpRequest<?> request, @Nullable String journey,
                                                    @Nullable String notice) throws SQLException {
        String only = journey == null || journey.isBlank() ? null : journey.strip();
        return new ModelAndView<>("incidents", Map.of("page", pages.page(only, admins.signedIn(request), notice)));
    }

    /** The page again, with what went wrong above it. */
    private HttpResponse<?> refused(HttpRequest<?> request, HttpStatus status, String notice) throws SQLException {
        return HttpResponse.status(status).body(view(request, null, notice));
    }

    private Optional<Incident> find(String id) throws SQLException {
        Long incidentId = number(id);
        return incidentId == null ? Optional.empty() : incidents.byId(incidentId);
    }

    private static @Nullable Long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unknown(String id) {
        return "There is no incident " + id
                + ". The lists below show every open incident and the latest resolved ones.";
    }
}
