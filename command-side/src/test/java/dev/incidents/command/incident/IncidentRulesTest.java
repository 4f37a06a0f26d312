package dev.incidents.command.incident;

import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.*;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.incidents.command.incident.IncidentFixtures.*;
import static dev.incidents.command.incident.RuleViolationMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules of the incident beyond the state table: counts, ownership, policies, business time and imports. */
class IncidentRulesTest {

    private static final LifecyclePolicy HISTORICAL = new LifecyclePolicy(true, true);

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
    }

    @Test
    void reportWithGroupAlsoAssigns() {
        fixture.givenNoPriorActivity()
                .when(new ReportIncidentCommand(ID, "Mail is down", "since 9:00", new UserId("rita"), "email",
                        Impact.HIGH, Urgency.MEDIUM, SERVICE_DESK, NET, null, DESK_ANALYST, at(0)))
                .expectEvents(
                        new IncidentReported(ID, "Mail is down", "since 9:00", new UserId("rita"), "email",
                                Impact.HIGH, Urgency.MEDIUM, Priority.P2_HIGH, SERVICE_DESK, DESK_ANALYST, at(0)),
                        new IncidentAssigned(ID, NET, null, DESK_ANALYST, at(0)))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.instanceOf(IncidentStatus.class));
    }

    @Test
    void reportOfExistingIdIsRejected() {
        fixture.given(reported())
                .when(commandFor(IncidentCommand.REPORT))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INCIDENT_ALREADY_EXISTS));
    }

    @Test
    void priorityFollowsImpactAndUrgency() {
        fixture.given(reported(), assigned())
                .when(new ClassifyIncidentCommand(ID, "email", Impact.MEDIUM, Urgency.HIGH, DESK_ANALYST, at(10)))
                .expectEvents(new IncidentClassified(ID, "email", Impact.MEDIUM, Urgency.HIGH, Priority.P2_HIGH,
                        "email", Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE, DESK_ANALYST, at(10)));
    }

    @Test
    void classifyWithSameValuesRecordsNothing() {
        fixture.given(reported())
                .when(new ClassifyIncidentCommand(ID, "email", Impact.MEDIUM, Urgency.MEDIUM, DESK_ANALYST, at(10)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reassignmentCountsEachMove() {
        fixture.given(reported(), assigned(), new IncidentReassigned(ID, NET, null, DB, null, "db", IncidentState.ASSIGNED,
                        1, DESK_ANALYST, at(2)))
                .when(new ReassignIncidentCommand(ID, NET, null, "back to network", LifecyclePolicy.STRICT,
                        DESK_ANALYST, at(10)))
                .expectEvents(new IncidentReassigned(ID, DB, null, NET, null, "back to network",
                        IncidentState.ASSIGNED, 2, DESK_ANALYST, at(10)));
    }

    @Test
    void reassignToCurrentGroupConflicts() {
        fixture.given(reported(), assigned())
                .when(new ReassignIncidentCommand(ID, NET, null, "same", LifecyclePolicy.STRICT, DESK_ANALYST, at(10)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
    }

    @Test
    void returnToServiceDeskCountsAsReassignment() {
        fixture.given(reported(), assigned())
                .when(new ReturnToServiceDeskCommand(ID, "wrong group", NET_SPECIALIST, at(10)))
                .expectEvents(new IncidentReturnedToServiceDesk(ID, NET, null, SERVICE_DESK, "wrong group", 1,
                        NET_SPECIALIST, at(10)))
                .expectState(incident -> assertThat(IncidentLifecycleTest.stateOf(incident))
                        .isEqualTo(IncidentState.ASSIGNED));
    }

    @Test
    void returnWhenOwnerGroupHoldsItIsRejected() {
        fixture.given(reported(), new IncidentAssigned(ID, SERVICE_DESK, null, DESK_ANALYST, at(1)))
                .when(new ReturnToServiceDeskCommand(ID, "wrong group", DESK_ANALYST, at(10)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
    }

    @Test
    void reopenGoesBackToGroupAndCounts() {
        fixture.given(eventsFor(IncidentState.RESOLVED))
                .when(commandFor(IncidentCommand.REOPEN))
                .expectEvents(new IncidentReopened(ID, "failed again", NET, IncidentState.RESOLVED, 1, DESK_ANALYST,
                        at(10)));
    }

    @Test
    void reopenAfterClosureIsRejectedByDefault() {
        fixture.given(eventsFor(IncidentState.CLOSED))
                .when(commandFor(IncidentCommand.REOPEN))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
    }

    @Test
    void reopenAfterClosureWorksWhenPolicyAllows() {
        fixture.given(eventsFor(IncidentState.CLOSED))
                .when(new ReopenIncidentCommand(ID, "work resumed", HISTORICAL, DESK_ANALYST, at(10)))
                .expectEvents(new IncidentReopened(ID, "work resumed", NET, IncidentState.CLOSED, 1, DESK_ANALYST,
                        at(10)));
    }

    @Test
    void revokeClosureReturnsToResolvedWithoutReopen() {
        fixture.given(eventsFor(IncidentState.CLOSED))
                .when(new RevokeClosureCommand(ID, "resolved again", HISTORICAL, DESK_ANALYST, at(10)))
                .expectEvents(new IncidentClosureRevoked(ID, "resolved again", DESK_ANALYST, at(10)))
                .expectState(incident -> assertThat(IncidentLifecycleTest.stateOf(incident))
                        .isEqualTo(IncidentState.RESOLVED));
    }

    @Test
    void handOverOfResolvedIncidentKeepsItResolved() {
        fixture.given(eventsFor(IncidentState.RESOLVED))
                .when(new ReassignIncidentCommand(ID, DB, null, "confirmation by DB", HISTORICAL, DESK_ANALYST,
                        at(10)))
                .expectEvents(new IncidentReassigned(ID, NET, ANNA, DB, null, "confirmation by DB",
                        IncidentState.RESOLVED, 1, DESK_ANALYST, at(10)))
                .expectState(incident -> assertThat(IncidentLifecycleTest.stateOf(incident))
                        .isEqualTo(IncidentState.RESOLVED));
    }

    @Test
    void handOverRejectedUnderStrictPolicy() {
        fixture.given(eventsFor(IncidentState.RESOLVED))
                .when(new ReassignIncidentCommand(ID, DB, null, "confirmation", LifecyclePolicy.STRICT, DESK_ANALYST,
                        at(10)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
    }

    @Test
    void changeBeforeLastEventIsRejected() {
        fixture.given(reported(), assigned(), accepted())
                .when(new PendIncidentCommand(ID, PendingReason.CUSTOMER, null, null, NET_SPECIALIST, at(1)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.OCCURRED_BEFORE_LAST_EVENT));
    }

    @Test
    void pendUntilMustBeLater() {
        fixture.given(reported(), assigned(), accepted())
                .when(new PendIncidentCommand(ID, PendingReason.VENDOR, null, at(5), NET_SPECIALIST, at(10)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT));
    }

    @Test
    void satisfactionOutsideOneToFiveIsRejected() {
        fixture.given(eventsFor(IncidentState.RESOLVED))
                .when(new CloseIncidentCommand(ID, 6, null, DESK_ANALYST, at(10)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT));
    }

    @Test
    void correctionMustReferToExistingNote() {
        fixture.given(reported())
                .when(new AddWorkNoteCommand(ID, "note-2", "correction", NoteVisibility.INTERNAL, "note-9",
                        DESK_ANALYST, at(10)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT));
    }

    @Test
    void correctionOfExistingNoteIsAdded() {
        fixture.given(reported(), new WorkNoteAdded(ID, "note-1", "typo", NoteVisibility.INTERNAL, null,
                        DESK_ANALYST, at(1)))
                .when(new AddWorkNoteCommand(ID, "note-2", "fixed typo", NoteVisibility.CUSTOMER_VISIBLE, "note-1",
                        DESK_ANALYST, at(10)))
                .expectEvents(new WorkNoteAdded(ID, "note-2", "fixed typo", NoteVisibility.CUSTOMER_VISIBLE, "note-1",
                        DESK_ANALYST, at(10)));
    }

    @Test
    void functionalEscalationMovesToHigherGroup() {
        fixture.given(reported(), assigned())
                .when(commandFor(IncidentCommand.ESCALATE))
                .expectEvents(new IncidentEscalated(ID, EscalationKind.FUNCTIONAL, NET, new SupportGroupId("NET-L3"),
                        "needs third line", NET_SPECIALIST, at(10)));
    }

    @Test
    void hierarchicalEscalationKeepsAssignment() {
        fixture.given(reported(), assigned(), accepted())
                .when(new EscalateIncidentCommand(ID, EscalationKind.HIERARCHICAL, null, "customer complaint",
                        DESK_ANALYST, at(10)))
                .expectEvents(new IncidentEscalated(ID, EscalationKind.HIERARCHICAL, NET, null, MIA,
                        "customer complaint", DESK_ANALYST, at(10)))
                .expectState(incident -> assertThat(IncidentLifecycleTest.stateOf(incident))
                        .isEqualTo(IncidentState.IN_PROGRESS));
    }

    @Test
    void hierarchicalEscalationWithGroupIsInvalid() {
        fixture.given(reported(), assigned(), accepted())
                .when(new EscalateIncidentCommand(ID, EscalationKind.HIERARCHICAL, new SupportGroupId("NET-L3"),
                        "customer complaint", DESK_ANALYST, at(10)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT))
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("toGroup 'NET-L3'"),
                        org.hamcrest.Matchers.containsString("manager of the assigned group NET"),
                        org.hamcrest.Matchers.containsString("Leave toGroup out, or use kind FUNCTIONAL")));
    }

    @Test
    void importedRecordAppliedBeforeIsSkipped() {
        MetaData imported = MetaData.from(Map.of(ImportMetaData.SOURCE, "bpic2013", ImportMetaData.POSITION, 8));
        fixture.given(new GenericDomainEventMessage<>("Incident", ID.value(), 0, reported(), imported),
                        new GenericDomainEventMessage<>("Incident", ID.value(), 1, assigned(), imported))
                .when(commandFor(IncidentCommand.ACCEPT), Map.of(ImportMetaData.POSITION, 8L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void importedRecordAfterLastPositionIsApplied() {
        MetaData imported = MetaData.from(Map.of(ImportMetaData.SOURCE, "bpic2013", ImportMetaData.POSITION, 8));
        fixture.given(new GenericDomainEventMessage<>("Incident", ID.value(), 0, reported(), imported),
                        new GenericDomainEventMessage<>("Incident", ID.value(), 1, assigned(), imported))
                .when(commandFor(IncidentCommand.ACCEPT), Map.of(ImportMetaData.POSITION, 16L))
                .expectEvents(new AssignmentAccepted(ID, NET, ANNA, NET_SPECIALIST, at(10)));
    }

    @Test
    void staleExpectedVersionIsRejected() {
        fixture.given(reported(), assigned(), accepted())
                .when(commandFor(IncidentCommand.PEND), Map.of(CommandMetaData.EXPECTED_VERSION, 1L))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VERSION_CONFLICT));
    }

    @Test
    void staleVersionNamesRestCommand() {
        Map<IncidentCommand, String> restNames = Map.of(IncidentCommand.CLASSIFY, "classify",
                IncidentCommand.PEND, "pend", IncidentCommand.RETURN_TO_SERVICE_DESK, "return-to-service-desk");
        restNames.forEach((command, restName) -> IncidentFixtures.newFixture()
                .given(reported(), assigned(), accepted())
                .when(commandFor(command), Map.of(CommandMetaData.EXPECTED_VERSION, 1L))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.VERSION_CONFLICT))
                .expectException(org.axonframework.test.matchers.Matchers.predicate(
                        (IncidentRuleViolation violation) -> restName.equals(violation.rejection().command()))));
    }

    @Test
    void currentExpectedVersionIsAccepted() {
        fixture.given(reported(), assigned(), accepted())
                .when(commandFor(IncidentCommand.PEND), Map.of(CommandMetaData.EXPECTED_VERSION, 2L))
                .expectEvents(new IncidentPended(ID, PendingReason.VENDOR, "ticket at vendor", null, NET_SPECIALIST,
                        at(10)));
    }

    @Test
    void workNoteIgnoresStaleVersion() {
        fixture.given(reported(), assigned(), accepted())
                .when(commandFor(IncidentCommand.ADD_WORK_NOTE), Map.of(CommandMetaData.EXPECTED_VERSION, 0L))
                .expectEvents(new WorkNoteAdded(ID, "note-1", "checked the relay", NoteVisibility.INTERNAL, null,
                        NET_SPECIALIST, at(10)));
    }
}
