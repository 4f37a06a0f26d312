package dev.incidents.command.incident;

import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.*;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelAlarm;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.command.servicelevel.ServiceLevelCatalogue;
import dev.incidents.command.servicelevel.ServiceLevelStore;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.incidents.command.incident.IncidentFixtures.*;
import static dev.incidents.command.incident.RuleViolationMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service level terms recorded at the report, the deadlines that raise warnings and breaches, and promised
 * resolution times. The policy "standard" has version 1 from 1 January 2025 and version 2 from 10 March 2025, both on
 * a calendar open around the clock in UTC.
 */
class IncidentServiceLevelTest {

    private static final Instant V2_FROM = Instant.parse("2025-03-10T00:00:00Z");
    /** Wednesday 12 March 2025, 10:00 UTC. */
    private static final Instant TEN = Instant.parse("2025-03-12T10:00:00Z");
    private static final Map<String, Object> IMPORTED = Map.of(ImportMetaData.SOURCE, "bpic2013",
            ImportMetaData.POSITION, 7L);

    private ServiceLevelPolicyPublished version1;
    private ServiceLevelPolicyPublished version2;
    private ServiceLevelCatalogue catalogue;
    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        ServiceLevelStore store = new ServiceLevelStore();
        store.saveCalendar("24x7", BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        version1 = store.publishPolicy("standard", Instant.parse("2025-01-01T00:00:00Z"), "24x7",
                ServiceLevelStore.sameTargets(Duration.ofMinutes(30), Duration.ofHours(8)), 0.75);
        // Version 2 allows 20 minutes to respond, so the warning comes after 15 minutes.
        version2 = store.publishPolicy("standard", V2_FROM, "24x7",
                ServiceLevelStore.sameTargets(Duration.ofMinutes(20), Duration.ofHours(8)), 0.75);
        catalogue = store.catalogue("standard");
        fixture = IncidentFixtures.newFixture(catalogue);
    }

    private static ReportIncidentCommand report(Instant time, SupportGroupId assignedGroup) {
        return new ReportIncidentCommand(ID, "Mail is down", null, new UserId("rita"), "email", Impact.MEDIUM,
                Urgency.MEDIUM, SERVICE_DESK, assignedGroup, null, DESK_ANALYST, time);
    }

    private static IncidentReported reportedWith(ServiceLevelTerms terms, Instant time) {
        return new IncidentReported(ID, "Mail is down", null, new UserId("rita"), "email", Impact.MEDIUM,
                Urgency.MEDIUM, Priority.P3_MODERATE, SERVICE_DESK, terms, DESK_ANALYST, time);
    }

    // Terms at the report

    @Test
    void reportBeforeTenMarchGetsVersion1() {
        Instant thirdOfMarch = Instant.parse("2025-03-03T09:00:00Z");
        fixture.givenCurrentTime(thirdOfMarch)
                .when(report(thirdOfMarch, null))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.predicate((IncidentReported event) ->
                                        event.serviceLevel().policy().equals(version1.policy())),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void reportOnTenMarchGetsVersion2() {
        fixture.givenCurrentTime(V2_FROM)
                .when(report(V2_FROM, null))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.predicate((IncidentReported event) ->
                                        event.serviceLevel().policy().equals(version2.policy())
                                                && event.serviceLevel().customerCalendar().id().equals("24x7")),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void reportBeforeEveryVersionGetsNoTerms() {
        Instant before = Instant.parse("2024-12-31T23:59:59Z");
        fixture.givenCurrentTime(before)
                .when(report(before, NET))
                .expectEvents(reportedWith(null, before), new IncidentAssigned(ID, NET, null, DESK_ANALYST, before))
                .expectNoScheduledDeadlineOfType(before, before.plus(Duration.ofDays(30)), ServiceLevelAlarm.class);
    }

    // Live deadlines

    @Test
    void reportSchedulesResponseAndResolutionAlarms() {
        fixture.givenCurrentTime(TEN)
                .when(report(TEN, NET))
                .expectScheduledDeadline(TEN.plus(Duration.ofMinutes(15)), alarm(ServiceLevelClockKind.RESPONSE,
                        false, TEN.plus(Duration.ofMinutes(15)), Duration.ofMinutes(20)))
                .expectScheduledDeadline(TEN.plus(Duration.ofMinutes(20)), alarm(ServiceLevelClockKind.RESPONSE,
                        true, TEN.plus(Duration.ofMinutes(20)), Duration.ofMinutes(20)))
                .expectScheduledDeadline(TEN.plus(Duration.ofMinutes(15)), stintAlarm(false,
                        TEN.plus(Duration.ofMinutes(15))))
                .expectScheduledDeadline(TEN.plus(Duration.ofMinutes(20)), stintAlarm(true,
                        TEN.plus(Duration.ofMinutes(20))))
                .expectScheduledDeadline(TEN.plus(Duration.ofHours(6)), alarm(ServiceLevelClockKind.RESOLUTION,
                        false, TEN.plus(Duration.ofHours(6)), Duration.ofHours(8)))
                .expectScheduledDeadline(TEN.plus(Duration.ofHours(8)), alarm(ServiceLevelClockKind.RESOLUTION,
                        true, TEN.plus(Duration.ofHours(8)), Duration.ofHours(8)));
    }

    @Test
    void unacceptedAssignmentWarnsThenBreaches() {
        Actor policy = Actor.rule("service-level/standard-v2");
        Duration target = Duration.ofMinutes(20);
        Instant warningAt = TEN.plus(Duration.ofMinutes(15));
        Instant breachAt = TEN.plus(target);
        fixture.givenCurrentTime(TEN)
                .andGivenCommands(report(TEN, NET))
                .whenTimeElapses(Duration.ofMinutes(25))
                .expectEvents(
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.RESPONSE, null, Priority.P3_MODERATE,
                                target, "standard", 2, policy, warningAt),
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NET,
                                Priority.P3_MODERATE, target, "standard", 2, policy, warningAt),
                        new ServiceLevelBreached(ID, ServiceLevelClockKind.RESPONSE, null, Priority.P3_MODERATE,
                                target, "standard", 2, policy, breachAt),
                        new ServiceLevelBreached(ID, ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NET,
                                Priority.P3_MODERATE, target, "standard", 2, policy, breachAt));
    }

    @Test
    void handingOnStartsNewGroupStint() {
        // NET hands the incident to DB at 10:10: NET's stint ends without an outcome, DB's runs from 10:10, and the
        // customer's response clock keeps running from 10:00.
        Actor policy = Actor.rule("service-level/standard-v2");
        Duration target = Duration.ofMinutes(20);
        fixture.givenCurrentTime(TEN)
                .andGivenCommands(report(TEN, NET), new ReassignIncidentCommand(ID, DB, null, "database fault",
                        LifecyclePolicy.STRICT, NET_SPECIALIST, TEN.plus(Duration.ofMinutes(10))))
                .whenTimeElapses(Duration.ofMinutes(40))
                .expectEvents(
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.RESPONSE, null, Priority.P3_MODERATE,
                                target, "standard", 2, policy, TEN.plus(Duration.ofMinutes(15))),
                        new ServiceLevelBreached(ID, ServiceLevelClockKind.RESPONSE, null, Priority.P3_MODERATE,
                                target, "standard", 2, policy, TEN.plus(Duration.ofMinutes(20))),
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, DB,
                                Priority.P3_MODERATE, target, "standard", 2, policy, TEN.plus(Duration.ofMinutes(25))),
                        new ServiceLevelBreached(ID, ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, DB,
                                Priority.P3_MODERATE, target, "standard", 2, policy, TEN.plus(Duration.ofMinutes(30))));
    }

    @Test
    void acceptanceBeforeWarningRaisesNothing() {
        fixture.givenCurrentTime(TEN)
                .andGivenCommands(report(TEN, NET), new AcceptAssignmentCommand(ID, ANNA, NET_SPECIALIST,
                        TEN.plus(Duration.ofMinutes(14))))
                .whenTimeElapses(Duration.ofMinutes(30))
                .expectNoEvents()
                .expectNoScheduledDeadlineOfType(TEN, TEN.plus(Duration.ofHours(1)), ServiceLevelAlarm.class);
    }

    @Test
    void acceptanceAfterWarningRaisesOnlyWarning() {
        // The acceptance at 10:17 overtakes the warning deadline of 10:15, which stays due; the breach does not.
        Actor policy = Actor.rule("service-level/standard-v2");
        fixture.givenCurrentTime(TEN)
                .andGivenCommands(report(TEN, NET), new AcceptAssignmentCommand(ID, ANNA, NET_SPECIALIST,
                        TEN.plus(Duration.ofMinutes(17))))
                .whenTimeElapses(Duration.ofMinutes(30))
                .expectEvents(
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.RESPONSE, null, Priority.P3_MODERATE,
                                Duration.ofMinutes(20), "standard", 2, policy, TEN.plus(Duration.ofMinutes(15))),
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NET,
                                Priority.P3_MODERATE, Duration.ofMinutes(20), "standard", 2, policy,
                                TEN.plus(Duration.ofMinutes(15))));
    }

    @Test
    void importedHistoryRaisesNoPastAlarms() {
        // Imported history from March 2025 reached every response and resolution threshold long before the live
        // reassignment a year later. Only the new stint of DB raises alarms, after the reassignment.
        Actor policy = Actor.rule("service-level/standard-v2");
        Instant live = TEN.plus(Duration.ofDays(400));
        fixture.givenCurrentTime(TEN)
                .andGivenCommands(GenericCommandMessage
                        .asCommandMessage(report(TEN, NET)).withMetaData(IMPORTED))
                .andGivenCurrentTime(live)
                .andGivenCommands(new ReassignIncidentCommand(ID, DB, null, "live move", LifecyclePolicy.STRICT,
                        NET_SPECIALIST, live))
                .whenTimeElapses(Duration.ofMinutes(30))
                .expectEvents(
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, DB,
                                Priority.P3_MODERATE, Duration.ofMinutes(20), "standard", 2, policy,
                                live.plus(Duration.ofMinutes(15))),
                        new ServiceLevelBreached(ID, ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, DB,
                                Priority.P3_MODERATE, Duration.ofMinutes(20), "standard", 2, policy,
                                live.plus(Duration.ofMinutes(20))));
    }

    @Test
    void importedHistorySchedulesNoPastAlarms() {
        Instant live = TEN.plus(Duration.ofDays(400));
        fixture.givenCurrentTime(TEN)
                .andGivenCommands(GenericCommandMessage
                        .asCommandMessage(report(TEN, NET)).withMetaData(IMPORTED))
                .andGivenCurrentTime(live)
                .when(new ReassignIncidentCommand(ID, DB, null, "live move", LifecyclePolicy.STRICT, NET_SPECIALIST,
                        live))
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlineOfType(TEN, live, ServiceLevelAlarm.class)
                .expectScheduledDeadline(Duration.ofMinutes(15), new ServiceLevelAlarm(
                        ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, DB, false, live.plus(Duration.ofMinutes(15)),
                        Priority.P3_MODERATE, Duration.ofMinutes(20)));
    }

    @Test
    void staleAlarmChangesNothing() {
        fixture.givenCurrentTime(TEN.plus(Duration.ofMinutes(30)))
                .andGiven(reportedWith(catalogue.termsAt(TEN), TEN), new IncidentAssigned(ID, NET, null, DESK_ANALYST, TEN),
                        new AssignmentAccepted(ID, NET, ANNA, NET_SPECIALIST, TEN.plus(Duration.ofMinutes(10))))
                .whenInvoking(ID.value(), incident -> incident.on(alarm(ServiceLevelClockKind.RESPONSE, true,
                        TEN.plus(Duration.ofMinutes(20)), Duration.ofMinutes(20))))
                .expectNoEvents();
    }

    @Test
    void raisedAlarmIsNotRaisedAgain() {
        Actor policy = Actor.rule("service-level/standard-v2");
        ServiceLevelAlarm warning = alarm(ServiceLevelClockKind.RESPONSE, false, TEN.plus(Duration.ofMinutes(15)),
                Duration.ofMinutes(20));
        fixture.givenCurrentTime(TEN.plus(Duration.ofMinutes(16)))
                .andGiven(reportedWith(catalogue.termsAt(TEN), TEN), new IncidentAssigned(ID, NET, null, DESK_ANALYST, TEN),
                        new ServiceLevelWarningRaised(ID, ServiceLevelClockKind.RESPONSE, null, Priority.P3_MODERATE,
                                Duration.ofMinutes(20), "standard", 2, policy, warning.at()))
                .whenInvoking(ID.value(), incident -> incident.on(warning))
                .expectNoEvents();
    }

    @Test
    void importedReportSchedulesNoServiceLevelDeadlines() {
        fixture.givenCurrentTime(TEN)
                .when(report(TEN, NET), IMPORTED)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.listWithAnyOf(
                                org.axonframework.test.matchers.Matchers.predicate(event ->
                                        event instanceof IncidentReported reported
                                                && reported.serviceLevel() != null))))
                .expectNoScheduledDeadlines();
    }

    @Test
    void importedCommandsRaiseNothingLater() {
        fixture.givenCurrentTime(TEN)
                .andGivenCommands(GenericCommandMessage
                        .asCommandMessage(report(TEN, NET)).withMetaData(IMPORTED))
                .whenTimeElapses(Duration.ofHours(10))
                .expectNoEvents();
    }

    // Terms the clocks cannot count

    @Test
    void reportUnderUncountableTermsRecordsNoTerms() {
        AggregateTestFixture<Incident> broken = IncidentFixtures.newFixture(time -> closedCalendarTerms());

        broken.givenCurrentTime(TEN)
                .when(report(TEN, NET))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reportedWith(null, TEN), new IncidentAssigned(ID, NET, null, DESK_ANALYST, TEN))
                .expectNoScheduledDeadlineOfType(TEN, TEN.plus(Duration.ofDays(30)), ServiceLevelAlarm.class);
    }

    @Test
    void reportUnderOverflowingTargetRecordsNoTerms() {
        AggregateTestFixture<Incident> broken = IncidentFixtures.newFixture(time -> overflowingTerms());

        broken.givenCurrentTime(TEN)
                .when(report(TEN, NET))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reportedWith(null, TEN), new IncidentAssigned(ID, NET, null, DESK_ANALYST, TEN))
                .expectNoScheduledDeadlineOfType(TEN, TEN.plus(Duration.ofDays(30)), ServiceLevelAlarm.class);
    }

    @Test
    void recordedUncountableTermsStopClocksWithoutFailing() {
        Instant later = TEN.plus(Duration.ofMinutes(5));
        for (ServiceLevelTerms terms : List.of(closedCalendarTerms(), overflowingTerms())) {
            fixture.givenCurrentTime(later)
                    .andGiven(reportedWith(terms, TEN), new IncidentAssigned(ID, NET, null, DESK_ANALYST, TEN))
                    .when(new AcceptAssignmentCommand(ID, NET_SPECIALIST.user(), NET_SPECIALIST, later))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AssignmentAccepted(ID, NET, NET_SPECIALIST.user(), NET_SPECIALIST, later))
                    .expectNoScheduledDeadlineOfType(later, later.plus(Duration.ofDays(30)),
                            ServiceLevelAlarm.class);
        }
    }

    @Test
    void uncountableTermsHaveNoAlarmsAndNoneIsDue() {
        for (ServiceLevelTerms terms : List.of(closedCalendarTerms(), overflowingTerms())) {
            IncidentServiceLevel state = new IncidentServiceLevel(ID.value(), terms);
            state.apply(reportedWith(terms, TEN));
            state.apply(new IncidentAssigned(ID, NET, null, DESK_ANALYST, TEN));

            assertThat(state.pendingAlarms()).as(terms.customerCalendar().id()).isEmpty();
            assertThat(state.isDue(alarm(ServiceLevelClockKind.RESPONSE, true, TEN.plus(Duration.ofMinutes(20)),
                    Duration.ofMinutes(20)))).as(terms.customerCalendar().id()).isFalse();
        }
    }

    /** Terms recorded before publication checked the calendar: it has no opening interval on any day. */
    private ServiceLevelTerms closedCalendarTerms() {
        NamedCalendar closed = new NamedCalendar("closed", 1, new BusinessCalendar(ZoneId.of("UTC"), Map.of(),
                List.of()));
        return new ServiceLevelTerms(version2.policy(), closed, Map.of());
    }

    /** Terms recorded before publication bounded targets: counting the resolution target overflows. */
    private static ServiceLevelTerms overflowingTerms() {
        ServiceLevelPolicy policy = new ServiceLevelPolicy("standard", 3, V2_FROM, ServiceLevelStore.sameTargets(
                Duration.ofHours(9_999_999_999L), Duration.ofHours(99_999_999_999_999L)));
        return new ServiceLevelTerms(policy, new NamedCalendar("24x7", 1, BusinessCalendar.alwaysOpen(
                ZoneOffset.UTC)), Map.of());
    }

    // Promised resolution time

    @Test
    void promiseIsRecorded() {
        Instant promisedFor = TEN.plus(Duration.ofHours(3));
        fixture.givenCurrentTime(TEN.plus(Duration.ofMinutes(5)))
                .andGiven(reportedWith(null, TEN), new IncidentAssigned(ID, NET, null, DESK_ANALYST, TEN))
                .when(new PromiseResolutionCommand(ID, promisedFor, NET_SPECIALIST, TEN.plus(Duration.ofMinutes(5))))
                .expectEvents(new ResolutionPromised(ID, promisedFor, NET_SPECIALIST, TEN.plus(Duration.ofMinutes(5))));
    }

    @Test
    void promiseNotAfterItsTimeIsInvalid() {
        Instant time = TEN.plus(Duration.ofMinutes(5));
        fixture.givenCurrentTime(time)
                .andGiven(reportedWith(null, TEN))
                .when(new PromiseResolutionCommand(ID, time, DESK_ANALYST, time))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("must be after the time of the"
                        + " promise, " + time));
    }

    @Test
    void samePromiseAgainRecordsNothing() {
        Instant promisedFor = TEN.plus(Duration.ofHours(3));
        Instant time = TEN.plus(Duration.ofMinutes(5));
        fixture.givenCurrentTime(time)
                .andGiven(reportedWith(null, TEN), new ResolutionPromised(ID, promisedFor, DESK_ANALYST, TEN))
                .when(new PromiseResolutionCommand(ID, promisedFor.plusNanos(1), DESK_ANALYST, time))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                        (IncidentStatus status) -> !status.changed()));
    }

    @Test
    void promiseBeyondTenYearsIsInvalid() {
        Instant time = TEN.plus(Duration.ofMinutes(5));
        fixture.givenCurrentTime(time)
                .andGiven(reportedWith(null, TEN))
                .when(new PromiseResolutionCommand(ID, time.plus(Duration.ofDays(3654)), DESK_ANALYST, time))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("more than 3653 days"));
    }

    @Test
    void promiseBeforeReportIsInvalid() {
        fixture.givenCurrentTime(TEN)
                .andGiven(reportedWith(null, TEN))
                .when(new PromiseResolutionCommand(ID, TEN.minus(Duration.ofHours(1)), DESK_ANALYST, TEN))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT));
    }

    @Test
    void promiseForResolvedClosedOrCancelledIsRejected() {
        for (IncidentState state : new IncidentState[]{IncidentState.RESOLVED, IncidentState.CLOSED,
                IncidentState.CANCELLED}) {
            IncidentFixtures.newFixture()
                    .given(eventsFor(state))
                    .when(new PromiseResolutionCommand(ID, at(300), DESK_ANALYST, at(10)))
                    .expectNoEvents()
                    .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
        }
    }

    @Test
    void catalogueChoosesLatestEffectiveVersion() {
        assertThat(catalogue.termsAt(Instant.parse("2024-12-31T23:59:59.999Z"))).isNull();
        assertThat(catalogue.termsAt(Instant.parse("2025-01-01T00:00:00Z")).policy()).isEqualTo(version1.policy());
        assertThat(catalogue.termsAt(V2_FROM.minusMillis(1)).policy()).isEqualTo(version1.policy());
        assertThat(catalogue.termsAt(V2_FROM).policy()).isEqualTo(version2.policy());
    }

    private static ServiceLevelAlarm stintAlarm(boolean breach, Instant at) {
        return new ServiceLevelAlarm(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NET, breach, at,
                Priority.P3_MODERATE, Duration.ofMinutes(20));
    }

    private static ServiceLevelAlarm alarm(ServiceLevelClockKind clock, boolean breach, Instant at, Duration target) {
        return new ServiceLevelAlarm(clock, null, breach, at, Priority.P3_MODERATE, target);
    }
}
