package dev.incidents.command.incident;

import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.incidents.command.incident.IncidentFixtures.*;
import static dev.incidents.command.incident.RuleViolationMatcher.rejectedWith;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** Auto-close, the reopen window and the escalation of unaccepted assignments, with the fixture's clock. */
class IncidentTimersTest {

    private static final Duration FIVE_DAYS = Duration.ofDays(5);
    private static final Duration FOUR_HOURS = Duration.ofHours(4);
    private static final Actor AUTO_CLOSE = Actor.rule("auto-close/v1");
    private static final Actor ESCALATE_UNACCEPTED = Actor.rule("escalate-unaccepted/v1");
    private static final Map<String, Object> IMPORTED = Map.of(ImportMetaData.SOURCE, "bpic2013",
            ImportMetaData.POSITION, 40L);

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
    }

    private static ResolveIncidentCommand resolveAt(Instant time) {
        return new ResolveIncidentCommand(ID, "fixed", null, null, NET_SPECIALIST, time);
    }

    // Auto-close

    @Test
    void resolveSchedulesAutoClose() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .when(resolveAt(at(4)))
                .expectScheduledDeadline(at(4).plus(FIVE_DAYS), new AutoCloseDue(3, at(4).plus(FIVE_DAYS)))
                .expectScheduledDeadlineWithName(FIVE_DAYS, AutoCloseDue.DEADLINE);
    }

    @Test
    void autoCloseClosesResolvedIncident() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .andGivenCommands(resolveAt(at(4)))
                .whenTimeElapses(FIVE_DAYS)
                .expectDeadlinesMet(new AutoCloseDue(3, at(4).plus(FIVE_DAYS)))
                .expectEvents(new IncidentClosed(ID, null, "closed automatically: the resolution was not disputed",
                        AUTO_CLOSE, at(4).plus(FIVE_DAYS)))
                .expectState(incident -> org.assertj.core.api.Assertions.assertThat(
                        IncidentLifecycleTest.stateOf(incident)).isEqualTo(IncidentState.CLOSED));
    }

    @Test
    void autoCloseWaitsForItsTime() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .andGivenCommands(resolveAt(at(4)))
                .whenTimeElapses(FIVE_DAYS.minusMinutes(1))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(Duration.ofMinutes(1), AutoCloseDue.DEADLINE);
    }

    @Test
    void reopenCancelsAutoClose() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .andGivenCommands(resolveAt(at(4)))
                .when(new ReopenIncidentCommand(ID, "failed again", LIFECYCLE.policy(), DESK_ANALYST, at(10)))
                .expectNoScheduledDeadlineWithName(FIVE_DAYS, AutoCloseDue.DEADLINE)
                .expectNoScheduledDeadlineOfType(at(4), at(4).plus(Duration.ofDays(30)), AutoCloseDue.class);
    }

    @Test
    void rejectedResolutionCancelsAutoClose() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .andGivenCommands(resolveAt(at(4)))
                .when(new RejectResolutionCommand(ID, "still failing", DESK_ANALYST, at(10)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void manualCloseCancelsAutoClose() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .andGivenCommands(resolveAt(at(4)))
                .when(new CloseIncidentCommand(ID, 5, null, DESK_ANALYST, at(10)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void autoCloseDeadlineOfEarlierResolutionIsIgnored() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted(), resolved())
                .whenInvoking(ID.value(), incident -> incident.on(new AutoCloseDue(0, at(4))))
                .expectNoEvents();
    }

    @Test
    void autoCloseOffSchedulesNothing() {
        fixture = IncidentFixtures.newFixture(new LifecycleProperties(false, false, null, null, null),
                PriorityMatrix.ITIL, new InMemoryDuplicateRegistry());
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .when(resolveAt(at(4)))
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    @Test
    void importedResolutionSchedulesNothing() {
        fixture.givenCurrentTime(at(4))
                .andGiven(reported(), assigned(), accepted())
                .when(resolveAt(at(4)), IMPORTED)
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    // Reopen window

    @Test
    void reopenWithinWindowIsAllowed() {
        Instant lastMoment = at(4).plus(Duration.ofDays(14));
        fixture.givenCurrentTime(lastMoment)
                .andGiven(reported(), assigned(), accepted(), resolved())
                .when(new ReopenIncidentCommand(ID, "failed again", LIFECYCLE.policy(), DESK_ANALYST, lastMoment))
                .expectEvents(new IncidentReopened(ID, "failed again", NET, IncidentState.RESOLVED, 1,
                        DESK_ANALYST, lastMoment));
    }

    @Test
    void reopenAfterWindowIsRejected() {
        Instant late = at(4).plus(Duration.ofDays(14)).plusSeconds(1);
        fixture.givenCurrentTime(late)
                .andGiven(reported(), assigned(), accepted(), resolved())
                .when(new ReopenIncidentCommand(ID, "failed again", LIFECYCLE.policy(), DESK_ANALYST, late))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED))
                .expectExceptionMessage(allOf(containsString("resolved at " + at(4)), containsString("P14D")));
    }

    @Test
    void importedReopenIgnoresWindow() {
        Instant late = at(4).plus(Duration.ofDays(60));
        fixture.givenCurrentTime(late)
                .andGiven(reported(), assigned(), accepted(), resolved())
                .when(new ReopenIncidentCommand(ID, "work resumed", new LifecyclePolicy(true, true), NET_SPECIALIST,
                        late), IMPORTED)
                .expectEvents(new IncidentReopened(ID, "work resumed", NET, IncidentState.RESOLVED, 1,
                        NET_SPECIALIST, late))
                .expectNoScheduledDeadlines();
    }

    @Test
    void reopenAfterClosureStaysGovernedByPolicy() {
        Instant late = at(5).plus(Duration.ofDays(60));
        fixture.givenCurrentTime(late)
                .andGiven(reported(), assigned(), accepted(), resolved(), closed())
                .when(new ReopenIncidentCommand(ID, "failed again", LIFECYCLE.policy(), DESK_ANALYST, late))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
    }

    // Escalation of unaccepted assignments

    @Test
    void assignmentSchedulesEscalation() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported())
                .when(new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, at(10)))
                .expectScheduledDeadline(at(10).plus(FOUR_HOURS), new AcceptanceDue(1, "PT4H", at(10).plus(FOUR_HOURS)));
    }

    @Test
    void unacceptedAssignmentEscalatesToManager() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported())
                .andGivenCommands(new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, at(10)))
                .whenTimeElapses(FOUR_HOURS)
                .expectDeadlinesMet(new AcceptanceDue(1, "PT4H", at(10).plus(FOUR_HOURS)))
                .expectEvents(new IncidentEscalated(ID, EscalationKind.HIERARCHICAL, NET, null, MIA,
                        "not accepted within PT4H of the assignment to NET", ESCALATE_UNACCEPTED,
                        at(10).plus(FOUR_HOURS)));
    }

    @Test
    void acceptanceCancelsEscalation() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported())
                .andGivenCommands(new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, at(10)))
                .when(new AcceptAssignmentCommand(ID, ANNA, NET_SPECIALIST, at(20)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void reassignmentRestartsEscalation() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported())
                .andGivenCommands(new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, at(10)))
                .when(new ReassignIncidentCommand(ID, DB, null, "database fault", LIFECYCLE.policy(), DESK_ANALYST,
                        at(70)))
                .expectNoScheduledDeadline(at(10).plus(FOUR_HOURS), new AcceptanceDue(1, "PT4H", at(10).plus(FOUR_HOURS)))
                .expectScheduledDeadline(at(70).plus(FOUR_HOURS), new AcceptanceDue(2, "PT4H", at(70).plus(FOUR_HOURS)));
    }

    @Test
    void cancellationCancelsEscalation() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported())
                .andGivenCommands(new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, at(10)))
                .when(new CancelIncidentCommand(ID, CancelReason.LOGGED_IN_ERROR, null, DESK_ANALYST, at(20)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void escalationOfReplacedAssignmentIsIgnored() {
        // Accepted and released again: the incident is unaccepted, but under a newer assignment.
        fixture.givenCurrentTime(at(3))
                .andGiven(reported(), assigned(), accepted(),
                        new AssignmentReleased(ID, NET, ANNA, "on leave", IncidentState.IN_PROGRESS, NET_SPECIALIST,
                                at(3)))
                .whenInvoking(ID.value(), incident -> incident.on(new AcceptanceDue(1, "PT4H", at(240)), GROUPS))
                .expectNoEvents();
    }

    @Test
    void releaseSchedulesEscalation() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported(), assigned(), accepted())
                .when(new ReleaseAssignmentCommand(ID, "on leave", NET_SPECIALIST, at(10)))
                .expectScheduledDeadline(at(10).plus(FOUR_HOURS), new AcceptanceDue(3, "PT4H", at(10).plus(FOUR_HOURS)));
    }

    @Test
    void reopenSchedulesEscalation() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported(), assigned(), accepted(), resolved())
                .when(new ReopenIncidentCommand(ID, "failed again", LIFECYCLE.policy(), DESK_ANALYST, at(10)))
                .expectScheduledDeadline(at(10).plus(FOUR_HOURS), new AcceptanceDue(4, "PT4H", at(10).plus(FOUR_HOURS)));
    }

    @Test
    void importedAssignmentSchedulesNothing() {
        fixture.givenCurrentTime(at(10))
                .andGiven(reported())
                .when(new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, at(10)), IMPORTED)
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    @Test
    void reportWithGroupSchedulesEscalation() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(at(0))
                .when(new ReportIncidentCommand(ID, "Mail is down", null, new UserId("rita"), "email", Impact.LOW,
                        Urgency.LOW, SERVICE_DESK, NET, null, DESK_ANALYST, at(0)))
                .expectScheduledDeadline(at(0).plus(FOUR_HOURS), new AcceptanceDue(1, "PT4H", at(0).plus(FOUR_HOURS)));
    }
}
