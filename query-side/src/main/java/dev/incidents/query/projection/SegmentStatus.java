package dev.incidents.query.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * State of one segment of a streaming processor, as seen from this instance.
 *
 * @param segment the segment id
 * @param claim {@code THIS_INSTANCE} when this query side processes the segment, {@code OTHER_INSTANCE} when another
 *         owner holds its claim, {@code UNCLAIMED} when nobody does
 * @param position global index of the last event the segment handled; null unless this instance claims it
 * @param lag global indexes between the position and the head of the event store; null without a position
 * @param caughtUp true when this instance claims the segment and it has reached the head
 * @param replaying true while the segment replays after a reset and has not reached the position of its reset
 * @param error message of the failure the segment is retrying after, also while it is released after a failed
 *         batch; null without one
 */
record SegmentStatus(int segment, String claim, Long position, Long lag, boolean caughtUp, boolean replaying,
                     String error) {

    static final String THIS_INSTANCE = "THIS_INSTANCE";
    static final String OTHER_INSTANCE = "OTHER_INSTANCE";
    static final String UNCLAIMED = "UNCLAIMED";

    /**
     * Returns every segment of the processor in the token store, in segment id order. A segment that this instance
     * claims but the token store no longer lists, such as one split a moment ago, is included too.
     */
    static List<SegmentStatus> of(String processorName, StreamingEventProcessor processor, TokenStore tokenStore,
                                  ProcessorFailures failures, long head) {
        Map<Integer, EventTrackerStatus> claimed = processor.processingStatus();
        Set<Integer> segmentIds = Arrays.stream(tokenStore.fetchSegments(processorName)).boxed()
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        segmentIds.addAll(claimed.keySet());
        Set<Integer> available = tokenStore.fetchAvailableSegments(processorName).stream()
                .map(Segment::getSegmentId)
                .collect(Collectors.toSet());

        List<SegmentStatus> segments = new ArrayList<>();
        for (int segmentId : segmentIds) {
            EventTrackerStatus status = claimed.get(segmentId);
            if (status == null) {
                segments.add(new SegmentStatus(segmentId, available.contains(segmentId) ? UNCLAIMED : OTHER_INSTANCE,
                        null, null, false, false, failures.failureOf(processorName, segmentId).orElse(null)));
                continue;
            }
            long position = status.getTrackingToken() == null
                    ? ProjectionStatusQueryHandler.BEFORE_FIRST_EVENT
                    : status.getCurrentPosition().orElse(ProjectionStatusQueryHandler.BEFORE_FIRST_EVENT);
            String error = failures.failureOf(processorName, segmentId).orElse(null);
            if (status.isErrorState()) {
                error = status.getError() == null ? "error state without a recorded cause"
                        : String.valueOf(status.getError().getMessage());
            }
            // Axon reports a segment as replaying until it handles an event past its reset position, which without
            // new events never happens, so a segment that has reached that position no longer counts as replaying.
            boolean replaying = status.isReplaying()
                    && position < status.getResetPosition().orElse(ProjectionStatusQueryHandler.BEFORE_FIRST_EVENT);
            segments.add(new SegmentStatus(segmentId, THIS_INSTANCE, position, Math.max(0, head - position),
                    status.isCaughtUp() && position >= head, replaying, error));
        }
        return segments;
    }
}
