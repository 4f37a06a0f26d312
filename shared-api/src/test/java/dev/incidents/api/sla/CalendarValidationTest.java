package dev.incidents.api.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.incidents.api.sla.Calendars.AMSTERDAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarValidationTest {

    @Test
    void intervalEndBeforeStartIsRejected() {
        assertThatThrownBy(() -> OpeningInterval.parse("17:00-09:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid opening interval 17:00-09:00: the end must be after the start"
                        + " (use 24:00 for the end of the day)");
    }

    @Test
    void emptyIntervalIsRejected() {
        assertThatThrownBy(() -> OpeningInterval.of(LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12:00-12:00")
                .hasMessageContaining("the end must be after the start");
    }

    @Test
    void minuteOutsideDayIsRejected() {
        assertThatThrownBy(() -> new OpeningInterval(0, 1441))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid opening interval minute 1441: minutes of the day must be in 0..1440,"
                        + " where 1440 is 24:00");
        assertThatThrownBy(() -> new OpeningInterval(-1, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minute -1");
    }

    @Test
    void endAtLastMinuteOfDayIsRejected() {
        String expected = "invalid opening interval 00:00-23:59: an end of 23:59 leaves the last minute of the day"
                + " closed; use 24:00 for the end of the day";

        assertThatThrownBy(() -> OpeningInterval.parse("00:00-23:59"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> OpeningInterval.of(LocalTime.MIDNIGHT, LocalTime.of(23, 59)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> new OpeningInterval(18 * 60, 23 * 60 + 59))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid opening interval 18:00-23:59: ");
    }

    @Test
    void startAtLastMinuteOfDayIsAccepted() {
        OpeningInterval interval = OpeningInterval.parse("23:59-24:00");

        assertThat(interval.endMinute() - interval.startMinute()).isEqualTo(1);
    }

    @Test
    void hourAfterMidnightIsRejected() {
        assertThatThrownBy(() -> OpeningInterval.parse("22:00-24:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid opening interval '22:00-24:30': 24:30 is not a time of day;"
                        + " use 00:00 to 23:59, or 24:00 for the end of the day");
    }

    @Test
    void malformedIntervalIsRejected() {
        assertThatThrownBy(() -> OpeningInterval.parse("9-17"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid opening interval '9-17': use HH:mm-HH:mm between 00:00 and 24:00,"
                        + " such as 09:00-17:00");
    }

    @Test
    void secondsInIntervalAreRejected() {
        assertThatThrownBy(() -> OpeningInterval.of(LocalTime.of(9, 0, 30), LocalTime.of(17, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("09:00:30")
                .hasMessageContaining("whole minutes");
    }

    @Test
    void overlappingIntervalsAreRejected() {
        Map<DayOfWeek, List<OpeningInterval>> hours = Map.of(DayOfWeek.TUESDAY,
                List.of(OpeningInterval.parse("11:00-17:00"), OpeningInterval.parse("09:00-12:00")));

        assertThatThrownBy(() -> new BusinessCalendar(AMSTERDAM, hours, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("opening intervals 09:00-12:00 and 11:00-17:00 on TUESDAY overlap;"
                        + " intervals of one day may touch but must not overlap");
    }

    @Test
    void unknownZoneIdIsRejected() {
        assertThatThrownBy(() -> BusinessCalendar.of("Europe/Amsterdm", Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown time zone id 'Europe/Amsterdm': use a region id from the IANA time zone"
                        + " database, such as Europe/Amsterdam");
    }

    @Test
    void malformedHolidayIsRejected() {
        assertThatThrownBy(() -> BusinessCalendar.of("Europe/Amsterdam", Map.of(), List.of("25-12-2025")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid holiday date '25-12-2025': use an ISO date such as 2025-12-25");
    }

    @Test
    void fromAfterToIsRejected() {
        BusinessCalendar calendar = BusinessCalendar.alwaysOpen(AMSTERDAM);
        Instant later = Instant.parse("2025-06-16T10:00:00Z");
        Instant earlier = later.minusSeconds(1);

        assertThatThrownBy(() -> calendar.businessTimeBetween(later, earlier))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid range from 2025-06-16T10:00:00Z to 2025-06-16T09:59:59Z:"
                        + " the start is after the end; pass the earlier instant first");
    }

    @Test
    void negativeAmountIsRejected() {
        BusinessCalendar calendar = BusinessCalendar.alwaysOpen(AMSTERDAM);

        assertThatThrownBy(() -> calendar.addBusinessTime(Instant.EPOCH, Duration.ofMinutes(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid amount of business time PT-5M: it must not be negative");
    }

    @Test
    void calendarWithoutOpeningHoursCannotAdd() {
        BusinessCalendar closed = new BusinessCalendar(AMSTERDAM, Map.of(DayOfWeek.MONDAY, List.of()), List.of());

        assertThatThrownBy(() -> closed.addBusinessTime(Instant.EPOCH, Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot add PT1H of business time in zone Europe/Amsterdam: the calendar has no"
                        + " opening interval on any day of the week; add opening hours");
    }

    @Test
    void holidaysOnEveryOpenDayStopSearch() {
        LocalDate firstMonday = LocalDate.of(2025, 1, 6);
        List<LocalDate> everyMonday = new ArrayList<>();
        for (LocalDate monday = firstMonday; monday.getYear() < 2037; monday = monday.plusWeeks(1)) {
            everyMonday.add(monday);
        }
        BusinessCalendar mondays = new BusinessCalendar(AMSTERDAM,
                Map.of(DayOfWeek.MONDAY, List.of(OpeningInterval.parse("09:00-17:00"))), everyMonday);
        Instant start = firstMonday.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY)).atStartOfDay(AMSTERDAM)
                .toInstant();

        assertThatThrownBy(() -> mondays.addBusinessTime(start, Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot add PT1H of business time to 2025-01-04T23:00:00Z: only PT0S of opening hours"
                        + " lie within 10 years after it; check the holidays and opening hours of the calendar");
    }
}
