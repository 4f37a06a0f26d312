package dev.incidents.api.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on random starts and amounts, with a fixed seed so a failure repeats, that {@code addBusinessTime} and
 * {@code businessTimeBetween} are inverse and that the returned instant is the earliest one.
 */
class InverseArithmeticTest {

    private static final long SEED = 20250330L;
    private static final int CASES = 2000;

    @Test
    void inverseForOfficeHoursInAmsterdam() {
        BusinessCalendar office = Calendars.officeHours(List.of(LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1),
                LocalDate.of(2025, 10, 27), LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26)));

        checkInverse(office, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void inverseForAlwaysOpenInAmsterdam() {
        BusinessCalendar alwaysOpen = BusinessCalendar.alwaysOpen(Calendars.AMSTERDAM);

        checkInverse(alwaysOpen, Instant.parse("2025-03-25T00:00:00Z"), Instant.parse("2025-11-01T00:00:00Z"));
    }

    @Test
    void inverseForSplitShiftsInSaoPaulo() {
        checkInverse(splitShifts(Calendars.SAO_PAULO), Instant.parse("2018-10-01T00:00:00Z"),
                Instant.parse("2019-03-01T00:00:00Z"));
    }

    @Test
    void inverseForSplitShiftsInSantiago() {
        checkInverse(splitShifts(ZoneId.of("America/Santiago")), Instant.parse("2025-03-20T00:00:00Z"),
                Instant.parse("2025-09-20T00:00:00Z"));
    }

    /** Shifts that begin or end at midnight and in the early hours, where transitions happen. */
    private static BusinessCalendar splitShifts(ZoneId zone) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.SATURDAY, List.of(OpeningInterval.parse("00:00-01:30"),
                OpeningInterval.parse("22:00-24:00")));
        hours.put(DayOfWeek.SUNDAY, List.of(OpeningInterval.parse("00:00-08:00")));
        hours.put(DayOfWeek.MONDAY,
                List.of(OpeningInterval.parse("08:00-12:00"), OpeningInterval.parse("12:00-18:00")));
        hours.put(DayOfWeek.WEDNESDAY, List.of(OpeningInterval.parse("02:00-03:00")));
        return new BusinessCalendar(zone, hours, List.of(LocalDate.of(2018, 12, 25), LocalDate.of(2025, 5, 19)));
    }

    private static void checkInverse(BusinessCalendar calendar, Instant first, Instant last) {
        Random random = new Random(SEED);
        long rangeSeconds = Duration.between(first, last).toSeconds();

        for (int i = 0; i < CASES; i++) {
            Instant start = first.plusSeconds(Math.floorMod(random.nextLong(), rangeSeconds));
            Duration amount = Duration.ofSeconds(random.nextInt(120 * 3600), random.nextInt(1_000_000_000));
            if (i % 10 == 0) {
                amount = Duration.ofMinutes(random.nextInt(600));
            }

            Instant end = calendar.addBusinessTime(start, amount);

            String context = "start " + start + ", amount " + amount + ", end " + end;
            assertThat(calendar.businessTimeBetween(start, end)).as(context).isEqualTo(amount);
            assertThat(end).as(context).isAfterOrEqualTo(start);
            if (!amount.isZero()) {
                assertThat(calendar.businessTimeBetween(start, end.minusNanos(1))).as(context).isLessThan(amount);
            }

            Instant middle = start.plus(Duration.between(start, end).dividedBy(3));
            assertThat(calendar.businessTimeBetween(start, middle).plus(calendar.businessTimeBetween(middle, end)))
                    .as(context).isEqualTo(amount);
        }
    }
}
