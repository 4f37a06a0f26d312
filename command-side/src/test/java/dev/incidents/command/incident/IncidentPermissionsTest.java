package dev.incidents.command.incident;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.access.Role;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.*;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.incidents.command.incident.IncidentFixtures.*;
import static dev.incidents.command.incident.RuleViolationMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The "who may" column of the lifecycle table, checked with the caller a command carries. */
class IncidentPermissionsTest {

    private static final SupportGroupId NET_L3 = new SupportGroupId("NET-L3");

    /** The requester of the incident in {@link IncidentFixtures}. */
    private static final Caller RITA = caller("rita", Set.of(Role.REQUESTER), List.of(), Set.of());
    private static final Caller ROB = caller("rob", Set.of(Role.REQUESTER), List.of(), Set.of());
    private static final Caller SAM = caller("sam", Set.of(Role.SERVICE_DESK), List.of(SERVICE_DESK), Set.of());
    /** The assignee once the incident is accepted. */
    private static final Caller ANNA_NET = caller("anna", Set.of(Role.SPECIALIST), List.of(NET), Set.of());
    private static final Caller NICK_NET = caller("nick", Set.of(Role.SPECIALIST), List.of(NET), Set.of());
    private static final Caller DORA_DB = caller("dora", Set.of(Role.SPECIALIST), List.of(DB), Set.of());
    private static final Caller MIA_MANAGER = caller("mia", Set.of(Role.MANAGER), List.of(), Set.of(NET, NET_L3));
    private static final Caller AUDREY = caller("audrey", Set.of(Role.AUDITOR, Role.ANALYST), List.of(), Set.of());

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    static Stream<Arguments> whoMay() {
        return Stream.of(
                arguments(IncidentCommand.REPORT, null, RITA, true),
                arguments(IncidentCommand.REPORT, null, ROB, false),
                arguments(IncidentCommand.REPORT, null, SAM, true),
                arguments(IncidentCommand.REPORT, null, MIA_MANAGER, false),
                arguments(IncidentCommand.REPORT, null, AUDREY, false),
                arguments(IncidentCommand.CLASSIFY, IncidentState.NEW, SAM, true),
                arguments(IncidentCommand.CLASSIFY, IncidentState.NEW, ANNA_NET, false),
                arguments(IncidentCommand.CLASSIFY, IncidentState.ASSIGNED, ANNA_NET, true),
                arguments(IncidentCommand.CLASSIFY, IncidentState.NEW, RITA, false),
                arguments(IncidentCommand.CLASSIFY, IncidentState.NEW, MIA_MANAGER, false),
                arguments(IncidentCommand.ASSIGN, IncidentState.NEW, SAM, true),
                arguments(IncidentCommand.ASSIGN, IncidentState.NEW, MIA_MANAGER, false),
                arguments(IncidentCommand.ASSIGN, IncidentState.NEW, RITA, false),
                arguments(IncidentCommand.ACCEPT, IncidentState.ASSIGNED, ANNA_NET, true),
                arguments(IncidentCommand.ACCEPT, IncidentState.ASSIGNED, DORA_DB, false),
                arguments(IncidentCommand.ACCEPT, IncidentState.ASSIGNED, RITA, false),
                arguments(IncidentCommand.ACCEPT, IncidentState.ASSIGNED, AUDREY, false),
                arguments(IncidentCommand.REASSIGN, IncidentState.ASSIGNED, NICK_NET, true),
                arguments(IncidentCommand.REASSIGN, IncidentState.ASSIGNED, SAM, true),
                arguments(IncidentCommand.REASSIGN, IncidentState.ASSIGNED, MIA_MANAGER, true),
                arguments(IncidentCommand.REASSIGN, IncidentState.ASSIGNED, DORA_DB, false),
                arguments(IncidentCommand.REASSIGN, IncidentState.ASSIGNED, RITA, false),
                arguments(IncidentCommand.RETURN_TO_SERVICE_DESK, IncidentState.ASSIGNED, NICK_NET, true),
                arguments(IncidentCommand.RETURN_TO_SERVICE_DESK, IncidentState.ASSIGNED, SAM, false),
                arguments(IncidentCommand.RETURN_TO_SERVICE_DESK, IncidentState.ASSIGNED, DORA_DB, false),
                arguments(IncidentCommand.RELEASE, IncidentState.IN_PROGRESS, ANNA_NET, true),
                arguments(IncidentCommand.RELEASE, IncidentState.IN_PROGRESS, MIA_MANAGER, true),
                arguments(IncidentCommand.RELEASE, IncidentState.IN_PROGRESS, DORA_DB, false),
                arguments(IncidentCommand.ADD_WORK_NOTE, IncidentState.IN_PROGRESS, NICK_NET, true),
                arguments(IncidentCommand.ADD_WORK_NOTE, IncidentState.IN_PROGRESS, DORA_DB, false),
                arguments(IncidentCommand.ADD_WORK_NOTE, IncidentState.IN_PROGRESS, RITA, false),
                arguments(IncidentCommand.PEND, IncidentState.IN_PROGRESS, ANNA_NET, true),
                arguments(IncidentCommand.PEND, IncidentState.IN_PROGRESS, NICK_NET, false),
                arguments(IncidentCommand.PEND, IncidentState.IN_PROGRESS, SAM, false),
                arguments(IncidentCommand.RESUME, IncidentState.PENDING, ANNA_NET, true),
                arguments(IncidentCommand.RESUME, IncidentState.PENDING, RITA, true),
                arguments(IncidentCommand.RESUME, IncidentState.PENDING, ROB, false),
                arguments(IncidentCommand.ESCALATE, IncidentState.IN_PROGRESS, ANNA_NET, true),
                arguments(IncidentCommand.ESCALATE, IncidentState.IN_PROGRESS, SAM, true),
                arguments(IncidentCommand.ESCALATE, IncidentState.IN_PROGRESS, MIA_MANAGER, true),
                arguments(IncidentCommand.ESCALATE, IncidentState.IN_PROGRESS, DORA_DB, false),
                arguments(IncidentCommand.RESOLVE, IncidentState.IN_PROGRESS, ANNA_NET, true),
                arguments(IncidentCommand.RESOLVE, IncidentState.IN_PROGRESS, NICK_NET, true),
                arguments(IncidentCommand.RESOLVE, IncidentState.IN_PROGRESS, SAM, true),
                arguments(IncidentCommand.RESOLVE, IncidentState.IN_PROGRESS, DORA_DB, false),
                arguments(IncidentCommand.RESOLVE, IncidentState.IN_PROGRESS, RITA, false),
                arguments(IncidentCommand.REJECT_RESOLUTION, IncidentState.RESOLVED, RITA, true),
                arguments(IncidentCommand.REJECT_RESOLUTION, IncidentState.RESOLVED, SAM, true),
                arguments(IncidentCommand.REJECT_RESOLUTION, IncidentState.RESOLVED, ANNA_NET, false),
                arguments(IncidentCommand.REOPEN, IncidentState.RESOLVED, RITA, true),
                arguments(IncidentCommand.REOPEN, IncidentState.RESOLVED, SAM, true),
                arguments(IncidentCommand.REOPEN, IncidentState.RESOLVED, ROB, false),
                arguments(IncidentCommand.REOPEN, IncidentState.RESOLVED, ANNA_NET, false),
                arguments(IncidentCommand.CLOSE, IncidentState.RESOLVED, SAM, true),
                arguments(IncidentCommand.CLOSE, IncidentState.RESOLVED, RITA, true),
                arguments(IncidentCommand.CLOSE, IncidentState.RESOLVED, ROB, false),
                arguments(IncidentCommand.CLOSE, IncidentState.RESOLVED, ANNA_NET, false),
                arguments(IncidentCommand.REVOKE_CLOSURE, IncidentState.CLOSED, SAM, false),
                arguments(IncidentCommand.CANCEL, IncidentState.NEW, SAM, true),
                arguments(IncidentCommand.CANCEL, IncidentState.NEW, RITA, false),
                arguments(IncidentCommand.CANCEL, IncidentState.NEW, ANNA_NET, false),
                arguments(IncidentCommand.MARK_DUPLICATE, IncidentState.ASSIGNED, SAM, true),
                arguments(IncidentCommand.MARK_DUPLICATE, IncidentState.ASSIGNED, RITA, false),
                arguments(IncidentCommand.MARK_DUPLICATE, IncidentState.ASSIGNED, NICK_NET, false),
                arguments(IncidentCommand.TRANSFER_OWNERSHIP, IncidentState.NEW, SAM, true),
                arguments(IncidentCommand.TRANSFER_OWNERSHIP, IncidentState.NEW, MIA_MANAGER, false),
                arguments(IncidentCommand.TRANSFER_OWNERSHIP, IncidentState.NEW, ANNA_NET, false),
                arguments(IncidentCommand.PROMISE_RESOLUTION, IncidentState.NEW, SAM, true),
                arguments(IncidentCommand.PROMISE_RESOLUTION, IncidentState.ASSIGNED, NICK_NET, true),
                arguments(IncidentCommand.PROMISE_RESOLUTION, IncidentState.IN_PROGRESS, MIA_MANAGER, true),
                arguments(IncidentCommand.PROMISE_RESOLUTION, IncidentState.ASSIGNED, DORA_DB, false),
                arguments(IncidentCommand.PROMISE_RESOLUTION, IncidentState.NEW, NICK_NET, false),
                arguments(IncidentCommand.PROMISE_RESOLUTION, IncidentState.PENDING, RITA, false),
                arguments(IncidentCommand.PROMISE_RESOLUTION, IncidentState.ASSIGNED, AUDREY, false));
    }

    @ParameterizedTest(name = "{0} in {1} by {2}: permitted {3}")
    @MethodSource("whoMay")
    void commandFollowsWhoMay(IncidentCommand command, IncidentState state, Caller caller, boolean permitted) {
        List<Object> history = state == null ? List.of() : eventsFor(state);
        var result = fixture.given(history).when(commandFor(command), CallerMetaData.of(caller));

        if (permitted) {
            result.expectSuccessfulHandlerExecution();
        } else {
            result.expectNoEvents().expectException(rejectedWith(ErrorCode.NOT_PERMITTED));
        }
    }

    @Test
    void refusalNamesUserAndRule() {
        fixture.given(eventsFor(IncidentState.IN_PROGRESS))
                .when(commandFor(IncidentCommand.PEND), CallerMetaData.of(NICK_NET))
                .expectExceptionMessage("User nick (SPECIALIST) may not pend incident INC-1: only its assignee anna"
                        + " may.");
    }

    @Test
    void refusalOfUnreadableIncidentNamesNothingOfIt() {
        fixture.given(eventsFor(IncidentState.ASSIGNED))
                .when(commandFor(IncidentCommand.CLOSE), CallerMetaData.of(ROB))
                .expectNoEvents()
                .expectException(new org.hamcrest.CustomTypeSafeMatcher<IncidentRuleViolation>(
                        "a rejection without state, parties or allowed commands") {
                    @Override
                    protected boolean matchesSafely(IncidentRuleViolation violation) {
                        return violation.code() == ErrorCode.NOT_PERMITTED
                                && violation.rejection().state() == null
                                && violation.rejection().allowedCommands().isEmpty()
                                && violation.getMessage().equals("User rob (REQUESTER) may not change incident INC-1:"
                                        + " it is not an incident they may read.");
                    }
                });
    }

    @Test
    void requesterMayNotRouteOwnReport() {
        fixture.givenNoPriorActivity()
                .when(new ReportIncidentCommand(ID, "Disk full", null, RITA.user(), "storage", Impact.LOW,
                        Urgency.LOW, SERVICE_DESK, NET, null, RITA.actor(), at(0)), CallerMetaData.of(RITA))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOT_PERMITTED));
    }

    @Test
    void acceptOnBehalfOfAnotherIsRefused() {
        fixture.given(eventsFor(IncidentState.ASSIGNED))
                .when(new AcceptAssignmentCommand(ID, ANNA, NET_SPECIALIST, at(10)), CallerMetaData.of(NICK_NET))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOT_PERMITTED));
    }

    @Test
    void commandWithoutCallerIsNotChecked() {
        fixture.given(eventsFor(IncidentState.RESOLVED))
                .when(commandFor(IncidentCommand.CLOSE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void specialistLoggingForAnotherGroupKeepsOwnership() {
        fixture.givenNoPriorActivity()
                .when(reportAssignedTo(NET, DORA_DB), CallerMetaData.of(DORA_DB))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.listWithAnyOf(ownerIs(DB))));
    }

    @Test
    void serviceDeskLoggingKeepsServiceDeskOwner() {
        fixture.givenNoPriorActivity()
                .when(reportAssignedTo(NET, SAM), CallerMetaData.of(SAM))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.listWithAnyOf(ownerIs(SERVICE_DESK))));
    }

    /**
     * Reported 09:00 by the service desk, assigned 09:05 to NET, returned by a NET member 09:20, sent to NET again
     * 09:30, moved to DB 10:00 and resolved by a DB specialist 11:00. The first routing is no reassignment, but the
     * return and the two later moves are. The service desk owns the incident throughout.
     */
    @Test
    void returnAndMovesCountAsReassignments() {
        List<Object> earlier = List.of(
                asCaller(new ReportIncidentCommand(ID, "VPN drops", null, new UserId("rita"), "network",
                        Impact.MEDIUM, Urgency.MEDIUM, SERVICE_DESK, null, null, SAM.actor(), at(0)), SAM),
                asCaller(new AssignIncidentCommand(ID, NET, null, SAM.actor(), at(5)), SAM),
                asCaller(new ReturnToServiceDeskCommand(ID, "wrong group", NICK_NET.actor(), at(20)), NICK_NET),
                asCaller(new ReassignIncidentCommand(ID, NET, null, "it is the network after all",
                        LifecyclePolicy.STRICT, SAM.actor(), at(30)), SAM),
                asCaller(new ReassignIncidentCommand(ID, DB, null, "database timeouts", LifecyclePolicy.STRICT,
                        SAM.actor(), at(60)), SAM));

        fixture.givenCommands(earlier)
                .when(new ResolveIncidentCommand(ID, "fixed", "raised the pool size", null, DORA_DB.actor(),
                        at(120)), CallerMetaData.of(DORA_DB))
                .expectResultMessagePayloadMatching(new org.hamcrest.CustomTypeSafeMatcher<IncidentStatus>(
                        "status with 3 reassignments, owned by the service desk and resolved") {
                    @Override
                    protected boolean matchesSafely(IncidentStatus status) {
                        return status.reassignmentCount() == 3 && status.ownerGroup().equals(SERVICE_DESK)
                                && status.state() == IncidentState.RESOLVED;
                    }
                });
    }

    @Test
    void functionalEscalationToSameTierIsInvalid() {
        fixture.given(eventsFor(IncidentState.IN_PROGRESS))
                .when(new EscalateIncidentCommand(ID, EscalationKind.FUNCTIONAL, DB, "needs a DBA", ANNA_NET.actor(),
                        at(10)), CallerMetaData.of(ANNA_NET))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is tier 2"));
    }

    @Test
    void functionalEscalationToUnlistedGroupIsInvalid() {
        fixture.given(eventsFor(IncidentState.IN_PROGRESS))
                .when(new EscalateIncidentCommand(ID, EscalationKind.FUNCTIONAL, new SupportGroupId("NOPE"), "help",
                        ANNA_NET.actor(), at(10)), CallerMetaData.of(ANNA_NET))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT));
    }

    @Test
    void hierarchicalEscalationNamesGroupManager() {
        fixture.given(eventsFor(IncidentState.IN_PROGRESS))
                .when(new EscalateIncidentCommand(ID, EscalationKind.HIERARCHICAL, null, "customer is waiting",
                        ANNA_NET.actor(), at(10)), CallerMetaData.of(ANNA_NET))
                .expectEvents(new IncidentEscalated(ID, EscalationKind.HIERARCHICAL, NET, null, MIA,
                        "customer is waiting", ANNA_NET.actor(), at(10)));
    }

    @Test
    void importedEscalationIgnoresTiers() {
        fixture.given(eventsFor(IncidentState.IN_PROGRESS))
                .when(new EscalateIncidentCommand(ID, EscalationKind.FUNCTIONAL, new SupportGroupId("V5 3rd"),
                        "from the log", NET_SPECIALIST, at(10)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void duplicateOfUnreadableOriginalIsHidden() {
        IncidentId original = new IncidentId("INC-DB");
        DuplicateRegistry registry = new DuplicateRegistry() {
            @Override
            public DuplicateCheck lockAndCheck(IncidentId duplicateId, IncidentId originalId) {
                // A closed original of DB: without the read rule the caller would learn that it is closed.
                return new DuplicateCheck(true, false, null, List.of(),
                        new IncidentPermissions.Parties(new UserId("rob"), DB, DB, null));
            }

            @Override
            public void link(IncidentId duplicateId, IncidentId originalId) {
                throw new AssertionError("a hidden original must not be linked");
            }
        };
        IncidentReported ownedByNet = new IncidentReported(ID, "Switch flaps", null, new UserId("nick"), "network",
                Impact.LOW, Urgency.LOW, Priority.P4_LOW, NET, NICK_NET.actor(), at(0));

        IncidentFixtures.newFixture(LIFECYCLE, PriorityMatrix.ITIL, registry)
                .given(ownedByNet)
                .when(new MarkAsDuplicateCommand(ID, original, "same switch", NICK_NET.actor(), at(10)),
                        CallerMetaData.of(NICK_NET))
                .expectNoEvents()
                .expectExceptionMessage("User nick (SPECIALIST) may not change incident INC-DB: it is not an incident"
                        + " they may read.");
    }

    @Test
    void callerSurvivesMetaDataRoundTrip() {
        assertThat(CallerMetaData.from(MetaData.from(CallerMetaData.of(MIA_MANAGER)))).isEqualTo(MIA_MANAGER);
    }

    private static ReportIncidentCommand reportAssignedTo(SupportGroupId group, Caller caller) {
        return new ReportIncidentCommand(ID, "Disk full", null, caller.user(), "storage", Impact.LOW, Urgency.LOW,
                SERVICE_DESK, group, null, caller.actor(), at(0));
    }

    private static org.hamcrest.Matcher<Object> ownerIs(SupportGroupId owner) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("incident reported with owner " + owner) {
            @Override
            protected boolean matchesSafely(Object event) {
                return event instanceof IncidentReported reported && reported.ownerGroup().equals(owner);
            }
        };
    }

    private static Object asCaller(Object command, Caller caller) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(CallerMetaData.of(caller));
    }

    private static Caller caller(String user, Set<Role> roles, List<SupportGroupId> groups,
                                 Set<SupportGroupId> managed) {
        return new Caller(new UserId(user), roles, groups, managed, 1);
    }
}
