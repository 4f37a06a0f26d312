package dev.incidents.query.whatif;

import static dev.incidents.query.testing.TestEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.testing.TestServiceLevels;
import dev.incidents.query.whatif.IncidentJudgement.AlternativeTermsFailedException;
import dev.incidents.query.whatif.WhatIfReport.IncidentComparison;
import dev.incidents.query.whatif.WhatIfReport.Terms;

/** Judges one incident under terms the clocks can and cannot count. */
class IncidentJudgementTest {

    private static final Instant REPORTED = Instant.parse("2025-03-03T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-03-04T00:00:00Z");
    private static final ServiceLevelTerms ALWAYS_OPEN = terms("ALWAYS",
            BusinessCalendar.alwaysOpen(ZoneOffset.UTC), Duration.ofHours(4));
    private static final ServiceLevelTerms CLOSED = terms("CLOSED",
            BusinessCalendar.of("UTC", Map.of(), List.of()), Duration.ofHours(4));
    private static final ServiceLevelTerms HUGE_TARGET = terms("ALWAYS",
            BusinessCalendar.alwaysOpen(ZoneOffset.UTC), Duration.ofHours(99_999_999_999L));
    private static final Terms LABEL = new Terms(null, null, null, null, "UTC");

    private static ServiceLevelTerms terms(String calendarId, BusinessCalendar calendar, Duration resolution) {
        return new ServiceLevelTerms(TestServiceLevels.policy("standard", 1, REPORTED, Duration.ofMinutes(30),
                resolution), new NamedCalendar(calendarId, 1, calendar), Map.of());
    }

    private static List<IncidentEvent> resolvedAfterTwoHours(ServiceLevelTerms recorded) {
        return List.of(TestServiceLevels.reportedP3("J-1", "email", recorded, REPORTED),
                resolved("J-1", "NETWORK", "sam", REPORTED.plusSeconds(7200)));
    }

    @Test
    void countableTermsGiveBothSides() {
        IncidentComparison comparison = IncidentJudgement.compare("J-1", resolvedAfterTwoHours(ALWAYS_OPEN),
                ALWAYS_OPEN, LABEL, AS_OF);

        assertThat(comparison.recordedFailure()).isNull();
        assertThat(comparison.recorded().resolution().outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(comparison.whatIf().resolution().outcome()).isEqualTo(ClockOutcome.MET);
    }

    @Test
    void recordedCalendarWithoutOpeningHoursIsReported() {
        IncidentComparison comparison = IncidentJudgement.compare("J-1", resolvedAfterTwoHours(CLOSED),
                ALWAYS_OPEN, LABEL, AS_OF);

        assertThat(comparison.recorded()).isNull();
        assertThat(comparison.recordedFailure()).contains("CLOSED").contains("no opening interval");
        assertThat(comparison.whatIf().resolution().outcome()).isEqualTo(ClockOutcome.MET);
    }

    @Test
    void recordedHugeTargetIsReported() {
        IncidentComparison comparison = IncidentJudgement.compare("J-1", resolvedAfterTwoHours(HUGE_TARGET),
                ALWAYS_OPEN, LABEL, AS_OF);

        assertThat(comparison.recorded()).isNull();
        assertThat(comparison.recordedFailure()).contains("recorded terms");
        assertThat(comparison.whatIf()).isNotNull();
    }

    @Test
    void alternativeWithoutOpeningHoursFails() {
        assertThatThrownBy(() -> IncidentJudgement.compare("J-1", resolvedAfterTwoHours(ALWAYS_OPEN), CLOSED, LABEL,
                AS_OF))
                .isInstanceOf(AlternativeTermsFailedException.class)
                .hasMessageContaining("J-1");
    }

    @Test
    void alternativeHugeTargetFails() {
        assertThatThrownBy(() -> IncidentJudgement.compare("J-1", resolvedAfterTwoHours(ALWAYS_OPEN), HUGE_TARGET,
                LABEL, AS_OF))
                .isInstanceOf(AlternativeTermsFailedException.class);
    }
}
