package dev.incidents.query.queue;

import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.query.asof.PeriodBatch;
import dev.incidents.query.asof.PeriodIndex;
import dev.incidents.query.incident.IncidentIds;
import dev.incidents.query.incident.ProjectedIncident;
import dev.incidents.query.projection.BatchWriters;
import dev.incidents.query.projection.DocumentBatch;
import dev.incidents.query.projection.ReadModel;
import dev.incidents.query.projection.ReadModelStateMissingException;

/**
 * Records for every incident the periods during which it belonged to each queue section, with the values the queue
 * shows, so that a queue can be read as it was at any instant. Each event closes the incident's open periods and
 * opens one for each section the incident belongs to afterwards, and {@link PeriodIndex} lists the periods of each
 * section so that a query finds them by {@code _id}. The head of each incident stores the sequence number
 * of the last applied event, so an event delivered again is skipped.
 */
@Component
@ProcessingGroup(QueueHistoryProjection.PROCESSING_GROUP)
class QueueHistoryProjection implements ReadModel {

    static final String PROCESSING_GROUP = "queue-history";

    private static final Logger log = LoggerFactory.getLogger(QueueHistoryProjection.class);

    private final MongoOperations mongo;
    private final int bucketCapacity;

    @Autowired
    QueueHistoryProjection(MongoOperations mongo) {
        this(mongo, PeriodIndex.DEFAULT_BUCKET_CAPACITY);
    }

    QueueHistoryProjection(MongoOperations mongo, int bucketCapacity) {
        this.mongo = mongo;
        this.bucketCapacity = bucketCapacity;
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt) {
        // The periods and their index are written before the heads, so a batch that fails between the writes is
        // applied again in full when it is redelivered.
        PeriodBatch stints = BatchWriters.current(QueueHistoryCollection.NAME,
                messages -> new PeriodBatch(mongo, QueueHistoryCollection.NAME));
        PeriodIndex index = BatchWriters.current(QueueHistoryCollection.KEYS,
                messages -> new PeriodIndex(mongo, QueueHistoryCollection.INDEX, bucketCapacity));
        DocumentBatch<QueueHistoryHead> heads = BatchWriters.current(QueueHistoryCollection.HEADS,
                messages -> DocumentBatch.load(mongo, QueueHistoryHead.class, QueueHistoryCollection.HEADS,
                        IncidentIds.of(messages)));
        String incidentId = event.incidentId().value();
        QueueHistoryHead head = heads.find(incidentId);

        if (head == null) {
            if (!(event instanceof IncidentReported)) {
                throw new ReadModelStateMissingException("queue history of incident " + incidentId + " is missing for "
                        + event.getClass().getSimpleName() + " at sequence " + sequenceNumber
                        + "; reset the " + PROCESSING_GROUP + " processor to rebuild the history");
            }
            head = new QueueHistoryHead(ProjectedIncident.unreported(event.incidentId()));
        } else if (head.incident().hasApplied(sequenceNumber)) {
            log.debug("Skipping {} of incident {} at sequence {}: the queue history is at sequence {}",
                    event.getClass().getSimpleName(), incidentId, sequenceNumber, head.incident().lastSequence());
            return;
        }

        ProjectedIncident incident = head.incident();
        long previousSequence = incident.lastSequence();
        head.advance(event.occurredAt(), recordedAt);
        if (previousSequence >= 0) {
            for (String key : QueueKeys.of(incident)) {
                String stintId = QueueStint.id(incidentId, previousSequence, key);
                stints.close(stintId, head.businessFrom(), head.recordedFrom());
                index.close(key, stintId, head.businessFrom(), head.recordedFrom());
            }
        }

        incident.apply(event, sequenceNumber);
        for (String key : QueueKeys.of(incident)) {
            stints.open(QueueStint.open(key, incident, head.businessFrom(), head.recordedFrom()));
            index.open(key, QueueStint.id(incidentId, incident.lastSequence(), key), head.businessFrom(),
                    head.recordedFrom());
        }
        heads.changed(incidentId, head);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(QueueHistoryCollection.NAME, QueueHistoryCollection.HEADS, QueueHistoryCollection.KEYS,
                QueueHistoryCollection.BUCKETS);
    }

    /** Returns the queue index's keys and buckets, whose entries follow the order of event delivery. */
    @Override
    public List<String> collectionsInDeliveryOrder() {
        return List.of(QueueHistoryCollection.KEYS, QueueHistoryCollection.BUCKETS);
    }

    /** Returns true: the index of periods of each queue key takes entries from every incident in that queue. */
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
        // Dropping, unlike removing every document, does not make the embedded MongoDB server hold all documents in
        // memory, which exhausted a 512 MB heap after the BPI Challenge 2013 replay. These collections have only the
        // _id index, which MongoDB creates again with the first insert.
        log.info("Dropping {} before a replay of the {} processor", collections(), PROCESSING_GROUP);
        for (String collection : collections()) {
            mongo.dropCollection(collection);
        }
    }
}
