package dev.incidents.command.web;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.access.Role;
import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.AddWorkNoteCommand;
import dev.incidents.api.incident.AssignIncidentCommand;
import dev.incidents.api.incident.CancelIncidentCommand;
import dev.incidents.api.incident.ClassifyIncidentCommand;
import dev.incidents.api.incident.CloseIncidentCommand;
import dev.incidents.api.incident.CommandMetaData;
import dev.incidents.api.incident.EscalateIncidentCommand;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.MarkAsDuplicateCommand;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.PendIncidentCommand;
import dev.incidents.api.incident.PromiseResolutionCommand;
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
import dev.incidents.api.incident.Values;
import dev.incidents.command.incident.IncidentRuleViolation;
import dev.incidents.command.incident.LifecycleProperties;
import dev.incidents.command.incident.SupportGroupDirectory;
import dev.incidents.command.refusal.RefusalRecorder;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
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

    /** Request attribute that keeps the caller resolved for the request, so actor and metadata agree. */
    private static final String CALLER_ATTRIBUTE = IncidentController.class.getName() + ".caller";

    private final CommandGateway commandGateway;
    private final LifecycleProperties lifecycle;
    private final SupportGroupId serviceDesk;
    private final Clock clock;
    private final HttpServletRequest request;
    private final String querySideUrl;
    private final CurrentCaller currentCaller;
    private final SupportGroupDirectory groups;
    private final Duration maxBackdating;
    private final RefusalRecorder refusals;

    IncidentController(CommandGateway commandGateway, LifecycleProperties lifecycle,
                       @Value("${incidents.service-desk-group:SERVICE-DESK}") String serviceDeskGroup, Clock clock,
                       HttpServletRequest request, @Value("${incidents.query-side-url}") String querySideUrl,
                       CurrentCaller currentCaller, SupportGroupDirectory groups,
                       @Value("${incidents.api.max-backdating:P1D}") Duration maxBackdating,
                       RefusalRecorder refusals) {
        this.commandGateway = commandGateway;
        this.refusals = refusals;
        this.maxBackdating = maxBackdating;
        this.groups = groups;
        this.currentCaller = currentCaller;
        this.querySideUrl = querySideUrl;
        this.request = request;
        this.lifecycle = lifecycle;
        this.serviceDesk = new SupportGroupId(serviceDeskGroup);
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<IncidentStatus> report(@Valid @RequestBody IncidentRequests.Report request) {
        if (user(request.assignee()) != null && group(request.assignedGroup()) == null) {
            throw new IllegalArgumentException("assignee '" + Values.truncate(request.assignee()) + "' needs an"
                    + " assignedGroup: an incident is assigned to a person within a support group, so name the group"
                    + " in assignedGroup, or leave out assignee");
        }
        IncidentId incidentId = newIncidentId();
        SupportGroupId owner = owner(request.ownerGroup());
        UserId requester = knownUser("requester", requester(request.requester()));

        IncidentStatus status = send(new ReportIncidentCommand(incidentId, request.summary(), request.description(),
                requester, request.category(), request.impact(), request.urgency(), owner,
                listedGroup("assignedGroup", request.assignedGroup()), knownUser("assignee", user(request.assignee())),
                actor(),
                occurredAt(request.occurredAt())));
        // The incident is read from the query side, so the location names it there.
        return ResponseEntity.created(URI.create(querySideUrl + "/api/incidents/" + incidentId)).body(status);
    }

    /**
     * Returns a random id, or for a request sent with an Idempotency-Key an id derived from the user, the key and the
     * request. A retry of a report that was stored before a crash then meets INCIDENT_ALREADY_EXISTS, naming it.
     */
    private IncidentId newIncidentId() {
        Object identity = request.getAttribute(IdempotencyFilter.REQUEST_IDENTITY);
        UUID id = identity == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8));
        return new IncidentId(id.toString());
    }

    @PostMapping("/{id}/classify")
    IncidentStatus classify(@PathVariable String id, @Valid @RequestBody IncidentRequests.Classify request) {
        return send(new ClassifyIncidentCommand(new IncidentId(id), request.category(), request.impact(),
                request.urgency(), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/assign")
    IncidentStatus assign(@PathVariable String id, @Valid @RequestBody IncidentRequests.Assign request) {
        return send(new AssignIncidentCommand(new IncidentId(id), listedGroup("group", request.group()),
                knownUser("assignee", user(request.assignee())), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/accept")
    IncidentStatus accept(@PathVariable String id,
                          @Valid @RequestBody(required = false) IncidentRequests.Accept request) {
        // The person who accepts takes the incident, so the assignee defaults to the caller.
        IncidentRequests.Accept body = request == null ? noBody(new IncidentRequests.Accept(null, null)) : request;
        UserId assignee = body.assignee() == null || body.assignee().isBlank() ? caller().user()
                : new UserId(body.assignee());
        return send(new AcceptAssignmentCommand(new IncidentId(id), assignee, actor(), occurredAt(body.occurredAt())));
    }

    @PostMapping("/{id}/reassign")
    IncidentStatus reassign(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reassign request) {
        if (request.group() == null && request.assignee() == null) {
            throw new IllegalArgumentException("group and assignee are both missing: name the group or the person"
                    + " to reassign the incident to");
        }
        return send(new ReassignIncidentCommand(new IncidentId(id), listedGroup("group", request.group()),
                knownUser("assignee", user(request.assignee())),
                request.reason(), lifecycle.policy(), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/return-to-service-desk")
    IncidentStatus returnToServiceDesk(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reason request) {
        return send(new ReturnToServiceDeskCommand(new IncidentId(id), request.reason(), actor(),
                occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/release")
    IncidentStatus release(@PathVariable String id, @Valid @RequestBody IncidentRequests.OptionalReason request) {
        return send(new ReleaseAssignmentCommand(new IncidentId(id), request.reason(), actor(),
                occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/work-notes")
    IncidentStatus addWorkNote(@PathVariable String id, @Valid @RequestBody IncidentRequests.WorkNote request) {
        NoteVisibility visibility = request.visibility() == null ? NoteVisibility.INTERNAL : request.visibility();
        return send(new AddWorkNoteCommand(new IncidentId(id), UUID.randomUUID().toString(), request.text(),
                visibility, request.correctsNoteId(), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/pend")
    IncidentStatus pend(@PathVariable String id, @Valid @RequestBody IncidentRequests.Pend request) {
        return send(new PendIncidentCommand(new IncidentId(id), request.reason(), request.detail(), request.until(),
                actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/resume")
    IncidentStatus resume(@PathVariable String id, @Valid @RequestBody(required = false)
                          IncidentRequests.OptionalReason request) {
        Instant requested = request == null ? noBody(new IncidentRequests.OptionalReason(null, null)).occurredAt()
                : request.occurredAt();
        return send(new ResumeIncidentCommand(new IncidentId(id), actor(), occurredAt(requested)));
    }

    @PostMapping("/{id}/escalate")
    IncidentStatus escalate(@PathVariable String id, @Valid @RequestBody IncidentRequests.Escalate request) {
        if (request.kind() == EscalationKind.FUNCTIONAL && group(request.toGroup()) == null) {
            throw new IllegalArgumentException("toGroup is missing: a FUNCTIONAL escalation moves the incident to a"
                    + " support group of a higher tier, so name that group in toGroup; a HIERARCHICAL escalation"
                    + " needs no group");
        }
        return send(new EscalateIncidentCommand(new IncidentId(id), request.kind(), listedGroup("toGroup", request.toGroup()),
                request.reason(), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/resolve")
    IncidentStatus resolve(@PathVariable String id, @Valid @RequestBody IncidentRequests.Resolve request) {
        return send(new ResolveIncidentCommand(new IncidentId(id), request.resolutionCode(), request.note(),
                request.knowledgeArticle(), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/reject-resolution")
    IncidentStatus rejectResolution(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reason request) {
        return send(new RejectResolutionCommand(new IncidentId(id), request.reason(), actor(),
                occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/reopen")
    IncidentStatus reopen(@PathVariable String id, @Valid @RequestBody IncidentRequests.Reason request) {
        return send(new ReopenIncidentCommand(new IncidentId(id), request.reason(), lifecycle.policy(),
                actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/close")
    IncidentStatus close(@PathVariable String id, @Valid @RequestBody(required = false) IncidentRequests.Close request) {
        IncidentRequests.Close body = request == null ? noBody(new IncidentRequests.Close(null, null, null)) : request;
        return send(new CloseIncidentCommand(new IncidentId(id), body.satisfaction(), body.comment(),
                actor(), occurredAt(body.occurredAt())));
    }

    @PostMapping("/{id}/cancel")
    IncidentStatus cancel(@PathVariable String id, @Valid @RequestBody IncidentRequests.Cancel request) {
        return send(new CancelIncidentCommand(new IncidentId(id), request.reason(), request.detail(),
                actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/mark-duplicate")
    IncidentStatus markDuplicate(@PathVariable String id,
                                 @Valid @RequestBody IncidentRequests.MarkDuplicate request) {
        return send(new MarkAsDuplicateCommand(new IncidentId(id), new IncidentId(request.originalId()),
                request.reason(), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/transfer-ownership")
    IncidentStatus transferOwnership(@PathVariable String id,
                                     @Valid @RequestBody IncidentRequests.TransferOwnership request) {
        return send(new TransferOwnershipCommand(new IncidentId(id), listedGroup("toGroup", request.toGroup()),
                request.reason(), actor(), occurredAt(request.occurredAt())));
    }

    @PostMapping("/{id}/resolution-promise")
    IncidentStatus promiseResolution(@PathVariable String id,
                                     @Valid @RequestBody IncidentRequests.ResolutionPromise request) {
        return send(new PromiseResolutionCommand(new IncidentId(id), request.promisedFor(), actor(),
                occurredAt(request.occurredAt())));
    }

    /**
     * Sends the command with the caller, and the version of an {@code If-Match} header, in its metadata. A command
     * that a business rule rejects is recorded in the refusal log before the rejection goes back to the caller.
     */
    private IncidentStatus send(Object command) {
        Caller caller = caller();
        Map<String, Object> metaData = new HashMap<>(CallerMetaData.of(caller));
        if (Collections.list(request.getHeaders(HttpHeaders.IF_MATCH)).size() > 1) {
            throw new IllegalArgumentException("the request has more than one If-Match header: send exactly one,"
                    + " with the version you read");
        }
        Long expectedVersion = VersionHeaders.expectedVersion(request.getHeader(HttpHeaders.IF_MATCH));
        if (expectedVersion != null) {
            metaData.put(CommandMetaData.EXPECTED_VERSION, expectedVersion);
        }
        RejectedRequests.markSent(request);
        try {
            return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metaData));
        } catch (RuntimeException failure) {
            RefusalRecorder.rejectionOf(failure)
                    .ifPresent(rejection -> refusals.record(command, rejection, caller, expectedVersion));
            throw failure;
        }
    }

    /**
     * Returns the requester of a new incident: the named person, or the caller when the body names no requester. A caller
     * who is only a requester reports in their own name.
     */
    private UserId requester(String named) {
        Caller caller = caller();
        if (named == null || named.isBlank()) {
            return caller.user();
        }
        // Whether the caller may report for someone else is a rule of the aggregate (IncidentPermissions).
        return new UserId(named);
    }

    private Caller caller() {
        if (request.getAttribute(CALLER_ATTRIBUTE) instanceof Caller cached) {
            return cached;
        }
        Caller caller = currentCaller.get();
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return caller;
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
        if (requested.isBefore(now.minus(maxBackdating))) {
            throw new IllegalArgumentException("occurredAt " + requested + " is more than " + maxBackdating
                    + " before the server time " + now + ": live commands record changes of the last "
                    + maxBackdating + " only (incidents.api.max-backdating); leave it out to use the server time,"
                    + " and import older history from a log");
        }
        return requested;
    }

    /**
     * Returns the owner group a report names, or the service desk when it names none. Only the service desk may log
     * an incident for another owner group, because ownership otherwise follows who logs the incident.
     */
    private SupportGroupId owner(String named) {
        if (named == null || named.isBlank()) {
            return serviceDesk;
        }
        Caller caller = caller();
        if (!caller.has(Role.SERVICE_DESK)) {
            throw new IncidentRuleViolation(new CommandRejection(ErrorCode.NOT_PERMITTED, null, "report", null,
                    List.of(), "User '" + caller.user() + "' may not choose the owner group of a new incident: the"
                    + " service desk owns what requesters report, and a specialist owns what they log. Leave out"
                    + " ownerGroup."));
        }
        return listedGroup("ownerGroup", named);
    }

    /** Returns the person, or null for none, after checking that the organisation lists them as a user. */
    private UserId knownUser(String field, UserId person) {
        if (person != null && !groups.knowsUser(person)) {
            throw new IllegalArgumentException(field + " '" + person + "' is not a user of the organisation; name"
                    + " a user listed in the organisation file (auditors, analysts, admins and managers read it at"
                    + " GET /api/organisation on the query side)");
        }
        return person;
    }

    /**
     * Returns the defaults of a command whose body may be left out, after checking that it was left out: a body of
     * JSON {@code null} also arrives as no object, but it is no valid request. A request without Content-Length and
     * Transfer-Encoding headers has no body (RFC 9112, section 6.3), the same as one with Content-Length 0.
     */
    private <T> T noBody(T defaults) {
        boolean bodyLeftOut = request.getContentLengthLong() == 0
                || (request.getContentLengthLong() < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null);
        if (!bodyLeftOut) {
            throw new IllegalArgumentException("the request body is not a JSON object: send a JSON object, or no"
                    + " body at all");
        }
        return defaults;
    }

    /** Returns the author of the command's events: always the authenticated caller, never a field of the body. */
    private Actor actor() {
        return caller().actor();
    }

    /**
     * Returns the named group, or null for a blank name, after checking that the organisation lists it: live
     * commands route incidents only to groups that exist, while imports may name any group of their log.
     */
    private SupportGroupId listedGroup(String field, String name) {
        SupportGroupId group = group(name);
        if (group != null && !groups.contains(group)) {
            throw new IllegalArgumentException(field + " '" + Values.truncate(name, 40) + "' is not a support group of"
                    + " the organisation; use a group listed in the organisation file (auditors, analysts, admins and"
                    + " managers read it at GET /api/organisation on the query side)");
        }
        return group;
    }

    private static SupportGroupId group(String name) {
        return name == null || name.isBlank() ? null : new SupportGroupId(name);
    }

    private static UserId user(String name) {
        return name == null || name.isBlank() ? null : new UserId(name);
    }
}
