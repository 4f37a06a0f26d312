package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.PublishServiceLevelPolicyCommand;
import dev.incidents.api.sla.SaveBusinessCalendarCommand;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.command.incident.SupportGroupDirectory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** Versions of calendars and policies, and the rules a policy version must meet. */
class ServiceLevelHistoryTest {

    private static final Actor ADMIN = Actor.of("adam", null);
    private static final Instant SAVED_AT = Instant.parse("2025-03-01T12:00:00Z");
    private static final BusinessCalendar ALWAYS = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
    private static final BusinessCalendar WARSAW = BusinessCalendar.alwaysOpen(ZoneId.of("Europe/Warsaw"));
    private static final Map<Priority, ServiceLevelTargets> TARGETS = ServiceLevelStore.sameTargets(
            Duration.ofMinutes(30), Duration.ofHours(8));
    /** Lists only NET. */
    private static final SupportGroupDirectory GROUPS = new SupportGroupDirectory() {
        @Override
        public OptionalInt tierOf(SupportGroupId group) {
            return group.value().equals("NET") ? OptionalInt.of(2) : OptionalInt.empty();
        }

        @Override
        public boolean isMember(SupportGroupId group, UserId person) {
            return false;
        }

        @Override
        public boolean knowsUser(UserId person) {
            return false;
        }
    };
    /** Knows the calendar 24x7 only. */
    private static final CalendarDirectory CALENDARS = id -> id.equals("24x7") ? new NamedCalendar(id, 1, ALWAYS) : null;

    private AggregateTestFixture<BusinessCalendarHistory> calendars;
    private AggregateTestFixture<ServiceLevelPolicyHistory> policies;

    @BeforeEach
    void setUp() {
        calendars = new AggregateTestFixture<>(BusinessCalendarHistory.class);
        calendars.registerCommandTargetResolver(new ServiceLevelStreams.TargetResolver());
        policies = new AggregateTestFixture<>(ServiceLevelPolicyHistory.class);
        policies.registerCommandTargetResolver(new ServiceLevelStreams.TargetResolver());
        policies.registerInjectableResource(CALENDARS);
        policies.registerInjectableResource(GROUPS);
    }

    private static PublishServiceLevelPolicyCommand publish(Map<Priority, ServiceLevelTargets> targets,
                                                            String calendarId, Map<String, String> groupCalendars,
                                                            double threshold) {
        return new PublishServiceLevelPolicyCommand("standard", Instant.parse("2025-03-10T00:00:00Z"), calendarId,
                groupCalendars, targets, threshold, ADMIN, SAVED_AT);
    }

    private static ServiceLevelPolicyPublished published(int version) {
        return new ServiceLevelPolicyPublished(new ServiceLevelPolicy("standard", version,
                Instant.parse("2025-03-10T00:00:00Z"), TARGETS, 0.75), "24x7", Map.of("NET", "24x7"), ADMIN,
                SAVED_AT);
    }

    @Test
    void firstSaveIsVersion1() {
        calendars.givenNoPriorActivity()
                .when(new SaveBusinessCalendarCommand("EMEA", WARSAW, ADMIN, SAVED_AT))
                .expectEvents(new BusinessCalendarSaved("EMEA", 1, WARSAW, ADMIN, SAVED_AT))
                .expectResultMessagePayload(new ServiceLevelVersion("EMEA", 1, true));
    }

    @Test
    void sameContentAddsNoVersion() {
        calendars.given(new BusinessCalendarSaved("EMEA", 1, WARSAW, ADMIN, SAVED_AT))
                .when(new SaveBusinessCalendarCommand("EMEA", WARSAW, ADMIN, SAVED_AT.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(new ServiceLevelVersion("EMEA", 1, false));
    }

    @Test
    void changedContentIsNextVersion() {
        calendars.given(new BusinessCalendarSaved("EMEA", 1, WARSAW, ADMIN, SAVED_AT))
                .when(new SaveBusinessCalendarCommand("EMEA", ALWAYS, ADMIN, SAVED_AT))
                .expectEvents(new BusinessCalendarSaved("EMEA", 2, ALWAYS, ADMIN, SAVED_AT));
    }

    @Test
    void invalidCalendarIdIsRejected() {
        calendars.givenNoPriorActivity()
                .when(new SaveBusinessCalendarCommand("no spaces", ALWAYS, ADMIN, SAVED_AT))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(containsString("'no spaces'"));
    }

    @Test
    void policyVersionsCountFrom1() {
        policies.givenNoPriorActivity()
                .when(publish(TARGETS, "24x7", Map.of("NET", "24x7"), 0.75))
                .expectEvents(published(1))
                .expectResultMessagePayload(new ServiceLevelVersion("standard", 1, true));
    }

    @Test
    void nextPublicationIsNextVersion() {
        policies.given(published(1))
                .when(publish(TARGETS, "24x7", Map.of("NET", "24x7"), 0.75))
                .expectEvents(published(2));
    }

    @Test
    void calendarWithoutIntervalIsRejected() {
        BusinessCalendar closed = new BusinessCalendar(ZoneId.of("UTC"), Map.of(), List.of());

        calendars.givenNoPriorActivity()
                .when(new SaveBusinessCalendarCommand("CLOSED", closed, ADMIN, SAVED_AT))
                .expectNoEvents()
                .expectException(InvalidServiceLevelException.class)
                .expectExceptionMessage(allOf(containsString("calendar CLOSED"),
                        containsString("at least one interval")));
    }

    @Test
    void fixedOffsetZoneIsRejected() {
        for (ZoneId offset : List.of(ZoneOffset.ofHours(2), ZoneId.of("UTC+02:00"))) {
            calendars.givenNoPriorActivity()
                    .when(new SaveBusinessCalendarCommand("EMEA", BusinessCalendar.alwaysOpen(offset), ADMIN,
                            SAVED_AT))
                    .expectNoEvents()
                    .expectException(InvalidServiceLevelException.class)
                    .expectExceptionMessage(allOf(containsString("'" + offset.getId() + "'"),
                            containsString("Europe/Warsaw")));
        }
    }

    @Test
    void unreachableTargetIsRejected() {
        // Open one minute a week: 521 minutes in ten years, less than a target of 400 days.
        BusinessCalendar minute = new BusinessCalendar(ZoneId.of("UTC"), Map.of(DayOfWeek.MONDAY,
                List.of(OpeningInterval.parse("09:00-09:01"))), List.of());
        AggregateTestFixture<ServiceLevelPolicyHistory> sparse = new AggregateTestFixture<>(
                ServiceLevelPolicyHistory.class);
        sparse.registerCommandTargetResolver(new ServiceLevelStreams.TargetResolver());
        sparse.registerInjectableResource((CalendarDirectory) id -> new NamedCalendar(id, 3, minute));
        sparse.registerInjectableResource(GROUPS);

        sparse.givenNoPriorActivity()
                .when(publish(ServiceLevelStore.sameTargets(Duration.ofMinutes(30), Duration.ofHours(12)), "SPARSE",
                        Map.of(), 0.75))
                .expectNoEvents()
                .expectException(InvalidServiceLevelException.class)
                .expectExceptionMessage(allOf(containsString("P1.resolution PT12H"),
                        containsString("calendar SPARSE version 3")));
    }

    @Test
    void effectiveFromIsTruncatedToMilliseconds() {
        Instant precise = Instant.parse("2025-03-10T00:00:00.123456789Z");

        policies.givenNoPriorActivity()
                .when(new PublishServiceLevelPolicyCommand("standard", precise, "24x7", Map.of(), TARGETS, 0.75,
                        ADMIN, SAVED_AT))
                .expectEvents(new ServiceLevelPolicyPublished(new ServiceLevelPolicy("standard", 1,
                        Instant.parse("2025-03-10T00:00:00.123Z"), TARGETS, 0.75), "24x7", Map.of(), ADMIN,
                        SAVED_AT));
    }

    @Test
    void unsavedCalendarIsRejected() {
        policies.givenNoPriorActivity()
                .when(publish(TARGETS, "EMEA", Map.of(), 0.75))
                .expectNoEvents()
                .expectException(InvalidServiceLevelException.class)
                .expectExceptionMessage(allOf(containsString("'EMEA'"), containsString("Save it first")));
    }

    @Test
    void unsavedGroupCalendarIsRejected() {
        policies.givenNoPriorActivity()
                .when(publish(TARGETS, "24x7", Map.of("NET", "APAC"), 0.75))
                .expectNoEvents()
                .expectExceptionMessage(allOf(containsString("supportGroupCalendars.NET"), containsString("'APAC'")));
    }

    @Test
    void unlistedGroupIsRejected() {
        policies.givenNoPriorActivity()
                .when(publish(TARGETS, "24x7", Map.of("APAC-NET", "24x7"), 0.75))
                .expectNoEvents()
                .expectExceptionMessage(allOf(containsString("'APAC-NET'"),
                        containsString("not a support group")));
    }

    @Test
    void missingPrioritiesAreRejected() {
        Map<Priority, ServiceLevelTargets> partial = new EnumMap<>(TARGETS);
        partial.remove(Priority.P4_LOW);
        partial.remove(Priority.P5_PLANNING);
        policies.givenNoPriorActivity()
                .when(publish(partial, "24x7", Map.of(), 0.75))
                .expectNoEvents()
                .expectException(InvalidServiceLevelException.class)
                .expectExceptionMessage(containsString("targets lack P4, P5"));
    }

    @Test
    void thresholdOutsideRangeIsRejected() {
        for (double threshold : new double[]{0, -0.5, 1.01, Double.NaN}) {
            AggregateTestFixture<ServiceLevelPolicyHistory> fixture =
                    new AggregateTestFixture<>(ServiceLevelPolicyHistory.class);
            fixture.registerCommandTargetResolver(new ServiceLevelStreams.TargetResolver());
            fixture.registerInjectableResource(CALENDARS);
            fixture.registerInjectableResource(GROUPS);
            fixture.givenNoPriorActivity()
                    .when(publish(TARGETS, "24x7", Map.of(), threshold))
                    .expectNoEvents()
                    .expectException(InvalidServiceLevelException.class)
                    .expectExceptionMessage(containsString("warningThreshold " + threshold));
        }
    }

    @Test
    void thresholdOfOneIsAllowed() {
        policies.givenNoPriorActivity()
                .when(publish(TARGETS, "24x7", Map.of(), 1.0))
                .expectSuccessfulHandlerExecution();
    }
}
