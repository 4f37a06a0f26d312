package dev.incidents.command.web;

import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.AddWorkNoteCommand;
import dev.incidents.api.incident.AssignIncidentCommand;
import dev.incidents.api.incident.CancelIncidentCommand;
import dev.incidents.api.incident.ClassifyIncidentCommand;
import dev.incidents.api.incident.CloseIncidentCommand;
import dev.incidents.api.incident.CommandMetaData;
import dev.incidents.api.incident.EscalateIncidentCommand;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.MarkAsDuplicateCommand;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.PendIncidentCommand;
import dev.incidents.api.incident.ReassignIncidentCommand;
import dev.incidents.api.incident.RejectResolutionCommand;
import dev.incidents.api.incident.ReleaseAssignmentCommand;
import dev.incidents.api.incident.ReopenIncidentCommand;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.ResolveIncidentCommand;
import dev.incidents.api.incident.ResumeIncidentCommand;
import dev.incidents.api.incident.ReturnToServiceDeskCommand;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.TransferOwnershipCommand;
import dev.incidents.api.incident.UserId;
import dev.incidents.command.incident.LifecycleProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The command API: one POST per lifecycle command. Each returns the incident's status after the command. Reads of
 * incidents are served by the query side under the same paths.
 */
@RestController
@RequestMapping(path = "/api/incidents")
class IncidentController {

    /** Clock skew tolerated between a client that sends occurredAt and this server. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(1);

    private final CommandGateway commandGateway;
    private final LifecycleProperties lifecycle;
    private final SupportGroupId serviceDesk;
    private final Clock clock;
    private final HttpServletRequest request;
    private final String querySideUrl;

    IncidentController(CommandGateway commandGateway, LifecycleProperties lifecycle,
                       @Value("${incidents.service-desk-group:SERVICE-DESK}") String serviceDeskGroup, Clock clock,
                       HttpServletRequest request, @Value("${incidents.query-side-url}") String querySideUrl) {
        this.commandGateway = commandGateway;
        this.querySideUrl = querySideUrl;
        this.request = request;
        this.lifecycle = lifecycle;
        this.serviceDesk = new SupportGroupId(serviceDeskGroup);
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<IncidentStatus> report(@Valid @RequestBody IncidentRequests.Report request, Principal principal) {
        IncidentId incidentId = new IncidentId(UUID.randomUUID().toString());
        SupportGroupId owner = request.ownerGroup() == null ? serviceDesk : new SupportGroupId(request.ownerGroup());

        IncidentStatus status = send(new ReportIncidentCommand(incidentId, request.summary(), request.description(),
                new UserId(request.requester()), request.category(), request.impact(), request.urgency(), owner,
                group(request.assignedGroup()), user(request.assignee()), actor(principal),
                occurredAt(request.occurredAt())));
        // The incident is read from the query side, so the location names it there.
        return ResponseEntity.created(URI.create(querySideUrl + "/api/incidents/" + incidentId)).body(status);
    }

    @PostMapping("/{id}/classify")
    IncidentStatus classify(@PathVariable String id, @Valid @RequestBody IncidentRequests.Classify request,
                            Principal principal) {
        return send(new ClassifyIncidentCommand(new IncidentId(id), request.category(), request.impact(),
                request.urgency(), actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/assign")
    IncidentStatus assign(@PathVariable String id, @Valid @RequestBody IncidentRequests.Assign request,
                          Principal principal) {
        return send(new AssignIncidentCommand(new IncidentId(id), new SupportGroupId(request.group()),
                user(request.assignee()), actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/accept")
    IncidentStatus accept(@PathVariable String id, @Valid @RequestBody IncidentRequests.Accept request,
                          Principal principal) {
        return send(new AcceptAssignmentCommand(new IncidentId(id), new UserId(request.assignee()),
                actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/reassign")
    IncidentStatus reassign(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reassign request,
                            Principal principal) {
        if (request.group() == null && request.assignee() == null) {
            throw new IllegalArgumentException("group and assignee are both missing: name the group or the person"
                    + " to reassign the incident to");
        }
        return send(new ReassignIncidentCommand(new IncidentId(id), group(request.group()), user(request.assignee()),
                request.reason(), lifecycle.policy(), actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/return-to-service-desk")
    IncidentStatus returnToServiceDesk(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reason request,
                                       Principal principal) {
        return send(new ReturnToServiceDeskCommand(new IncidentId(id), request.reason(), actor(principal),
                occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/release")
    IncidentStatus release(@PathVariable String id, @Valid @RequestBody IncidentRequests.OptionalReason request,
                           Principal principal) {
        return send(new ReleaseAssignmentCommand(new IncidentId(id), request.reason(), actor(principal),
                occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/work-notes")
    IncidentStatus addWorkNote(@PathVariable String id, @Valid @RequestBody IncidentRequests.WorkNote request,
                               Principal principal) {
        NoteVisibility visibility = request.visibility() == null ? NoteVisibility.INTERNAL : request.visibility();
        return send(new AddWorkNoteCommand(new IncidentId(id), UUID.randomUUID().toString(), request.text(),
                visibility, request.correctsNoteId(), actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/pend")
    IncidentStatus pend(@PathVariable String id, @Valid @RequestBody IncidentRequests.Pend request,
                        Principal principal) {
        return send(new PendIncidentCommand(new IncidentId(id), request.reason(), request.detail(), request.until(),
                actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/resume")
    IncidentStatus resume(@PathVariable String id, @Valid @RequestBody(required = false)
                          IncidentRequests.OptionalReason request, Principal principal) {
        Instant requested = request == null ? null : request.occurredAt();
        return send(new ResumeIncidentCommand(new IncidentId(id), actor(principal), occurredAt(requested)));
    }

    @PostMapping("/{id}/escalate")
    IncidentStatus escalate(@PathVariable String id, @Valid @RequestBody IncidentRequests.Escalate request,
                            Principal principal) {
        return send(new EscalateIncidentCommand(new IncidentId(id), request.kind(), group(request.toGroup()),
                request.reason(), actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/resolve")
    IncidentStatus resolve(@PathVariable String id, @Valid @RequestBody IncidentRequests.Resolve request,
                           Principal principal) {
        return send(new ResolveIncidentCommand(new IncidentId(id), request.resolutionCode(), request.note(),
                request.knowledgeArticle(), actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/reject-resolution")
    IncidentStatus rejectResolution(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reason request,
                                    Principal principal) {
        return send(new RejectResolutionCommand(new IncidentId(id), request.reason(), actor(principal),
                occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/reopen")
    IncidentStatus reopen(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reason request,
                          Principal principal) {
        return send(new ReopenIncidentCommand(new IncidentId(id), request.reason(), lifecycle.policy(),
                actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/close")
    IncidentStatus close(@PathVariable String id, @Valid @RequestBody(required = false) IncidentRequests.Close request,
                         Principal principal) {
        IncidentRequests.Close body = request == null ? new IncidentRequests.Close(null, null, null) : request;
        return send(new CloseIncidentCommand(new IncidentId(id), body.satisfaction(), body.comment(),
                actor(principal), occurredAt(body.occurredAt())));
    }

    @PostMapping("/{id}/cancel")
    IncidentStatus cancel(@PathVariable String id, @Valid @RequestBody IncidentRequests.Cancel request,
                          Principal principal) {
        return send(new CancelIncidentCommand(new IncidentId(id), request.reason(), request.detail(),
                actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/mark-duplicate")
    IncidentStatus markDuplicate(@PathVariable String id, @Valid @RequestBody IncidentRequests.MarkDuplicate request,
                                 Principal principal) {
        return send(new MarkAsDuplicateCommand(new IncidentId(id), new IncidentId(request.originalId()),
                request.reason(), actor(principal), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/transfer-ownership")
    IncidentStatus transferOwnership(@PathVariable String id,
                                     @Valid @RequestBody IncidentRequests.TransferOwnership request,
                                     Principal principal) {
        return send(new TransferOwnershipCommand(new IncidentId(id), new SupportGroupId(request.toGroup()),
                request.reason(), actor(principal), occurredAt(request.occurredAt())));
    }

    private IncidentStatus send(Object command) {
        Long expectedVersion = VersionHeaders.expectedVersion(request.getHeader(HttpHeaders.IF_MATCH));
        if (expectedVersion == null) {
            return commandGateway.sendAndWait(command);
        }
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(Map.of(CommandMetaData.EXPECTED_VERSION, expectedVersion)));
    }

    /**
     * Checks a business time given by the client. Without one, the incident stamps the command with the server
     * clock while it is locked, so concurrent commands never appear to happen before the change they follow.
     */
    private Instant occurredAt(Instant requested) {
        if (requested == null) {
            return null;
        }
        Instant now = clock.instant();
        if (requested.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new IllegalArgumentException("occurredAt " + requested + " is in the future (server time " + now
                    + "): give the time the change happened, or leave it out to use the server time");
        }
        return requested;
    }

    // NOTE: the actor comes from the authenticated principal; until authentication is configured every live
    // request is recorded as "anonymous".
    private static Actor actor(Principal principal) {
        return new Actor(new UserId(principal == null ? "anonymous" : principal.getName()), null);
    }

    private static SupportGroupId group(String name) {
        return name == null || name.isBlank() ? null : new SupportGroupId(name);
    }

    private static UserId user(String name) {
        return name == null || name.isBlank() ? null : new UserId(name);
    }
}
