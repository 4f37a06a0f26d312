package dev.incidents.api.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static dev.incidents.api.sla.Calendars.AMSTERDAM;
import static org.assertj.core.api.Assertions.assertThat;

/** Monday to Friday 09:00-17:00 in Europe/Amsterdam, with 2025-12-25 and 2025-12-26 as holidays. */
class OfficeHoursTest {

    private final BusinessCalendar office = Calendars.officeHours(
            List.of(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26)));

    @Test
    void weekendIsSkipped() {
        Instant fridayAfternoon = local("2025-06-13T16:00");

        Instant end = office.addBusinessTime(fridayAfternoon, Duration.ofHours(2));

        assertThat(end).isEqualTo(local("2025-06-16T10:00"));
        assertThat(office.businessTimeBetween(fridayAfternoon, end)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void weekendWithSpringForwardIsSkipped() {
        Instant fridayAfternoon = local("2025-03-28T16:00");

        Instant end = office.addBusinessTime(fridayAfternoon, Duration.ofHours(2));

        assertThat(end).isEqualTo(local("2025-03-31T10:00"));
        assertThat(end).isEqualTo(Instant.parse("2025-03-31T08:00:00Z"));
    }

    @Test
    void weekendWithFallBackIsSkipped() {
        Instant fridayAfternoon = local("2025-10-24T16:00");

        Instant end = office.addBusinessTime(fridayAfternoon, Duration.ofHours(2));

        assertThat(end).isEqualTo(Instant.parse("2025-10-27T09:00:00Z"));
        assertThat(office.businessTimeBetween(fridayAfternoon, end)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void holidaysAreSkipped() {
        Instant christmasEve = local("2025-12-24T16:00");

        Instant end = office.addBusinessTime(christmasEve, Duration.ofHours(3));

        assertThat(end).isEqualTo(local("2025-12-29T11:00"));
    }

    @Test
    void holidayWeekCounts24Hours() {
        Duration week = office.businessTimeBetween(local("2025-12-22T00:00"), local("2025-12-29T00:00"));

        assertThat(week).isEqualTo(Duration.ofHours(3 * 8));
    }

    @Test
    void weekOfSpringForwardCounts40Hours() {
        Duration week = office.businessTimeBetween(local("2025-03-24T00:00"), local("2025-04-07T00:00"));

        assertThat(week).isEqualTo(Duration.ofHours(2 * 40));
    }

    @Test
    void startOnSaturdayCountsFromMonday() {
        Instant end = office.addBusinessTime(local("2025-03-29T12:00"), Duration.ofHours(1));

        assertThat(end).isEqualTo(local("2025-03-31T10:00"));
    }

    @Test
    void startBeforeOpeningCountsFromOpening() {
        Instant end = office.addBusinessTime(local("2025-06-16T07:00"), Duration.ofMinutes(30));

        assertThat(end).isEqualTo(local("2025-06-16T09:30"));
    }

    @Test
    void amountEndingAtClosingReturnsClosing() {
        Instant end = office.addBusinessTime(local("2025-06-13T16:00"), Duration.ofHours(1));

        assertThat(end).isEqualTo(local("2025-06-13T17:00"));
    }

    @Test
    void zeroAmountReturnsStart() {
        Instant saturday = local("2025-06-14T12:00");

        assertThat(office.addBusinessTime(saturday, Duration.ZERO)).isEqualTo(saturday);
    }

    @Test
    void equalInstantsHaveZeroBetween() {
        Instant monday = local("2025-06-16T10:00");

        assertThat(office.businessTimeBetween(monday, monday)).isZero();
    }

    @Test
    void closingMinuteIsClosed() {
        assertThat(office.businessTimeBetween(local("2025-06-16T17:00"), local("2025-06-16T17:01"))).isZero();
        assertThat(office.businessTimeBetween(local("2025-06-16T16:59"), local("2025-06-16T17:00")))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void openingMinuteIsOpen() {
        assertThat(office.businessTimeBetween(local("2025-06-16T09:00"), local("2025-06-16T09:01")))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(office.businessTimeBetween(local("2025-06-16T08:59"), local("2025-06-16T09:00"))).isZero();
    }

    @Test
    void addFromClosingCountsFromNextOpening() {
        assertThat(office.addBusinessTime(local("2025-06-16T17:00"), Duration.ofMinutes(1)))
                .isEqualTo(local("2025-06-17T09:01"));
        assertThat(office.addBusinessTime(local("2025-06-16T16:59"), Duration.ofMinutes(1)))
                .isEqualTo(local("2025-06-16T17:00"));
    }

    @Test
    void touchingIntervalsCountAsOneOpening() {
        BusinessCalendar split = new BusinessCalendar(AMSTERDAM,
                Map.of(DayOfWeek.MONDAY, List.of(OpeningInterval.parse("12:00-17:00"),
                        OpeningInterval.parse("09:00-12:00"))),
                List.of());

        assertThat(split.businessTimeBetween(local("2025-06-16T00:00"), local("2025-06-17T00:00")))
                .isEqualTo(Duration.ofHours(8));
        assertThat(split.addBusinessTime(local("2025-06-16T11:00"), Duration.ofHours(2)))
                .isEqualTo(local("2025-06-16T13:00"));
        assertThat(split.addBusinessTime(local("2025-06-16T09:00"), Duration.ofHours(3)))
                .isEqualTo(local("2025-06-16T12:00"));
        assertThat(split.openingHours().get(DayOfWeek.MONDAY))
                .extracting(OpeningInterval::toString)
                .containsExactly("09:00-12:00", "12:00-17:00");
    }

    @Test
    void touchingDaysCountAcrossMidnight() {
        BusinessCalendar lateAndEarly = new BusinessCalendar(AMSTERDAM,
                Map.of(DayOfWeek.MONDAY, List.of(OpeningInterval.untilEndOfDay(LocalTime.of(22, 0))),
                        DayOfWeek.TUESDAY, List.of(OpeningInterval.parse("00:00-02:00"))),
                List.of());

        assertThat(lateAndEarly.addBusinessTime(local("2025-06-16T23:00"), Duration.ofHours(2)))
                .isEqualTo(local("2025-06-17T01:00"));
    }

    private static Instant local(String wallTime) {
        return LocalDateTime.parse(wallTime).atZone(AMSTERDAM).toInstant();
    }
}
