package dev.incidents.api.query;

/**
 * Progress of one tracking event processor.
 *
 * @param position global index of the last event the processor handled, -1 before the first event, null while it
 *         has claimed no segment
 * @param caughtUp true when the processor reports it is caught up and its position has reached the head
 * @param lag number of global indexes between the position and the head, null while the position is unknown
 * @param errorState true while the processor is retrying after a failed event
 * @param error message of the failure behind {@code errorState}, null without one
 * @param rebuild progress of the latest rebuild of this processor since the query side started, null without one
 */
public record ProcessorStatus(
        String name,
        boolean running,
        Long position,
        boolean caughtUp,
        Long lag,
        boolean errorState,
        String error,
        RebuildProgress rebuild) {

    /** Returns this status with {@code rebuild} as the progress of the latest rebuild. */
    public ProcessorStatus withRebuild(RebuildProgress rebuild) {
        return new ProcessorStatus(name, running, position, caughtUp, lag, errorState, error, rebuild);
    }
}
