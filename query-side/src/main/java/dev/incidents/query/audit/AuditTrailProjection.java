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
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.query.incident.ProjectedIncident;
import dev.incidents.query.projection.BatchWriters;

/**
 * Writes one audit entry per event into {@code audit_entries}, with the old and new value of every field the event
 * changed. The old values come from this projection's own copy of each incident in {@code audit_states}. The events of
 * a processor batch are applied in memory, and the batch's entries and then its changed states are written when the
 * batch ends, before the processor stores its token.
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
        AuditTrailBatch batch = BatchWriters.current(AuditCollections.ENTRIES, AuditTrailBatch.class,
                messages -> AuditTrailBatch.load(mongo, messages));
        String incidentId = event.incidentId().value();
        ProjectedIncident incident = batch.states().find(incidentId);

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
        batch.add(new AuditEntryDocument(
                AuditEntryDocument.idOf(incidentId, sequenceNumber),
                eventId,
                incidentId,
                sequenceNumber,
                event.getClass().getSimpleName(),
                AuditEntryDocument.ActorDocument.of(event.actor()),
                event.occurredAt(),
                recordedAt,
                AuditDetails.changes(before, incident.auditedValues()),
                AuditDetails.of(event)));
        batch.states().changed(incident);
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} and {} before a replay of the {} processor",
                AuditCollections.ENTRIES, AuditCollections.STATES, PROCESSING_GROUP);
        mongo.remove(new Query(), AuditCollections.ENTRIES);
        mongo.remove(new Query(), AuditCollections.STATES);
    }
}
