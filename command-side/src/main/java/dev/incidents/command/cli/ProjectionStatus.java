package dev.incidents.command.cli;

import java.util.List;

/**
 * Body of {@code GET /api/projections} on the query side.
 *
 * @param head global index of the newest event in the event store
 */
record ProjectionStatus(Boolean caughtUp, Long head, List<Processor> processors) {

    boolean isCaughtUp() {
        return Boolean.TRUE.equals(caughtUp);
    }

    List<Processor> processorList() {
        return processors == null ? List.of() : processors;
    }

    /**
     * One tracking event processor.
     *
     * @param position global index of the last event it handled
     * @param error message of the failure it is retrying, or null
     */
    record Processor(String name, Long position, Boolean caughtUp, Long lag, Boolean errorState, String error) {

        boolean isFailing() {
            return Boolean.TRUE.equals(errorState);
        }
    }
}
