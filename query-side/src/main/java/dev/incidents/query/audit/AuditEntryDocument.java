package dev.incidents.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.incidents.api.access.Role;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FieldChange;

/**
 * One entry of an {@link AuditTrailDocument}: what one event changed.
 *
 * <p>NOTE: MongoDB dates have millisecond precision, so {@code occurredAt} and {@code recordedAt} lose any finer
 * digits that the event carries, and an auditor comparing them with the event store must truncate too.
 */
record AuditEntryDocument(
        String eventId,
        long sequenceNumber,
        String type,
        ActorDocument actor,
        Instant occurredAt,
        Instant recordedAt,
        List<FieldChange> changes,
        Map<String, String> details,
        Long organisationVersion) {

    AuditEntry toAuditEntry(IncidentId incidentId) {
        return new AuditEntry(eventId, incidentId, sequenceNumber, type,
                actor == null ? null : actor.toActor(),
                occurredAt, recordedAt, changes == null ? List.of() : changes, details == null ? Map.of() : details,
                organisationVersion);
    }

    /**
     * The actor of an event, with a null {@code role} for system accounts and the authors of imported logs, and a
     * null {@code group} when the actor acted for no support group.
     */
    record ActorDocument(String user, String role, String group) {

        static ActorDocument of(Actor actor) {
            if (actor == null) {
                return null;
            }
            return new ActorDocument(actor.user().value(), actor.role() == null ? null : actor.role().name(),
                    actor.group() == null ? null : actor.group().value());
        }

        Actor toActor() {
            return new Actor(new UserId(user), role == null ? null : Role.valueOf(role),
                    group == null ? null : new SupportGroupId(group));
        }
    }
}
