package dev.incidents.query.testing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;

/**
 * Business calendars, service level policies and their events for the query-side tests, appended to an
 * {@link EventStoreTables} as the command side's calendar and policy aggregates store them.
 */
public final class TestServiceLevels {

    public static final Actor ADMIN = Actor.of("adam", null);

    private TestServiceLevels() {
    }

    /** Returns a calendar open Monday to Friday during {@code interval}, closed on {@code holidays}. */
    public static BusinessCalendar weekdays(String zone, String interval, String... holidays) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(OpeningInterval.parse(interval)));
        }
        return BusinessCalendar.of(zone, hours, List.of(holidays));
    }

    /**
     * Returns a policy whose targets are {@code response} and {@code resolution} for P3 and fixed, unrelated
     * values for the other priorities.
     */
    public static ServiceLevelPolicy policy(String id, int version, Instant effectiveFrom, Duration response,
                                            Duration resolution) {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P1_CRITICAL, new ServiceLevelTargets(Duration.ofMinutes(15), Duration.ofHours(2)));
        targets.put(Priority.P2_HIGH, new ServiceLevelTargets(Duration.ofMinutes(30), Duration.ofHours(3)));
        targets.put(Priority.P3_MODERATE, new ServiceLevelTargets(response, resolution));
        targets.put(Priority.P4_LOW, new ServiceLevelTargets(Duration.ofHours(4), Duration.ofHours(24)));
        targets.put(Priority.P5_PLANNING, new ServiceLevelTargets(Duration.ofHours(8), Duration.ofHours(80)));
        return new ServiceLevelPolicy(id, version, effectiveFrom, targets);
    }

    public static void saveCalendar(EventStoreTables events, String id, int version, BusinessCalendar calendar,
                                    Instant at) {
        events.append("BusinessCalendar", id, new BusinessCalendarSaved(id, version, calendar, ADMIN, at), at);
    }

    public static void publishPolicy(EventStoreTables events, ServiceLevelPolicy policy, String calendarId,
                                     Instant at) {
        events.append("ServiceLevelPolicy", policy.id(),
                new ServiceLevelPolicyPublished(policy, calendarId, Map.of(), ADMIN, at), at);
    }

    /**
     * Returns the report of a P3 incident (impact and urgency MEDIUM) owned by the service desk, judged by
     * {@code terms}, which may be null for an incident reported before service levels existed.
     */
    public static IncidentReported reportedP3(String id, String category, ServiceLevelTerms terms, Instant at) {
        return new IncidentReported(new IncidentId(id), "Mail server rejects attachments", "Since this morning",
                new UserId("rita"), category, Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE,
                new SupportGroupId(TestEvents.SERVICE_DESK), terms, TestEvents.DESK_ANALYST, at);
    }

    public static ServiceLevelTerms terms(ServiceLevelPolicy policy, String calendarId, int calendarVersion,
                                          BusinessCalendar calendar) {
        return new ServiceLevelTerms(policy, new NamedCalendar(calendarId, calendarVersion, calendar), Map.of());
    }
}
