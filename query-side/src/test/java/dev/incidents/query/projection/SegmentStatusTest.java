package dev.incidents.query.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class SegmentStatusTest {

    @Test
    void replayEndsAtResetPosition() {
        assertThat(segmentAt(120, 200).replaying()).isTrue();
        assertThat(segmentAt(200, 200).replaying()).isFalse();
    }

    /** Returns the status of a claimed segment that replays after a reset at {@code resetPosition}. */
    private static SegmentStatus segmentAt(long position, long resetPosition) {
        EventTrackerStatus tracker = mock(EventTrackerStatus.class);
        when(tracker.getTrackingToken()).thenReturn(new GlobalSequenceTrackingToken(position));
        when(tracker.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        when(tracker.getResetPosition()).thenReturn(OptionalLong.of(resetPosition));
        when(tracker.isReplaying()).thenReturn(true);
        when(tracker.isCaughtUp()).thenReturn(true);
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.processingStatus()).thenReturn(Map.of(0, tracker));
        TokenStore tokenStore = mock(TokenStore.class);
        when(tokenStore.fetchSegments("audit-trail")).thenReturn(new int[] {0});
        when(tokenStore.fetchAvailableSegments("audit-trail")).thenReturn(List.of());
        ProcessorFailures failures = mock(ProcessorFailures.class);
        when(failures.failureOf(anyString(), anyInt())).thenReturn(Optional.empty());

        return SegmentStatus.of("audit-trail", processor, tokenStore, failures, 200).get(0);
    }
}
