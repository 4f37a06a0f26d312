package dev.incidents.query.audit;

import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
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
import dev.incidents.query.incident.IncidentIds;
import dev.incidents.query.projection.BatchWriters;
import dev.incidents.query.projection.DocumentBatch;
import dev.incidents.query.projection.ReadModel;
import dev.incidents.query.projection.ReadModelStateMissingException;

/**
 * Keeps the audit trail of every incident in {@code audit_trails}: one entry per event, with the old and new value
 * of every field the event changed. The old values come from the trail's own copy of the incident's values, which
 * also stores the sequence number of the last applied event, so an event delivered again is skipped. The events of
 * a processor batch are applied in memory and each changed trail is written once when the batch ends, before the
 * processor stores its token.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
class AuditTrailProjection implements ReadModel {

    static final String PROCESSING_GROUP = "audit-trail";

    private static final Logger log = LoggerFactory.getLogger(AuditTrailProjection.class);

    private final MongoOperations mongo;

    AuditTrailProjection(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(IncidentEvent event,
            @SequenceNumber long sequenceNumber,
            @MessageIdentifier String eventId,
            @Timestamp Instant recordedAt,
            MetaData metaData) {
        DocumentBatch<AuditTrailDocument> trails = BatchWriters.current(AuditTrailCollection.NAME,
                messages -> DocumentBatch.load(mongo, AuditTrailDocument.class, AuditTrailCollection.NAME,
                        IncidentIds.of(messages)));
        String incidentId = event.incidentId().value();
        AuditTrailDocument trail = trails.find(incidentId);

        if (trail == null) {
            if (!(event instanceof IncidentReported)) {
                // Throwing keeps the processor retrying this event, which shows in its error state, instead of
                // recording changes against unknown old values.
                throw new ReadModelStateMissingException("audit trail of incident " + incidentId + " is missing for "
                        + event.getClass().getSimpleName() + " " + eventId + " at sequence " + sequenceNumber
                        + "; reset the " + PROCESSING_GROUP + " processor to rebuild the audit trail");
            }
            trail = AuditTrailDocument.unreported(event.incidentId());
        } else if (trail.state().hasApplied(sequenceNumber)) {
            log.debug("Skipping {} {} of incident {} at sequence {}: the audit trail is at sequence {}",
                    event.getClass().getSimpleName(), eventId, incidentId, sequenceNumber,
                    trail.state().lastSequence());
            return;
        }

        trail.add(AuditEntries.apply(trail.state(), event, sequenceNumber, eventId, recordedAt, metaData));
        trails.changed(incidentId, trail);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(AuditTrailCollection.NAME);
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} before a replay of the {} processor", AuditTrailCollection.NAME, PROCESSING_GROUP);
        mongo.remove(new Query(), AuditTrailCollection.NAME);
    }
}
