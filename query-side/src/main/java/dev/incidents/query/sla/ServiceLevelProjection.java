package dev.incidents.query.sla;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
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
 * Keeps one {@link ServiceLevelRecord} per incident in {@code service_levels}: service level clocks, live queue
 * membership and the facts of the analytics. Each record stores the sequence number of the last applied event, so an
 * event delivered again is skipped. The records of a processor batch change in memory and are written once when the
 * batch ends, before the processor stores its token.
 */
@Component
@ProcessingGroup(ServiceLevelProjection.PROCESSING_GROUP)
class ServiceLevelProjection implements ReadModel {

    static final String PROCESSING_GROUP = "service-levels";

    private static final Logger log = LoggerFactory.getLogger(ServiceLevelProjection.class);

    private final MongoOperations mongo;

    ServiceLevelProjection(MongoOperations mongo) {
        this.mongo = mongo;
        ServiceLevelCollection.ensureIndexes(mongo);
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long sequenceNumber) {
        DocumentBatch<ServiceLevelRecord> records = BatchWriters.current(ServiceLevelCollection.NAME,
                messages -> DocumentBatch.load(mongo, ServiceLevelRecord.class, ServiceLevelCollection.NAME,
                        IncidentIds.of(messages)));
        String incidentId = event.incidentId().value();
        ServiceLevelRecord serviceLevel = records.find(incidentId);

        if (serviceLevel == null) {
            if (!(event instanceof IncidentReported)) {
                // Throwing keeps the processor retrying this event, which shows in its error state, instead of
                // running clocks without the terms and report time.
                throw new ReadModelStateMissingException("service level record of incident " + incidentId + " is missing for "
                        + event.getClass().getSimpleName() + " at sequence " + sequenceNumber
                        + "; reset the " + PROCESSING_GROUP + " processor to rebuild the records");
            }
            serviceLevel = ServiceLevelRecord.unreported(event.incidentId());
        } else if (serviceLevel.hasApplied(sequenceNumber)) {
            log.debug("Skipping {} of incident {} at sequence {}: the service level record is at sequence {}",
                    event.getClass().getSimpleName(), incidentId, sequenceNumber, serviceLevel.lastSequence());
            return;
        }

        serviceLevel.apply(event, sequenceNumber);
        records.changed(incidentId, serviceLevel);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(ServiceLevelCollection.NAME);
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} before a replay of the {} processor", ServiceLevelCollection.NAME, PROCESSING_GROUP);
        mongo.remove(new Query(), ServiceLevelCollection.NAME);
    }
}
