package dev.incidents.api.refusal;

import java.time.Instant;
import java.util.Objects;

import org.axonframework.serialization.Revision;

import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentId;

/**
 * A live command for an incident was rejected by a business rule and changed nothing. It is no incident event: the
 * command side publishes it on its own, outside the incident's stream, so the incident's version and history stay
 * as they were. The event message's timestamp is the time the rejection was recorded.
 *
 * @param incidentId          the incident the command named; for a rejected report, the id it would have had
 * @param command             the command's label in the API, such as {@code resolve}
 * @param commandType         simple class name of the command, such as {@code ResolveIncidentCommand}
 * @param code                the rejection's code, such as {@code COMMAND_NOT_ALLOWED}
 * @param message             the rejection's message, as the caller received it
 * @param state               the incident's state when the command was rejected; null when the rejection names none
 * @param actor               the caller, with the role and support group the command would have been recorded with
 * @param occurredAt          the business time the command gave; null when it gave none
 * @param expectedVersion     the incident version named by {@code If-Match}; null without one
 * @param organisationVersion the organisation version the command was checked against
 */
@Revision("1")
public record CommandRefused(
        IncidentId incidentId,
        String command,
        String commandType,
        ErrorCode code,
        String message,
        String state,
        Actor actor,
        Instant occurredAt,
        Long expectedVersion,
        long organisationVersion) {

    public CommandRefused {
        Objects.requireNonNull(incidentId, "incident id is missing");
        Objects.requireNonNull(code, "rejection code is missing");
        Objects.requireNonNull(actor, "actor is missing");
    }
}
