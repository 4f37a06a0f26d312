package dev.incidents.query.audit;

import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FetchIncidentHistoryQuery;
import dev.incidents.query.web.IncidentNotFoundException;
import dev.incidents.query.web.RequestValues;

/** REST access to the audit trail of an incident. */
@RestController
@RequestMapping("/api/incidents")
class AuditTrailController {

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;

    AuditTrailController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/{id}/history")
    List<AuditEntry> history(@PathVariable("id") String id) {
        IncidentId incidentId = RequestValues.incidentId("id", id);

        List<AuditEntry> entries = queryGateway.query(new FetchIncidentHistoryQuery(incidentId, currentCaller.get()),
                ResponseTypes.multipleInstancesOf(AuditEntry.class)).join();
        if (entries.isEmpty()) {
            throw new IncidentNotFoundException(incidentId, "The audit trail has no entries for incident '"
                    + incidentId + "'. An incident reported moments ago appears once GET /api/projections reports "
                    + "caughtUp.");
        }
        return entries;
    }
}
