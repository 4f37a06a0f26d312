package dev.incidents.query.audit;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FetchIncidentHistoryQuery;
import dev.incidents.api.query.IncidentHistory;
import dev.incidents.query.asof.AsOf;
import dev.incidents.query.web.IncidentNotFoundException;
import dev.incidents.query.web.RequestValues;

/**
 * REST access to the audit trail of an incident: the live trail, or with {@code asOf} the trail as it stood at that
 * instant, built from the event store.
 */
@RestController
@RequestMapping("/api/incidents")
class AuditTrailController {

    /** Query parameters of this endpoint; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("asOf", "timeAxis");

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;
    private final AuditTrailAsOf trailAsOf;
    private final Clock clock = Clock.systemUTC();

    AuditTrailController(QueryGateway queryGateway, CurrentCaller currentCaller, AuditTrailAsOf trailAsOf) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
        this.trailAsOf = trailAsOf;
    }

    @GetMapping("/{id}/history")
    List<AuditEntry> history(HttpServletRequest request,
                             @PathVariable("id") String id,
                             @RequestParam(name = "asOf", required = false) String asOf,
                             @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        IncidentId incidentId = RequestValues.incidentId("id", id);
        QueryParameters.check(request, PARAMETERS);
        AsOf instant = AsOf.parse(asOf, timeAxis, clock);
        if (instant != null) {
            return trailAsOf.history(incidentId, currentCaller.get(), instant);
        }

        List<AuditEntry> entries = queryGateway.query(new FetchIncidentHistoryQuery(incidentId, currentCaller.get()),
                ResponseTypes.instanceOf(IncidentHistory.class)).join().entries();
        if (entries.isEmpty()) {
            throw new IncidentNotFoundException(incidentId, "The audit trail has no entries for incident '"
                    + incidentId + "'. An incident reported moments ago appears once GET /api/projections reports "
                    + "caughtUp.");
        }
        return entries;
    }
}
