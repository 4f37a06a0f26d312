package dev.incidents.query.hashchain;

import dev.incidents.api.audit.EventHashChain;
import org.springframework.data.annotation.Id;

import java.util.ArrayList;
import java.util.List;

/**
 * The hashes of one incident's events as the {@link EventHashProjection} computed them when it first handled each
 * event. The hash of the event with sequence number n is at index n, because the sequence numbers of an event
 * stream are consecutive from 0.
 *
 * <p>NOTE: the document grows by 64 characters per event; MongoDB's 16 MiB document limit is reached near 250,000
 * events of one incident.
 */
class RecordedChain {

    @Id
    private String incidentId;
    private List<String> hashes = new ArrayList<>();

    /** Used by Spring Data to read stored documents. */
    protected RecordedChain() {
    }

    private RecordedChain(String incidentId) {
        this.incidentId = incidentId;
    }

    static RecordedChain empty(String incidentId) {
        return new RecordedChain(incidentId);
    }

    String incidentId() {
        return incidentId;
    }

    /** Returns the number of recorded entries, which is also the sequence number of the next one. */
    int size() {
        return hashes.size();
    }

    /** Returns the hash recorded for a sequence number, or null when none is recorded. */
    String hashAt(long sequenceNumber) {
        return sequenceNumber >= 0 && sequenceNumber < hashes.size() ? hashes.get((int) sequenceNumber) : null;
    }

    /** Returns the hash of the last entry, or {@link EventHashChain#GENESIS_HASH} when none is recorded. */
    String lastHash() {
        return hashes.isEmpty() ? EventHashChain.GENESIS_HASH : hashes.get(hashes.size() - 1);
    }

    void append(String hash) {
        hashes.add(hash);
    }
}
