package dev.incidents.query.hashchain;

import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.incident.IncidentIds;
import dev.incidents.query.projection.BatchWriters;
import dev.incidents.query.projection.DocumentBatch;
import dev.incidents.query.projection.ReadModel;
import dev.incidents.query.projection.ReadModelStateMissingException;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Records the hash chain of every incident in {@code event_hashes} as the events arrive, so each hash is fixed when
 * the event is first seen. An event whose hash is already recorded is skipped, so a redelivered batch changes
 * nothing.
 *
 * <p>A reset keeps the recorded hashes: a replay then skips every event it has hashed before, and never replaces a
 * hash with one computed from an event that was changed in the store since.
 */
@Component
@ProcessingGroup(EventHashProjection.PROCESSING_GROUP)
class EventHashProjection implements ReadModel {

    static final String PROCESSING_GROUP = "event-hashes";

    private static final Logger log = LoggerFactory.getLogger(EventHashProjection.class);

    private final MongoOperations mongo;
    private final ChainEntries entries;

    EventHashProjection(MongoOperations mongo, ChainEntries entries) {
        this.mongo = mongo;
        this.entries = entries;
    }

    @EventHandler
    void on(IncidentEvent event, DomainEventMessage<?> message) {
        DocumentBatch<RecordedChain> chains = BatchWriters.current(EventHashCollection.NAME,
                messages -> DocumentBatch.load(mongo, RecordedChain.class, EventHashCollection.NAME,
                        IncidentIds.of(messages)));
        String incidentId = event.incidentId().value();
        long sequenceNumber = message.getSequenceNumber();
        RecordedChain chain = chains.find(incidentId);
        if (chain == null) {
            chain = RecordedChain.empty(incidentId);
        }

        if (sequenceNumber < chain.size()) {
            log.debug("Skipping the hash of incident {} at sequence {}: {} hashes are recorded", incidentId,
                    sequenceNumber, chain.size());
            return;
        }
        if (sequenceNumber > chain.size()) {
            // Throwing keeps the processor retrying, which shows in its error state, instead of recording a chain
            // with a gap that every verification would report as broken.
            throw new ReadModelStateMissingException("hash chain of incident " + incidentId + " has " + chain.size()
                    + " entries, so sequence " + sequenceNumber + " cannot follow; the event store is missing"
                    + " events of this incident or the " + EventHashCollection.NAME + " collection lost documents");
        }

        chain.append(EventHashChain.hash(chain.lastHash(), entries.of(message)));
        chains.changed(incidentId, chain);
    }


    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(EventHashCollection.NAME);
    }

    /** Keeps the recorded hashes on purpose; see the class comment. */
    @ResetHandler
    void reset() {
        log.info("Keeping {} on a reset of the {} processor: recorded hashes are never recomputed",
                EventHashCollection.NAME, PROCESSING_GROUP);
    }
}
