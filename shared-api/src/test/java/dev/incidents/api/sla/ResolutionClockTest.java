package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.incidents.api.sla.Events.cancelled;
import static dev.incidents.api.sla.Events.classified;
import static dev.incidents.api.sla.Events.closed;
import static dev.incidents.api.sla.Events.escalatedTo;
import static dev.incidents.api.sla.Events.pended;
import static dev.incidents.api.sla.Events.reassigned;
import static dev.incidents.api.sla.Events.rejected;
import static dev.incidents.api.sla.Events.released;
import static dev.incidents.api.sla.Events.reopened;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resolved;
import static dev.incidents.api.sla.Events.resumed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolution clock on a 24x7 calendar in UTC; P1 allows 4 hours, P2 8 hours and P3 24 hours. */
class ResolutionClockTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    private static Instant at(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static ServiceLevelClock clockOf(IncidentEvent... events) {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(),
                BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        for (IncidentEvent event : events) {
            clock.apply(event);
        }
        return clock;
    }

    private static ClockReading resolution(Instant asOf, IncidentEvent... events) {
        return clockOf(events).readingAt(asOf).resolution();
    }

    @Test
    void pendingPausesClock() {
        IncidentEvent[] events = {reported(Priority.P3_MODERATE, T0), pended(at(2))};

        ClockReading paused = resolution(at(5), events);

        assertThat(paused.status()).isEqualTo(ClockStatus.PAUSED);
        assertThat(paused.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(paused.remaining()).isEqualTo(Duration.ofHours(22));
        assertThat(paused.dueAt()).isNull();
    }

    @Test
    void resumeContinuesFromElapsedTime() {
        ClockReading reading = resolution(at(8),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), resumed(at(6)));

        assertThat(reading.status()).isEqualTo(ClockStatus.RUNNING);
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(4));
        assertThat(reading.dueAt()).isEqualTo(at(6 + 22));
    }

    @Test
    void pendingThenResolvedStopsAtPend() {
        ClockReading reading = resolution(at(30),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), resolved(at(12)));

        assertThat(reading.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(reading.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(reading.dueAt()).isNull();
    }

    @Test
    void pendingThenCancelledHasNoOutcome() {
        ClockReading reading = resolution(at(30),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), cancelled(at(12)));

        assertThat(reading.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(reading.outcome()).isNull();
    }

    @Test
    void reassignmentLeavesPending() {
        ClockReading reassignedReading = resolution(at(10),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), reassigned(IncidentState.PENDING, at(6)));
        ClockReading releasedReading = resolution(at(10),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), released(at(6)));
        ClockReading escalatedReading = resolution(at(10),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), escalatedTo(Events.DESK, at(6)));

        assertThat(reassignedReading.elapsed()).isEqualTo(Duration.ofHours(6));
        assertThat(releasedReading.elapsed()).isEqualTo(Duration.ofHours(6));
        assertThat(escalatedReading.elapsed()).isEqualTo(Duration.ofHours(6));
        assertThat(escalatedReading.status()).isEqualTo(ClockStatus.RUNNING);
    }

    @Test
    void hierarchicalEscalationKeepsPending() {
        ClockReading reading = resolution(at(10),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), escalatedTo(null, at(6)));

        assertThat(reading.status()).isEqualTo(ClockStatus.PAUSED);
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void reopenContinuesFromElapsedTime() {
        IncidentEvent[] events = {reported(Priority.P2_HIGH, T0), resolved(at(5)), closed(at(10)),
                reopened(at(24))};

        ClockReading running = resolution(at(26), events);
        ClockReading breached = resolution(at(28), events);

        assertThat(running.status()).isEqualTo(ClockStatus.RUNNING);
        assertThat(running.elapsed()).isEqualTo(Duration.ofHours(7));
        assertThat(running.remaining()).isEqualTo(Duration.ofHours(1));
        assertThat(running.dueAt()).isEqualTo(at(27));
        assertThat(running.outcome()).isNull();
        assertThat(breached.breachAt()).isEqualTo(at(27));
    }

    @Test
    void rejectedResolutionContinuesClock() {
        ClockReading reading = resolution(at(30),
                reported(Priority.P2_HIGH, T0), resolved(at(5)), rejected(at(24)), resolved(at(25)));

        assertThat(reading.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(6));
        assertThat(reading.outcome()).isEqualTo(ClockOutcome.MET);
    }

    @Test
    void upgradeKeepsElapsedAndSwitchesTarget() {
        // 1 hour before the pend and 1 hour after the resume: 2 hours at the upgrade to P2 (8 hours).
        IncidentEvent[] events = {reported(Priority.P3_MODERATE, T0), pended(at(1)), resumed(at(2)),
                classified(Priority.P3_MODERATE, Priority.P2_HIGH, at(3))};

        ClockReading reading = resolution(at(4), events);
        ClockReading later = resolution(at(8), events);

        assertThat(reading.priority()).isEqualTo(Priority.P2_HIGH);
        assertThat(reading.target()).isEqualTo(Duration.ofHours(8));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(3));
        assertThat(reading.dueAt()).isEqualTo(at(9));
        assertThat(reading.warning()).isFalse();
        assertThat(later.warningAt()).isEqualTo(at(7));
    }

    @Test
    void upgradePastNewTargetBreachesAtOnce() {
        ClockReading reading = resolution(at(6),
                reported(Priority.P3_MODERATE, T0), classified(Priority.P3_MODERATE, Priority.P1_CRITICAL, at(5)));

        assertThat(reading.target()).isEqualTo(Duration.ofHours(4));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(6));
        assertThat(reading.breachAt()).isEqualTo(at(5));
        assertThat(reading.warningAt()).isEqualTo(at(5));
        assertThat(reading.dueAt()).isEqualTo(at(5));
        assertThat(reading.remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void downgradeKeepsRecordedBreach() {
        ClockReading reading = resolution(at(6),
                reported(Priority.P1_CRITICAL, T0), classified(Priority.P1_CRITICAL, Priority.P3_MODERATE, at(5)));

        assertThat(reading.target()).isEqualTo(Duration.ofHours(24));
        assertThat(reading.breachAt()).isEqualTo(at(4));
        assertThat(reading.remaining()).isEqualTo(Duration.ofHours(18));
    }

    @Test
    void upgradeWhileResolvedAppliesOnReopen() {
        IncidentEvent[] events = {reported(Priority.P3_MODERATE, T0), resolved(at(5)),
                classified(Priority.P3_MODERATE, Priority.P1_CRITICAL, at(6)), reopened(at(10))};

        ClockReading resolvedReading = resolution(at(7), events[0], events[1], events[2]);
        ClockReading reopenedReading = resolution(at(11), events);

        assertThat(resolvedReading.target()).isEqualTo(Duration.ofHours(24));
        assertThat(resolvedReading.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(reopenedReading.target()).isEqualTo(Duration.ofHours(4));
        assertThat(reopenedReading.breachAt()).isEqualTo(at(10));
        assertThat(reopenedReading.elapsed()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void sameClassificationKeepsTarget() {
        ClockReading reading = resolution(at(6),
                reported(Priority.P3_MODERATE, T0), classified(Priority.P3_MODERATE, Priority.P3_MODERATE, at(5)));

        assertThat(reading.target()).isEqualTo(Duration.ofHours(24));
        assertThat(reading.dueAt()).isEqualTo(at(24));
    }

    @Test
    void warningAtThreeQuarters() {
        ServiceLevelClock clock = clockOf(reported(Priority.P1_CRITICAL, T0));

        ClockReading before = clock.readingAt(at(3).minusSeconds(1)).resolution();
        ClockReading atThreshold = clock.readingAt(at(3)).resolution();

        assertThat(before.warning()).isFalse();
        assertThat(atThreshold.warning()).isTrue();
        assertThat(atThreshold.warningAt()).isEqualTo(at(3));
        assertThat(atThreshold.breached()).isFalse();
    }

    @Test
    void warningThresholdComesFromPolicy() {
        ServiceLevelPolicy standard = Events.standardPolicy();
        ServiceLevelPolicy early = new ServiceLevelPolicy("early", 2, standard.effectiveFrom(), standard.targets(),
                0.5);
        ServiceLevelClock clock = new ServiceLevelClock(early, BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        clock.apply(reported(Priority.P1_CRITICAL, T0));

        ServiceLevelReading reading = clock.readingAt(at(3));

        assertThat(reading.resolution().warningAt()).isEqualTo(at(2));
        assertThat(reading.policyId()).isEqualTo("early");
        assertThat(reading.policyVersion()).isEqualTo(2);
        assertThat(reading.zone()).isEqualTo("Z");
    }

    @Test
    void eventBeforeReportIsRejected() {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(),
                BusinessCalendar.alwaysOpen(ZoneOffset.UTC));

        assertThatThrownBy(() -> clock.apply(resolved(T0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IncidentResolved")
                .hasMessageContaining("INC-1");
    }

    @Test
    void readingBeforeLastEventIsRejected() {
        ServiceLevelClock clock = clockOf(reported(Priority.P1_CRITICAL, T0), pended(at(2)));

        assertThatThrownBy(() -> clock.readingAt(at(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(at(2).toString());
    }

    @Test
    void earlierEventCountsAtPreviousInstant() {
        ClockReading reading = resolution(at(5),
                reported(Priority.P3_MODERATE, T0), pended(at(2)), resumed(at(1)));

        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(5));
    }
}
