package dev.incidents.query.projection;

import java.util.List;

/**
 * A projection seen from outside: the streaming processor that builds it and the MongoDB collections it alone writes.
 * A rebuild resets that processor, and a fingerprint hashes those collections.
 */
public interface ReadModel {

    /** Name of the processing group, which is also the name of its streaming processor. */
    String processingGroup();

    /** Collections that the projection writes and that its reset handler clears. */
    List<String> collections();

    /**
     * Top-level fields that may differ between two builds from the same events, such as the time a document was
     * written, and that a fingerprint therefore leaves out.
     */
    default List<String> fieldsLeftOut() {
        return List.of();
    }

    /**
     * Returns whether events of different incidents change the same documents, such as a queue's index of periods. Such a
     * projection runs on one segment, so that no two batches write those documents at once: the embedded MongoDB
     * server has no transactions, and two segments appending to one index would lose entries.
     */
    default boolean sharesDocumentsAcrossIncidents() {
        return false;
    }

    /**
     * Collections whose documents follow the order in which events were delivered, such as the index of periods per
     * queue, whose buckets fill in delivery order. A fingerprint leaves them out: while an import commits from several
     * threads, the processor handles an event whose commit came late after the events around it, and a replay
     * handles it in store order, so two correct builds differ there. Their entries point to documents of the other
     * collections, which the fingerprint covers.
     */
    default List<String> collectionsInDeliveryOrder() {
        return List.of();
    }
}
