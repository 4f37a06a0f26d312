package dev.incidents.query.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FetchIncidentHistoryQuery;
import dev.incidents.api.query.IncidentHistory;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.access.Rejections;
import dev.incidents.query.access.Visibility;

/**
 * Handles history queries by reading the incident's document in {@code audit_trails}. Whether the caller may read
 * the trail is decided on the trail's own copy of the incident's values, so the check and the entries come from the
 * same position in the event stream.
 */
@Component
class AuditQueryHandler {

    private static final String WORK_NOTE = WorkNoteAdded.class.getSimpleName();

    private final MongoOperations mongo;

    AuditQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Handles the query from the query bus, wrapped so that the entries keep their type through Axon Server. */
    @QueryHandler
    IncidentHistory handleQuery(FetchIncidentHistoryQuery query) {
        return new IncidentHistory(handle(query));
    }

    /**
     * Returns the incident's entries in sequence order, or an empty list when the incident has no trail and the caller
     * may learn that. A requester gets no entry of an internal work note.
     */
    List<AuditEntry> handle(FetchIncidentHistoryQuery query) {
        Visibility visibility = Visibility.of(query.caller());
        String incidentId = query.incidentId().value();
        AuditTrailDocument trail = mongo.findById(incidentId, AuditTrailDocument.class, AuditTrailCollection.NAME);

        if (trail == null) {
            if (visibility.mayLearnExistence()) {
                return List.of();
            }
            throw Rejections.rejectIncident(visibility, incidentId);
        }

        IncidentAccess access = visibility.accessTo(trail.state());
        List<AuditEntry> entries = trail.entries().stream()
                .map(entry -> entry.toAuditEntry(query.incidentId()))
                .toList();
        return switch (access) {
            case NONE -> throw Rejections.rejectIncident(visibility, incidentId);
            case CUSTOMER -> customerEntries(entries);
            case STAFF -> entries;
        };
    }

    /**
     * Leaves out the entries of internal work notes, and the reference from a visible note to a note that is left
     * out, so neither their text nor their ids reach the requester.
     */
    static List<AuditEntry> customerEntries(List<AuditEntry> entries) {
        List<AuditEntry> visible = entries.stream()
                .filter(entry -> !isInternalNote(entry))
                .toList();
        Set<String> visibleNoteIds = visible.stream()
                .filter(entry -> WORK_NOTE.equals(entry.type()))
                .map(entry -> entry.details().get("noteId"))
                .collect(Collectors.toSet());
        return visible.stream()
                .map(entry -> withoutHiddenReference(entry, visibleNoteIds))
                .toList();
    }

    /** Returns true for the entry of a work note that is not marked customer-visible, which includes a missing mark. */
    private static boolean isInternalNote(AuditEntry entry) {
        return WORK_NOTE.equals(entry.type())
                && !NoteVisibility.CUSTOMER_VISIBLE.name().equals(entry.details().get("visibility"));
    }

    private static AuditEntry withoutHiddenReference(AuditEntry entry, Set<String> visibleNoteIds) {
        String corrected = entry.details().get("correctsNoteId");
        if (corrected == null || visibleNoteIds.contains(corrected)) {
            return entry;
        }
        Map<String, String> details = new LinkedHashMap<>(entry.details());
        details.remove("correctsNoteId");
        return new AuditEntry(entry.eventId(), entry.incidentId(), entry.sequenceNumber(), entry.type(),
                entry.actor(), entry.occurredAt(), entry.recordedAt(), entry.changes(), details,
                entry.organisationVersion());
    }
}
