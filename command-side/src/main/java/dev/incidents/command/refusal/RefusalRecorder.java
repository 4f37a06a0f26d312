package dev.incidents.command.refusal;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.refusal.CommandRefused;
import dev.incidents.command.incident.IncidentCommand;
import dev.incidents.command.incident.IncidentRuleViolation;

/**
 * Records live incident commands that a business rule or the REST layer rejected as {@link CommandRefused} events.
 * They are published after the command's unit of work has rolled back, or without any unit of work when the command
 * never reached the incident. So they are stored durably in the event store beside, but never inside, the
 * incident's own stream. Imports do not pass through here: they keep their own report of rejected
 * records.
 */
@Component
public class RefusalRecorder {

    private static final Logger log = LoggerFactory.getLogger(RefusalRecorder.class);

    private final EventGateway eventGateway;

    public RefusalRecorder(EventGateway eventGateway) {
        this.eventGateway = eventGateway;
    }

    /**
     * Returns the business rejection a failed command carries: the rule violation itself on a local command bus, or
     * its details through a distributed one. Failures without one, such as an unknown incident or a fault of the
     * server, return empty.
     */
    public static Optional<CommandRejection> rejectionOf(RuntimeException failure) {
        if (failure instanceof IncidentRuleViolation violation) {
            return Optional.of(violation.rejection());
        }
        if (failure instanceof CommandExecutionException execution) {
            if (execution.getDetails().orElse(null) instanceof CommandRejection rejection) {
                return Optional.of(rejection);
            }
            if (execution.getCause() instanceof IncidentRuleViolation violation) {
                return Optional.of(violation.rejection());
            }
        }
        return Optional.empty();
    }

    /**
     * Publishes the refusal of {@code command}. A failure to store it is logged and swallowed, because the caller
     * must still get the rejection of the command itself.
     */
    public void record(Object command, CommandRejection rejection, Caller caller, Long expectedVersion) {
        if (rejection.code() == ErrorCode.INCIDENT_NOT_FOUND) {
            // An unknown incident has no rule that rejected the command.
            return;
        }
        IncidentId incidentId = component(command, "incidentId", IncidentId.class);
        if (incidentId == null) {
            log.warn("Not recording the rejected {} of user {}: it names no incident", command.getClass()
                    .getSimpleName(), caller.user());
            return;
        }

        IncidentCommand lifecycleCommand = IncidentCommand.of(command);
        CommandRefused refused = new CommandRefused(incidentId,
                lifecycleCommand == null ? rejection.command() : lifecycleCommand.label(),
                command.getClass().getSimpleName(), rejection.code(), rejection.message(), rejection.state(),
                caller.actor(), component(command, "occurredAt", Instant.class), expectedVersion,
                caller.organisationVersion());
        publish(refused, caller);
    }

    /**
     * Publishes the refusal of a request that the REST layer rejected before its command reached the incident, such
     * as one naming an unknown support group or a weak {@code If-Match}. Such a rejection names no incident state.
     */
    public void recordRejectedRequest(IncidentId incidentId, IncidentCommand command, ErrorCode code, String message,
                                      Caller caller, Instant occurredAt, Long expectedVersion) {
        CommandRefused refused = new CommandRefused(incidentId, command.label(), command.payloadTypeName(), code,
                message, null, caller.actor(), occurredAt, expectedVersion, caller.organisationVersion());
        publish(refused, caller);
    }

    /** Publishes a refusal, logging and swallowing a failure to store it. */
    private void publish(CommandRefused refused, Caller caller) {
        try {
            eventGateway.publish(GenericEventMessage.asEventMessage(refused).andMetaData(Map.of(
                    CallerMetaData.USER, caller.user().value(),
                    CallerMetaData.ORGANISATION_VERSION, caller.organisationVersion())));
            log.info("Recorded the refusal of {} of incident {} for user {}: {}", refused.command(),
                    refused.incidentId(), caller.user(), refused.code());
        } catch (RuntimeException e) {
            log.error("Failed to record the refusal of {} of incident {} for user {} ({}); the caller still gets "
                    + "the rejection", refused.command(), refused.incidentId(), caller.user(), refused.code(), e);
        }
    }

    /** Returns the named component of a command record, or null when it has none or it is of another type. */
    private static <T> T component(Object command, String name, Class<T> type) {
        RecordComponent[] components = command.getClass().getRecordComponents();
        if (components == null) {
            return null;
        }
        for (RecordComponent component : components) {
            if (component.getName().equals(name) && type.isAssignableFrom(component.getType())) {
                try {
                    return type.cast(component.getAccessor().invoke(command));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getName(),
                            e);
                }
            }
        }
        return null;
    }
}
