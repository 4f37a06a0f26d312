package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.incidents.api.sla.Events.DESK;
import static dev.incidents.api.sla.Events.NETWORK;
import static dev.incidents.api.sla.Events.accepted;
import static dev.incidents.api.sla.Events.acceptedBy;
import static dev.incidents.api.sla.Events.assigned;
import static dev.incidents.api.sla.Events.breachRaised;
import static dev.incidents.api.sla.Events.classified;
import static dev.incidents.api.sla.Events.closed;
import static dev.incidents.api.sla.Events.pended;
import static dev.incidents.api.sla.Events.reassigned;
import static dev.incidents.api.sla.Events.reassignedTo;
import static dev.incidents.api.sla.Events.reopened;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resolved;
import static dev.incidents.api.sla.Events.resumed;
import static dev.incidents.api.sla.Events.warningRaised;
import static dev.incidents.api.sla.Events.workNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The alarms a clock lists for deadlines agree with the crossings its readings report. */
class UpcomingAlarmTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");

    private static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Instant amsterdam(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Calendars.AMSTERDAM).toInstant();
    }

    private static ServiceLevelClock utcClock(IncidentEvent... events) {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(),
                BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
        for (IncidentEvent event : events) {
            clock.apply(event);
        }
        return clock;
    }

    /** Office hours in Amsterdam over the spring-forward weekend, with pauses, two groups and an upgrade to P1. */
    private static List<IncidentEvent> officeHistory() {
        return List.of(
                reported(Priority.P3_MODERATE, amsterdam("2025-03-27T16:30")),
                assigned(amsterdam("2025-03-27T16:45")),
                accepted(amsterdam("2025-03-28T10:00")),
                pended(amsterdam("2025-03-28T11:00")),
                reassigned(IncidentState.PENDING, amsterdam("2025-03-28T14:00")),
                classified(Priority.P3_MODERATE, Priority.P1_CRITICAL, amsterdam("2025-03-28T15:00")),
                pended(amsterdam("2025-03-28T16:00")),
                resumed(amsterdam("2025-03-31T09:30")),
                resolved(amsterdam("2025-03-31T12:00")),
                closed(amsterdam("2025-04-01T09:00")),
                reopened(amsterdam("2025-04-02T10:00")),
                resolved(amsterdam("2025-04-02T11:15")));
    }

    /** Terms with the desk on Singapore office hours, so stints cross nights and weekends in another zone. */
    private static ServiceLevelTerms splitTerms() {
        NamedCalendar customer = new NamedCalendar("amsterdam", 1, Calendars.officeHours(List.of()));
        NamedCalendar singapore = new NamedCalendar("singapore", 2, Calendars.weekdays(SINGAPORE, "09:00-17:00"));
        return new ServiceLevelTerms(Events.standardPolicy(), customer, Map.of(DESK.value(), singapore));
    }

    @Test
    void alarmsMatchReadingsOfSameHistory() {
        int checked = checkAlarmsAgainstReadings(officeHistory(),
                () -> new ServiceLevelClock(Events.standardPolicy(), Calendars.officeHours(List.of())));
        int checkedWithTerms = checkAlarmsAgainstReadings(officeHistory(), () -> new ServiceLevelClock(splitTerms()));

        // More than ten alarms over the prefixes of each history show that the checks ran.
        assertThat(checked).isGreaterThan(10);
        assertThat(checkedWithTerms).isGreaterThan(10);
    }

    /**
     * Applies each prefix of {@code events} and checks every listed alarm: a reading at its instant reports it, a
     * reading a nanosecond earlier does not, and if the next event comes later, the whole history reports it too.
     * Returns the number of alarms checked.
     */
    private static int checkAlarmsAgainstReadings(List<IncidentEvent> events,
                                                  Supplier<ServiceLevelClock> newClock) {
        ServiceLevelClock whole = newClock.get();
        events.forEach(whole::apply);
        Instant end = events.get(events.size() - 1).occurredAt();

        int checked = 0;
        for (int i = 0; i < events.size(); i++) {
            ServiceLevelClock prefix = newClock.get();
            events.subList(0, i + 1).forEach(prefix::apply);
            Instant lastEventAt = events.get(i).occurredAt();
            int runningStint = prefix.readingAt(lastEventAt).stints().size() - 1;
            List<ServiceLevelAlarm> alarms = prefix.upcomingAlarms();

            assertThat(alarms).as("after %s", events.get(i)).isSortedAccordingTo(
                    Comparator.comparing(ServiceLevelAlarm::at));
            for (ServiceLevelAlarm alarm : alarms) {
                String context = alarm + " after " + events.get(i);
                assertThat(alarm.at()).as(context).isAfterOrEqualTo(lastEventAt);
                assertThat(crossing(prefix.readingAt(alarm.at()), alarm, runningStint)).as(context)
                        .isEqualTo(alarm.at());
                if (alarm.at().isAfter(lastEventAt)) {
                    assertThat(crossing(prefix.readingAt(alarm.at().minusNanos(1)), alarm, runningStint))
                            .as(context).isNull();
                }

                boolean nothingElseHappened = i == events.size() - 1 || events.get(i + 1).occurredAt()
                        .isAfter(alarm.at());
                if (nothingElseHappened) {
                    Instant readAt = alarm.at().isAfter(end) ? alarm.at() : end;
                    assertThat(crossing(whole.readingAt(readAt), alarm, runningStint)).as(context)
                            .isEqualTo(alarm.at());
                }
                checked++;
            }
        }
        return checked;
    }

    /** Returns the warning or breach instant that {@code reading} reports for the clock of {@code alarm}. */
    private static Instant crossing(ServiceLevelReading reading, ServiceLevelAlarm alarm, int runningStint) {
        return switch (alarm.clock()) {
            case RESPONSE -> alarm.breach() ? reading.response().breachAt() : reading.response().warningAt();
            case RESOLUTION -> alarm.breach() ? reading.resolution().breachAt() : reading.resolution().warningAt();
            case SUPPORT_GROUP_RESPONSE -> {
                StintReading stint = reading.stints().get(runningStint);
                assertThat(stint.group()).isEqualTo(alarm.group().value());
                yield alarm.breach() ? stint.breachAt() : stint.warningAt();
            }
        };
    }

    @Test
    void alarmsNameClockGroupPriorityAndTarget() {
        // P2 gives 30 minutes to respond and 8 hours to resolve. The warning comes at 75 % of each.
        List<ServiceLevelAlarm> alarms = utcClock(reported(Priority.P2_HIGH, T0), assigned(T0)).upcomingAlarms();

        Duration response = Duration.ofMinutes(30);
        Duration resolution = Duration.ofHours(8);
        assertThat(alarms).containsExactlyInAnyOrder(
                new ServiceLevelAlarm(ServiceLevelClockKind.RESPONSE, null, false, minutes(30).minusSeconds(450),
                        Priority.P2_HIGH, response),
                new ServiceLevelAlarm(ServiceLevelClockKind.RESPONSE, null, true, minutes(30), Priority.P2_HIGH,
                        response),
                new ServiceLevelAlarm(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NETWORK, false,
                        minutes(30).minusSeconds(450), Priority.P2_HIGH, response),
                new ServiceLevelAlarm(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NETWORK, true, minutes(30),
                        Priority.P2_HIGH, response),
                new ServiceLevelAlarm(ServiceLevelClockKind.RESOLUTION, null, false, minutes(6 * 60),
                        Priority.P2_HIGH, resolution),
                new ServiceLevelAlarm(ServiceLevelClockKind.RESOLUTION, null, true, minutes(8 * 60),
                        Priority.P2_HIGH, resolution));
    }

    @Test
    void reachedThresholdsAreLeftOut() {
        // At 25 minutes the 22.5-minute warnings of the response clock and the stint have passed.
        ServiceLevelClock clock = utcClock(reported(Priority.P2_HIGH, T0), assigned(T0), workNote(minutes(25)));

        assertThat(clock.upcomingAlarms())
                .filteredOn(alarm -> alarm.clock() != ServiceLevelClockKind.RESOLUTION)
                .extracting(ServiceLevelAlarm::breach)
                .containsExactly(true, true);
    }

    @Test
    void stoppedAndPausedClocksHaveNoAlarms() {
        ServiceLevelClock clock = utcClock(reported(Priority.P2_HIGH, T0), assigned(T0), accepted(minutes(5)),
                pended(minutes(10)));

        assertThat(clock.upcomingAlarms()).isEmpty();
    }

    @Test
    void reclassificationPastThresholdAlarmsAtOnce() {
        // 20 minutes under P2 pass P1's 11.25-minute warning and 15-minute target at the upgrade.
        ServiceLevelClock clock = utcClock(reported(Priority.P2_HIGH, T0), assigned(T0),
                classified(Priority.P2_HIGH, Priority.P1_CRITICAL, minutes(20)));

        assertThat(clock.upcomingAlarms())
                .filteredOn(alarm -> alarm.clock() == ServiceLevelClockKind.RESPONSE)
                .extracting(ServiceLevelAlarm::at, ServiceLevelAlarm::priority)
                .containsExactly(
                        tuple(minutes(20), Priority.P1_CRITICAL),
                        tuple(minutes(20), Priority.P1_CRITICAL));
        assertThat(clock.readingAt(minutes(20)).response().breachAt()).isEqualTo(minutes(20));
    }

    @Test
    void runningStintAlarmsNameItsGroup() {
        ServiceLevelClock clock = utcClock(reported(Priority.P2_HIGH, T0), assigned(T0),
                reassignedTo(NETWORK, DESK, IncidentState.ASSIGNED, minutes(10)));

        assertThat(clock.upcomingAlarms())
                .filteredOn(alarm -> alarm.clock() == ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE)
                .extracting(ServiceLevelAlarm::group, ServiceLevelAlarm::at)
                .containsExactly(
                        tuple(DESK, minutes(10 + 30).minusSeconds(450)),
                        tuple(DESK, minutes(10 + 30)));
    }

    @Test
    void raisedWarningsAndBreachesChangeNothing() {
        IncidentEvent[] history = {reported(Priority.P2_HIGH, T0), assigned(T0)};
        ServiceLevelClock plain = utcClock(history);
        ServiceLevelClock withDeadlineEvents = utcClock(history);
        SupportGroupId noGroup = null;

        withDeadlineEvents.apply(warningRaised(ServiceLevelClockKind.RESPONSE, noGroup, minutes(30).minusSeconds(450)));
        withDeadlineEvents.apply(breachRaised(ServiceLevelClockKind.RESPONSE, noGroup, minutes(30)));
        withDeadlineEvents.apply(warningRaised(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, NETWORK, minutes(40)));

        assertThat(withDeadlineEvents.upcomingAlarms()).isEqualTo(plain.upcomingAlarms());
        // The deadline events do not count as the last event, so the clock can still be read before them.
        assertThat(withDeadlineEvents.readingAt(minutes(1))).isEqualTo(plain.readingAt(minutes(1)));
        assertThat(withDeadlineEvents.readingAt(minutes(45))).isEqualTo(plain.readingAt(minutes(45)));
    }

    @Test
    void alarmsBeforeReportAreRejected() {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(),
                BusinessCalendar.alwaysOpen(ZoneOffset.UTC));

        assertThatThrownBy(clock::upcomingAlarms)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot list service level alarms: no event was applied; apply IncidentReported first");
    }

    @Test
    void acceptanceEndsResponseAndStintAlarms() {
        ServiceLevelClock clock = utcClock(reported(Priority.P2_HIGH, T0), assigned(T0),
                reassignedTo(NETWORK, DESK, IncidentState.ASSIGNED, minutes(10)), acceptedBy(DESK, minutes(12)));

        assertThat(clock.upcomingAlarms()).extracting(ServiceLevelAlarm::clock)
                .containsOnly(ServiceLevelClockKind.RESOLUTION);
    }
}
