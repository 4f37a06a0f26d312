package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.incidents.api.sla.Events.DESK;
import static dev.incidents.api.sla.Events.NETWORK;
import static dev.incidents.api.sla.Events.acceptedBy;
import static dev.incidents.api.sla.Events.assignedTo;
import static dev.incidents.api.sla.Events.pended;
import static dev.incidents.api.sla.Events.promised;
import static dev.incidents.api.sla.Events.reassignedTo;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resumed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Acceptance scenarios of the service level requirements, at clock level. Calendars are 24x7 in UTC unless a
 * scenario names one, and expected figures are worked out from each scenario's own times in the comments.
 */
class ServiceLevelScenarioTest {

    private static final BusinessCalendar UTC = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
    private static final Instant ASSIGNED_AT = Instant.parse("2025-03-03T10:00:00Z");

    private static ServiceLevelClock clock(ServiceLevelPolicy policy, BusinessCalendar calendar,
                                           IncidentEvent... events) {
        ServiceLevelClock clock = new ServiceLevelClock(policy, calendar);
        for (IncidentEvent event : events) {
            clock.apply(event);
        }
        return clock;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    // Scenario a: a pause, a reassignment out of PENDING and a promise, resolution target 120 minutes.

    private static ServiceLevelReading pausedThenLeftPendingBy(IncidentEvent leavePending) {
        ServiceLevelPolicy policy = Events.flatPolicy(minutes(15), minutes(120), null);
        return clock(policy, UTC,
                reported(at("2025-03-03T09:00:00Z")),
                assignedTo(DESK, at("2025-03-03T09:00:00Z")),
                acceptedBy(DESK, at("2025-03-03T09:02:00Z")),
                promised(at("2025-03-03T10:30:00Z"), at("2025-03-03T09:05:00Z")),
                pended(at("2025-03-03T09:10:00Z")),
                leavePending)
                .readingAt(at("2025-03-03T13:05:00Z"));
    }

    private static void assertPausedFigures(ServiceLevelReading reading) {
        // Counted 09:00-09:10 and 13:00-13:05: 15 minutes. Paused: 4h05m since the report minus those 15.
        // Due: 105 minutes left after 13:05.
        ClockReading resolution = reading.resolution();
        assertThat(resolution.status()).isEqualTo(ClockStatus.RUNNING);
        assertThat(resolution.elapsed()).isEqualTo(minutes(10 + 5));
        assertThat(Duration.between(at("2025-03-03T09:00:00Z"), reading.asOf()).minus(resolution.elapsed()))
                .isEqualTo(minutes(230));
        assertThat(resolution.dueAt()).isEqualTo(at("2025-03-03T14:50:00Z"));
        assertThat(resolution.breached()).isFalse();
        assertThat(resolution.outcome()).isNull();
    }

    @Test
    void reassignmentEndsPauseOfResolution() {
        ServiceLevelReading reading = pausedThenLeftPendingBy(
                reassignedTo(DESK, NETWORK, IncidentState.PENDING, at("2025-03-03T13:00:00Z")));

        assertPausedFigures(reading);
    }

    @Test
    void resumeEndsPauseOfResolution() {
        ServiceLevelReading reading = pausedThenLeftPendingBy(resumed(at("2025-03-03T13:00:00Z")));

        assertPausedFigures(reading);
    }

    @Test
    void promiseIgnoresPauseAndIsMissed() {
        PromiseReading promise = pausedThenLeftPendingBy(
                reassignedTo(DESK, NETWORK, IncidentState.PENDING, at("2025-03-03T13:00:00Z"))).promise();

        assertThat(promise.promisedFor()).isEqualTo(at("2025-03-03T10:30:00Z"));
        assertThat(promise.promisedAt()).isEqualTo(at("2025-03-03T09:05:00Z"));
        assertThat(promise.kept()).isFalse();
    }

    // Scenario b: a calendar open all day crosses midnight without losing a minute.

    private static BusinessCalendar everyDayUtc(String interval) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(OpeningInterval.parse(interval)));
        }
        return new BusinessCalendar(ZoneOffset.UTC, hours, List.of());
    }

    @Test
    void wholeDayCalendarCountsMidnightMinute() {
        // Monday 13 January 2025, 23:30: 30 minutes to midnight plus 30 after it. 4320 minutes are three days.
        Instant reportedAt = at("2025-01-13T23:30:00Z");
        ServiceLevelPolicy policy = Events.flatPolicy(minutes(60), minutes(4320), null);

        ServiceLevelReading reading = clock(policy, everyDayUtc("00:00-24:00"),
                reported(reportedAt), assignedTo(NETWORK, reportedAt)).readingAt(reportedAt);

        assertThat(reading.response().dueAt()).isEqualTo(at("2025-01-14T00:30:00Z"));
        assertThat(reading.resolution().dueAt()).isEqualTo(at("2025-01-16T23:30:00Z"));
    }

    @Test
    void calendarEndingAt2359IsRejected() {
        assertThatThrownBy(() -> everyDayUtc("00:00-23:59"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("00:00-23:59")
                .hasMessageContaining("use 24:00 for the end of the day");
    }

    // Scenario c: response target 20 minutes, warning at 75 %, so 15 minutes.

    private static ServiceLevelClock assignedAtTen(IncidentEvent... later) {
        ServiceLevelClock clock = clock(Events.flatPolicy(minutes(20), minutes(240), null), UTC,
                reported(ASSIGNED_AT), assignedTo(NETWORK, ASSIGNED_AT));
        for (IncidentEvent event : later) {
            clock.apply(event);
        }
        return clock;
    }

    @Test
    void unacceptedAssignmentListsWarningAndBreach() {
        // Response and the network stint: 15 and 20 minutes after 10:00. Resolution: 180 and 240 minutes.
        List<ServiceLevelAlarm> alarms = assignedAtTen().upcomingAlarms();

        Priority priority = Priority.P3_MODERATE;
        assertThat(alarms).containsExactlyInAnyOrder(
                new ServiceLevelAlarm(ServiceLevelClockKind.RESPONSE, null, false, at("2025-03-03T10:15:00Z"),
                        priority, minutes(20)),
                new ServiceLevelAlarm(ServiceLevelClockKind.RESPONSE, null, true, at("2025-03-03T10:20:00Z"),
                        priority, minutes(20)),
                new ServiceLevelAlarm(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NETWORK, false,
                        at("2025-03-03T10:15:00Z"), priority, minutes(20)),
                new ServiceLevelAlarm(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NETWORK, true,
                        at("2025-03-03T10:20:00Z"), priority, minutes(20)),
                new ServiceLevelAlarm(ServiceLevelClockKind.RESOLUTION, null, false, at("2025-03-03T13:00:00Z"),
                        priority, minutes(240)),
                new ServiceLevelAlarm(ServiceLevelClockKind.RESOLUTION, null, true, at("2025-03-03T14:00:00Z"),
                        priority, minutes(240)));
    }

    @Test
    void unacceptedAssignmentWarnsThenBreaches() {
        ServiceLevelClock clock = assignedAtTen();

        ClockReading justBefore = clock.readingAt(at("2025-03-03T10:14:59Z")).response();
        ClockReading atWarning = clock.readingAt(at("2025-03-03T10:15:00Z")).response();
        ClockReading atBreach = clock.readingAt(at("2025-03-03T10:20:00Z")).response();

        assertThat(justBefore.warningAt()).isNull();
        assertThat(atWarning.warningAt()).isEqualTo(at("2025-03-03T10:15:00Z"));
        assertThat(atWarning.breachAt()).isNull();
        assertThat(atBreach.breachAt()).isEqualTo(at("2025-03-03T10:20:00Z"));
    }

    @Test
    void acceptanceAfterTargetIsBreached() {
        ClockReading response = assignedAtTen(acceptedBy(NETWORK, at("2025-03-03T10:22:00Z")))
                .readingAt(at("2025-03-03T11:00:00Z")).response();

        assertThat(response.elapsed()).isEqualTo(minutes(22));
        assertThat(response.outcome()).isEqualTo(ClockOutcome.BREACHED);
    }

    @Test
    void acceptanceBeforeWarningNeverWarns() {
        ServiceLevelClock clock = assignedAtTen(acceptedBy(NETWORK, at("2025-03-03T10:14:00Z")));

        assertThat(clock.readingAt(at("2025-03-03T10:14:00Z")).response().warningAt()).isNull();
        assertThat(clock.readingAt(at("2025-03-03T12:00:00Z")).response().warningAt()).isNull();
        assertThat(clock.readingAt(at("2025-03-03T12:00:00Z")).response().outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(clock.upcomingAlarms()).extracting(ServiceLevelAlarm::clock)
                .containsOnly(ServiceLevelClockKind.RESOLUTION);
    }

    // Scenario d: a hand-over from Warsaw to Singapore office hours, each group on its own calendar.

    @Test
    void stintsCountOnEachGroupsCalendar() {
        SupportGroupId emeaNetwork = new SupportGroupId("EMEA-NET");
        SupportGroupId apacNetwork = new SupportGroupId("APAC-NET");
        NamedCalendar emea = new NamedCalendar("EMEA", 1,
                Calendars.weekdays(ZoneId.of("Europe/Warsaw"), "09:00-17:00"));
        NamedCalendar apac = new NamedCalendar("APAC", 1,
                Calendars.weekdays(ZoneId.of("Asia/Singapore"), "09:00-17:00"));
        ServiceLevelTerms terms = new ServiceLevelTerms(Events.flatPolicy(minutes(240), minutes(2400), minutes(120)),
                emea, Map.of(emeaNetwork.value(), emea, apacNetwork.value(), apac));
        ServiceLevelClock clock = new ServiceLevelClock(terms);

        clock.apply(reported(at("2025-01-13T15:00:00Z")));
        clock.apply(assignedTo(emeaNetwork, at("2025-01-13T15:00:00Z")));
        clock.apply(reassignedTo(emeaNetwork, apacNetwork, IncidentState.ASSIGNED, at("2025-01-13T16:00:00Z")));
        clock.apply(acceptedBy(apacNetwork, at("2025-01-14T01:30:00Z")));
        ServiceLevelReading reading = clock.readingAt(at("2025-01-14T01:30:00Z"));

        // Warsaw is UTC+1 in January: 15:00-16:00 UTC is 16:00-17:00 local, the last open hour of Monday.
        StintReading emeaStint = reading.stints().get(0);
        assertThat(emeaStint.group()).isEqualTo("EMEA-NET");
        assertThat(emeaStint.calendarId()).isEqualTo("EMEA");
        assertThat(emeaStint.elapsed()).isEqualTo(minutes(60));
        assertThat(emeaStint.outcome()).isEqualTo(StintOutcome.HANDED_ON);
        // Singapore is UTC+8: it opens on Tuesday at 09:00 local, 01:00 UTC, so 30 minutes pass until 01:30 UTC.
        StintReading apacStint = reading.stints().get(1);
        assertThat(apacStint.group()).isEqualTo("APAC-NET");
        assertThat(apacStint.calendarId()).isEqualTo("APAC");
        assertThat(apacStint.elapsed()).isEqualTo(minutes(30));
        assertThat(apacStint.outcome()).isEqualTo(StintOutcome.MET);
        assertThat(reading.stints()).hasSize(2);
        // The customer's Warsaw calendar is closed from 16:00 UTC until Tuesday 08:00 UTC.
        assertThat(reading.resolution().elapsed()).isEqualTo(minutes(60));
        assertThat(reading.response().elapsed()).isEqualTo(minutes(60));
    }

    // Scenario e: New York office hours over a weekend on which daylight saving time starts.

    @Test
    void responseClockWaitsOverWeekend() {
        // Friday 7 March 2025, 21:00 UTC is 16:00 EST, an hour before closing. Summer time starts on Sunday
        // 9 March, so Monday opens at 09:00 EDT, 13:00 UTC, and the remaining 60 minutes end at 14:00 UTC.
        BusinessCalendar newYork = Calendars.weekdays(ZoneId.of("America/New_York"), "09:00-17:00");
        Instant reportedAt = at("2025-03-07T21:00:00Z");
        ServiceLevelClock clock = clock(Events.flatPolicy(minutes(120), minutes(2400), null), newYork,
                reported(reportedAt), assignedTo(NETWORK, reportedAt));

        for (String asOf : List.of("2025-03-07T22:00:00Z", "2025-03-08T15:00:00Z", "2025-03-09T15:00:00Z",
                "2025-03-10T13:00:00Z")) {
            ClockReading response = clock.readingAt(at(asOf)).response();
            assertThat(response.elapsed()).as(asOf).isEqualTo(minutes(60));
            assertThat(response.dueAt()).as(asOf).isEqualTo(at("2025-03-10T14:00:00Z"));
        }
        assertThat(clock.readingAt(at("2025-03-10T14:00:00Z")).response().breachAt())
                .isEqualTo(at("2025-03-10T14:00:00Z"));
    }
}
