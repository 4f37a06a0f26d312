package dev.incidents.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentId;

/**
 * One event of an incident as the audit trail records it. Times have millisecond precision because MongoDB stores
 * dates in milliseconds.
 *
 * @param eventId the event message identifier
 * @param sequenceNumber the event's sequence number within the incident, starting at 0
 * @param type simple class name of the event, such as {@code IncidentReassigned}
 * @param occurredAt business time of the event
 * @param recordedAt time at which the event store recorded the event
 * @param changes the incident fields this event changed; the first entry of an incident lists every initial value
 * @param details event values that are not incident fields, such as the reason or the text of a work note
 * @param organisationVersion the organisation version the command was checked against, which identifies the
 *                            groups that existed and their members; null for events of imports and timers, which
 *                            no person sent
 */
public record AuditEntry(
        String eventId,
        IncidentId incidentId,
        long sequenceNumber,
        String type,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt,
        List<FieldChange> changes,
        Map<String, String> details,
        Long organisationVersion) {
}
