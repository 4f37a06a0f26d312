package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.incidents.api.sla.Events.ANNA;
import static dev.incidents.api.sla.Events.assigned;
import static dev.incidents.api.sla.Events.cancelled;
import static dev.incidents.api.sla.Events.pended;
import static dev.incidents.api.sla.Events.promised;
import static dev.incidents.api.sla.Events.rejected;
import static dev.incidents.api.sla.Events.reopened;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resolved;
import static dev.incidents.api.sla.Events.resumed;
import static org.assertj.core.api.Assertions.assertThat;

/** Promised resolution times on a 24x7 calendar in UTC. The promise, made an hour after the report, is for 12:00. */
class ResolutionPromiseTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    private static final Instant PROMISED_FOR = Instant.parse("2025-03-03T12:00:00Z");

    private static Instant hours(double hours) {
        return T0.plus(Duration.ofMinutes(Math.round(hours * 60)));
    }

    private static PromiseReading promise(Instant asOf, IncidentEvent... events) {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(),
                BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        for (IncidentEvent event : events) {
            clock.apply(event);
        }
        return clock.readingAt(asOf).promise();
    }

    @Test
    void noPromiseReadsNull() {
        assertThat(promise(hours(1), reported(T0), assigned(T0))).isNull();
    }

    @Test
    void promiseRecordsWhoAndWhen() {
        PromiseReading promise = promise(hours(2), reported(T0), promised(PROMISED_FOR, hours(1)));

        assertThat(promise.promisedFor()).isEqualTo(PROMISED_FOR);
        assertThat(promise.promisedAt()).isEqualTo(hours(1));
        assertThat(promise.promisedBy()).isEqualTo(ANNA.value());
    }

    @Test
    void openPromiseIsUndecidedUntilItsTime() {
        IncidentEvent[] events = {reported(T0), promised(PROMISED_FOR, hours(1))};

        assertThat(promise(hours(2), events).kept()).isNull();
        assertThat(promise(PROMISED_FOR, events).kept()).isNull();
        assertThat(promise(PROMISED_FOR.plusSeconds(1), events).kept()).isFalse();
    }

    @Test
    void resolutionByPromisedTimeKeepsPromise() {
        PromiseReading atPromisedTime = promise(hours(30),
                reported(T0), promised(PROMISED_FOR, hours(1)), resolved(PROMISED_FOR));
        PromiseReading early = promise(hours(30),
                reported(T0), promised(PROMISED_FOR, hours(1)), resolved(hours(2)));

        assertThat(atPromisedTime.kept()).isTrue();
        assertThat(early.kept()).isTrue();
    }

    @Test
    void lateResolutionMissesPromise() {
        PromiseReading promise = promise(hours(30),
                reported(T0), promised(PROMISED_FOR, hours(1)), resolved(PROMISED_FOR.plusSeconds(60)));

        assertThat(promise.kept()).isFalse();
    }

    @Test
    void latestPromiseWins() {
        Instant later = PROMISED_FOR.plus(Duration.ofHours(6));
        PromiseReading promise = promise(hours(30), reported(T0), promised(PROMISED_FOR, hours(1)),
                promised(later, hours(2)), resolved(hours(5)));

        assertThat(promise.promisedFor()).isEqualTo(later);
        assertThat(promise.promisedAt()).isEqualTo(hours(2));
        assertThat(promise.kept()).isTrue();
    }

    @Test
    void pauseDoesNotMovePromise() {
        PromiseReading promise = promise(hours(6), reported(T0), promised(PROMISED_FOR, hours(1)),
                pended(hours(2)), resumed(hours(5)));

        assertThat(promise.promisedFor()).isEqualTo(PROMISED_FOR);
        assertThat(promise.kept()).isFalse();
    }

    @Test
    void reopenJudgesPromiseByNextResolution() {
        IncidentEvent[] reopenedHistory = {reported(T0), promised(PROMISED_FOR, hours(1)), resolved(hours(2)),
                reopened(hours(3))};
        IncidentEvent[] rejectedHistory = {reported(T0), promised(PROMISED_FOR, hours(1)), resolved(hours(2)),
                rejected(hours(3)), resolved(hours(5))};

        assertThat(promise(hours(3.5), reopenedHistory).kept()).isNull();
        assertThat(promise(hours(5), reopenedHistory).kept()).isFalse();
        assertThat(promise(hours(6), rejectedHistory).kept()).isFalse();
    }

    @Test
    void cancellationBeforePromisedTimeLeavesPromiseOpen() {
        PromiseReading promise = promise(hours(30),
                reported(T0), promised(PROMISED_FOR, hours(1)), cancelled(hours(2)));

        assertThat(promise.kept()).isNull();
    }

    @Test
    void cancellationAfterPromisedTimeKeepsItMissed() {
        PromiseReading promise = promise(hours(30),
                reported(T0), promised(PROMISED_FOR, hours(1)), cancelled(hours(5)));

        assertThat(promise.kept()).isFalse();
    }
}
