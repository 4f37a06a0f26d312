package dev.incidents.query.projection;

/**
 * Changes that one projection collects in memory while a processor handles a batch of events. The
 * {@link BatchWriteInterceptor} writes them after the batch's last event, before the processor stores its token.
 */
public interface BatchWriter {

    /**
     * Writes the collected changes. An exception rolls the whole batch back, so the processor keeps its token and
     * handles the same events again. Writing the same batch twice must leave the same documents.
     */
    void write();
}
