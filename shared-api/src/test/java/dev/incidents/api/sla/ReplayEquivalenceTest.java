package dev.incidents.api.sla;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static dev.incidents.api.sla.Events.accepted;
import static dev.incidents.api.sla.Events.assigned;
import static dev.incidents.api.sla.Events.classified;
import static dev.incidents.api.sla.Events.closed;
import static dev.incidents.api.sla.Events.pended;
import static dev.incidents.api.sla.Events.reassigned;
import static dev.incidents.api.sla.Events.reopened;
import static dev.incidents.api.sla.Events.reported;
import static dev.incidents.api.sla.Events.resolved;
import static dev.incidents.api.sla.Events.resumed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clock read after every event, as live deadlines do, gives the same figures as a clock fed the whole history at
 * once, as a replayed projection does.
 */
class ReplayEquivalenceTest {

    private static final BusinessCalendar OFFICE_HOURS = Calendars.officeHours(List.of());

    private static Instant amsterdam(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Calendars.AMSTERDAM).toInstant();
    }

    /** Returns a history over the spring-forward weekend with pauses, a priority change, a breach and a reopen. */
    private static List<IncidentEvent> history() {
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

    private static ServiceLevelReading readAllAt(List<IncidentEvent> events, Instant asOf) {
        ServiceLevelClock clock = new ServiceLevelClock(Events.standardPolicy(), OFFICE_HOURS);
        events.forEach(clock::apply);
        return clock.readingAt(asOf);
    }

    @Test
    void liveReadingsMatchReplay() {
        List<IncidentEvent> events = history();
        ServiceLevelClock live = new ServiceLevelClock(Events.standardPolicy(), OFFICE_HOURS);

        for (int i = 0; i < events.size(); i++) {
            IncidentEvent event = events.get(i);
            live.apply(event);
            Instant halfHourLater = event.occurredAt().plusSeconds(1800);

            ServiceLevelReading replayed = readAllAt(events.subList(0, i + 1), event.occurredAt());
            ServiceLevelReading replayedLater = readAllAt(events.subList(0, i + 1), halfHourLater);
            assertThat(live.readingAt(event.occurredAt())).as("after %s", event).isEqualTo(replayed);
            assertThat(live.readingAt(halfHourLater)).as("half an hour after %s", event).isEqualTo(replayedLater);
        }
    }

    @Test
    void finalReadingOfHistory() {
        // Resolution: 30m on Thursday, 2h on Friday until the pend and 1h after the reassignment give 3h30m at the
        // P1 upgrade, past its 3h warning. The next 30m reach its 4h target at 15:30. With 30m more until the
        // second pend, 2h30m on Monday and 1h15m after the reopen, the clock stops at 8h15m.
        ServiceLevelReading reading = readAllAt(history(), amsterdam("2025-04-03T09:00"));

        ClockReading resolution = reading.resolution();
        assertThat(resolution.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(resolution.elapsed()).isEqualTo(Duration.ofMinutes(8 * 60 + 15));
        assertThat(resolution.outcome()).isEqualTo(ClockOutcome.BREACHED);
        assertThat(resolution.warningAt()).isEqualTo(amsterdam("2025-03-28T15:00"));
        assertThat(resolution.breachAt()).isEqualTo(amsterdam("2025-03-28T15:30"));

        // Response: 15m on Thursday from 16:45 and 1h on Friday until 10:00, against 2h for P3 at acceptance. The
        // later upgrade does not judge the stopped clock again.
        ClockReading response = reading.response();
        assertThat(response.elapsed()).isEqualTo(Duration.ofMinutes(75));
        assertThat(response.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(response.target()).isEqualTo(Duration.ofHours(2));

        // Network stint: the same 1h15m as the response clock, MET. Desk stint from the reassignment at Fri 14:00:
        // 1h at the P1 upgrade is past the 15m target, so it warns and breaches at Fri 15:00. Pends do not stop a
        // stint, so it runs until the resolution: 3h on Friday and 3h on Monday. The reopen on Wednesday at 10:00
        // puts the incident back into the network group's queue: a third stint, resolved at 11:15 after 1h15m,
        // past P1's 15 minutes, so it warned at 10:11:15 and breached at 10:15.
        assertThat(reading.stints()).extracting(StintReading::group)
                .containsExactly("network", "service-desk", "network");
        StintReading network = reading.stints().get(0);
        assertThat(network.elapsed()).isEqualTo(Duration.ofMinutes(75));
        assertThat(network.outcome()).isEqualTo(StintOutcome.MET);
        StintReading desk = reading.stints().get(1);
        assertThat(desk.startedAt()).isEqualTo(amsterdam("2025-03-28T14:00"));
        assertThat(desk.target()).isEqualTo(Duration.ofMinutes(15));
        assertThat(desk.warningAt()).isEqualTo(amsterdam("2025-03-28T15:00"));
        assertThat(desk.breachAt()).isEqualTo(amsterdam("2025-03-28T15:00"));
        assertThat(desk.endedAt()).isEqualTo(amsterdam("2025-03-31T12:00"));
        assertThat(desk.elapsed()).isEqualTo(Duration.ofHours(6));
        assertThat(desk.outcome()).isEqualTo(StintOutcome.BREACHED);
        StintReading afterReopen = reading.stints().get(2);
        assertThat(afterReopen.startedAt()).isEqualTo(amsterdam("2025-04-02T10:00"));
        assertThat(afterReopen.warningAt()).isEqualTo(amsterdam("2025-04-02T10:11:15"));
        assertThat(afterReopen.breachAt()).isEqualTo(amsterdam("2025-04-02T10:15"));
        assertThat(afterReopen.endedAt()).isEqualTo(amsterdam("2025-04-02T11:15"));
        assertThat(afterReopen.elapsed()).isEqualTo(Duration.ofMinutes(75));
        assertThat(afterReopen.outcome()).isEqualTo(StintOutcome.BREACHED);
    }
}
