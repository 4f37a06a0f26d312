package dev.incidents.query.refusal;

import java.time.Instant;

/**
 * One refused command as the refusal log returns it.
 *
 * @param refusalId           identifier of the refusal's event in the event store
 * @param command             the command's label in the API, such as {@code resolve}
 * @param commandType         simple class name of the command, such as {@code ResolveIncidentCommand}
 * @param code                the rejection's code, such as {@code VERSION_CONFLICT}
 * @param message             the rejection's message, as the caller received it
 * @param state               the incident's state at the refusal; null when the rejection names none
 * @param recordedAt          the time the command side recorded the refusal
 * @param occurredAt          the business time the command gave; null when it gave none
 * @param expectedVersion     the incident version the request named in {@code If-Match}; null without one
 * @param organisationVersion the organisation version the command was checked against
 */
public record RefusalEntry(
        String refusalId,
        String incidentId,
        String command,
        String commandType,
        String code,
        String message,
        String state,
        ActorEntry actor,
        Instant recordedAt,
        Instant occurredAt,
        Long expectedVersion,
        long organisationVersion) {

    /** The caller whose command was refused, with the role and support group it would have acted in. */
    public record ActorEntry(String user, String role, String group) {
    }
}
