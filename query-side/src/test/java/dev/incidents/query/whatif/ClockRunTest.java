package dev.incidents.query.whatif;

import static dev.incidents.query.testing.TestEvents.cancelled;
import static dev.incidents.query.testing.TestEvents.pended;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.resumed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.ClockStatus;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.testing.TestServiceLevels;
import dev.incidents.query.whatif.WhatIfReport.ClockFigures;
import dev.incidents.query.whatif.WhatIfReport.Compliance;
import dev.incidents.query.whatif.WhatIfReport.Terms;

/**
 * Runs the resolution clock of a P3 incident with a 4-hour target on a calendar that is always open, in UTC, so every
 * expected instant is the report time plus plain hours.
 */
class ClockRunTest {

    private static final Instant REPORTED = Instant.parse("2025-03-03T00:00:00Z");
    private static final ServiceLevelTerms TERMS = new ServiceLevelTerms(
            TestServiceLevels.policy("standard", 1, REPORTED, Duration.ofMinutes(30), Duration.ofHours(4)),
            new NamedCalendar("ALWAYS", 1, BusinessCalendar.alwaysOpen(ZoneOffset.UTC)), Map.of());
    private static final Terms LABEL = new Terms("standard", 1, "ALWAYS", 1, "Z");

    private static Instant hours(double hours) {
        return REPORTED.plusSeconds(Math.round(hours * 3600));
    }

    private static ClockFigures resolutionAt(Instant asOf, IncidentEvent... events) {
        ClockRun run = new ClockRun(TERMS, LABEL);
        for (IncidentEvent event : events) {
            run.apply(event);
        }
        return run.readingAt(asOf).resolution();
    }

    @Test
    void runningClockIsDueAtTarget() {
        ClockFigures clock = resolutionAt(hours(1), reported("C-1", "rita", REPORTED));

        assertThat(clock.status()).isEqualTo(ClockStatus.RUNNING);
        assertThat(clock.dueAt()).isEqualTo(hours(4));
    }

    @Test
    void pausedClockHasNoDueInstant() {
        ClockFigures clock = resolutionAt(hours(2), reported("C-1", "rita", REPORTED), pended("C-1", hours(1)));

        assertThat(clock.status()).isEqualTo(ClockStatus.PAUSED);
        assertThat(clock.dueAt()).isNull();
    }

    @Test
    void metClockIsDueFromItsStop() {
        ClockFigures clock = resolutionAt(hours(6),
                reported("C-1", "rita", REPORTED),
                pended("C-1", hours(1)),
                resumed("C-1", hours(3)),
                resolved("C-1", "NETWORK", "sam", hours(4)));

        assertThat(clock.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(2));
        // Two hours were left at the resolution at hour 4.
        assertThat(clock.dueAt()).isEqualTo(hours(6));
    }

    @Test
    void reopenedClockIsDueFromLastStop() {
        ClockFigures clock = resolutionAt(hours(9),
                reported("C-1", "rita", REPORTED),
                resolved("C-1", "NETWORK", "sam", hours(1)),
                reopened("C-1", "NETWORK", IncidentState.RESOLVED, 1, hours(5)),
                resolved("C-1", "NETWORK", "sam", hours(6)));

        assertThat(clock.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(clock.dueAt()).isEqualTo(hours(8));
    }

    @Test
    void breachedClockIsDueAtBreach() {
        ClockFigures clock = resolutionAt(hours(6),
                reported("C-1", "rita", REPORTED),
                resolved("C-1", "NETWORK", "sam", hours(5)));

        assertThat(clock.outcome()).isEqualTo(ClockOutcome.BREACHED);
        assertThat(clock.breachAt()).isEqualTo(hours(4));
        assertThat(clock.dueAt()).isEqualTo(hours(4));
    }

    @Test
    void cancelledClockHasNoDueInstant() {
        ClockFigures clock = resolutionAt(hours(2),
                reported("C-1", "rita", REPORTED),
                cancelled("C-1", IncidentState.NEW, hours(1)));

        assertThat(clock.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(clock.outcome()).isNull();
        assertThat(clock.dueAt()).isNull();
    }

    @Test
    void tallyCountsRunningBreachAsBreached() {
        ComplianceTally tally = new ComplianceTally();

        tally.add(resolutionAt(hours(5), reported("C-1", "rita", REPORTED)));
        tally.add(resolutionAt(hours(2), reported("C-2", "rita", REPORTED)));
        tally.add(resolutionAt(hours(6), reported("C-3", "rita", REPORTED),
                cancelled("C-3", IncidentState.NEW, hours(5))));
        tally.add(resolutionAt(hours(2), reported("C-4", "rita", REPORTED),
                resolved("C-4", "NETWORK", "sam", hours(1))));
        tally.add(resolutionAt(hours(2), reported("C-5", "rita", REPORTED),
                resolved("C-5", "NETWORK", "sam", hours(1))));

        Compliance compliance = tally.compliance();
        assertThat(compliance.met()).isEqualTo(2);
        assertThat(compliance.breached()).isEqualTo(1);
        assertThat(compliance.undecided()).isEqualTo(2);
        assertThat(compliance.compliancePercent()).isEqualTo(66.7);
    }

    @Test
    void tallyWithoutJudgedClocksHasNoPercentage() {
        ComplianceTally tally = new ComplianceTally();

        tally.add(resolutionAt(hours(1), reported("C-1", "rita", REPORTED)));

        assertThat(tally.compliance().compliancePercent()).isNull();
        assertThat(tally.compliance().undecided()).isEqualTo(1);
    }
}
