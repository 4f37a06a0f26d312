package dev.incidents.api.sla;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads calendars back from JSON under JVM default zones far from the calendar's own zone. */
class CalendarJsonTest {

    private static final List<String> DEFAULT_ZONES = List.of("Pacific/Kiritimati", "Pacific/Pago_Pago",
            "America/Sao_Paulo", "Asia/Kolkata", "UTC");

    private final ObjectMapper mapper = new ObjectMapper();
    private final TimeZone originalDefault = TimeZone.getDefault();

    private final BusinessCalendar office = new BusinessCalendar(ZoneId.of("Europe/Amsterdam"),
            Map.of(DayOfWeek.MONDAY,
                    List.of(OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("13:00-17:00")),
                    DayOfWeek.SATURDAY, List.of(OpeningInterval.parse("20:00-24:00"))),
            List.of(LocalDate.of(2025, 12, 25), LocalDate.of(2026, 1, 1)));

    @AfterEach
    void restoreDefaultZone() {
        TimeZone.setDefault(originalDefault);
    }

    @Test
    void jsonFormIsPlainText() throws Exception {
        String json = mapper.writeValueAsString(office);

        assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree("""
                {"zone":"Europe/Amsterdam",
                 "openingHours":{"MONDAY":["09:00-12:00","13:00-17:00"],"SATURDAY":["20:00-24:00"]},
                 "holidays":["2025-12-25","2026-01-01"]}
                """));
    }

    @Test
    void jsonRoundTripIgnoresDefaultZone() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        String json = mapper.writeValueAsString(office);
        Instant from = Instant.parse("2025-12-20T00:00:00Z");
        Instant to = Instant.parse("2026-01-10T00:00:00Z");
        Duration expected = office.businessTimeBetween(from, to);

        for (String defaultZone : DEFAULT_ZONES) {
            TimeZone.setDefault(TimeZone.getTimeZone(defaultZone));

            BusinessCalendar read = mapper.readValue(json, BusinessCalendar.class);

            assertThat(read).as(defaultZone).isEqualTo(office);
            assertThat(read.zone()).as(defaultZone).isEqualTo(ZoneId.of("Europe/Amsterdam"));
            assertThat(read.openingHours().get(DayOfWeek.SATURDAY)).as(defaultZone)
                    .containsExactly(OpeningInterval.untilEndOfDay(LocalTime.of(20, 0)));
            assertThat(read.businessTimeBetween(from, to)).as(defaultZone).isEqualTo(expected);
        }
    }

    @Test
    void jsonEndAtLastMinuteOfDayIsRejected() {
        String json = """
                {"zone":"UTC","openingHours":{"MONDAY":["09:00-12:00","13:00-23:59"]}}
                """;

        assertThatThrownBy(() -> mapper.readValue(json, BusinessCalendar.class))
                .isInstanceOf(JsonMappingException.class)
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid opening interval 13:00-23:59: an end of 23:59 leaves the last minute of the day"
                        + " closed; use 24:00 for the end of the day");
    }

    @Test
    void jsonWithoutHolidaysReadsEmpty() throws Exception {
        BusinessCalendar read = mapper.readValue("""
                {"zone":"America/Santiago","openingHours":{"FRIDAY":["00:00-24:00"]}}
                """, BusinessCalendar.class);

        assertThat(read.holidays()).isEmpty();
        assertThat(read.openingHours()).containsOnlyKeys(DayOfWeek.FRIDAY);
    }
}
