package dev.incidents.query.sla;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.query.asof.PeriodBatch;
import dev.incidents.query.asof.PeriodIndex;
import dev.incidents.query.incident.IncidentIds;
import dev.incidents.query.projection.BatchWriters;
import dev.incidents.query.projection.DocumentBatch;
import dev.incidents.query.projection.ReadModel;
import dev.incidents.query.projection.ReadModelStateMissingException;

/**
 * Keeps one {@link ServiceLevelRecord} per incident in {@code service_levels}: service level clocks, live queue
 * membership and the facts of the analytics. The {@link ServiceLevelHistory} keeps the periods of each queue
 * membership for the queues as of an instant. Each record stores the sequence number of the last applied event, so an
 * event delivered again is skipped. The records of a processor batch change in memory and are written once when the
 * batch ends, before the processor stores its token.
 */
@Component
@ProcessingGroup(ServiceLevelProjection.PROCESSING_GROUP)
class ServiceLevelProjection implements ReadModel {

    static final String PROCESSING_GROUP = "service-levels";

    private static final Logger log = LoggerFactory.getLogger(ServiceLevelProjection.class);

    private final MongoOperations mongo;
    private final int bucketCapacity;

    @Autowired
    ServiceLevelProjection(MongoOperations mongo) {
        this(mongo, PeriodIndex.DEFAULT_BUCKET_CAPACITY);
    }

    ServiceLevelProjection(MongoOperations mongo, int bucketCapacity) {
        this.mongo = mongo;
        this.bucketCapacity = bucketCapacity;
        ServiceLevelCollection.ensureIndexes(mongo);
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt) {
        // The queue history is written before the records, so a batch that fails between the writes is applied
        // again in full when it is redelivered.
        PeriodBatch periods = BatchWriters.current(ServiceLevelHistory.NAME,
                messages -> new PeriodBatch(mongo, ServiceLevelHistory.NAME));
        PeriodIndex index = BatchWriters.current(ServiceLevelHistory.KEYS,
                messages -> new PeriodIndex(mongo, ServiceLevelHistory.INDEX, bucketCapacity));
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

        long previousSequence = serviceLevel.lastSequence();
        Set<String> previousKeys = ServiceLevelHistory.keys(serviceLevel);
        serviceLevel.apply(event, sequenceNumber, recordedAt);
        recordQueuePeriods(serviceLevel, previousSequence, previousKeys, periods, index);
        records.changed(incidentId, serviceLevel);
    }

    /**
     * Closes the periods the incident's previous queue entries opened and opens one for each queue key of its entries
     * now. Both start or end at the latest event time so far on each axis, as in the role queue history.
     */
    private static void recordQueuePeriods(ServiceLevelRecord serviceLevel, long previousSequence,
                                           Set<String> previousKeys, PeriodBatch periods, PeriodIndex index) {
        String incidentId = serviceLevel.incidentId();
        Instant businessFrom = serviceLevel.clockAt();
        Instant recordedFrom = serviceLevel.recordedAt();
        for (String key : previousKeys) {
            String periodId = ServiceLevelHistory.id(incidentId, previousSequence, key);
            periods.close(periodId, businessFrom, recordedFrom);
            index.close(key, periodId, businessFrom, recordedFrom);
        }

        for (String key : ServiceLevelHistory.keys(serviceLevel)) {
            periods.open(ServiceLevelHistory.open(key, serviceLevel, businessFrom, recordedFrom));
            index.open(key, ServiceLevelHistory.id(incidentId, serviceLevel.lastSequence(), key), businessFrom,
                    recordedFrom);
        }
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(ServiceLevelCollection.NAME, ServiceLevelHistory.NAME, ServiceLevelHistory.KEYS,
                ServiceLevelHistory.BUCKETS);
    }

    /** Returns the queue index's keys and buckets, whose entries follow the order of event delivery. */
    @Override
    public List<String> collectionsInDeliveryOrder() {
        return List.of(ServiceLevelHistory.KEYS, ServiceLevelHistory.BUCKETS);
    }

    /** Returns true: the index of each at-risk and breached queue takes entries from every incident in it. */
    @Override
    public boolean sharesDocumentsAcrossIncidents() {
        return true;
    }

    /** Leaves out the queue index's record of the last batch, which depends on where the batches began. */
    @Override
    public List<String> fieldsLeftOut() {
        return List.of(PeriodIndex.LAST_BATCH_FIRST_BUCKET);
    }

    @ResetHandler
    void reset() {
        // The history collections are dropped rather than emptied document by document, which would make the
        // embedded MongoDB server hold all their documents in memory. They have only the _id index.
        log.info("Clearing {} before a replay of the {} processor", collections(), PROCESSING_GROUP);
        mongo.remove(new Query(), ServiceLevelCollection.NAME);
        mongo.dropCollection(ServiceLevelHistory.NAME);
        mongo.dropCollection(ServiceLevelHistory.KEYS);
        mongo.dropCollection(ServiceLevelHistory.BUCKETS);
    }
}
