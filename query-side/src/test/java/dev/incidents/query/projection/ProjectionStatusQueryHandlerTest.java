package dev.incidents.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import dev.incidents.api.query.ProcessorStatus;

class ProjectionStatusQueryHandlerTest {

    private static StreamingEventProcessor processor(EventTrackerStatus... segments) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        Map<Integer, EventTrackerStatus> status = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            status.put(i, segments[i]);
        }
        when(processor.processingStatus()).thenReturn(status);
        when(processor.isRunning()).thenReturn(true);
        return processor;
    }

    private static EventTrackerStatus segment(Long position, boolean caughtUp) {
        EventTrackerStatus segment = mock(EventTrackerStatus.class);
        TrackingToken token = position == null ? null : GapAwareTrackingToken.newInstance(position, Set.of());
        when(segment.getTrackingToken()).thenReturn(token);
        OptionalLong currentPosition = position == null ? OptionalLong.empty() : OptionalLong.of(position);
        when(segment.getCurrentPosition()).thenReturn(currentPosition);
        when(segment.isCaughtUp()).thenReturn(caughtUp);
        return segment;
    }

    private static ProcessorStatus statusOf(StreamingEventProcessor processor, long head) {
        return ProjectionStatusQueryHandler.statusOf("audit-trail", processor, head, null);
    }

    @Test
    void processorAtHeadIsCaughtUp() {
        ProcessorStatus status = statusOf(processor(segment(42L, true)), 42);

        assertThat(status.name()).isEqualTo("audit-trail");
        assertThat(status.running()).isTrue();
        assertThat(status.position()).isEqualTo(42);
        assertThat(status.lag()).isZero();
        assertThat(status.caughtUp()).isTrue();
        assertThat(status.errorState()).isFalse();
    }

    @Test
    void processorBehindHeadIsNotCaughtUp() {
        ProcessorStatus status = statusOf(processor(segment(40L, true)), 42);

        assertThat(status.caughtUp()).isFalse();
        assertThat(status.lag()).isEqualTo(2);
    }

    @Test
    void processorStillReadingIsNotCaughtUp() {
        ProcessorStatus status = statusOf(processor(segment(42L, false)), 42);

        assertThat(status.caughtUp()).isFalse();
    }

    @Test
    void processorWithoutSegmentsIsNotCaughtUp() {
        ProcessorStatus status = statusOf(processor(), -1);

        assertThat(status.caughtUp()).isFalse();
        assertThat(status.position()).isNull();
        assertThat(status.lag()).isNull();
    }

    @Test
    void emptyStoreWithoutTokenIsCaughtUp() {
        ProcessorStatus status = statusOf(processor(segment(null, true)), -1);

        assertThat(status.caughtUp()).isTrue();
        assertThat(status.position()).isEqualTo(-1);
        assertThat(status.lag()).isZero();
    }

    @Test
    void slowestSegmentSetsPosition() {
        ProcessorStatus status = ProjectionStatusQueryHandler.statusOf("audit-trail",
                processor(segment(42L, true), segment(30L, true)), 42, null);

        assertThat(status.position()).isEqualTo(30);
        assertThat(status.lag()).isEqualTo(12);
        assertThat(status.caughtUp()).isFalse();
    }

    @Test
    void failingSegmentReportsError() {
        EventTrackerStatus failing = segment(41L, false);
        when(failing.isErrorState()).thenReturn(true);
        when(failing.getError()).thenReturn(new IllegalStateException("summary of incident INC-1 is missing"));

        ProcessorStatus status = statusOf(processor(failing), 42);

        assertThat(status.errorState()).isTrue();
        assertThat(status.error()).isEqualTo("summary of incident INC-1 is missing");
        assertThat(status.caughtUp()).isFalse();
    }

    @Test
    void releasedFailingSegmentReportsError() {
        ProcessorStatus status = ProjectionStatusQueryHandler.statusOf("audit-trail",
                processor(segment(42L, true)), 42, "bulk write of audit_trails timed out");

        assertThat(status.errorState()).isTrue();
        assertThat(status.error()).isEqualTo("bulk write of audit_trails timed out");
        assertThat(status.caughtUp()).isFalse();
    }

    @Test
    void headOfEmptyStoreIsBeforeFirstEvent() {
        assertThat(ProjectionStatusQueryHandler.positionOf(null)).isEqualTo(-1);
        assertThat(ProjectionStatusQueryHandler.positionOf(GapAwareTrackingToken.newInstance(7, Set.of())))
                .isEqualTo(7);
    }
}
