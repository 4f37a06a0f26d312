package dev.incidents.api.query;

import java.util.List;

/**
 * How far the read models have processed the event store.
 *
 * @param caughtUp true when every processor has processed the event store up to {@code head}
 * @param head global index of the newest event in the event store, -1 when the store is empty
 */
public record ProjectionStatus(boolean caughtUp, long head, List<ProcessorStatus> processors) {

    public ProjectionStatus {
        processors = List.copyOf(processors);
    }
}
