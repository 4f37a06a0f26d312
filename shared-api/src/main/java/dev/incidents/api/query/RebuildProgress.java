package dev.incidents.api.query;

import java.time.Instant;

/**
 * Progress of one rebuild of a projection: its processor was stopped, its read model cleared and its tokens reset,
 * and it now replays the event store from the first event.
 *
 * @param rebuildId id returned when the rebuild was requested
 * @param processor name of the tracking processor that is rebuilt
 * @param state {@code RUNNING} until the processor has replayed up to the head, then {@code DONE}, or
 *         {@code FAILED} when stopping or resetting the processor failed
 * @param requestedBy user who requested the rebuild
 * @param startedAt when the rebuild was requested
 * @param finishedAt when the processor reached the head, or failed; null while running
 * @param elapsedSeconds seconds from {@code startedAt} until {@code finishedAt}, or until now while running
 * @param eventsDone events the processor has handled since its tokens were reset
 * @param eventsPerSecond {@code eventsDone} divided by {@code elapsedSeconds}
 * @param estimatedSecondsLeft {@code lag} divided by {@code eventsPerSecond}, an estimate; 0 when done, null while
 *         no event has been handled yet or after a failure
 * @param position global index of the last event the processor handled, null while it has claimed no segment
 * @param head global index of the newest event in the event store
 * @param lag global indexes between {@code position} and {@code head}, null while the position is unknown
 * @param error why the rebuild failed, null unless {@code FAILED}
 */
public record RebuildProgress(
        String rebuildId,
        String processor,
        String state,
        String requestedBy,
        Instant startedAt,
        Instant finishedAt,
        double elapsedSeconds,
        long eventsDone,
        double eventsPerSecond,
        Double estimatedSecondsLeft,
        Long position,
        long head,
        Long lag,
        String error) {
}
