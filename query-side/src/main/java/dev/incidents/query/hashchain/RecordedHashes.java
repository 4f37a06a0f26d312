package dev.incidents.query.hashchain;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hashes that {@link EventHashProjection} recorded for an incident. Exports carry these, not hashes
 * computed from the events as they are now, so that a verification of the export detects an event changed in the
 * store after it was first hashed.
 */
@Component
public class RecordedHashes {

    private final MongoOperations mongo;

    RecordedHashes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Returns the recorded hashes of an incident, the hash of sequence number n at index n; empty when none. */
    public List<String> of(String incidentId) {
        RecordedChain chain = mongo.findById(incidentId, RecordedChain.class, EventHashCollection.NAME);
        List<String> hashes = new ArrayList<>();
        if (chain != null) {
            for (int sequence = 0; sequence < chain.size(); sequence++) {
                hashes.add(chain.hashAt(sequence));
            }
        }
        return hashes;
    }
}
