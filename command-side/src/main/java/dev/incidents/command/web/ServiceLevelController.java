package dev.incidents.command.web;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.PublishServiceLevelPolicyCommand;
import dev.incidents.api.sla.SaveBusinessCalendarCommand;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.command.servicelevel.ServiceLevelDefinitions;
import dev.incidents.command.servicelevel.ServiceLevelIds;
import dev.incidents.command.servicelevel.ServiceLevelVersion;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Saves business calendars and publishes service level policy versions; managers and admins only. The query side
 * serves them for reading.
 */
@RestController
@RequestMapping(path = "/api/service-levels")
class ServiceLevelController {

    private static final Logger log = LoggerFactory.getLogger(ServiceLevelController.class);

    private final CommandGateway commandGateway;
    private final CurrentCaller currentCaller;
    private final Clock clock;
    private final String querySideUrl;

    ServiceLevelController(CommandGateway commandGateway, CurrentCaller currentCaller, Clock clock,
                           @Value("${incidents.query-side-url}") String querySideUrl) {
        this.commandGateway = commandGateway;
        this.currentCaller = currentCaller;
        this.clock = clock;
        this.querySideUrl = querySideUrl;
    }

    /** Saves a new version of the calendar, or changes nothing when it equals the latest version. */
    @PutMapping("/calendars/{id}")
    ServiceLevelVersion saveCalendar(@PathVariable String id, @Valid @RequestBody ServiceLevelRequests.Calendar request) {
        String calendarId = ServiceLevelIds.require("calendar", id);
        BusinessCalendar calendar = ServiceLevelDefinitions.calendar(request.zone(), request.openingHours(),
                request.holidays());

        Caller caller = currentCaller.get();
        ServiceLevelVersion saved = send(new SaveBusinessCalendarCommand(calendarId, calendar, caller.actor(),
                clock.instant()), caller);
        log.info("User {} saved calendar {}: version {} ({})", caller.user(), calendarId, saved.version(),
                saved.changed() ? "new" : "unchanged");
        return saved;
    }

    /** Publishes the next version of the policy; 201 with the version and the query side's address of it. */
    @PostMapping("/policies/{id}/versions")
    ResponseEntity<ServiceLevelVersion> publishPolicyVersion(@PathVariable String id,
                                                             @Valid @RequestBody ServiceLevelRequests.PolicyVersion request) {
        String policyId = ServiceLevelIds.require("policy", id);
        Map<Priority, ServiceLevelTargets> targets = ServiceLevelDefinitions.targets(request.targets());
        double threshold = request.warningThreshold() == null ? ServiceLevelPolicy.DEFAULT_WARNING_THRESHOLD
                : request.warningThreshold();

        Caller caller = currentCaller.get();
        ServiceLevelVersion published = send(new PublishServiceLevelPolicyCommand(policyId, request.effectiveFrom(),
                request.calendar(), request.supportGroupCalendars(), targets, threshold, caller.actor(),
                clock.instant()), caller);
        log.info("User {} published policy {} version {}, effective from {}", caller.user(), policyId,
                published.version(), request.effectiveFrom());
        return ResponseEntity.created(URI.create(querySideUrl + "/api/service-levels/policies/" + policyId
                + "/versions/" + published.version())).body(published);
    }

    private ServiceLevelVersion send(Object command, Caller caller) {
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(CallerMetaData.of(caller)));
    }
}
