package dev.incidents.query.refusal;

import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Set;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.query.web.InstantParameters;
import dev.incidents.query.web.InvalidRequestValueException;
import dev.incidents.query.web.RequestValues;

/** REST access to the refusal log: commands that a business rule rejected, newest first (AUDITOR, ADMIN). */
@RestController
class RefusalController {

    /** Query parameters of GET /api/refusals; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("incidentId", "from", "to", "user", "page", "size");

    /** Query parameters of GET /api/incidents/{id}/refusals, where the path names the incident. */
    static final Set<String> INCIDENT_PARAMETERS = Set.of("from", "to", "user", "page", "size");

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;

    RefusalController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
    }

    /** Returns the refusals recorded from {@code from} (included) to {@code to} (excluded), with optional filters. */
    @GetMapping("/api/refusals")
    RefusalPage refusals(HttpServletRequest request,
                         @RequestParam(name = "incidentId", required = false) String incidentId,
                         @RequestParam(name = "from", required = false) String from,
                         @RequestParam(name = "to", required = false) String to,
                         @RequestParam(name = "user", required = false) String user,
                         @RequestParam(name = "page", required = false) String page,
                         @RequestParam(name = "size", required = false) String size) {
        QueryParameters.check(request, PARAMETERS);
        String incident = incidentId == null ? null : RequestValues.incidentId("incidentId", incidentId).value();
        return fetch(incident, from, to, user, page, size);
    }

    @GetMapping("/api/incidents/{id}/refusals")
    RefusalPage incidentRefusals(HttpServletRequest request,
                                 @PathVariable("id") String id,
                                 @RequestParam(name = "from", required = false) String from,
                                 @RequestParam(name = "to", required = false) String to,
                                 @RequestParam(name = "user", required = false) String user,
                                 @RequestParam(name = "page", required = false) String page,
                                 @RequestParam(name = "size", required = false) String size) {
        String incident = RequestValues.incidentId("id", id).value();
        QueryParameters.check(request, INCIDENT_PARAMETERS);
        return fetch(incident, from, to, user, page, size);
    }

    private RefusalPage fetch(String incidentId, String from, String to, String user, String page, String size) {
        Instant fromInstant = InstantParameters.instant("from", from);
        Instant toInstant = InstantParameters.instant("to", to);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            throw new InvalidRequestValueException("to", to, "invalid to '" + toInstant + "': it is not after from '"
                    + fromInstant + "'; give a to after from, or leave one of them out");
        }
        String userId = user == null ? null : RequestValues.user("user", user).value();

        FetchRefusalsQuery query = new FetchRefusalsQuery(incidentId, fromInstant, toInstant, userId,
                RequestValues.page(page), RequestValues.size(size), currentCaller.get());
        return queryGateway.query(query, ResponseTypes.instanceOf(RefusalPage.class)).join();
    }
}
