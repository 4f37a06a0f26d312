package dev.incidents.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FieldChange;

/**
 * One stored entry of {@code audit_entries}, keyed by the event's position in its incident's event stream (see
 * {@link #idOf}), so that the collection contains at most one entry per position. Ids are stored as plain strings so
 * that queries compare them by equality.
 *
 * <p>NOTE: MongoDB dates have millisecond precision, so {@code occurredAt} and {@code recordedAt} lose any finer
 * digits that the event carries, and an auditor comparing them with the event store must truncate too.
 */
record AuditEntryDocument(
        @Id String id,
        String eventId,
        String incidentId,
        long sequenceNumber,
        String type,
        ActorDocument actor,
        Instant occurredAt,
        Instant recordedAt,
        List<FieldChange> changes,
        Map<String, String> details) {

    static final String EVENT_ID = "eventId";
    static final String INCIDENT_ID = "incidentId";
    static final String SEQUENCE_NUMBER = "sequenceNumber";

    /**
     * Returns the id of the entry at {@code sequenceNumber} of the incident: {@code incidentId/sequenceNumber}. An
     * incident id cannot contain a slash, so no two positions share an id.
     */
    static String idOf(String incidentId, long sequenceNumber) {
        return incidentId + "/" + sequenceNumber;
    }

    AuditEntry toAuditEntry() {
        return new AuditEntry(eventId, new IncidentId(incidentId), sequenceNumber, type,
                actor == null ? null : actor.toActor(),
                occurredAt, recordedAt, changes == null ? List.of() : changes, details == null ? Map.of() : details);
    }

    /** The actor of an event, with a null {@code group} when the actor acted for no support group. */
    record ActorDocument(String user, String group) {

        static ActorDocument of(Actor actor) {
            if (actor == null) {
                return null;
            }
            return new ActorDocument(actor.user().value(), actor.group() == null ? null : actor.group().value());
        }

        Actor toActor() {
            return Actor.of(user, group);
        }
    }
}
