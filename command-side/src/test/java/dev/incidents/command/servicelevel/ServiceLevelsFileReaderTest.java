package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.OpeningInterval;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service levels file: the repository's default content, and every problem of an invalid file at once. */
class ServiceLevelsFileReaderTest {

    private final ServiceLevelsFileReader reader = new ServiceLevelsFileReader();

    @Test
    void repositoryFileHasDefaults() {
        ServiceLevelSeed seed = reader.read(Path.of("../config/service-levels.yml"));

        assertThat(seed.calendars()).extracting(ServiceLevelSeed.Calendar::id).containsExactly("24x7");
        ServiceLevelSeed.Calendar calendar = seed.calendars().get(0);
        assertThat(calendar.calendar().zoneId()).isEqualTo("UTC");
        for (DayOfWeek day : DayOfWeek.values()) {
            assertThat(calendar.calendar().openingHours().get(day)).as(day.name())
                    .containsExactly(OpeningInterval.wholeDay());
        }
        assertThat(seed.policies()).extracting(ServiceLevelSeed.Policy::id).containsExactly("standard");
        ServiceLevelSeed.PolicyVersion version = seed.policies().get(0).versions().get(0);
        assertThat(seed.policies().get(0).versions()).hasSize(1);
        assertThat(version.effectiveFrom()).isEqualTo(Instant.EPOCH);
        assertThat(version.calendarId()).isEqualTo("24x7");
        assertThat(version.warningThreshold()).isEqualTo(0.75);
        assertThat(version.targets().get(Priority.P1_CRITICAL).response()).isEqualTo(Duration.ofMinutes(15));
        assertThat(version.targets().get(Priority.P1_CRITICAL).resolution()).isEqualTo(Duration.ofHours(4));
        assertThat(version.targets().get(Priority.P2_HIGH).response()).isEqualTo(Duration.ofMinutes(30));
        assertThat(version.targets().get(Priority.P2_HIGH).resolution()).isEqualTo(Duration.ofHours(8));
        assertThat(version.targets().get(Priority.P3_MODERATE).response()).isEqualTo(Duration.ofHours(1));
        assertThat(version.targets().get(Priority.P3_MODERATE).resolution()).isEqualTo(Duration.ofHours(24));
        assertThat(version.targets().get(Priority.P4_LOW).response()).isEqualTo(Duration.ofHours(4));
        assertThat(version.targets().get(Priority.P4_LOW).resolution()).isEqualTo(Duration.ofHours(72));
        assertThat(version.targets().get(Priority.P5_PLANNING).response()).isEqualTo(Duration.ofHours(8));
        assertThat(version.targets().get(Priority.P5_PLANNING).resolution()).isEqualTo(Duration.ofHours(120));
    }

    @Test
    void unquotedDatesAreRead() {
        ServiceLevelSeed seed = reader.parse("test", """
                calendars:
                  - id: EMEA
                    zone: Europe/Warsaw
                    openingHours: {MONDAY: ["09:00-17:00"]}
                    holidays: [2025-12-25]
                policies:
                  - id: office
                    versions:
                      - effectiveFrom: 2025-03-10T00:00:00Z
                        calendar: EMEA
                        supportGroupCalendars: {NET: EMEA}
                        targets:
                          P1: {response: PT15M, resolution: PT4H, supportGroupResponse: PT10M}
                          P2: {response: PT30M, resolution: PT8H}
                          P3: {response: PT1H, resolution: PT24H}
                          P4: {response: PT4H, resolution: PT72H}
                          P5: {response: PT8H, resolution: PT120H}
                """);

        assertThat(seed.calendars().get(0).calendar().holidays()).containsExactly(LocalDate.of(2025, 12, 25));
        ServiceLevelSeed.PolicyVersion version = seed.policies().get(0).versions().get(0);
        assertThat(version.effectiveFrom()).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(version.supportGroupCalendars()).containsEntry("NET", "EMEA");
        assertThat(version.warningThreshold()).isEqualTo(0.75);
        assertThat(version.targets().get(Priority.P1_CRITICAL).supportGroupResponse())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void invalidFileListsEveryProblem() {
        assertThatThrownBy(() -> reader.parse("bad.yml", """
                calendars:
                  - id: EMEA
                    zone: Mars/Olympus
                  - id: APAC
                    zone: Asia/Tokyo
                    openingHours: {MONDAY: ["9-17"]}
                  - id: 24x7
                    zone: UTC
                    colour: red
                policies:
                  - id: standard
                    versions:
                      - effectiveFrom: next week
                        calendar: NOWHERE
                        warningThreshold: 1.5
                        targets:
                          P1: {response: PT0S, resolution: PT4H}
                """))
                .isInstanceOf(InvalidServiceLevelsFileException.class)
                .hasMessageContaining("bad.yml")
                .hasMessageContaining("calendar 'EMEA': unknown time zone id 'Mars/Olympus'")
                .hasMessageContaining("calendar 'APAC': openingHours.MONDAY: invalid opening interval '9-17'")
                .hasMessageContaining("calendar '24x7': unknown key 'colour'")
                .hasMessageContaining("effectiveFrom 'next week' is invalid")
                .hasMessageContaining("calendar names calendar 'NOWHERE', which the file does not list")
                .hasMessageContaining("warningThreshold '1.5' is invalid")
                .hasMessageContaining("targets.P1.response 'PT0S' is not positive");
    }

    @Test
    void missingPrioritiesAreNamed() {
        assertThatThrownBy(() -> reader.parse("short.yml", """
                calendars:
                  - {id: 24x7, zone: UTC, openingHours: {MONDAY: ["00:00-24:00"]}}
                policies:
                  - id: standard
                    versions:
                      - effectiveFrom: "2025-01-01T00:00:00Z"
                        calendar: 24x7
                        targets:
                          P1: {response: PT15M, resolution: PT4H}
                """))
                .isInstanceOf(InvalidServiceLevelsFileException.class)
                .hasMessageContaining("policy 'standard' version 1: targets lack P2, P3, P4, P5");
    }

    @Test
    void missingFileNamesSetting() {
        assertThatThrownBy(() -> reader.read(Path.of("no-such-service-levels.yml")))
                .isInstanceOf(InvalidServiceLevelsFileException.class)
                .hasMessageContaining("INCIDENTS_SERVICE_LEVELS_FILE");
    }
}
