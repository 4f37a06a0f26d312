package dev.incidents.query.refusal;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.refusal.CommandRefused;

/**
 * One refused command in {@code refusals}, keyed by the identifier of its {@link CommandRefused} event, so an event
 * delivered again overwrites the same document.
 *
 * <p>NOTE: MongoDB dates have millisecond precision, so both times lose any finer digits of the event.
 *
 * @param recordedAt the time the command side recorded the refusal: the event message's timestamp
 * @param occurredAt the business time the command gave; null when it gave none
 */
record RefusalDocument(
        @Id String refusalId,
        String incidentId,
        String command,
        String commandType,
        String code,
        String message,
        String state,
        String user,
        String role,
        String group,
        Instant recordedAt,
        Instant occurredAt,
        Long expectedVersion,
        long organisationVersion) {

    static final String INCIDENT_ID = "incidentId";
    static final String USER = "user";
    static final String RECORDED_AT = "recordedAt";

    static RefusalDocument of(String eventId, CommandRefused refused, Instant recordedAt) {
        Actor actor = refused.actor();
        return new RefusalDocument(eventId, refused.incidentId().value(), refused.command(), refused.commandType(),
                refused.code().name(), refused.message(), refused.state(), actor.user().value(),
                actor.role() == null ? null : actor.role().name(),
                actor.group() == null ? null : actor.group().value(),
                recordedAt, refused.occurredAt(), refused.expectedVersion(), refused.organisationVersion());
    }

    RefusalEntry toEntry() {
        return new RefusalEntry(refusalId, incidentId, command, commandType, code, message, state,
                new RefusalEntry.ActorEntry(user, role, group), recordedAt, occurredAt, expectedVersion,
                organisationVersion);
    }
}
