package dev.incidents.query.projection;

import java.util.List;

/**
 * A hash over the documents of one read model, equal for two builds from the same events.
 *
 * @param processor the streaming processor that builds the read model
 * @param algorithm the hash algorithm, {@value ReadModelFingerprints#ALGORITHM}
 * @param fingerprint the hash in lower-case hexadecimal
 * @param collections the hashed collections in hashing order, with their document counts and hashes
 * @param fieldsLeftOut top-level fields left out of every document because they differ between builds
 * @param collectionsLeftOut collections left out because their documents follow the order of event delivery
 * @param processorCaughtUp false when the processor was still behind the head of the event store, so the read model
 *         may change before it has caught up
 */
record ReadModelFingerprint(
        String processor,
        String algorithm,
        String fingerprint,
        List<CollectionCount> collections,
        List<String> fieldsLeftOut,
        List<String> collectionsLeftOut,
        boolean processorCaughtUp) {

    /** One hashed collection, the number of its documents and the hash of its documents alone. */
    record CollectionCount(String name, long documents, String sha256) {
    }
}
