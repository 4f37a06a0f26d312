package dev.incidents.api.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import static dev.incidents.api.sla.Calendars.AMSTERDAM;
import static dev.incidents.api.sla.Calendars.SAO_PAULO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daylight-saving changes in Europe/Amsterdam (2025-03-30 02:00 to 03:00, 2025-10-26 03:00 to 02:00) and in
 * America/Sao_Paulo, which changed at local midnight (2018-11-04 00:00 to 01:00, 2019-02-17 00:00 to
 * 2019-02-16 23:00).
 */
class DaylightSavingTest {

    private final BusinessCalendar alwaysOpen = BusinessCalendar.alwaysOpen(AMSTERDAM);

    @Test
    void alwaysOpenSpringForwardDayHas23Hours() {
        Instant midnight = localMidnight(LocalDate.of(2025, 3, 30));
        Instant nextMidnight = localMidnight(LocalDate.of(2025, 3, 31));

        assertThat(alwaysOpen.businessTimeBetween(midnight, nextMidnight)).isEqualTo(Duration.ofHours(23));
        assertThat(midnight).isEqualTo(Instant.parse("2025-03-29T23:00:00Z"));
        assertThat(nextMidnight).isEqualTo(Instant.parse("2025-03-30T22:00:00Z"));
    }

    @Test
    void alwaysOpenFallBackDayHas25Hours() {
        Instant midnight = localMidnight(LocalDate.of(2025, 10, 26));
        Instant nextMidnight = localMidnight(LocalDate.of(2025, 10, 27));

        assertThat(alwaysOpen.businessTimeBetween(midnight, nextMidnight)).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void alwaysOpenAddsRealHoursAcrossSpringForward() {
        Instant start = Instant.parse("2025-03-29T23:00:00Z");

        Instant end = alwaysOpen.addBusinessTime(start, Duration.ofHours(24));

        assertThat(end).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(end.atZone(AMSTERDAM).toLocalDateTime()).hasToString("2025-03-31T01:00");
    }

    @Test
    void alwaysOpenAddsRealHoursAcrossFallBack() {
        Instant start = localMidnight(LocalDate.of(2025, 10, 26));

        Instant end = alwaysOpen.addBusinessTime(start, Duration.ofHours(24));

        assertThat(end).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(end.atZone(AMSTERDAM).toLocalDateTime()).hasToString("2025-10-26T23:00");
    }

    @Test
    void intervalContainingGapCountsElapsedTime() {
        BusinessCalendar calendar = Calendars.openOn(AMSTERDAM, DayOfWeek.SUNDAY, "01:00-04:00");

        Duration sunday = calendar.businessTimeBetween(localMidnight(LocalDate.of(2025, 3, 30)),
                localMidnight(LocalDate.of(2025, 3, 31)));

        assertThat(sunday).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void intervalContainingOverlapCountsElapsedTime() {
        BusinessCalendar calendar = Calendars.openOn(AMSTERDAM, DayOfWeek.SUNDAY, "01:00-04:00");

        Duration sunday = calendar.businessTimeBetween(localMidnight(LocalDate.of(2025, 10, 26)),
                localMidnight(LocalDate.of(2025, 10, 27)));

        assertThat(sunday).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void intervalStartingInGapOpensAtTransition() {
        BusinessCalendar calendar = Calendars.openOn(AMSTERDAM, DayOfWeek.SUNDAY, "02:30-05:00");

        Instant end = calendar.addBusinessTime(localMidnight(LocalDate.of(2025, 3, 30)), Duration.ofMinutes(1));

        // The wall clock jumps from 02:00 to 03:00 CEST at 01:00 UTC, the first instant that shows 02:30 or later.
        assertThat(end).isEqualTo(Instant.parse("2025-03-30T01:01:00Z"));
    }

    @Test
    void intervalInsideGapIsEmpty() {
        BusinessCalendar calendar = Calendars.openOn(AMSTERDAM, DayOfWeek.SUNDAY, "02:15-02:45");

        Duration sunday = calendar.businessTimeBetween(localMidnight(LocalDate.of(2025, 3, 30)),
                localMidnight(LocalDate.of(2025, 3, 31)));

        assertThat(sunday).isZero();
    }

    @Test
    void intervalInsideOverlapCountsFirstOccurrence() {
        BusinessCalendar calendar = Calendars.openOn(AMSTERDAM, DayOfWeek.SUNDAY, "02:15-02:45");

        Instant end = calendar.addBusinessTime(localMidnight(LocalDate.of(2025, 10, 26)), Duration.ofMinutes(30));

        // 02:15 CEST is 00:15 UTC. The second 02:15, in CET, is 01:15 UTC and stays closed.
        assertThat(end).isEqualTo(Instant.parse("2025-10-26T00:45:00Z"));
    }

    @Test
    void midnightGapShortensSunday() {
        BusinessCalendar sundays = Calendars.openOn(SAO_PAULO, DayOfWeek.SUNDAY, "00:00-24:00");
        Instant saturdayNoon = Instant.parse("2018-11-03T15:00:00Z");
        Instant mondayNoon = Instant.parse("2018-11-05T14:00:00Z");

        assertThat(SAO_PAULO.getRules().getValidOffsets(LocalDate.of(2018, 11, 4).atStartOfDay())).isEmpty();
        assertThat(sundays.businessTimeBetween(saturdayNoon, mondayNoon)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void midnightGapMovesOpeningToTransition() {
        BusinessCalendar sundays = Calendars.openOn(SAO_PAULO, DayOfWeek.SUNDAY, "00:00-08:00");
        Instant saturdayNoon = Instant.parse("2018-11-03T15:00:00Z");

        Instant opening = sundays.addBusinessTime(saturdayNoon, Duration.ofNanos(1)).minusNanos(1);
        Duration sunday = sundays.businessTimeBetween(saturdayNoon, Instant.parse("2018-11-05T14:00:00Z"));

        // Local 00:00 to 01:00 is skipped, so Sunday opens at 01:00 -02:00 (03:00 UTC) and closes at 08:00 -02:00.
        assertThat(opening).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
        assertThat(sunday).isEqualTo(Duration.between(opening, Instant.parse("2018-11-04T10:00:00Z")));
        assertThat(sunday).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void midnightGapLeavesSaturdayWhole() {
        BusinessCalendar saturdays = Calendars.openOn(SAO_PAULO, DayOfWeek.SATURDAY, "00:00-24:00");

        Duration week = saturdays.businessTimeBetween(Instant.parse("2018-11-01T00:00:00Z"),
                Instant.parse("2018-11-08T00:00:00Z"));

        assertThat(week).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void midnightOverlapLengthensSaturday() {
        BusinessCalendar saturdays = Calendars.openOn(SAO_PAULO, DayOfWeek.SATURDAY, "00:00-24:00");
        BusinessCalendar sundays = Calendars.openOn(SAO_PAULO, DayOfWeek.SUNDAY, "00:00-24:00");
        Instant from = Instant.parse("2019-02-14T00:00:00Z");
        Instant to = Instant.parse("2019-02-21T00:00:00Z");

        // Local 23:00 to 24:00 on 2019-02-16 happens twice, first at -02:00 and then at -03:00.
        assertThat(saturdays.businessTimeBetween(from, to)).isEqualTo(Duration.ofHours(25));
        assertThat(sundays.businessTimeBetween(from, to)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void midnightOverlapEndsSaturdayAtSundayMidnight() {
        BusinessCalendar saturdays = Calendars.openOn(SAO_PAULO, DayOfWeek.SATURDAY, "00:00-24:00");
        Instant saturdayMidnight = ZonedDateTime.of(LocalDate.of(2019, 2, 16), LocalTime.MIDNIGHT, SAO_PAULO)
                .toInstant();

        Instant end = saturdays.addBusinessTime(saturdayMidnight, Duration.ofHours(25));

        assertThat(end).isEqualTo(ZonedDateTime.of(LocalDate.of(2019, 2, 17), LocalTime.MIDNIGHT, SAO_PAULO)
                .toInstant());
    }

    private static Instant localMidnight(LocalDate date) {
        return date.atStartOfDay(AMSTERDAM).toInstant();
    }
}
