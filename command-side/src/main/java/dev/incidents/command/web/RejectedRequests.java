package dev.incidents.command.web;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.command.incident.IncidentCommand;
import dev.incidents.command.refusal.RefusalRecorder;

/**
 * Records in the refusal log the incident commands that the REST layer rejects before they reach the incident: an
 * unknown support group or user, a malformed or weak {@code If-Match}, a business time out of range, a body that
 * fails validation, an owner group chosen by a caller outside the service desk. Rejections by the incident itself
 * are recorded where the command is sent ({@link IncidentController}), so a request whose command was sent is
 * skipped here.
 *
 * <p>Only requests for an incident in the event store, and reports, are recorded: a refusal for an unknown id would
 * create log entries for an incident that never existed. A rejected report is recorded under a new random id, the
 * id the incident would have had, which no incident ever gets.
 */
@Component
class RejectedRequests {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    /** Request attribute set once the request's command was sent to the incident. */
    private static final String SENT_ATTRIBUTE = RejectedRequests.class.getName() + ".sent";

    private static final String REPORT_PATTERN = "/api/incidents";
    private static final String COMMAND_PATTERN_PREFIX = "/api/incidents/{id}/";

    private final RefusalRecorder refusals;
    private final CurrentCaller currentCaller;
    private final EventStore eventStore;

    RejectedRequests(RefusalRecorder refusals, CurrentCaller currentCaller, EventStore eventStore) {
        this.refusals = refusals;
        this.currentCaller = currentCaller;
        this.eventStore = eventStore;
    }

    /** Marks the request's command as sent, so that its rejection is recorded by the sender and not here. */
    static void markSent(HttpServletRequest request) {
        request.setAttribute(SENT_ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * Records the rejection of the request when it is an incident command that was not sent, and names an incident
     * in the event store or is a report. Other requests are left alone.
     */
    void record(HttpServletRequest request, ErrorCode code, String message) {
        if (request.getAttribute(SENT_ATTRIBUTE) != null || !isIncidentCommand(request)) {
            return;
        }
        String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        Optional<IncidentCommand> command = pattern.equals(REPORT_PATTERN) ? Optional.of(IncidentCommand.REPORT)
                : pattern.startsWith(COMMAND_PATTERN_PREFIX)
                ? IncidentCommand.labelled(pattern.substring(COMMAND_PATTERN_PREFIX.length()))
                : Optional.empty();
        if (command.isEmpty()) {
            return;
        }

        IncidentId incidentId = incidentOf(request, command.get());
        if (incidentId == null) {
            return;
        }

        Caller caller = currentCaller.get();
        refusals.recordRejectedRequest(incidentId, command.get(), code, message, caller, occurredAt(request),
                expectedVersion(request));
    }

    private static boolean isIncidentCommand(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && handler.getBeanType() == IncidentController.class;
    }

    /**
     * Returns the incident the refusal is recorded under: a new id for a report, the path's id when the event store
     * contains that incident, and null otherwise.
     */
    private IncidentId incidentOf(HttpServletRequest request, IncidentCommand command) {
        if (command == IncidentCommand.REPORT) {
            return new IncidentId(UUID.randomUUID().toString());
        }
        String id = ProblemDetailsAdvice.pathIncidentId(request);
        if (id == null || id.isBlank()) {
            return null;
        }
        if (eventStore.lastSequenceNumberFor(id).isEmpty()) {
            log.debug("Not recording the rejected {} of unknown incident {}", command.label(), id);
            return null;
        }
        return new IncidentId(id);
    }

    /** Returns the business time the parsed body gave, or null when it gave none or could not be parsed. */
    private static Instant occurredAt(HttpServletRequest request) {
        Object body = CommandRequestBodies.of(request);
        if (body == null || !body.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : body.getClass().getRecordComponents()) {
            if (component.getName().equals("occurredAt") && component.getType() == Instant.class) {
                try {
                    return (Instant) component.getAccessor().invoke(body);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read occurredAt of " + body.getClass().getName(), e);
                }
            }
        }
        return null;
    }

    /** Returns the version a valid {@code If-Match} names; null for none and for a malformed or weak one. */
    private static Long expectedVersion(HttpServletRequest request) {
        try {
            return VersionHeaders.expectedVersion(request.getHeader(HttpHeaders.IF_MATCH));
        } catch (IllegalArgumentException | VersionHeaders.WeakEntityTagException e) {
            return null;
        }
    }
}
