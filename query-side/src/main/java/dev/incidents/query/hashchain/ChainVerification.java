package dev.incidents.query.hashchain;

import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.query.hashchain.VerificationReport.Break;
import dev.incidents.query.web.IncidentNotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Checks an incident's events in the event store against the hashes that {@link EventHashProjection} recorded when
 * it first handled them. It reads from sequence number 0, as the what-if analysis does, which skips the snapshot
 * that the read-only user of the H2 event store may not read.
 *
 * <p>Each stored event at position n of the stream is hashed with the recorded hash of entry n - 1 as its previous
 * hash and compared with the recorded hash of entry n. Using the recorded previous hash, not the recomputed one,
 * keeps one altered event from failing every later entry, so each reported break is an entry whose own content
 * changed, went missing or moved.
 */
@Component
class ChainVerification {

    private static final Logger log = LoggerFactory.getLogger(ChainVerification.class);

    private final EventStore eventStore;
    private final MongoOperations mongo;
    private final ChainEntries entries;

    ChainVerification(EventStore eventStore, MongoOperations mongo, ChainEntries entries) {
        this.eventStore = eventStore;
        this.mongo = mongo;
        this.entries = entries;
    }

    VerificationReport verify(IncidentId incidentId) {
        String id = incidentId.value();
        RecordedChain recorded = mongo.findById(id, RecordedChain.class, EventHashCollection.NAME);
        if (recorded == null) {
            throw new IncidentNotFoundException(incidentId, "No hashes are recorded for incident '" + id
                    + "'. An incident reported moments ago has hashes once GET /api/projections reports the "
                    + EventHashProjection.PROCESSING_GROUP + " processor caughtUp.");
        }

        DomainEventStream stream = eventStore.readEvents(id, 0);
        Break firstBreak = null;
        int brokenEntries = 0;
        int checked = 0;
        int stored = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            int position = stored++;
            if (position >= recorded.size()) {
                // The projection has not handled this event yet, so there is no recorded hash to compare with.
                continue;
            }
            checked++;
            Break found = check(recorded, position, message);
            if (found != null) {
                brokenEntries++;
                firstBreak = firstBreak == null ? found : firstBreak;
            }
        }
        for (int position = stored; position < recorded.size(); position++) {
            checked++;
            brokenEntries++;
            if (firstBreak == null) {
                firstBreak = new Break(position, "the entry is recorded, but the event store has no event at this"
                        + " position: the event was deleted", recorded.hashAt(position), null);
            }
        }

        VerificationReport report = new VerificationReport(id, checked, firstBreak == null, brokenEntries,
                recorded.size(), stored, Math.max(0, stored - recorded.size()), firstBreak);
        if (report.valid()) {
            log.info("Verified the hash chain of incident {}: {} entries match", id, checked);
        } else {
            log.warn("Hash chain of incident {} is broken: {} of {} entries differ, the first at sequence {} ({})",
                    id, brokenEntries, checked, firstBreak.sequenceNumber(), firstBreak.reason());
        }
        return report;
    }

    private Break check(RecordedChain recorded, int position, DomainEventMessage<?> message) {
        String previous = position == 0 ? EventHashChain.GENESIS_HASH : recorded.hashAt(position - 1);
        String expected = recorded.hashAt(position);
        String recomputed;
        try {
            recomputed = EventHashChain.hash(previous, entries.of(message));
        } catch (RuntimeException e) {
            // A stored event changed so far that it no longer deserializes or parses is a break, not a server error.
            log.warn("Cannot read the event of incident {} at position {} for verification: {}",
                    recorded.incidentId(), position, e.toString());
            return new Break(position, "the stored event cannot be read: " + e.getMessage(), expected, null);
        }

        if (recomputed.equals(expected)) {
            return null;
        }
        String reason = message.getSequenceNumber() == position
                ? "the stored event's content differs from the content that was hashed"
                : "the event store has the event with sequence number " + message.getSequenceNumber()
                        + " at this position: an event was deleted or the events were reordered";
        return new Break(position, reason, expected, recomputed);
    }
}
