package dev.incidents.query.incident;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.FetchIncidentSummaryQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.asof.AsOf;
import dev.incidents.query.asof.IncidentTimeline;
import dev.incidents.query.web.IncidentNotFoundException;
import dev.incidents.query.web.RequestValues;

/**
 * REST access to incident summaries. A summary carries the incident's version, the sequence number of its last
 * event, as a strong {@code ETag} such as {@code "7"}: the value the command side takes in {@code If-Match}. With
 * {@code asOf} the summary is folded from the event store as it was at that instant, and carries no {@code ETag},
 * because its version is no longer one a command may name.
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    /** Query parameters of this endpoint; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("asOf", "timeAxis");

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;
    private final IncidentTimeline timeline;
    private final Clock clock = Clock.systemUTC();

    IncidentController(QueryGateway queryGateway, CurrentCaller currentCaller, IncidentTimeline timeline) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
        this.timeline = timeline;
    }

    /** Returns the summary, or 304 without a body when {@code If-None-Match} names the current version. */
    @GetMapping("/{id}")
    ResponseEntity<IncidentSummary> summary(@PathVariable("id") String id,
                                            @RequestParam(name = "asOf", required = false) String asOf,
                                            @RequestParam(name = "timeAxis", required = false) String timeAxis,
                                            WebRequest request, HttpServletRequest servletRequest) {
        IncidentId incidentId = RequestValues.incidentId("id", id);
        QueryParameters.check(servletRequest, PARAMETERS);
        AsOf instant = AsOf.parse(asOf, timeAxis, clock);
        if (instant != null) {
            IncidentTimeline.Snapshot snapshot = timeline.read(incidentId, currentCaller.get(), instant);
            return ResponseEntity.ok(snapshot.access() == IncidentAccess.STAFF ? snapshot.incident().toSummary()
                    : snapshot.incident().toCustomerSummary());
        }

        IncidentSummary summary = queryGateway.query(new FetchIncidentSummaryQuery(incidentId, currentCaller.get()),
                        ResponseTypes.optionalInstanceOf(IncidentSummary.class))
                .join()
                .orElseThrow(() -> new IncidentNotFoundException(incidentId,
                        "No incident with id '" + incidentId + "' exists in the read model. An incident reported "
                                + "moments ago appears once GET /api/projections reports caughtUp."));

        String etag = "\"" + summary.version() + "\"";
        // "If-None-Match: *" matches any current version, so a caller who may read the incident gets 304.
        if ("*".equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        if (request.checkNotModified(etag)) {
            // Spring has set the status 304 and the ETag header; a 304 response has no body.
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(summary);
    }
}
