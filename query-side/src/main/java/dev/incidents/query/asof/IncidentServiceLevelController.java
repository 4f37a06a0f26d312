package dev.incidents.query.asof;

import java.time.Clock;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.query.web.RequestValues;

/** REST access to the service level state of one incident, now or as of an instant. */
@RestController
class IncidentServiceLevelController {

    private final IncidentServiceLevelReader reader;
    private final CurrentCaller currentCaller;
    private final Clock clock = Clock.systemUTC();

    IncidentServiceLevelController(IncidentServiceLevelReader reader, CurrentCaller currentCaller) {
        this.reader = reader;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/api/incidents/{id}/service-level")
    ServiceLevelState serviceLevel(@PathVariable("id") String id,
                                   @RequestParam(name = "asOf", required = false) String asOf,
                                   @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        return reader.read(RequestValues.incidentId("id", id), currentCaller.get(),
                AsOf.parse(asOf, timeAxis, clock));
    }
}
