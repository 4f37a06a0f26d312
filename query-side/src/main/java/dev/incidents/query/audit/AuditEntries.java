package dev.incidents.query.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.axonframework.messaging.MetaData;

import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Builds audit entries from events, for the audit trail projection and for histories read from the event store as
 * of an instant, so both give the same entries.
 */
final class AuditEntries {

    private AuditEntries() {
    }

    /**
     * Applies the event to {@code incident} and returns its entry: the old and new value of every field it changed,
     * and its details. Times are cut to milliseconds, the precision MongoDB stores.
     */
    static AuditEntryDocument apply(ProjectedIncident incident, IncidentEvent event, long sequenceNumber,
                                    String eventId, Instant recordedAt, MetaData metaData) {
        Map<String, String> before = incident.auditedValues();
        incident.apply(event, sequenceNumber);
        return new AuditEntryDocument(
                eventId,
                sequenceNumber,
                event.getClass().getSimpleName(),
                AuditEntryDocument.ActorDocument.of(event.actor()),
                millis(event.occurredAt()),
                millis(recordedAt),
                AuditDetails.changes(before, incident.auditedValues()),
                AuditDetails.of(event),
                metaData.get(CallerMetaData.ORGANISATION_VERSION) instanceof Number version
                        ? version.longValue() : null);
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
