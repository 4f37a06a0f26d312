package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.incidents.api.sla.Events.accepted;
import static dev.incidents.api.sla.Events.assigned;
import static dev.incidents.api.sla.Events.cancelled;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resolved;
import static org.assertj.core.api.Assertions.assertThat;

/** Response clock on a 24x7 calendar in UTC; P2 allows 30 minutes until acceptance. */
class ResponseClockTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    private static ClockReading response(Instant asOf, IncidentEvent... events) {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(),
                BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        for (IncidentEvent event : events) {
            clock.apply(event);
        }
        return clock.readingAt(asOf).response();
    }

    @Test
    void acceptanceWithinTargetIsMet() {
        ClockReading reading = response(T0.plusSeconds(3600),
                reported(Priority.P2_HIGH, T0), assigned(T0), accepted(T0.plusSeconds(20 * 60)));

        assertThat(reading.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(reading.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(reading.met()).isTrue();
        assertThat(reading.elapsed()).isEqualTo(Duration.ofMinutes(20));
        assertThat(reading.remaining()).isEqualTo(Duration.ofMinutes(10));
        assertThat(reading.dueAt()).isNull();
        assertThat(reading.breached()).isFalse();
        assertThat(reading.warning()).isFalse();
    }

    @Test
    void warningAtThreeQuartersOfResponseTarget() {
        ClockReading reading = response(T0.plusSeconds(3600),
                reported(Priority.P2_HIGH, T0), assigned(T0), accepted(T0.plusSeconds(25 * 60)));

        assertThat(reading.warningAt()).isEqualTo(T0.plus(Duration.ofSeconds(22 * 60 + 30)));
        assertThat(reading.outcome()).isEqualTo(ClockOutcome.MET);
    }

    @Test
    void lateAcceptanceIsBreached() {
        ClockReading reading = response(T0.plusSeconds(3600),
                reported(Priority.P2_HIGH, T0), assigned(T0), accepted(T0.plusSeconds(45 * 60)));

        assertThat(reading.outcome()).isEqualTo(ClockOutcome.BREACHED);
        assertThat(reading.met()).isFalse();
        assertThat(reading.breachAt()).isEqualTo(T0.plusSeconds(30 * 60));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofMinutes(45));
        assertThat(reading.remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void clockStartsAtAssignment() {
        Instant assignedAt = T0.plusSeconds(3600);

        ClockReading before = response(T0.plusSeconds(600), reported(Priority.P2_HIGH, T0));
        ClockReading running = response(assignedAt.plusSeconds(600),
                reported(Priority.P2_HIGH, T0), assigned(assignedAt));

        assertThat(before.status()).isEqualTo(ClockStatus.NOT_STARTED);
        assertThat(before.elapsed()).isEqualTo(Duration.ZERO);
        assertThat(before.dueAt()).isNull();
        assertThat(running.status()).isEqualTo(ClockStatus.RUNNING);
        assertThat(running.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(running.dueAt()).isEqualTo(assignedAt.plusSeconds(30 * 60));
    }

    @Test
    void runningClockBreachesWhenRead() {
        ClockReading reading = response(T0.plusSeconds(40 * 60), reported(Priority.P2_HIGH, T0), assigned(T0));

        assertThat(reading.status()).isEqualTo(ClockStatus.RUNNING);
        assertThat(reading.breachAt()).isEqualTo(T0.plusSeconds(30 * 60));
        assertThat(reading.dueAt()).isEqualTo(T0.plusSeconds(30 * 60));
        assertThat(reading.outcome()).isNull();
    }

    @Test
    void resolutionBeforeAcceptanceStopsClock() {
        ClockReading reading = response(T0.plusSeconds(3600),
                reported(Priority.P2_HIGH, T0), assigned(T0), resolved(T0.plusSeconds(10 * 60)));

        assertThat(reading.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(reading.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(reading.elapsed()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void cancellationEndsClockWithoutOutcome() {
        ClockReading reading = response(T0.plusSeconds(3600),
                reported(Priority.P2_HIGH, T0), assigned(T0), cancelled(T0.plusSeconds(10 * 60)));

        assertThat(reading.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(reading.outcome()).isNull();
        assertThat(reading.met()).isFalse();
        assertThat(reading.elapsed()).isEqualTo(Duration.ofMinutes(10));
    }
}
