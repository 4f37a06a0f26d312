package dev.incidents.query.incident;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.FetchIncidentSummaryQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.query.web.IncidentNotFoundException;
import dev.incidents.query.web.RequestValues;

/** REST access to incident summaries. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    private final QueryGateway queryGateway;

    IncidentController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping("/{id}")
    IncidentSummary summary(@PathVariable("id") String id) {
        IncidentId incidentId = RequestValues.incidentId("id", id);

        return queryGateway.query(new FetchIncidentSummaryQuery(incidentId),
                        ResponseTypes.optionalInstanceOf(IncidentSummary.class))
                .join()
                .orElseThrow(() -> new IncidentNotFoundException(incidentId,
                        "No incident with id '" + incidentId + "' exists in the read model. An incident reported "
                                + "moments ago appears once GET /api/projections reports caughtUp."));
    }
}
