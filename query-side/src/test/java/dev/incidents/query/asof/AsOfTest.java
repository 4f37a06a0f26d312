package dev.incidents.query.asof;

import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import dev.incidents.api.incident.IncidentEvent;

/** Chooses the events of one stream that had happened by an instant, on both time axes. */
class AsOfTest {

    private static final Instant TEN = Instant.parse("2025-03-03T10:00:00Z");

    /** Reported at 10:00, assigned at 12:00, and a note of 11:00 imported after the assignment. */
    private static final List<StoredIncidentEvent> OUT_OF_ORDER = List.of(
            stored(0, reported("I-1", "rita", TEN), TEN.plusSeconds(1)),
            stored(1, assigned("I-1", "NETWORK", null, TEN.plus(Duration.ofHours(2))), TEN.plusSeconds(2)),
            stored(2, workNote("I-1", "imported later", TEN.plus(Duration.ofHours(1))), TEN.plusSeconds(3)));

    @Test
    void businessAxisCountsEarlierEventAtPreviousTime() {
        List<StoredIncidentEvent> atHalfPastEleven = business(TEN.plus(Duration.ofMinutes(90))).prefix(OUT_OF_ORDER);
        List<StoredIncidentEvent> atNoon = business(TEN.plus(Duration.ofHours(2))).prefix(OUT_OF_ORDER);

        assertThat(atHalfPastEleven).extracting(StoredIncidentEvent::sequenceNumber).containsExactly(0L);
        assertThat(atNoon).extracting(StoredIncidentEvent::sequenceNumber).containsExactly(0L, 1L, 2L);
    }

    @Test
    void recordedAxisFollowsRecordingTimes() {
        List<StoredIncidentEvent> atTwoSeconds = new AsOf(TEN.plusSeconds(2), TimeAxis.RECORDED)
                .prefix(OUT_OF_ORDER);

        assertThat(atTwoSeconds).extracting(StoredIncidentEvent::sequenceNumber).containsExactly(0L, 1L);
    }

    @Test
    void instantBeforeFirstEventGivesNothing() {
        assertThat(business(TEN.minusMillis(1)).prefix(OUT_OF_ORDER)).isEmpty();
        assertThat(new AsOf(TEN, TimeAxis.RECORDED).prefix(OUT_OF_ORDER)).isEmpty();
    }

    private static AsOf business(Instant instant) {
        return new AsOf(instant, TimeAxis.BUSINESS);
    }

    private static StoredIncidentEvent stored(long sequence, IncidentEvent event, Instant recordedAt) {
        return new StoredIncidentEvent(event, sequence, "event-" + sequence, recordedAt, MetaData.emptyInstance());
    }
}
