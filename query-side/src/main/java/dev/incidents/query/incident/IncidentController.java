package dev.incidents.query.incident;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.FetchIncidentSummaryQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.query.web.IncidentNotFoundException;
import dev.incidents.query.web.RequestValues;

/**
 * REST access to incident summaries. A summary carries the incident's version, the sequence number of its last
 * event, as a strong {@code ETag} such as {@code "7"}: the value the command side takes in {@code If-Match}.
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;

    IncidentController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
    }

    /** Returns the summary, or 304 without a body when {@code If-None-Match} names the current version. */
    @GetMapping("/{id}")
    ResponseEntity<IncidentSummary> summary(@PathVariable("id") String id, WebRequest request) {
        IncidentId incidentId = RequestValues.incidentId("id", id);

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
