package dev.incidents.query.audit;

import java.time.Instant;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Writes one audit entry per event into {@code audit_entries}, with the old and new value of every field the event
 * changed. The old values come from this projection's own copy of each incident in {@code audit_states}, which is
 * saved after the entry. An event delivered again after a crash between the two writes finds its entry already
 * present and only completes the state update.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
class AuditTrailProjection {

    static final String PROCESSING_GROUP = "audit-trail";

    private static final Logger log = LoggerFactory.getLogger(AuditTrailProjection.class);

    private final MongoOperations mongo;

    AuditTrailProjection(MongoOperations mongo) {
        this.mongo = mongo;
        AuditCollections.ensureIndexes(mongo);
    }

    @EventHandler
    void on(IncidentEvent event,
            @SequenceNumber long sequenceNumber,
            @MessageIdentifier String eventId,
            @Timestamp Instant recordedAt) {
        String incidentId = event.incidentId().value();
        ProjectedIncident incident = mongo.findById(incidentId, ProjectedIncident.class, AuditCollections.STATES);

        if (incident == null) {
            if (!(event instanceof IncidentReported)) {
                // Throwing keeps the processor retrying this event, which shows in its error state, instead of
                // recording changes against unknown old values.
                throw new IllegalStateException("audit state of incident " + incidentId + " is missing for "
                        + event.getClass().getSimpleName() + " " + eventId + " at sequence " + sequenceNumber
                        + "; reset the " + PROCESSING_GROUP + " processor to rebuild the audit trail");
            }
            incident = ProjectedIncident.unreported(event.incidentId());
        } else if (incident.hasApplied(sequenceNumber)) {
            log.debug("Skipping {} {} of incident {} at sequence {}: the audit trail is at sequence {}",
                    event.getClass().getSimpleName(), eventId, incidentId, sequenceNumber, incident.lastSequence());
            return;
        }

        Map<String, String> before = incident.auditedValues();
        incident.apply(event, sequenceNumber);
        AuditEntryDocument entry = new AuditEntryDocument(
                eventId,
                incidentId,
                sequenceNumber,
                event.getClass().getSimpleName(),
                AuditEntryDocument.ActorDocument.of(event.actor()),
                event.occurredAt(),
                recordedAt,
                AuditDetails.changes(before, incident.auditedValues()),
                AuditDetails.of(event));

        insertOnce(entry);
        mongo.save(incident, AuditCollections.STATES);
    }

    private void insertOnce(AuditEntryDocument entry) {
        try {
            mongo.insert(entry, AuditCollections.ENTRIES);
        } catch (DuplicateKeyException e) {
            boolean sameEvent = mongo.exists(Query.query(Criteria.where("_id").is(entry.eventId())),
                    AuditCollections.ENTRIES);
            if (!sameEvent) {
                // Another event already has this incident's sequence number. The event store and the audit trail
                // disagree, and a retry cannot fix that on its own.
                throw new IllegalStateException("audit entry for incident " + entry.incidentId() + " at sequence "
                        + entry.sequenceNumber() + " already exists with another event id than " + entry.eventId(), e);
            }
            log.debug("Audit entry {} of incident {} is already stored", entry.eventId(), entry.incidentId());
        }
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} and {} before a replay of the {} processor",
                AuditCollections.ENTRIES, AuditCollections.STATES, PROCESSING_GROUP);
        mongo.remove(new Query(), AuditCollections.ENTRIES);
        mongo.remove(new Query(), AuditCollections.STATES);
    }
}
