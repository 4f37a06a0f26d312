package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static dev.incidents.api.sla.Events.pended;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resumed;
import static org.assertj.core.api.Assertions.assertThat;

/** Clocks on Monday to Friday 09:00-17:00 in Europe/Amsterdam, and on a 24x7 calendar in the same zone. */
class OfficeHoursClockTest {

    private static Instant amsterdam(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Calendars.AMSTERDAM).toInstant();
    }

    private static ServiceLevelClock clockOf(BusinessCalendar calendar, IncidentEvent... events) {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(), calendar);
        for (IncidentEvent event : events) {
            clock.apply(event);
        }
        return clock;
    }

    @Test
    void breachCrossesNight() {
        // P1 allows 4 hours: 1 hour on Tuesday until 17:00, 3 hours from Wednesday 09:00.
        ServiceLevelClock clock = clockOf(Calendars.officeHours(List.of()),
                reported(Priority.P1_CRITICAL, amsterdam("2025-03-04T16:00")));

        ClockReading reading = clock.readingAt(amsterdam("2025-03-05T13:00")).resolution();

        assertThat(reading.breachAt()).isEqualTo(amsterdam("2025-03-05T12:00"));
        assertThat(reading.warningAt()).isEqualTo(amsterdam("2025-03-05T11:00"));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void breachCrossesWeekend() {
        // P2 allows 8 hours: 2 hours on Friday until 17:00, 6 hours from Monday 09:00.
        ServiceLevelClock clock = clockOf(Calendars.officeHours(List.of()),
                reported(Priority.P2_HIGH, amsterdam("2025-03-07T15:00")));

        ClockReading saturday = clock.readingAt(amsterdam("2025-03-08T12:00")).resolution();
        ClockReading monday = clock.readingAt(amsterdam("2025-03-10T16:00")).resolution();

        assertThat(saturday.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(saturday.dueAt()).isEqualTo(amsterdam("2025-03-10T15:00"));
        assertThat(saturday.breached()).isFalse();
        assertThat(monday.elapsed()).isEqualTo(Duration.ofHours(9));
        assertThat(monday.breachAt()).isEqualTo(amsterdam("2025-03-10T15:00"));
        assertThat(monday.warningAt()).isEqualTo(amsterdam("2025-03-10T13:00"));
    }

    @Test
    void pauseOverWeekendMovesDueInstant() {
        // 2 hours elapse on Monday before the pend; resumed on Thursday 10:00 the clock needs 6 more hours.
        ServiceLevelClock clock = clockOf(Calendars.officeHours(List.of()),
                reported(Priority.P2_HIGH, amsterdam("2025-03-10T09:00")),
                pended(amsterdam("2025-03-10T11:00")),
                resumed(amsterdam("2025-03-13T10:00")));

        ClockReading reading = clock.readingAt(amsterdam("2025-03-13T10:00")).resolution();

        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(reading.dueAt()).isEqualTo(amsterdam("2025-03-13T16:00"));
    }

    @Test
    void officeHoursAcrossSpringForward() {
        // Friday 15:00 CET plus 2 hours, then 6 hours from Monday 09:00 CEST: due at 15:00 CEST, 13:00 UTC.
        ServiceLevelClock clock = clockOf(Calendars.officeHours(List.of()),
                reported(Priority.P2_HIGH, amsterdam("2025-03-28T15:00")));

        ClockReading reading = clock.readingAt(amsterdam("2025-03-29T10:00")).resolution();

        assertThat(reading.dueAt()).isEqualTo(Instant.parse("2025-03-31T13:00:00Z"));
    }

    @Test
    void alwaysOpenCountsRealHoursAcrossSpringForward() {
        // The night of 2025-03-30 skips 02:00-03:00, so 4 real hours from Saturday 23:00 CET end at 04:00 CEST.
        ServiceLevelClock clock = clockOf(BusinessCalendar.alwaysOpen(Calendars.AMSTERDAM),
                reported(Priority.P1_CRITICAL, amsterdam("2025-03-29T23:00")));

        ClockReading reading = clock.readingAt(amsterdam("2025-03-30T05:00")).resolution();

        assertThat(reading.breachAt()).isEqualTo(amsterdam("2025-03-30T04:00"));
        assertThat(reading.breachAt()).isEqualTo(Instant.parse("2025-03-30T02:00:00Z"));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void alwaysOpenCountsRealHoursAcrossFallBack() {
        // The night of 2025-10-26 passes 02:00-03:00 twice, so 4 real hours from 00:00 CEST end at 03:00 CET.
        ServiceLevelClock clock = clockOf(BusinessCalendar.alwaysOpen(Calendars.AMSTERDAM),
                reported(Priority.P1_CRITICAL, amsterdam("2025-10-26T00:00")));

        ClockReading reading = clock.readingAt(amsterdam("2025-10-26T03:00")).resolution();

        assertThat(reading.breachAt()).isEqualTo(Instant.parse("2025-10-26T02:00:00Z"));
        assertThat(reading.elapsed()).isEqualTo(Duration.ofHours(4));
        assertThat(clock.readingAt(amsterdam("2025-10-26T03:00")).zone()).isEqualTo("Europe/Amsterdam");
    }
}
