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
}
