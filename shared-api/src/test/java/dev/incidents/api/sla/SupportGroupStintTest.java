package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.incidents.api.sla.Events.DESK;
import static dev.incidents.api.sla.Events.NETWORK;
import static dev.incidents.api.sla.Events.accepted;
import static dev.incidents.api.sla.Events.assigned;
import static dev.incidents.api.sla.Events.cancelled;
import static dev.incidents.api.sla.Events.classified;
import static dev.incidents.api.sla.Events.escalatedTo;
import static dev.incidents.api.sla.Events.reassignedTo;
import static dev.incidents.api.sla.Events.releasedBy;
import static dev.incidents.api.sla.Events.reopened;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resolved;
import static dev.incidents.api.sla.Events.returnedToServiceDesk;
import static org.assertj.core.api.Assertions.assertThat;

/** Support group stints on a 24x7 calendar in UTC. P2 gives each group 30 minutes to accept, P1 15 minutes. */
class SupportGroupStintTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    private static final SupportGroupId DATABASE = new SupportGroupId("database");

    private static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static List<StintReading> stints(Instant asOf, IncidentEvent... events) {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(),
                BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        for (IncidentEvent event : events) {
            clock.apply(event);
        }
        return clock.readingAt(asOf).stints();
    }

    @Test
    void assignmentStartsStint() {
        List<StintReading> stints = stints(minutes(10), reported(Priority.P2_HIGH, T0), assigned(T0));

        assertThat(stints).hasSize(1);
        StintReading stint = stints.get(0);
        assertThat(stint.group()).isEqualTo(NETWORK.value());
        assertThat(stint.startedAt()).isEqualTo(T0);
        assertThat(stint.endedAt()).isNull();
        assertThat(stint.target()).isEqualTo(Duration.ofMinutes(30));
        assertThat(stint.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(stint.dueAt()).isEqualTo(minutes(30));
        assertThat(stint.outcome()).isNull();
    }

    @Test
    void stintWithoutTermsNamesNoCalendar() {
        StintReading stint = stints(minutes(10), reported(Priority.P2_HIGH, T0), assigned(T0)).get(0);

        assertThat(stint.calendarId()).isNull();
        assertThat(stint.calendarVersion()).isZero();
    }

    @Test
    void reportWithoutAssignmentHasNoStint() {
        assertThat(stints(minutes(10), reported(Priority.P2_HIGH, T0))).isEmpty();
    }

    @Test
    void acceptanceWithinTargetIsMet() {
        StintReading stint = stints(minutes(60),
                reported(Priority.P2_HIGH, T0), assigned(T0), accepted(minutes(20))).get(0);

        assertThat(stint.outcome()).isEqualTo(StintOutcome.MET);
        assertThat(stint.endedAt()).isEqualTo(minutes(20));
        assertThat(stint.elapsed()).isEqualTo(Duration.ofMinutes(20));
        assertThat(stint.dueAt()).isNull();
        assertThat(stint.breachAt()).isNull();
    }

    @Test
    void lateAcceptanceIsBreached() {
        StintReading stint = stints(minutes(60),
                reported(Priority.P2_HIGH, T0), assigned(T0), accepted(minutes(45))).get(0);

        assertThat(stint.outcome()).isEqualTo(StintOutcome.BREACHED);
        assertThat(stint.elapsed()).isEqualTo(Duration.ofMinutes(45));
        assertThat(stint.warningAt()).isEqualTo(minutes(30).minus(Duration.ofSeconds(450)));
        assertThat(stint.breachAt()).isEqualTo(minutes(30));
    }

    @Test
    void reassignmentHandsStintOn() {
        List<StintReading> stints = stints(minutes(50), reported(Priority.P2_HIGH, T0), assigned(T0),
                reassignedTo(NETWORK, DESK, IncidentState.ASSIGNED, minutes(40)));

        assertThat(stints).hasSize(2);
        StintReading network = stints.get(0);
        assertThat(network.outcome()).isEqualTo(StintOutcome.HANDED_ON);
        assertThat(network.endedAt()).isEqualTo(minutes(40));
        assertThat(network.elapsed()).isEqualTo(Duration.ofMinutes(40));
        // The target was reached while the group held the incident, so the instant stays on record.
        assertThat(network.breachAt()).isEqualTo(minutes(30));
        StintReading desk = stints.get(1);
        assertThat(desk.group()).isEqualTo(DESK.value());
        assertThat(desk.startedAt()).isEqualTo(minutes(40));
        assertThat(desk.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(desk.outcome()).isNull();
    }

    @Test
    void reassignmentWithinGroupKeepsStint() {
        List<StintReading> stints = stints(minutes(20), reported(Priority.P2_HIGH, T0), assigned(T0),
                reassignedTo(NETWORK, NETWORK, IncidentState.ASSIGNED, minutes(10)));

        assertThat(stints).hasSize(1);
        assertThat(stints.get(0).startedAt()).isEqualTo(T0);
        assertThat(stints.get(0).elapsed()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void releaseBeforeAcceptanceKeepsStint() {
        List<StintReading> stints = stints(minutes(20), reported(Priority.P2_HIGH, T0), assigned(T0),
                releasedBy(NETWORK, IncidentState.ASSIGNED, minutes(10)));

        assertThat(stints).hasSize(1);
        assertThat(stints.get(0).elapsed()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void releaseAfterAcceptanceStartsStint() {
        List<StintReading> stints = stints(minutes(70), reported(Priority.P2_HIGH, T0), assigned(T0),
                accepted(minutes(5)), releasedBy(NETWORK, IncidentState.IN_PROGRESS, minutes(60)));

        assertThat(stints).hasSize(2);
        assertThat(stints.get(0).outcome()).isEqualTo(StintOutcome.MET);
        assertThat(stints.get(1).group()).isEqualTo(NETWORK.value());
        assertThat(stints.get(1).startedAt()).isEqualTo(minutes(60));
        assertThat(stints.get(1).elapsed()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void returnToServiceDeskStartsStint() {
        List<StintReading> stints = stints(minutes(30), reported(Priority.P2_HIGH, T0), assigned(T0),
                accepted(minutes(5)), returnedToServiceDesk(minutes(20)));

        assertThat(stints).extracting(StintReading::group).containsExactly(NETWORK.value(), DESK.value());
        assertThat(stints.get(0).outcome()).isEqualTo(StintOutcome.MET);
        assertThat(stints.get(1).startedAt()).isEqualTo(minutes(20));
    }

    @Test
    void functionalEscalationStartsStint() {
        List<StintReading> stints = stints(minutes(30), reported(Priority.P2_HIGH, T0), assigned(T0),
                escalatedTo(DATABASE, minutes(10)));

        assertThat(stints).extracting(StintReading::group).containsExactly(NETWORK.value(), DATABASE.value());
        assertThat(stints.get(0).outcome()).isEqualTo(StintOutcome.HANDED_ON);
        assertThat(stints.get(1).elapsed()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void hierarchicalEscalationKeepsStint() {
        List<StintReading> stints = stints(minutes(30), reported(Priority.P2_HIGH, T0), assigned(T0),
                escalatedTo(null, minutes(10)));

        assertThat(stints).hasSize(1);
        assertThat(stints.get(0).outcome()).isNull();
    }

    @Test
    void resolutionEndsStint() {
        StintReading stint = stints(minutes(60),
                reported(Priority.P2_HIGH, T0), assigned(T0), resolved(minutes(10))).get(0);

        assertThat(stint.outcome()).isEqualTo(StintOutcome.MET);
        assertThat(stint.endedAt()).isEqualTo(minutes(10));
    }

    @Test
    void cancellationEndsStintWithoutOutcome() {
        StintReading stint = stints(minutes(60),
                reported(Priority.P2_HIGH, T0), assigned(T0), cancelled(minutes(40))).get(0);

        assertThat(stint.endedAt()).isEqualTo(minutes(40));
        assertThat(stint.elapsed()).isEqualTo(Duration.ofMinutes(40));
        assertThat(stint.outcome()).isNull();
        assertThat(stint.dueAt()).isNull();
    }

    @Test
    void handOverOfResolvedIncidentStartsNoStint() {
        List<StintReading> stints = stints(minutes(60), reported(Priority.P2_HIGH, T0), assigned(T0),
                resolved(minutes(10)), reassignedTo(NETWORK, DESK, IncidentState.RESOLVED, minutes(20)));

        assertThat(stints).hasSize(1);
    }

    @Test
    void reopenStartsStintOfTheReopenedGroup() {
        List<StintReading> stints = stints(minutes(60), reported(Priority.P2_HIGH, T0), assigned(T0),
                resolved(minutes(10)), reopened(minutes(20)));

        assertThat(stints).hasSize(2);
        assertThat(stints.get(0).outcome()).isEqualTo(StintOutcome.MET);
        StintReading reopened = stints.get(1);
        assertThat(reopened.startedAt()).isEqualTo(minutes(20));
        assertThat(reopened.endedAt()).isNull();
        assertThat(reopened.elapsed()).isEqualTo(Duration.ofMinutes(40));
        assertThat(reopened.outcome()).isNull();
    }

    @Test
    void priorityChangeSwitchesRunningStint() {
        // The first stint ends at 10 minutes under P2. The second has run 5 of P1's 15 minutes at the upgrade.
        List<StintReading> stints = stints(minutes(20), reported(Priority.P2_HIGH, T0), assigned(T0),
                reassignedTo(NETWORK, DESK, IncidentState.ASSIGNED, minutes(10)),
                classified(Priority.P2_HIGH, Priority.P1_CRITICAL, minutes(15)));

        assertThat(stints.get(0).target()).isEqualTo(Duration.ofMinutes(30));
        StintReading desk = stints.get(1);
        assertThat(desk.target()).isEqualTo(Duration.ofMinutes(15));
        assertThat(desk.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(desk.dueAt()).isEqualTo(minutes(10 + 15));
    }

    @Test
    void stintStartedAfterPriorityChangeUsesNewTarget() {
        List<StintReading> stints = stints(minutes(20), reported(Priority.P2_HIGH, T0),
                classified(Priority.P2_HIGH, Priority.P1_CRITICAL, minutes(5)), assigned(minutes(10)));

        assertThat(stints.get(0).target()).isEqualTo(Duration.ofMinutes(15));
    }
}
