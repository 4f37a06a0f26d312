package dev.incidents.query.asof;

import dev.incidents.api.incident.IncidentId;
import dev.incidents.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.query.web.RequestValues;

/** REST access to the service level state of one incident, now or as of an instant. */
@RestController
class IncidentServiceLevelController {

    /** Query parameters of this endpoint; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("asOf", "timeAxis");

    private final IncidentServiceLevelReader reader;
    private final CurrentCaller currentCaller;
    private final Clock clock = Clock.systemUTC();

    IncidentServiceLevelController(IncidentServiceLevelReader reader, CurrentCaller currentCaller) {
        this.reader = reader;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/api/incidents/{id}/service-level")
    ServiceLevelState serviceLevel(HttpServletRequest request,
                                   @PathVariable("id") String id,
                                   @RequestParam(name = "asOf", required = false) String asOf,
                                   @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        IncidentId incidentId = RequestValues.incidentId("id", id);
        QueryParameters.check(request, PARAMETERS);
        return reader.read(incidentId, currentCaller.get(), AsOf.parse(asOf, timeAxis, clock));
    }
}
